/**
 * Outage: the provincial system answers 503, then hangs, then is slow, while the office keeps issuing, calling and
 * finishing tickets (and the hub is restarted in the middle); once it is back, every event arrives once, in order.
 */
import t from 'tap';
import { rmSync } from 'node:fs';
import type { Forwarder } from '../../broker/onestop/forwarder.js';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { DISTRICT_EXAMPLE, startHub, tempDir, testConfig, type TestHub } from '../helpers/hub.js';
import { until } from '../onestop/helpers.js';
import { movingClock } from './load.js';

/** A stretch of office work: issue, call, finish. */
function work(th: TestHub, n: number): void {
  const q = th.hub.queue;
  for (let i = 0; i < n; i++) {
    q.execute({ op: 'issue', fieldId: i % 2 ? 'hotich' : 'datdai', source: 'disp-1', awaitPrint: false }, { source: 'disp-1', requestId: `w-${Date.now()}-${i}` });
    if (i % 3 === 2) {
      for (const c of ['q1', 'q2']) {
        try { q.execute({ op: 'next', counterId: c }, { source: 'keypad' }); q.execute({ op: 'finish', counterId: c, outcome: 'guidance' }, { source: 'keypad' }); } catch { /* nobody waiting there */ }
      }
    }
  }
}

function failures(f: Forwarder, n: number, what: string): Promise<void> {
  let seen = 0;
  const on = () => { seen++; };
  f.on('failed', on);
  return until(f, ['failed'], () => seen >= n, 30_000, what).finally(() => f.off('failed', on));
}

t.test('the province down, hanging, slow, then back: every event delivered once, in order', async (t) => {
  const sim = await startOnestopSim({ slowMs: 150 });
  const dir = tempDir('motcua-outage-');
  const cfg = () => testConfig(DISTRICT_EXAMPLE, (c) => { c.onestop.url = sim.url; c.onestop.timeoutMs = 400; c.onestop.batchSize = 25; });
  const clock = movingClock();
  let th = await startHub({ dir, cfg: cfg(), clock });
  t.teardown(async () => { await th.stop(); await sim.close(); rmSync(dir, { recursive: true, force: true }); });
  th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  th.hub.queue.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' }, { source: 't' });
  const fwd = () => th.hub.link.forwarder as Forwarder;

  sim.mode = 'fail';
  const down = failures(fwd(), 2, '503 answers');
  work(th, 60);
  await down;
  t.equal(sim.eventCount, 0, 'nothing is stored while the province answers 503');
  t.match(th.hub.link.status(), { configured: true, lastError: /503/ }, 'the link shows the error');

  sim.mode = 'hang';
  const hung = failures(fwd(), 1, 'a timeout against a hanging province');
  work(th, 60);
  await hung;
  t.match(th.hub.link.status().lastError, /no answer|timeout|abort/i, 'a hanging province is given up on after the timeout');
  const backlog = th.hub.link.status().backlog;
  t.ok(backlog > 150, `the backlog waits in the outbox (${backlog} events)`);

  // the hub restarts in the middle of the outage: the backlog is on disk
  await th.hub.stop();
  th = await startHub({ dir, cfg: cfg(), clock });
  t.equal(th.hub.link.status().backlog, backlog, 'after a restart the backlog is still there');
  const hung2 = failures(fwd(), 1, 'still hanging after the restart');
  await hung2;
  work(th, 30);

  sim.mode = 'slow';
  await until(sim, ['received'], () => sim.eventCount > 0, 30_000, 'a slow province receives something');
  t.pass('a slow but answering province receives events');
  work(th, 30);

  sim.mode = 'ok';
  const total = () => (th.hub.db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  const unsent = () => (th.hub.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
  await until(sim, ['received'], () => sim.eventCount >= total(), 60_000, 'the backlog drained');
  await until(fwd(), ['delivered', 'idle'], () => unsent() === 0, 10_000, 'every row marked sent');
  const want = (th.hub.db.prepare('SELECT idem_key FROM outbox ORDER BY id').all() as { idem_key: string }[]).map((r) => r.idem_key);
  const got = sim.events.map((e) => e.idempotencyKey);
  t.equal(got.length, want.length, `all ${want.length} events arrived`);
  t.equal(new Set(got).size, got.length, 'none twice');
  t.ok(got.every((k, i) => k === want[i]), 'in the order they happened');
  const types = new Set(sim.events.map((e) => e.type));
  t.ok(types.has('ticket.issued') && types.has('ticket.called') && types.has('ticket.finished'), 'issues, calls and finishes all travelled');
  t.comment(`events ${want.length}; re-sent duplicates ignored by the province: ${sim.duplicatesIgnored}`);
});
