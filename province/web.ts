/**
 * The province's pages and their API: staff login (roles for the whole province or one center), one screen of
 * every office, quality figures per center / office / field / clerk over a period, CSV export. The hub's security
 * headers and cross-site checks (broker/http/security.ts) and error answers (broker/http/errors.ts).
 */
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McError } from '../protocol/errors.js';
import { installErrorHandler } from '../broker/http/errors.js';
import { installSecurity } from '../broker/http/security.js';
import { bundleApp } from '../broker/http/web.js';
import { ROOT } from '../broker/paths.js';
import { ProvinceAuth, type ProvinceStaff } from './auth.js';
import type { Pool } from './db.js';
import type { IngestStats } from './ingest.js';
import { officesView, quality, qualityCsv, type GroupBy } from './quality.js';

export const PROVINCE_COOKIE = 'mcp_session';

export interface WebDeps {
  db: Pool;
  clock: () => number;
  /** Figures of this instance's consumer, for the province's own staff. */
  stats?: () => IngestStats;
  publicUrl?: string;
  dissatisfied?: string[];
  skewToleranceMs?: number;
  trustProxy?: boolean;
}

const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const qualityQuery = {
  type: 'object', additionalProperties: false, required: ['from', 'to'],
  properties: { from: { type: 'string', pattern: DAY }, to: { type: 'string', pattern: DAY }, by: { type: 'string', enum: ['center', 'office', 'field', 'clerk'], default: 'center' },
    target: { type: 'integer', minimum: 1, maximum: 600, default: 30 }, center: { type: 'string', maxLength: 100 } },
} as const;
interface QualityQ { from: string; to: string; by: GroupBy; target: number; center?: string }

declare module 'fastify' { interface FastifyRequest { provinceStaff?: ProvinceStaff } }

export async function buildProvinceWeb(d: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: d.trustProxy ?? false, bodyLimit: 16 * 1024 });
  await app.register(fastifyCookie);
  installSecurity(app, () => d.publicUrl ?? '');
  installErrorHandler(app);
  const auth = new ProvinceAuth(d.db, d.clock);

  const signedIn = async (req: FastifyRequest): Promise<void> => {
    const s = await auth.session(req.cookies[PROVINCE_COOKIE]);
    if (!s) throw new McError('MC_ERR_UNAUTHORIZED');
    req.provinceStaff = s;
  };
  /** A center's staff see their center only, whatever they ask for. */
  const scopeOf = (req: FastifyRequest, center?: string): { centerId: string | null } => {
    const s = req.provinceStaff as ProvinceStaff;
    if (s.role === 'center') {
      if (center && center !== s.centerId) throw new McError('MC_ERR_FORBIDDEN', `center ${center}`);
      return { centerId: s.centerId };
    }
    return { centerId: center ?? null };
  };

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    schema: { body: { type: 'object', additionalProperties: false, required: ['username', 'password'], properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 200 } } } },
  }, async (req, reply) => {
    const r = await auth.login(req.body.username, req.body.password, req.ip);
    reply.setCookie(PROVINCE_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: r.maxAgeS, secure: req.protocol === 'https' });
    return { user: r.staff, now: d.clock() };
  });
  app.post('/api/auth/logout', async (req, reply) => {
    await auth.logout(req.cookies[PROVINCE_COOKIE]);
    reply.clearCookie(PROVINCE_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/auth/me', { onRequest: signedIn }, async (req) => ({ user: req.provinceStaff, now: d.clock() }));

  app.get<{ Querystring: { center?: string } }>('/api/offices', { onRequest: signedIn, schema: { querystring: { type: 'object', additionalProperties: false, properties: { center: { type: 'string', maxLength: 100 } } } } },
    async (req) => {
      const offices = await officesView(d.db, scopeOf(req, req.query.center), d.skewToleranceMs);
      const s = req.provinceStaff as ProvinceStaff;
      return { now: d.clock(), offices, ingest: s.role === 'province' ? d.stats?.() ?? null : null };
    });

  const figures = async (req: FastifyRequest<{ Querystring: QualityQ }>) => {
    const q = req.query;
    if (q.from > q.to) throw new McError('MC_ERR_BAD_REQUEST', 'from > to');
    return quality(d.db, scopeOf(req, q.center), { from: q.from, to: q.to, by: q.by, targetMin: q.target, dissatisfied: d.dissatisfied ?? ['unsatisfied'] });
  };
  app.get<{ Querystring: QualityQ }>('/api/quality', { onRequest: signedIn, schema: { querystring: qualityQuery } }, async (req) => ({ now: d.clock(), rows: await figures(req) }));
  app.get<{ Querystring: QualityQ }>('/api/quality.csv', { onRequest: signedIn, schema: { querystring: qualityQuery } }, async (req, reply) => {
    const rows = await figures(req);
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="chat-luong-${req.query.by}-${req.query.from}-${req.query.to}.csv"`)
      .send(qualityCsv(rows, req.query.by, req.query.target));
  });

  // the page: one HTML file and its bundled script (no inline script: the CSP allows scripts from the site only)
  const out = mkdtempSync(join(tmpdir(), 'motcua-province-web-'));
  let js: Buffer;
  try { js = (await bundleApp('province/web', out)).get('tinh.js') ?? Buffer.from(''); } finally { rmSync(out, { recursive: true, force: true }); }
  const html = readFileSync(join(ROOT, 'province', 'web', 'tinh.html'));
  const page = (reply: FastifyReply, body: Buffer, type: string) => reply.header('content-type', type).header('cache-control', 'no-cache').send(body);
  app.get('/', async (_req, reply) => reply.redirect('/tinh'));
  app.get('/tinh', async (_req, reply) => page(reply, html, 'text/html; charset=utf-8'));
  app.get('/tinh.js', async (_req, reply) => page(reply, js, 'text/javascript; charset=utf-8'));
  app.get('/api/health', async () => ({ ok: true, now: d.clock() }));
  return app;
}
