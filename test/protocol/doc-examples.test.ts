/**
 * docs/protocol.md executed: its examples are sent to a real hub over MQTT (MQTT.js, real sockets) in the order of
 * the page, and every message the page shows from the hub or the simulated printer must arrive as documented. The
 * document cannot drift from the hub without this failing.
 */
import t, { type Test } from 'tap';
import type { MqttClient } from 'mqtt';
import { MqttPrinterSimulator } from '../../printer/index.js';
import { parseDeviceTopic } from '../../protocol/topics.js';
import { connect, OPEN_AT, startHub, testClock, testConfig, waitFor, type TestHub } from '../helpers/hub.js';
import { mismatches, readExamples, type DocExample } from './doc-examples.js';

/** The devices the page's examples name, played by MQTT.js clients (the printer by its simulator). */
const DEVICES: Record<string, { kind: string; counterId: string | null; options?: Record<string, unknown> }> = {
  'disp-1': { kind: 'dispenser', counterId: null, options: { printerId: 'printer-1' } },
  'keypad-q3': { kind: 'keypad', counterId: 'q3' },
  'pad-q3': { kind: 'rating', counterId: 'q3' },
};

/** What must be true before a documented request, by its id (what the page's text says around it). */
const BEFORE: Record<string, (r: Rig) => Promise<void>> = {
  'a1b2-0002': async (r) => { r.sim.setState('paper_out'); await waitFor(() => r.th.hub.printers.get('printer-1')?.status() === 'paper_out'); },
  'k-0001': async (r) => { r.sim.setState('ok'); await waitFor(() => r.th.hub.printers.get('printer-1')?.status() === 'ok'); },
  // a citizen of Đất đai is waiting, so that the keypad at counter 3 has someone to call
  'k-0002': async (r) => { r.th.hub.queue.execute({ op: 'issue', fieldId: 'datdai', source: 'test', awaitPrint: false }, { source: 'test' }); },
};

interface Seen { topic: string; body: unknown; used: boolean }
interface Rig { th: TestHub; sim: MqttPrinterSimulator; clients: Map<string, MqttClient>; seen: Seen[] }

async function rig(t: Test): Promise<Rig> {
  const cfg = testConfig(undefined, (c) => { const minh = c.clerks.find((k) => k.id === 'nv-minh'); if (minh) minh.keypadCode = '2103'; });
  const th = await startHub({ cfg, clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const seen: Seen[] = [];
  await th.hub.bus.subscribe('motcua/hoa-binh/#', (topic, p) => { let body: unknown = p.toString(); try { body = JSON.parse(String(body)); } catch { /* text */ } seen.push({ topic, body, used: false }); });
  const counters = th.hub.cfg.counters.map((c) => c.id);
  const printer = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'mqtt', text: 'cp1258' } }, counters);
  const sim = new MqttPrinterSimulator({ url: th.hub.brokerUrl, office: 'hoa-binh', id: 'printer-1', secret: printer.secret });
  await sim.start();
  t.teardown(() => sim.stop());
  th.hub.addPrinter(printer.device);
  await waitFor(() => th.hub.printers.get('printer-1')?.status() === 'ok');
  const clients = new Map<string, MqttClient>();
  for (const [id, d] of Object.entries(DEVICES)) {
    const { secret } = th.hub.registry.add({ id, kind: d.kind, counterId: d.counterId, options: d.options ?? {} }, counters);
    const c = await connect(th.hub.brokerUrl, { clientId: id, username: id, password: secret });
    t.teardown(() => c.endAsync());
    await c.subscribeAsync([`motcua/hoa-binh/${d.kind}/${id}/response`, `motcua/hoa-binh/${d.kind}/${id}/set`], { qos: 1 });
    clients.set(id, c);
  }
  return { th, sim, clients, seen };
}

/** Wait for the first unused message on the topic that matches the documented one; its index in arrival order. */
async function expect(r: Rig, ex: DocExample): Promise<{ index: number; problems: string[] }> {
  const find = () => r.seen.findIndex((m) => !m.used && m.topic === ex.topic && mismatches(ex.body, m.body).length === 0);
  try {
    const index = await waitFor(() => { const i = find(); return i >= 0 ? i + 1 : false; }, 5000) - 1;
    const m = r.seen[index] as Seen;
    m.used = true;
    return { index, problems: [] };
  } catch {
    const near = r.seen.filter((m) => !m.used && m.topic === ex.topic).map((m) => mismatches(ex.body, m.body));
    return { index: -1, problems: near.length ? (near.sort((a, b) => a.length - b.length)[0] ?? []) : ['nothing arrived on that topic'] };
  }
}

t.test('every example of docs/protocol.md, executed in the order of the page', async (t) => {
  const examples = readExamples();
  t.ok(examples.filter((e) => e.topic).length >= 15, 'the page has its examples');
  const r = await rig(t);
  // the arrival order is checked among the messages shown after one request for the same device
  let group: number[] = [];
  let groupDevice: string | null = null;
  for (const ex of examples) {
    if (!ex.topic) continue;
    const dt = parseDeviceTopic(ex.topic);
    if ((dt?.id ?? null) !== groupDevice) { group = []; groupDevice = dt?.id ?? null; }
    const client = dt ? r.clients.get(dt.id) : undefined;
    if (dt && client && (dt.channel === 'request' || dt.channel === 'state' || dt.channel === 'event')) {
      const id = (ex.body as { id?: string }).id ?? '';
      await BEFORE[id]?.(r);
      await client.publishAsync(ex.topic, JSON.stringify(ex.body), { qos: 1 });
      group = [];
      continue;
    }
    const got = await expect(r, ex);
    t.same(got.problems, [], `docs/protocol.md:${ex.line} ${ex.topic} arrives as documented`);
    if (group.length && got.index >= 0) t.ok(got.index > (group[group.length - 1] ?? -1), `docs/protocol.md:${ex.line} arrives after the message shown before it`);
    if (got.index >= 0) group.push(got.index);
  }
});

t.test('the matcher refuses what the page does not say', async (t) => {
  t.same(mismatches({ v: 1, ok: true, result: { status: 'waiting' } }, { v: 1, ok: true, result: { status: 'waiting', extra: 1 } }), [], 'extra keys are allowed');
  t.match(mismatches({ v: 1, error: { code: 'MC_ERR_X' } }, { v: 1, error: { code: 'MC_ERR_Y' } }), [/error\.code/]);
  t.match(mismatches({ v: 1, number: '1012' }, { v: 1 }), [/number: documented, missing/]);
  t.match(mismatches({ at: 1 }, { at: '1' }), [/documented a number/]);
  t.same(mismatches({ number: '1012' }, { number: '1001' }), [], 'numbers vary');
});
