import t from 'tap';
import { OPEN_AT, startHub, TestDevice, testClock, testConfig, waitFor } from '../helpers/hub.js';
import { driver, reportsUrl } from './helpers.js';

interface Sample { name: string; labels: Record<string, string>; value: number }

/** Parse the Prometheus text exposition format (the subset prom-client writes). */
function parse(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!m) throw new Error(`not a metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    out.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return out;
}
const find = (s: Sample[], name: string, labels: Record<string, string> = {}) =>
  s.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value;

t.test('/metrics: queue lengths, waits, devices, printer faults, outbox backlog, event loop lag, issued tickets', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const srv = await reportsUrl(th);
  t.teardown(srv.close);
  const d = driver(th, clock);
  const hall = await TestDevice.create(th, 'hall-1', 'display');
  t.teardown(() => hall.end());
  await hall.client.publishAsync(hall.topic('availability'), 'online', { qos: 1, retain: true });
  await waitFor(() => th.hub.presence.get('hall-1').online);
  th.hub.registry.add({ id: 'prn-1', kind: 'printer', options: {} }, []);
  th.hub.presence.setState('prn-1', { v: 1, status: 'paper_out', at: clock.now() });
  // one citizen served earlier (at q3, since gone): a history, so the waits are forecast (issue 23)
  d.run({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' });
  d.issue('xaydung');
  d.next('q3');
  clock.advance(6 * 60_000);
  d.run({ op: 'finish', counterId: 'q3', outcome: 'guidance' });
  d.run({ op: 'signOut', counterId: 'q3' });
  d.issue('hotich'); d.issue('hotich'); d.issue('hotich'); d.issue('datdai');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.next('q1');

  const res = await fetch(`${srv.url}/metrics`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /text\/plain/);
  const s = parse(await res.text());
  t.equal(find(s, 'motcua_queue_waiting', { field: 'hotich', office: 'hoa-binh' }), 2, 'three issued, one called: two wait');
  t.equal(find(s, 'motcua_queue_waiting', { field: 'datdai' }), 1);
  t.equal(find(s, 'motcua_queue_waiting', { field: 'xaydung' }), 0);
  t.ok((find(s, 'motcua_wait_estimate_minutes', { field: 'hotich' }) ?? -1) > 0, 'a wait estimate per field');
  t.equal(find(s, 'motcua_tickets_issued_total', { field: 'hotich' }), 3);
  t.equal(find(s, 'motcua_tickets_issued_total', { field: 'tuphap' }), 0);
  t.equal(find(s, 'motcua_counters_staffed'), 1);
  t.equal(find(s, 'motcua_devices', { kind: 'display', state: 'online' }), 1);
  t.equal(find(s, 'motcua_devices', { kind: 'printer', state: 'offline' }), 1, 'a printer that reported a fault but never connected');
  t.equal(find(s, 'motcua_printer_status', { device: 'prn-1', status: 'paper_out' }), 1);
  t.equal(find(s, 'motcua_printer_faults'), 1);
  t.equal(find(s, 'motcua_outbox_backlog'), th.hub.link.status().backlog);
  t.equal(find(s, 'motcua_outbox_parked'), 0, 'no event refused by the province');
  t.ok((find(s, 'motcua_outbox_backlog') ?? 0) >= 6, 'issued and called events wait in the outbox (no provincial link configured)');
  t.ok(find(s, 'motcua_event_loop_lag_seconds', { stat: 'p99' }) !== undefined, 'event loop lag');
  t.equal(find(s, 'motcua_mqtt_clients'), 1, 'the display is the one client (the hub works inside the broker)');
  const rss = find(s, 'motcua_process_memory_bytes', { kind: 'rss' }) ?? 0;
  t.ok(rss > 10e6 && rss < 4e9, `resident memory in bytes (${rss})`);
  t.ok((find(s, 'motcua_process_memory_bytes', { kind: 'heap_used' }) ?? 0) > 1e6, 'V8 heap used');

  d.issue('hotich');
  const again = parse(await (await fetch(`${srv.url}/metrics`)).text());
  t.equal(find(again, 'motcua_queue_waiting', { field: 'hotich' }), 3, 'read live at each scrape');
  t.equal(find(again, 'motcua_tickets_issued_total', { field: 'hotich' }), 4);
});

t.test('/metrics answers this machine, a scraper with the bearer token, and technicians or managers; nobody else', async (t) => {
  const th = await startHub({ cfg: testConfig(undefined, (c) => { c.hub.metricsToken = 'bi-mat-prometheus'; }) });
  t.teardown(th.stop);
  const app = th.hub.http;
  const from = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });
  t.equal((await fetch(`${th.url}/metrics`)).status, 200, 'loopback, over a real socket');
  t.equal((await from('::ffff:127.0.0.1')).statusCode, 200, 'IPv4-mapped loopback');
  const lan = await from('192.168.1.20');
  t.equal(lan.statusCode, 401, 'another machine of the office network');
  t.match(lan.json(), { code: 'MC_ERR_UNAUTHORIZED', message: 'Cần đăng nhập.' });
  t.equal((await from('192.168.1.20', { authorization: 'Bearer sai' })).statusCode, 401, 'a wrong token');
  const ok = await from('192.168.1.20', { authorization: 'Bearer bi-mat-prometheus' });
  t.equal(ok.statusCode, 200, 'the configured token');
  t.match(ok.body, /motcua_queue_waiting/);
  await th.hub.staff.add('kythuat2', 'matkhau-kythuat', 'technician');
  await th.hub.staff.add('lan', 'matkhau-lan-1', 'clerk', 'nv-lan');
  const cookie = async (u: string, p: string) => `mc_session=${(await th.hub.staff.login(u, p, '192.168.1.20')).token}`;
  t.equal((await from('192.168.1.20', { cookie: await cookie('kythuat2', 'matkhau-kythuat') })).statusCode, 200, 'a technician signed in');
  t.equal((await from('192.168.1.20', { cookie: await cookie('lan', 'matkhau-lan-1') })).statusCode, 403, 'a clerk is not allowed');
});

t.test('without a token, /metrics from another machine needs a staff login', async (t) => {
  const th = await startHub();
  t.teardown(th.stop);
  t.equal((await th.hub.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.5', headers: { authorization: 'Bearer ' } })).statusCode, 401, 'an empty token is no token');
});
