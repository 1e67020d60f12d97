import type { FastifyInstance } from 'fastify';
import type { QueueService } from '../queue/service.js';
import type { StatePublisher } from '../hub/publisher.js';
import { openState } from '../queue/calendar.js';
import { calendarOf } from '../queue/core.js';
import { errorSchema } from './errors.js';
import { hallAnswer, officeAnswer, queueAnswer, ticketView } from './responses.js';


/** What the public routes use of the hub. */
export interface PublicDeps { clock: () => number; queue: QueueService; publisher: Pick<StatePublisher, 'hallState'>; health: () => Record<string, unknown> }

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
  }, async () => hub.health());

  app.get('/api/time', {
    schema: { tags: ['public'], summary: 'The hub\'s clock: pages read ages, countdowns and the displayed time from it, never from their own clock',
      response: { 200: { type: 'object', additionalProperties: false, required: ['now', 'timezone'],
        properties: { now: { type: 'number', description: 'ms since the epoch, hub clock' }, timezone: { type: 'string' } } } } },
  }, async (_req, reply) => { reply.header('cache-control', 'no-store'); return { now: hub.clock(), timezone: hub.queue.config.office.timezone }; });

  app.get('/api/office', { schema: { tags: ['public'], summary: 'Public facts of the office (fields, counters, hours, rating scale)', response: { 200: officeAnswer } } }, async () => {
    const cfg = hub.queue.config;
    return {
      office: cfg.office, open: openState(hub.clock(), calendarOf(cfg)), calendar: cfg.calendar, priorityMode: cfg.queue.priorityMode,
      fields: cfg.fields.filter((f) => !f.hidden).map((f) => ({ id: f.id, name: f.name, nameEn: f.nameEn })),
      counters: cfg.counters.map((c) => ({ id: c.id, number: c.number, name: c.name, fields: c.fields, priority: c.priority, guidance: c.guidance })),
      rating: { levels: cfg.rating.levels, reasons: cfg.rating.reasons }, texts: cfg.texts, voice: cfg.voice, onestopLabel: cfg.onestop.label,
    };
  });

  app.get('/api/queue', { schema: { tags: ['public'], summary: 'People waiting and expected minutes per field', response: { 200: queueAnswer } } },
    async () => ({ fields: hub.queue.fieldWaits() }));

  app.get<{ Params: { id: string } }>('/api/tickets/:id', {
    schema: { tags: ['public'], summary: 'A ticket\'s live position (the page behind its QR code)',
      params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 64, pattern: '^[0-9a-z_-]+$' } } },
      response: { 200: ticketView, 404: errorSchema } },
  }, async (req) => hub.queue.ticketView(req.params.id));

  app.get('/api/state/hall', { schema: { tags: ['public'], summary: 'The hall display state (same as the retained MQTT message)', response: { 200: hallAnswer } } },
    async () => hub.publisher.hallState());
}
