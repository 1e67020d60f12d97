/**
 * Security: anonymous and wrong-secret connections refused (MQTT.js and mosquitto clients); every device kind
 * against every topic it must not use, publish and subscribe; staff routes refused without a login (401) and to a
 * clerk where a technician or manager is needed (403); dossier lookups limited to 10 a minute (429).
 */
import t from 'tap';
import mqtt from 'mqtt';
import { DEVICE_KINDS, DEVICE_PUB_CHANNELS, DEVICE_SUB_CHANNELS, HUB_READS_BY_KIND, type DeviceKind } from '../../protocol/topics.js';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { connect, DISTRICT_EXAMPLE, OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';
import { counts } from './hostile.js';
import { mosquittoPub, mosquittoSub } from './mqtt-cli.js';

const O = 'motcua/hoa-binh';
const ID: Record<DeviceKind, string> = { dispenser: 's-disp', printer: 's-printer', counter: 's-counter', display: 's-display', rating: 's-rating', keypad: 's-keypad', kiosk: 's-kiosk' };
const COUNTER: Partial<Record<DeviceKind, string>> = { counter: 'q1', rating: 'q1', keypad: 'q1' };
const HUB_TOPICS = ['availability', 'devices', 'hall', 'calls', 'queue', 'counter/q1', 'counter/q2'];

async function provisionAll(th: TestHub): Promise<Map<DeviceKind, string>> {
  const secrets = new Map<DeviceKind, string>();
  for (const k of DEVICE_KINDS) secrets.set(k, th.hub.registry.add({ id: ID[k], kind: k, counterId: COUNTER[k] ?? null }, th.hub.cfg.counters.map((c) => c.id)).secret);
  return secrets;
}

/** Topics a device of `kind` must not subscribe to. */
function forbiddenSubs(kind: DeviceKind): string[] {
  const own = `${O}/${kind}/${ID[kind]}`;
  const out = [`${O}/#`, '#', `${O}/+/+/request`, `${O}/${kind}/+/response`, `${O}/hub/#`, 'motcua/khac/hub/hall', '$SYS/#'];
  for (const ch of DEVICE_PUB_CHANNELS) out.push(`${own}/${ch}`); // its own outgoing channels are the hub's to read
  for (const k of DEVICE_KINDS) if (k !== kind) for (const ch of [...DEVICE_PUB_CHANNELS, ...DEVICE_SUB_CHANNELS]) out.push(`${O}/${k}/${ID[k]}/${ch}`);
  const reads = HUB_READS_BY_KIND[kind].map((r) => r.replace('{counter}', COUNTER[kind] ?? ''));
  for (const h of HUB_TOPICS) if (!reads.includes(h) && !(h.startsWith('counter/') && reads.includes('counter/+'))) out.push(`${O}/hub/${h}`);
  if (!reads.includes('counter/+')) out.push(`${O}/hub/counter/+`);
  return out;
}

/** Topics a device of `kind` must not publish on. */
function forbiddenPubs(kind: DeviceKind): string[] {
  const own = `${O}/${kind}/${ID[kind]}`;
  const out = [`${own}/set`, `${own}/response`, `${O}/${kind}/${ID[kind]}x/request`, `motcua/khac/${kind}/${ID[kind]}/request`, `${O}/+/+/request`, `${O}/#`];
  for (const h of HUB_TOPICS) out.push(`${O}/hub/${h}`);
  for (const k of DEVICE_KINDS) if (k !== kind) out.push(`${O}/${k}/${ID[k]}/request`, `${O}/${k}/${ID[k]}/state`, `${O}/${k}/${ID[k]}/availability`, `${O}/${k}/${ID[k]}/set`);
  return out;
}

t.test('anonymous and wrong-secret connections are refused (MQTT.js and mosquitto clients)', async (t) => {
  const th = await startHub();
  t.teardown(th.stop);
  const secrets = await provisionAll(th);
  const port = th.hub.mqttPort;
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'anon' }), /Bad username or password|Not authorized/i, 'anonymous (MQTT.js)');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 's-disp', username: 's-disp', password: `${secrets.get('dispenser') ?? ''}x` }), /Bad username or password/i, 'wrong secret (MQTT.js)');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 's-disp', username: 's-disp', password: secrets.get('kiosk') ?? '' }), /Bad username or password/i, 'another device\'s secret');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'hub-1', username: 'hub', password: secrets.get('display') ?? '' }), /Bad username or password/i, 'posing as the hub');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-1', username: 'staff:kythuat', password: 'guess' }), /Bad username or password/i, 'a forged staff ticket');
  const anon = await mosquittoSub({ port }, [`${O}/hub/hall`], { waitS: 2 });
  t.not(anon.code, 0, 'mosquitto_sub without credentials fails');
  t.match(anon.err, /not authori[sz]ed|bad user ?name or password|refused/i, `mosquitto_sub is told why: ${anon.err.trim()}`);
  const wrong = await mosquittoPub({ port, id: 's-disp', user: 's-disp', password: 'sai-mat-khau' }, `${O}/dispenser/s-disp/request`, '{"v":1,"id":"x","op":"issue","fieldId":"hotich"}');
  t.not(wrong.code, 0, 'mosquitto_pub with a wrong secret fails');
  const good = await mosquittoSub({ port, id: 's-display', user: 's-display', password: secrets.get('display') ?? '' }, [`${O}/hub/hall`], { waitS: 5 });
  t.equal(good.code, 0, 'while the same tool with the display\'s credentials reads the hall state');
  t.match(good.out, /Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình/);
  t.equal(th.hub.queue.snapshot.tickets.size, 0, 'no ticket from a refused client');
});

