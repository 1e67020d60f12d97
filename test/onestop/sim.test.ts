import { join } from 'node:path';
import t from 'tap';
import { HttpOnestopAdapter } from '../../broker/onestop/http-adapter.js';
import { signRequest } from '../../broker/onestop/sign.js';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { tempDir } from './helpers.js';

const ev = (key: string, n = 0) => ({ idempotencyKey: key, type: 'ticket.issued', at: 1_760_000_000_000 + n, payload: { seq: n } });

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

t.test('duplicate idempotency keys are ignored, across and within batches; order is arrival order', async (t) => {
  const s = await startOnestopSim();
  t.teardown(() => s.close());
  let r = await post(s.url, { events: [ev('o:1', 1), ev('o:2', 2)] });
  t.same([r.status, r.body.accepted, r.body.duplicates], [200, 2, 0]);
  r = await post(s.url, { events: [ev('o:2', 2), ev('o:3', 3), ev('o:3', 3)] });
  t.same([r.status, r.body.accepted, r.body.duplicates, r.body.duplicateKeys], [200, 1, 2, ['o:2', 'o:3']]);
  t.same(s.events.map((e) => e.idempotencyKey), ['o:1', 'o:2', 'o:3']);
  t.equal(s.duplicatesIgnored, 2);
  r = await post(s.url, { events: [{ type: 'x', at: 1, payload: {} }] });
  t.equal(r.status, 400, 'an event without idempotencyKey is refused');
  t.equal(s.eventCount, 3);
});

t.test('API key and HMAC signature are checked', async (t) => {
  const s = await startOnestopSim({ apiKey: 'k1', hmacSecret: 'sec' });
  t.teardown(() => s.close());
  const body = JSON.stringify({ events: [ev('o:1')] });
  const ts = String(Math.floor(Date.now() / 1000));
  const good = { 'x-api-key': 'k1', 'x-timestamp': ts, 'x-signature': signRequest('sec', 'POST', '/events', ts, body) };
  const send = async (h: Record<string, string>, b = body) => {
    const res = await fetch(`${s.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: b });
    return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code };
  };
  t.same(await send({ ...good, 'x-api-key': 'k2' }), { status: 401, code: 'unauthorized' }, 'wrong key');
  t.same(await send({ 'x-timestamp': ts, 'x-signature': good['x-signature'] }), { status: 401, code: 'unauthorized' }, 'missing key');
  t.same(await send({ 'x-api-key': 'k1' }), { status: 401, code: 'signature_missing' });
  t.same(await send(good, body.replace('o:1', 'o:9')), { status: 401, code: 'signature_bad' }, 'tampered body');
  const old = String(Number(ts) - 3600);
  t.same(await send({ ...good, 'x-timestamp': old, 'x-signature': signRequest('sec', 'POST', '/events', old, body) }), { status: 401, code: 'signature_stale' });
  t.equal(s.eventCount, 0);
  t.equal(s.rejected, 5);
  t.same((await send(good)).status, 200, 'correct key and signature');
  t.equal(s.eventCount, 1);
});

t.test('dossiers, catalog and figures through the HTTP adapter', async (t) => {
  const s = await startOnestopSim({ apiKey: 'k', hmacSecret: 'h' });
  t.teardown(() => s.close());
  const a = new HttpOnestopAdapter({ baseUrl: s.url, apiKey: 'k', hmacSecret: 'h', timeoutMs: 2000, officeId: 'ubnd-x' });
  const d = await a.lookupDossier('000.00.12.H01-261120-0001');
  t.equal(d?.overdue, true, 'the sample overdue dossier');
  t.equal(d?.status, 'Đang xử lý');
  t.notOk(d && Object.keys(d).some((k) => /name$/i.test(k) && k !== 'procedureName'), 'no personal names');
  t.equal(await a.lookupDossier('000.00.12.H01-999999-9999'), null, 'unknown code → null');
  const c = await a.fetchCatalog();
  t.ok(c.procedures.length >= 15, `${c.procedures.length} procedures`);
  t.equal(c.procedures.filter((p) => !p.inForce).length, 1, 'one procedure not in force');
  t.same([...new Set(c.procedures.map((p) => p.fieldId))].sort(), ['datdai', 'hotich', 'kinhdoanh', 'ldtbxh', 'tuphap', 'xaydung']);
  for (const name of ['Đăng ký khai sinh', 'Đăng ký kết hôn', 'Đăng ký khai tử', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Giải quyết trợ cấp xã hội hằng tháng']) {
    t.ok(c.procedures.some((p) => p.name === name), name);
  }
  const text = JSON.stringify(c);
  t.equal(text, text.normalize('NFC'), 'catalog text is NFC');
  t.ok(c.procedures.every((p) => p.documents.length > 0 && p.fee && p.processingTime && p.legalBasis), 'documents, fee, time and legal basis present');
  const f = await a.fetchFigures();
  t.ok(f.onTime > 0 && f.overdue >= 0 && f.inProgress >= 0 && !Number.isNaN(Date.parse(f.asOf)));
});

t.test('modes: fail → 503, slow → answers after the delay', async (t) => {
  const s = await startOnestopSim({ slowMs: 120 });
  t.teardown(() => s.close());
  const a = new HttpOnestopAdapter({ baseUrl: s.url, timeoutMs: 2000 });
  s.mode = 'fail';
  await t.rejects(a.fetchFigures(), { code: 'MC_ERR_UPLINK_DOWN', details: { kind: 'http', status: 503 } });
  s.mode = 'slow';
  const t0 = Date.now();
  await a.forward([{ idemKey: 'o:1', type: 'x', at: 1, payload: null }]);
  t.ok(Date.now() - t0 >= 100, 'slow answer');
  const fast = new HttpOnestopAdapter({ baseUrl: s.url, timeoutMs: 30 });
  await t.rejects(fast.fetchCatalog(), { code: 'MC_ERR_UPLINK_DOWN', details: { kind: 'timeout' } }, 'timeout shorter than the delay');
  const res = await fetch(`${s.url}/_sim/mode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mode":"ok"}' });
  t.equal(res.status, 200);
  t.equal(s.mode, 'ok', 'mode can be set over HTTP');
});

t.test('with a database file, received events and dedupe survive a simulator restart', async (t) => {
  const dbFile = join(tempDir(t), 'sim.db');
  const s1 = await startOnestopSim({ dbFile });
  await post(s1.url, { events: [ev('o:1', 1), ev('o:2', 2)] });
  await s1.close();
  const s2 = await startOnestopSim({ dbFile });
  t.teardown(() => s2.close());
  const r = await post(s2.url, { events: [ev('o:2', 2), ev('o:3', 3)] });
  t.same([r.body.accepted, r.body.duplicates], [1, 1]);
  t.same(s2.events.map((e) => [e.idempotencyKey, e.payload]), [['o:1', { seq: 1 }], ['o:2', { seq: 2 }], ['o:3', { seq: 3 }]]);
});
