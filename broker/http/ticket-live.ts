/**
 * The citizen's live ticket page, by the ticket's reference `{id}.{token}` (no login; the token is the signature):
 * a read-only server-sent event stream of the ticket's public view, the opt-in for messages (a phone number, kept
 * until keepPhoneDays after the ticket's day), and the rating of the service from the phone, counted once, through
 * the same queue command and table as the rating pads.
 */
import type { FastifyInstance } from 'fastify';
import type { OfficeConfig } from '../../config/types.js';
import { McError, isMcError } from '../../protocol/errors.js';
import type { Messages } from '../messages/service.js';
import type { QueueService } from '../queue/service.js';
import type { TicketRefs } from '../queue/ticket-ref.js';
import { isOpen, type Ticket } from '../queue/types.js';
import { errorSchema } from './errors.js';
import { obj } from './responses.js';
import type { TicketStreams } from './ticket-streams.js';

export interface TicketLiveDeps {
  clock: () => number;
  queue: Pick<QueueService, 'ticket' | 'ticketView' | 'submit' | 'snapshot' | 'config'>;
  ticketRefs: Pick<TicketRefs, 'idOf'>;
  messages: Pick<Messages, 'enabled' | 'subscribe' | 'unsubscribe' | 'subscription'>;
  streams: TicketStreams;
}

/** Whether the phone may rate this ticket now, and for how many more seconds. */
export function phoneRating(t: Ticket, cfg: OfficeConfig, now: number): { rated: boolean; open: boolean; forS: number } | null {
  if (t.status !== 'done' || !t.finishedAt || !t.counterId) return null;
  const until = t.finishedAt + cfg.rating.phoneWindowMinutes * 60_000;
  return { rated: t.rating !== null, open: t.rating === null && now <= until, forS: Math.max(0, Math.round((until - now) / 1000)) };
}

/** What anyone holding the ticket sees: number, status, place and wait, and what the page may offer (never the clerk, outcome or dossier). */
export function liveView(d: Pick<TicketLiveDeps, 'clock' | 'queue' | 'messages'>, id: string): Record<string, unknown> {
  const v = d.queue.ticketView(id);
  const t = d.queue.ticket(id) as Ticket;
  const { number, fieldId, fieldName, status, counterNumber, estimate, counters, paper, fieldOpen, rated } = v;
  return { id, number, fieldId, fieldName, status, counterNumber, estimate, counters, paper, fieldOpen, rated,
    messages: { offered: d.messages.enabled && isOpen(t), phone: d.messages.subscription(id), keepDays: d.queue.config.messages.keepPhoneDays },
    rating: phoneRating(t, d.queue.config, d.clock()) };
}

const refParams = { type: 'object', additionalProperties: false, required: ['ref'], properties: { ref: { type: 'string', maxLength: 96, pattern: '^[0-9A-Za-z._-]+$' } } };
const phoneBody = { type: 'object', additionalProperties: false, required: ['phone'], properties: { phone: { type: 'string', maxLength: 32 }, lang: { type: 'string', enum: ['vi', 'en'] } } };
const ratingBody = { type: 'object', additionalProperties: false, required: ['level'], properties: { level: { type: 'string', maxLength: 32 }, reason: { type: ['string', 'null'], maxLength: 200 } } };

/** Routes of the live ticket page (a Fastify plugin). */
export async function ticketLiveRoutes(app: FastifyInstance, d: TicketLiveDeps): Promise<void> {
  const idOf = (ref: string): string => {
    const id = d.ticketRefs.idOf(ref);
    if (!id || !d.queue.ticket(id)) throw new McError('MC_ERR_UNKNOWN_TICKET'); // the same answer whether the id exists or not
    return id;
  };
  app.addHook('preClose', async () => d.streams.closeAll());

  app.get<{ Params: { ref: string } }>('/api/tickets/:ref/events', {
    schema: { tags: ['public'], summary: 'Server-sent events of one ticket (read-only): `event: ticket` with its public view, at once and whenever it changes',
      params: refParams, response: { 200: { type: 'string', description: 'text/event-stream: `event: ticket` + `data: {the public view, as GET /api/tickets/{ref}}`' }, 404: errorSchema, 503: errorSchema } },
  }, async (req, reply) => {
    const id = idOf(req.params.ref);
    if (!d.streams.canOpen()) throw new McError('MC_ERR_STREAMS_FULL');
    reply.hijack();
    d.streams.open(id, reply.raw);
    return reply;
  });

  app.post<{ Params: { ref: string }; Body: { phone: string; lang?: string } }>('/api/tickets/:ref/messages', {
    schema: { tags: ['public'], summary: 'Ask for messages for this ticket ("N people before you", the call) on this Vietnamese mobile number',
      params: refParams, body: phoneBody, response: { 200: obj({ ok: { type: 'boolean' }, phone: { type: 'string' } }), '4xx': errorSchema } },
  }, async (req) => {
    const id = idOf(req.params.ref);
    const t = d.queue.ticket(id) as Ticket;
    if (!isOpen(t)) throw new McError('MC_ERR_TICKET_FINISHED');
    const r = d.messages.subscribe(id, t.day, req.body.phone, req.body.lang ?? 'vi', d.queue.snapshot);
    d.streams.changed();
    return { ok: true, phone: r.phone };
  });

  app.delete<{ Params: { ref: string } }>('/api/tickets/:ref/messages', {
    schema: { tags: ['public'], summary: 'Stop the messages of this ticket and erase its phone number now', params: refParams, response: { 200: obj({ ok: { type: 'boolean' } }), 404: errorSchema } },
  }, async (req) => {
    d.messages.unsubscribe(idOf(req.params.ref));
    d.streams.changed();
    return { ok: true };
  });

  app.post<{ Params: { ref: string }; Body: { level: string; reason?: string | null } }>('/api/tickets/:ref/rating', {
    schema: { tags: ['public'], summary: 'Rate the service of this ticket from the phone (the office\'s scale, once; the same ratings as the pads)',
      params: refParams, body: ratingBody, response: { 200: obj({ ok: { type: 'boolean' }, level: { type: 'string' } }), '4xx': errorSchema } },
  }, async (req) => {
    const id = idOf(req.params.ref);
    try {
      await d.queue.submit({ op: 'rate', ticketId: id, level: req.body.level, reason: req.body.reason ?? null, source: 'phone',
        windowSeconds: d.queue.config.rating.phoneWindowMinutes * 60 }, { source: 'phone' });
    } catch (e) {
      if (isMcError(e) && e.code === 'MC_ERR_ALREADY_RATED') throw new McError('MC_ERR_ALREADY_RATED', undefined, undefined, 'Mỗi lượt phục vụ chỉ được đánh giá một lần. Xin cảm ơn quý vị.');
      throw e;
    }
    d.streams.changed();
    return { ok: true, level: req.body.level };
  });
}
