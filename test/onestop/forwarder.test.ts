import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { Db } from '../../broker/db/open.js';
import { Forwarder } from '../../broker/onestop/forwarder.js';
import { HttpOnestopAdapter } from '../../broker/onestop/http-adapter.js';
import { startOnestopSim, type OnestopSim } from '../../broker/onestop/sim.js';
import { OnestopLink } from '../../broker/onestop/link.js';
import { fixedConfig } from '../../broker/live-config.js';
import { testConfig } from '../helpers/hub.js';
import { addOutbox, openDb, silent, tempDir, unsentCount, until } from './helpers.js';

const KEY = 'khoa-thu-nghiem';
const SECRET = 'bi-mat-hmac';

async function sim(t: Test, opts: Parameters<typeof startOnestopSim>[0] = {}): Promise<OnestopSim> {
  const s = await startOnestopSim({ apiKey: KEY, hmacSecret: SECRET, ...opts });
  t.teardown(() => s.close());
  return s;
}

function forwarder(t: Test, db: Db, s: OnestopSim,
  over: Partial<{ apiKey: string; hmacSecret: string; timeoutMs: number; batchSize: number }> = {}): Forwarder {
  const adapter = new HttpOnestopAdapter({ baseUrl: s.url, apiKey: over.apiKey ?? KEY, hmacSecret: over.hmacSecret ?? SECRET, timeoutMs: over.timeoutMs ?? 2000 });
  const f = new Forwarder({ db, adapter, log: silent, batchSize: over.batchSize ?? 100, baseDelayMs: 5, maxDelayMs: 40, idlePollMs: 3_600_000 });
  t.teardown(() => f.stop());
  return f;
}

function keysOf(s: OnestopSim): string[] { return s.events.map((e) => e.idempotencyKey); }

t.test('a backlog is delivered in order, exactly once, and new rows follow on wake()', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  const s = await sim(t);
  const keys = addOutbox(db, 'ubnd-x', 1, 1050);
  const f = forwarder(t, db, s);
  f.start();
  await until(f, ['delivered', 'failed'], () => s.eventCount === 1050, 15_000, 'backlog delivered');
  t.same(keysOf(s), keys, 'every event once, in id order');
  t.equal(unsentCount(db), 0, 'all rows marked sent');
  const st = f.status();
  t.equal(st.backlog, 0);
  t.equal(st.oldestUnsentAt, null);
  t.ok(st.lastSuccessAt, 'last success recorded');
  t.equal(st.lastError, null);
  const first = s.events[0];
  t.same((first?.payload as { ticket: { number: string } }).ticket.number, 'A001', 'payload travels as JSON');
  t.equal(first?.at, 1_760_000_000_001, 'at is the row creation time');

  await until(f, ['idle'], () => !f.status().sending, 5000, 'idle');
  const more = addOutbox(db, 'ubnd-x', 1051, 7);
  f.wake();
  await until(f, ['delivered'], () => s.eventCount === 1057, 5000, 'woken delivery');
  t.same(keysOf(s).slice(1050), more);
});

t.test('link down (503), then hanging, then back: everything once, in order; errors recorded', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  const s = await sim(t);
  const keys = addOutbox(db, 'ubnd-x', 1, 250);
  s.mode = 'fail';
  const f = forwarder(t, db, s, { timeoutMs: 150, batchSize: 40 });
  let failures = 0;
  f.on('failed', () => { failures++; });
  f.start();
  await until(f, ['failed'], () => failures >= 3, 10_000, 'three failed attempts');
  t.equal(s.eventCount, 0, 'nothing stored while the province answers 503');
  let st = f.status();
  t.match(st.lastError, /503/);
  t.ok(st.lastErrorAt);
  t.equal(st.backlog, 250);
  t.equal(st.oldestUnsentAt, 1_760_000_000_001);
  const row = db.prepare('SELECT attempts, last_error FROM outbox ORDER BY id LIMIT 1').get() as { attempts: number; last_error: string };
  t.ok(row.attempts >= 3, 'attempts counted on the row');
  t.match(row.last_error, /503/);

  // the hub keeps issuing tickets meanwhile
  keys.push(...addOutbox(db, 'ubnd-x', 251, 30));
  f.wake();

  s.mode = 'hang';
  const before = failures;
  await until(f, ['failed'], () => failures >= before + 2, 10_000, 'timeouts against a hanging province');
  t.match(f.status().lastError, /no answer within 150 ms/);
  t.equal(s.eventCount, 0, 'a hanging province stores nothing');

  s.mode = 'ok';
  await until(s, ['received'], () => s.eventCount === keys.length, 15_000, 'catch-up');
  await until(f, ['delivered', 'idle'], () => unsentCount(db) === 0, 5000, 'rows marked');
  t.same(keysOf(s), keys, 'each event once, in order, after the outage');
  st = f.status();
  t.equal(st.backlog, 0);
  t.equal(st.consecutiveFailures, 0);
  t.ok((st.lastSuccessAt ?? 0) >= (st.lastErrorAt ?? 0), 'last success after last error');
});

