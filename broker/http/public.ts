import type { FastifyInstance } from 'fastify';
import type { QueueService } from '../queue/service.js';
import type { StatePublisher } from '../hub/publisher.js';
import { fieldOpenState, officeOpenState } from '../queue/field-calendar.js';
import { errorSchema } from './errors.js';
import { McError } from '../../protocol/errors.js';
import type { CallMessage } from '../../protocol/messages.js';
import type { StaffDirectory } from '../staff/users.js';
import type { TicketRefs } from '../queue/ticket-ref.js';
import { SESSION_COOKIE } from './auth.js';
import { hallAnswer, obj, officeAnswer, queueAnswer, ticketView, waitForecast } from './responses.js';

/** What the public routes use of the hub. */
export interface PublicDeps {
  clock: () => number; queue: QueueService; publisher: Pick<StatePublisher, 'hallState'>; health: (detailed: boolean) => Record<string, unknown>;
  staff: Pick<StaffDirectory, 'session'>; ticketRefs: Pick<TicketRefs, 'idOf'>;
  /** A ticket's public view (broker/http/ticket-live.ts liveView): what its holder's page shows. */
  liveView: (id: string) => Record<string, unknown>;
}

/** What anyone holding the ticket's reference sees. */
const publicTicketView = obj({ id: { type: 'string' }, number: { type: 'string' }, fieldId: { type: 'string' }, fieldName: { type: 'string' }, status: { type: 'string' } },
  { counterNumber: { type: ['integer', 'null'] }, estimate: { type: ['object', 'null'], additionalProperties: true, properties: { ahead: { type: 'integer' }, ...waitForecast } }, counters: { type: 'array' },
    paper: { type: ['object', 'null'], additionalProperties: true, description: 'the field\'s paper cut-off, when it has passed' },
    fieldOpen: { type: 'object', additionalProperties: true, description: 'whether the field is open now, and when it opens next' },
    rated: { type: 'boolean', description: 'whether its service has been rated (once per service)' },
    messages: { type: 'object', additionalProperties: true, description: 'whether the page may offer messages, and the masked phone they go to' },
    rating: { type: ['object', 'null'], additionalProperties: true, description: 'after the service: whether the phone may rate it now (open, forS seconds left) or already did (rated)' } }, 'A ticket\'s public view');
/** By reference: the public view; by id with a staff login: the whole view (every other property). */
const ticketAnswer = { ...publicTicketView, properties: { ...(ticketView.properties as object), ...(publicTicketView.properties as object) } };
const recentCalls = obj({ calls: { type: 'array', items: obj({ ticketId: { type: 'string' }, number: { type: 'string' }, counterNumber: { type: 'integer' }, at: { type: 'number' }, kind: { type: 'string' }, done: { type: 'boolean' }, rated: { type: 'boolean' } }) } });

/** Routes anyone on the office network may call: health, office facts, a ticket's live position (a Fastify plugin). */
export async function publicRoutes(app: FastifyInstance, hub: PublicDeps): Promise<void> {
  app.get('/api/health', {
    schema: { tags: ['hub'], summary: 'Hub health', response: { 200: {
      type: 'object', additionalProperties: false, required: ['status', 'version', 'uptimeS'],
      properties: {
        status: { type: 'string', enum: ['ok', 'degraded'] }, version: { type: 'string' }, uptimeS: { type: 'number' }, office: { type: 'string' },
        database: { type: 'object', additionalProperties: false, properties: { ok: { type: 'boolean' }, file: { type: 'string' }, schemaVersion: { type: 'integer' } } },
        broker: { type: 'object', additionalProperties: false, properties: { ok: { type: 'boolean' }, mode: { type: 'string' }, url: { type: 'string' }, clients: { type: 'integer' } } },
      } } } },
  }, async (req) => {
    const s = hub.staff.session(req.cookies[SESSION_COOKIE]);
    return hub.health(s !== null && s.role !== 'clerk');
  });

  app.get('/api/time', {
    schema: { tags: ['public'], summary: 'The hub\'s clock: pages read ages, countdowns and the displayed time from it, never from their own clock',
      response: { 200: { type: 'object', additionalProperties: false, required: ['now', 'timezone'],
        properties: { now: { type: 'number', description: 'ms since the epoch, hub clock' }, timezone: { type: 'string' } } } } },
  }, async (_req, reply) => { reply.header('cache-control', 'no-store'); return { now: hub.clock(), timezone: hub.queue.config.office.timezone }; });

  app.get('/api/office', { schema: { tags: ['public'], summary: 'Public facts of the office (fields, counters, hours, rating scale)', response: { 200: officeAnswer } } }, async () => {
    const cfg = hub.queue.config;
    const now = hub.clock();
    return {
      office: cfg.office, open: officeOpenState(now, cfg), calendar: cfg.calendar, priorityMode: cfg.queue.priorityMode,
      fields: cfg.fields.filter((f) => !f.hidden).map((f) => ({ id: f.id, name: f.name, nameEn: f.nameEn })),
      fieldsOpen: Object.fromEntries(cfg.fields.filter((f) => !f.hidden).map((f) => [f.id, fieldOpenState(now, cfg, f.id)])),
      counters: cfg.counters.map((c) => ({ id: c.id, number: c.number, name: c.name, fields: c.fields, priority: c.priority, guidance: c.guidance })),
      rating: { levels: cfg.rating.levels, reasons: cfg.rating.reasons }, texts: cfg.texts, voice: cfg.voice, onestopLabel: cfg.onestop.label, dossierCodePattern: cfg.onestop.dossierCodePattern,
    };
  });

  app.get('/api/queue', { schema: { tags: ['public'], summary: 'People waiting and expected minutes per field', response: { 200: queueAnswer } } },
    async () => ({ fields: hub.queue.fieldWaits() }));

  app.get<{ Params: { id: string } }>('/api/tickets/:id', {
    schema: { tags: ['public'], summary: 'A ticket\'s live position (the page behind its QR code): number, status, place and wait, by its public reference `{id}.{token}`; '
      + 'by its id with a staff login, everything',
      params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 96, pattern: '^[0-9A-Za-z._-]+$' } } },
      response: { 200: ticketAnswer, 404: errorSchema } },
  }, async (req) => {
    const id = hub.ticketRefs.idOf(req.params.id);
    if (id && hub.queue.ticket(id)) return hub.liveView(id);
    if (hub.staff.session(req.cookies[SESSION_COOKIE])) return hub.queue.ticketView(req.params.id);
    throw new McError('MC_ERR_UNKNOWN_TICKET'); // the same answer whether the id exists or not
  });

  app.get('/api/calls/recent', { schema: { tags: ['public'], summary: 'The last calls the hall display shows, each with whether its service is finished (the rating station lists those) and already rated',
    response: { 200: recentCalls } } }, async () => {
    const recent = (hub.publisher.hallState().recent ?? []) as CallMessage[];
    return { calls: recent.map((c) => {
      const t = hub.queue.ticket(c.ticketId);
      return { ticketId: c.ticketId, number: c.number, counterNumber: c.counterNumber, at: c.at, kind: c.kind, done: t?.status === 'done', rated: (t?.rating ?? null) !== null };
    }) };
  });

  app.get('/api/state/hall', { schema: { tags: ['public'], summary: 'The hall display state (same as the retained MQTT message)', response: { 200: hallAnswer } } },
    async () => hub.publisher.hallState());
}
