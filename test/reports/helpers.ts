import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { liveView } from '../../broker/http/ticket-live.js';
import { installErrorHandler } from '../../broker/http/errors.js';
import { metricsRoutes } from '../../broker/http/metrics.js';
import { publicRoutes } from '../../broker/http/public.js';
import { reportRoutes } from '../../broker/http/reports.js';
import { staffRoutes } from '../../broker/http/staff.js';
import { webRoutes } from '../../broker/http/web.js';
import type { Command } from '../../broker/queue/types.js';
import type { TestHub } from '../helpers/hub.js';

/**
 * The hub's address for report and metrics routes. Until the lead wires reportRoutes/metricsRoutes into
 * broker/app.ts, serve them (with login, public API and pages) from a second Fastify on a free loopback port,
 * bound to the same running hub.
 */
export async function reportsUrl(th: TestHub): Promise<{ url: string; close: () => Promise<void> }> {
  if (th.hub.http.hasRoute({ method: 'GET', url: '/api/reports' })) return { url: th.url, close: async () => undefined };
  const app = Fastify();
  await app.register(fastifyCookie);
  installErrorHandler(app);
  // the hub has every part these route plugins use
  await app.register(publicRoutes, { clock: th.hub.clock, queue: th.hub.queue, publisher: th.hub.publisher, health: (d) => th.hub.health(d), staff: th.hub.staff, ticketRefs: th.hub.ticketRefs,
    liveView: (id) => liveView(th.hub, id) });
  await app.register(staffRoutes, th.hub);
  await app.register(reportRoutes, th.hub);
  await app.register(metricsRoutes, th.hub);
  await app.register(webRoutes);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, close: () => app.close() };
}

/** Run queue commands at given local times (Asia/Ho_Chi_Minh), as the clerk console and devices would. */
export function driver(th: TestHub, clock: { set: (t: string | number) => void }) {
  const at = (day: string, hhmm: string) => clock.set(`${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+07:00`);
  const run = (cmd: Command) => th.hub.queue.execute(cmd, { source: 'test' });
  return {
    at,
    run,
    issue: (fieldId: string, awaitPrint = false): string => String(run({ op: 'issue', fieldId, source: 'test', awaitPrint }).ticket?.id),
    next: (counterId: string): string => String(run({ op: 'next', counterId }).ticket?.id),
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login failed ${r.status}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A running hub with the report routes, a manager account `truongbp` / `matkhau-123`, and a command driver. */
export async function reportsRig(t: { teardown: (f: () => unknown) => void }, start: string | number) {
  const { startHub, testClock } = await import('../helpers/hub.js');
  const clock = testClock(start);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const srv = await reportsUrl(th);
  t.teardown(srv.close);
  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  return { clock, th, srv, d: driver(th, clock) };
}