t.test('restart mid-backlog: a new forwarder on the same file delivers the rest exactly once', async (t) => {
  const file = join(tempDir(t), 'hub.db');
  const db1 = openDb(t, file);
  const s = await sim(t);
  const keys = addOutbox(db1, 'ubnd-x', 1, 600);
  const f1 = forwarder(t, db1, s, { batchSize: 50 });
  // Stop the hub the moment the province stored the 3rd batch, before its acknowledgement is processed.
  let batches = 0;
  let stopping: Promise<void> | null = null;
  s.on('received', () => { if (++batches === 3) stopping = f1.stop(); });
  f1.start();
  await until(s, ['received'], () => stopping !== null, 10_000, 'third batch');
  await (stopping as Promise<void> | null);
  const afterStop = s.eventCount;
  t.ok(afterStop >= 150 && afterStop < 600, `stopped mid-backlog (${afterStop} stored)`);
  t.ok(unsentCount(db1) > 0, 'rows left to send');
  db1.close();

  const db2 = openDb(t, file);
  const f2 = forwarder(t, db2, s, { batchSize: 50 });
  f2.start();
  await until(f2, ['delivered', 'idle'], () => unsentCount(db2) === 0, 15_000, 'rest delivered');
  t.same(keysOf(s), keys, 'exactly once and in order across the restart');
  t.equal(s.duplicatesIgnored, 50, 'the batch stored but not acknowledged before the restart was sent again and ignored');
});

t.test('wrong API key or HMAC secret: 401, nothing stored, the error is recorded', async (t) => {
  for (const [name, over] of [['api key', { apiKey: 'sai-khoa' }], ['hmac secret', { hmacSecret: 'sai-bi-mat' }]] as const) {
    const db = openDb(t, join(tempDir(t), `${name.replace(' ', '-')}.db`));
    const s = await sim(t);
    addOutbox(db, 'ubnd-x', 1, 5);
    const f = forwarder(t, db, s, over);
    f.start();
    await until(f, ['failed'], () => f.status().lastError !== null, 5000, `${name} refusal`);
    await f.stop();
    t.match(f.status().lastError, /HTTP 401/, `${name}: 401 recorded`);
    t.equal(s.eventCount, 0, `${name}: nothing stored`);
    t.ok(s.rejected >= 1, `${name}: the province refused`);
    t.equal(f.status().backlog, 5, `${name}: rows kept`);
    t.match((db.prepare('SELECT last_error FROM outbox LIMIT 1').get() as { last_error: string }).last_error, /401/);
  }
});

t.test('stop() during a hanging request returns promptly and leaves rows unsent', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  const s = await sim(t);
  s.mode = 'hang';
  addOutbox(db, 'ubnd-x', 1, 3);
  const f = forwarder(t, db, s, { timeoutMs: 60_000 });
  f.start();
  await until(s, ['request'], () => f.status().sending, 5000, 'request in flight');
  const t0 = Date.now();
  await f.stop();
  t.ok(Date.now() - t0 < 2000, 'stop did not wait for the 60 s timeout');
  t.equal(f.status().sending, false);
  t.equal(unsentCount(db), 3);
  t.equal(f.status().lastError, null, 'an abandoned request is not a link error');
});