t.test('every device kind against every topic it must not use: subscriptions refused, publishes cut off and heard by nobody', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const secrets = await provisionAll(th);
  // a witness that reads what displays may read: a forged hub message must never reach it
  const w = th.hub.registry.add({ id: 's-witness', kind: 'display' }, []);
  const witness = await connect(th.hub.brokerUrl, { clientId: 's-witness', username: 's-witness', password: w.secret });
  t.teardown(() => witness.endAsync());
  const forged: string[] = [];
  witness.on('message', (topic, p) => { if (p.toString().includes('FORGED')) forged.push(topic); });
  await witness.subscribeAsync([`${O}/hub/hall`, `${O}/hub/calls`, `${O}/hub/queue`, `${O}/hub/counter/+`, `${O}/hub/devices`, `${O}/hub/availability`], { qos: 1 });
  const before = counts(th);
  let subs = 0;
  let pubs = 0;
  for (const kind of DEVICE_KINDS) {
    const auth = { clientId: ID[kind], username: ID[kind], password: secrets.get(kind) ?? '' };
    const c = await connect(th.hub.brokerUrl, auth);
    for (const f of forbiddenSubs(kind)) {
      await t.rejects(c.subscribeAsync(f, { qos: 1 }), `${kind} may not subscribe ${f}`);
      subs++;
    }
    await c.subscribeAsync(`${O}/${kind}/${ID[kind]}/response`, { qos: 1 });
    await c.endAsync();
    for (const topic of forbiddenPubs(kind)) {
      const p = mqtt.connect(th.hub.brokerUrl, { ...auth, reconnectPeriod: 0 });
      p.on('error', () => undefined);
      await new Promise<void>((r) => p.once('connect', () => r()));
      const closed = new Promise<void>((r) => p.once('close', () => r()));
      p.publish(topic, JSON.stringify({ v: 1, id: 'FORGED', op: 'next', fieldId: 'hotich', level: 'very_satisfied', text: 'FORGED' }), { qos: 1 }, () => undefined);
      await closed;
      pubs++;
    }
  }
  t.pass(`${subs} forbidden subscriptions refused (SUBACK 128), ${pubs} forbidden publishes closed the offender's connection`);
  // what a device may do still works: the witness sees a real state change arrive after all the forgeries
  const seen = new Promise<void>((r) => witness.on('message', (topic) => { if (topic.endsWith('/hub/queue')) r(); }));
  th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' });
  await seen;
  t.same(forged, [], 'no forged message reached any reader');
  t.same(counts(th), { ...before, tickets: before.tickets + 1, events: before.events + 1, outbox: before.outbox + 1 }, 'nothing changed but the one legitimate ticket');
});

t.test('the same refusals with mosquitto_pub and mosquitto_sub', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const secrets = await provisionAll(th);
  const port = th.hub.mqttPort;
  const a = (k: DeviceKind) => ({ port, id: ID[k], user: ID[k], password: secrets.get(k) ?? '' });
  const sub = await mosquittoSub(a('dispenser'), [`${O}/hub/calls`], { waitS: 2 });
  t.match(`${sub.out}${sub.err}`, /denied|refused|not authori/i, `a dispenser may not listen to the calls: ${(sub.out + sub.err).trim().split('\n')[0] ?? ''}`);
  const kioskNext = await mosquittoPub(a('kiosk'), `${O}/keypad/${ID.keypad}/request`, '{"v":1,"id":"m1","op":"next"}', 5000);
  t.not(kioskNext.code, 0, 'a kiosk publishing as a keypad is cut off');
  const pad = await mosquittoPub(a('rating'), `${O}/hub/hall`, '{"v":1,"FORGED":true}', 5000);
  t.not(pad.code, 0, 'a rating pad publishing the hall state is cut off');
  const ok = await mosquittoPub(a('dispenser'), `${O}/dispenser/${ID.dispenser}/state`, '{"v":1,"status":"ok"}', 5000);
  t.equal(ok.code, 0, 'while its own state channel is accepted');
  t.equal(th.hub.queue.snapshot.tickets.size, 0);
});

