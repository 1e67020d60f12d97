import type { FastifyInstance } from 'fastify';
import type { Hub } from '../app.js';
import { fieldOpenState, officeOpenState } from '../queue/field-calendar.js';
import { errorSchema } from './errors.js';

const anyObject = { type: 'object', additionalProperties: true } as const;

/** Routes anyone on the office network may call: health, office facts, a ticket's live position. */
export function publicRoutes(app: FastifyInstance, hub: Hub): void {
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

  app.get('/api/office', { schema: { tags: ['public'], summary: 'Public facts of the office (fields, counters, hours, rating scale)', response: { 200: anyObject } } }, async () => {
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

  app.get('/api/queue', { schema: { tags: ['public'], summary: 'People waiting and expected minutes per field', response: { 200: anyObject } } },
    async () => ({ fields: hub.queue.fieldWaits() }));

  app.get<{ Params: { id: string } }>('/api/tickets/:id', {
    schema: { tags: ['public'], summary: 'A ticket\'s live position (the page behind its QR code)',
      params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 64, pattern: '^[0-9a-z_-]+$' } } },
      response: { 200: anyObject, 404: errorSchema } },
  }, async (req) => hub.queue.ticketView(req.params.id));

  app.get('/api/state/hall', { schema: { tags: ['public'], summary: 'The hall display state (same as the retained MQTT message)', response: { 200: anyObject } } },
    async () => hub.publisher.hallState());
}
