import type { FastifyInstance } from 'fastify';
import type { OnestopLink } from '../onestop/link.js';
import type { StaffDirectory } from '../staff/users.js';
import { McError } from '../../protocol/errors.js';
import { requireStaff } from './auth.js';
import { errorSchema } from './errors.js';
import { catalogAnswer, dossierAnswer, linkAnswer, parkedAnswer, retryAnswer } from './responses.js';

const LOOKUPS_PER_MINUTE = 10;

import { LEVEL_KINDS, withLevelKind, type LevelKind } from '../onestop/levels.js';
/** Procedures (catalog), dossier status by code (rate-limited against enumeration), and the link's state. */
export interface OnestopDeps { clock: () => number; link: OnestopLink; staff: StaffDirectory }

/** (A Fastify plugin.) */
export async function onestopRoutes(app: FastifyInstance, hub: OnestopDeps): Promise<void> {
  const recent = new Map<string, number[]>();

  app.get<{ Querystring: { q?: string; field?: string; level?: LevelKind } }>('/api/catalog', {
    schema: { tags: ['public'], summary: 'Procedures in force, searchable without diacritics; cached for offline use',
      querystring: { type: 'object', additionalProperties: false, properties: { q: { type: 'string', maxLength: 100 }, field: { type: 'string', maxLength: 32 }, level: { type: 'string', enum: [...LEVEL_KINDS] } } },
      response: { 200: catalogAnswer, 503: errorSchema } },
  }, async (req) => {
    const cat = await hub.link.cache.getCatalog();
    const q = req.query.q?.trim() ?? '';
    const found = q || req.query.field ? hub.link.cache.searchProcedures(q, req.query.field) : cat.catalog.procedures.filter((p) => p.inForce);
    const procedures = found.map(withLevelKind).filter((p) => !req.query.level || p.levelKind === req.query.level);
    return { version: cat.catalog.version, publishedAt: cat.catalog.publishedAt, cached: cat.cached, ageMs: cat.ageMs, procedures };
  });

  app.get<{ Params: { code: string } }>('/api/dossiers/:code', {
    schema: { tags: ['public'], summary: 'A dossier\'s status by its Mã số hồ sơ (no personal data); limited per address',
      params: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9._/-]+$' } } },
      response: { 200: dossierAnswer, 404: errorSchema, 429: errorSchema, 503: errorSchema } },
  }, async (req) => {
    const now = hub.clock();
    const key = req.ip;
    const times = (recent.get(key) ?? []).filter((t) => t > now - 60_000);
    if (times.length >= LOOKUPS_PER_MINUTE) throw new McError('MC_ERR_RATE_LIMITED');
    recent.set(key, [...times, now]);
    const r = await hub.link.cache.lookupDossier(req.params.code);
    if (!r) throw new McError('MC_ERR_UNKNOWN_DOSSIER');
    return r;
  });

  app.get('/api/link', { onRequest: requireStaff(hub.staff, ['technician', 'manager']), schema: { tags: ['admin'], summary: 'State of the link to the provincial system', response: { 200: linkAnswer, 401: errorSchema, 403: errorSchema } } },
    async () => hub.link.status());
  app.get('/api/link/parked', { onRequest: requireStaff(hub.staff, ['technician', 'manager']), schema: { tags: ['admin'], summary: 'Events the provincial system refused for good (set aside, oldest first, at most 100)', response: { 200: parkedAnswer, 401: errorSchema, 403: errorSchema } } },
    async () => ({ total: hub.link.status().parked, events: hub.link.parkedRows(100) }));
  app.post('/api/link/parked/retry', { onRequest: requireStaff(hub.staff, ['technician']), schema: { tags: ['admin'], summary: 'Put the parked events back in line (after the provincial system was fixed)', response: { 200: retryAnswer, 401: errorSchema, 403: errorSchema } } },
    async (req) => {
      const n = hub.link.retryParked();
      hub.staff.audit(req.staff?.username ?? '?', 'link.retry_parked', { events: n });
      return { requeued: n };
    });
}