/** A body that passes a route's schema (required properties with plain values), so the refusal comes from the login check. */
function exampleBody(schema: { required?: string[]; properties?: Record<string, { type?: string | string[]; enum?: unknown[] }> } | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of schema?.required ?? []) {
    const p = schema?.properties?.[k] ?? {};
    const type = Array.isArray(p.type) ? p.type[0] : p.type;
    out[k] = p.enum ? p.enum[0] : type === 'integer' || type === 'number' ? 1 : type === 'boolean' ? true : type === 'object' ? {} : type === 'array' ? [] : 'x1';
  }
  return out;
}

t.test('staff routes refuse callers without a login (401) and clerks where a technician or manager is needed (403)', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
  const login = await fetch(`${th.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nv-lan', password: 'matkhau-123' }) });
  const clerk = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  type OpDoc = { tags?: string[]; responses?: Record<string, unknown>; parameters?: { in: string; name: string; schema?: { type?: string; enum?: string[] } }[]; requestBody?: { content?: Record<string, { schema?: Parameters<typeof exampleBody>[0] }> } };
  const doc = (await (await fetch(`${th.url}/docs/json`)).json()) as { paths: Record<string, Record<string, OpDoc>> };
  let guarded = 0;
  let adminOnly = 0;
  const before = counts(th);
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      // /metrics answers loopback callers by design (a local Prometheus): its rules are tested in test/reports/metrics.test.ts
      if (!op.responses?.['401'] || path === '/api/auth/login' || path === '/metrics') continue;
      let url = path;
      for (const p of op.parameters ?? []) if (p.in === 'path') url = url.replace(`{${p.name}}`, p.schema?.enum?.[0] ?? (p.name === 'id' ? 'q1' : 'x1'));
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${p.name}=${p.schema?.type === 'integer' || p.schema?.type === 'number' ? 1 : '2026-11'}`).join('&');
      const body = op.requestBody ? JSON.stringify(exampleBody(op.requestBody.content?.['application/json']?.schema)) : undefined;
      const call = (cookie?: string) => fetch(`${th.url}${url}${query ? `?${query}` : ''}`, { method: method.toUpperCase(), body,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) } });
      const anon = await call();
      t.equal(anon.status, 401, `${method.toUpperCase()} ${path} without a login → 401`);
      t.match(await anon.json(), { code: 'MC_ERR_UNAUTHORIZED', message: 'Cần đăng nhập.' });
      guarded++;
      if ((op.tags ?? []).includes('admin') || (op.tags ?? []).includes('reports')) {
        const c = await call(clerk);
        t.equal(c.status, 403, `${method.toUpperCase()} ${path} as a clerk → 403`);
        adminOnly++;
      }
    }
  }
  t.ok(guarded >= 15 && adminOnly >= 10, `${guarded} staff operations need a login, ${adminOnly} of them more than a clerk`);
  t.same(counts(th), before, 'no refused call changed anything');
});

t.test('dossier lookups are limited to 10 a minute per address', async (t) => {
  const sim = await startOnestopSim();
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(DISTRICT_EXAMPLE, (c) => { c.onestop.url = sim.url; }) });
  t.teardown(async () => { await th.stop(); await sim.close(); });
  const code = [...sim.dossiers.keys()][0] ?? 'X';
  const statuses: number[] = [];
  for (let i = 0; i < 10; i++) statuses.push((await fetch(`${th.url}/api/dossiers/${i % 2 ? code : `KHONG-CO-${i}`}`)).status);
  t.ok(statuses.every((s) => s === 200 || s === 404), `the first ten are answered (${statuses.join(',')})`);
  const r = await fetch(`${th.url}/api/dossiers/${code}`);
  t.equal(r.status, 429, 'the eleventh within a minute is refused');
  t.match(await r.json(), { code: 'MC_ERR_RATE_LIMITED', message: /thử lại/ });
});
