/**
 * LocalBus: the hub inside its embedded aedes. What a device sees must be what it saw when the hub was an MQTT
 * client: publications in call order (retained ones are stored asynchronously by aedes), retained state for late
 * subscribers, device messages delivered to the hub's handlers, and "offline" on stop.
 */
import t from 'tap';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { EmbeddedBroker } from '../../broker/mqtt/embedded.js';
import { LocalBus } from '../../broker/hub/bus.js';
import { hubTopic } from '../../protocol/topics.js';
import { freePort, rawTopic } from '../helpers/net.js';

const OFFICE = 'hoa-binh';
const log = pino({ level: 'silent' });

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const broker = new EmbeddedBroker({ office: OFFICE, host: '127.0.0.1', port: await freePort(), log,
    // a staff page (reads every hub topic) and a dispenser
    authenticate: (clientId, username) => (username === 'staff:lan' && clientId.startsWith('staff-') ? { type: 'staff', username: 'lan', role: 'clerk' }
      : username === 'disp-1' && clientId === 'disp-1' ? { type: 'device', id: 'disp-1', kind: 'dispenser', counterId: null } : null) });
  await broker.start();
  const bus = new LocalBus({ broker: broker.broker, availabilityTopic: hubTopic.availability(OFFICE), log });
  await bus.start();
  await broker.listen();
  t.teardown(async () => { await bus.stop(); await broker.stop(); });
  return { broker, bus, url: `mqtt://127.0.0.1:${broker.port}` };
}

t.test('publications reach a device in call order, retained and not mixed', async (t) => {
  const { bus, url } = await setup(t);
  const c = await mqtt.connectAsync(url, { clientId: 'staff-1', username: 'staff:lan', password: 'x', reconnectPeriod: 0 });
  t.teardown(() => c.endAsync(true));
  const got: string[] = [];
  c.on('message', (_topic, p) => got.push(p.toString()));
  await c.subscribeAsync(`motcua/${OFFICE}/hub/#`, { qos: 1 });
  const sent: string[] = [];
  for (let i = 0; i < 60; i++) {
    const retain = i % 3 !== 2; // state, state, call, state, state, call ...
    const topic = retain ? `motcua/${OFFICE}/hub/counter/q${i % 2}` : `motcua/${OFFICE}/hub/call`;
    bus.publish(rawTopic<{ n: number }>(topic), { n: i }, { retain, qos: 1 });
    sent.push(JSON.stringify({ n: i }));
  }
  for (let i = 0; i < 200 && got.filter((g) => g.startsWith('{')).length < sent.length; i++) await new Promise((r) => setTimeout(r, 10));
  t.same(got.filter((g) => g.startsWith('{')), sent, 'every message, in the order published');
});

t.test('a late subscriber gets the retained state; the hub hears devices and its own retained messages', async (t) => {
  const { bus, url } = await setup(t);
  bus.publish(rawTopic<{ serving: string }>(`motcua/${OFFICE}/hub/counter/q1`), { serving: '1001' }, { retain: true });
  await new Promise((r) => setTimeout(r, 20));
  const late = await mqtt.connectAsync(url, { clientId: 'staff-1', username: 'staff:lan', password: 'x', reconnectPeriod: 0 });
  t.teardown(() => late.endAsync(true));
  const retained = new Promise<string>((resolve) => late.on('message', (topic, p) => { if (topic.endsWith('/counter/q1')) resolve(p.toString()); }));
  await late.subscribeAsync(`motcua/${OFFICE}/hub/counter/+`, { qos: 1 });
  t.same(JSON.parse(await retained), { serving: '1001' }, 'the display gets the state at once');

  const heard: [string, string, boolean][] = [];
  await bus.subscribe(`motcua/${OFFICE}/+/+/state`, (topic, p, retainedFlag) => heard.push([topic, p.toString(), retainedFlag]));
  const dev = await mqtt.connectAsync(url, { clientId: 'disp-1', username: 'disp-1', password: 'x', reconnectPeriod: 0 });
  t.teardown(() => dev.endAsync(true));
  await dev.publishAsync(`motcua/${OFFICE}/dispenser/disp-1/state`, '{"v":1,"paper":"ok"}', { qos: 1, retain: true });
  t.same(heard, [[`motcua/${OFFICE}/dispenser/disp-1/state`, '{"v":1,"paper":"ok"}', false]], 'delivered live (retained false), before the device gets its PUBACK');

  const again: boolean[] = [];
  await bus.subscribe(`motcua/${OFFICE}/dispenser/+/state`, (_t, _p, r) => again.push(r));
  t.same(again, [true], 'a later hub subscription replays what the device retained');
});

t.test('the hub announces itself online, then offline when it stops', async (t) => {
  const { bus, url } = await setup(t);
  const c = await mqtt.connectAsync(url, { clientId: 'staff-1', username: 'staff:lan', password: 'x', reconnectPeriod: 0 });
  t.teardown(() => c.endAsync(true));
  const seen: string[] = [];
  c.on('message', (topic, p) => { if (topic.endsWith('/hub/availability')) seen.push(p.toString()); });
  await c.subscribeAsync(`motcua/${OFFICE}/hub/availability`, { qos: 1 });
  for (let i = 0; i < 100 && seen.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
  t.same(seen, ['online'], 'retained online');
  t.equal(bus.connected, true);
  await bus.stop();
  for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
  t.same(seen, ['online', 'offline']);
  t.equal(bus.connected, false);
  bus.publish(rawTopic<string>(`motcua/${OFFICE}/hub/call`), 'late');
  await new Promise((r) => setTimeout(r, 30));
  t.equal(seen.length, 2, 'nothing published after stop');
});