t.test('an event the province refuses for good is set aside; the ones before and after it are delivered, in order', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  const s = await sim(t);
  const keys = addOutbox(db, 'ubnd-x', 1, 300);
  const poison = [keys[57] as string, keys[58] as string, keys[250] as string];
  for (const k of poison) s.refuseKeys.add(k);
  const f = forwarder(t, db, s, { batchSize: 100 });
  const parked: string[] = [];
  f.on('parked', (p) => parked.push(p.idemKey));
  f.start();
  await until(f, ['delivered', 'parked', 'failed'], () => s.eventCount === 297, 15_000, 'the others delivered');
  t.same(keysOf(s), keys.filter((k) => !poison.includes(k)), 'every other event once, in id order');
  t.same(parked, poison, 'the refused events set aside, in order');
  t.equal(unsentCount(db), 3, 'the refused rows stay in the table, unsent');
  const st = f.status();
  t.equal(st.parked, 3);
  t.equal(st.backlog, 0, 'parked rows are not the backlog');
  t.equal(st.isolating, false, 'back to full batches');
  t.equal(st.consecutiveFailures, 0, 'a refusal is not a link failure: no backoff');
  t.match(st.lastError, /422/);
  const rows = f.parkedRows();
  t.same(rows.map((r) => r.idemKey), poison);
  t.match(rows[0]?.error, /422 invalid_event/);
  t.ok(s.refusedBatches <= 3 + 3, `few refused requests (${s.refusedBatches}): one per refused batch and one per refused event`);

  // the province fixes its side; a technician puts them back in line
  s.refuseKeys.clear();
  t.equal(f.retryParked(), 3);
  await until(f, ['delivered', 'failed'], () => s.eventCount === 300, 5000, 'parked events delivered');
  t.same(keysOf(s).slice(297), poison, 'in their own order');
  t.equal(unsentCount(db), 0);
  t.equal(f.status().parked, 0);
});

t.test('401 (credentials) and 503 are not refusals for good: nothing is set aside', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  const s = await sim(t);
  addOutbox(db, 'ubnd-x', 1, 5);
  const f = forwarder(t, db, s, { apiKey: 'sai-khoa' });
  f.start();
  await until(f, ['failed'], () => f.status().consecutiveFailures >= 3, 5000, 'three failures');
  t.equal(f.status().parked, 0);
  t.equal(unsentCount(db), 5);
  s.mode = 'fail'; // 503 before the key is even looked at
  await until(f, ['failed'], () => /503/.test(f.status().lastError ?? '') && f.status().consecutiveFailures >= 5, 5000, 'failures with 503');
  t.equal(f.status().parked, 0, 'nothing parked after 503s either');
  t.equal(unsentCount(db), 5);
});

t.test('sent rows older than keepSentDays are pruned; unsent and parked rows stay', async (t) => {
  const db = openDb(t, join(tempDir(t), 'hub.db'));
  addOutbox(db, 'ubnd-x', 1, 12_000);
  const day = 86_400_000;
  const now = 1_800_000_000_000;
  db.prepare('UPDATE outbox SET sent_at = ? WHERE id <= 11000').run(now - 40 * day);
  db.prepare('UPDATE outbox SET sent_at = ? WHERE id > 11000 AND id <= 11500').run(now - 2 * day);
  db.prepare('UPDATE outbox SET parked_at = ?, last_error = ? WHERE id = 11990').run(now - 90 * day, 'HTTP 422');
  const cfg = testConfig();
  cfg.onestop.keepSentDays = 30;
  const link = new OnestopLink({ db, config: fixedConfig(cfg), log: silent, clock: () => now, onFigures: () => undefined });
  t.equal(link.pruneSent(), 11_000, 'the rows sent 40 days ago, in chunks');
  const left = db.prepare('SELECT count(*) AS n, sum(sent_at IS NULL AND parked_at IS NULL) AS pending, sum(parked_at IS NOT NULL) AS parked FROM outbox').get();
  t.same(left, { n: 1000, pending: 499, parked: 1 }, 'recent sent rows, pending rows and the parked row stay');
  t.equal(link.pruneSent(), 0, 'nothing more');
});
