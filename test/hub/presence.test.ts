import t from 'tap';
import { pino } from 'pino';
import { MqttDevice } from '../../firmware-bridge/mqtt-device.js';
import { deviceTopic, hubTopic } from '../../protocol/topics.js';
import { connect, OPEN_AT, startHub, tempDir, testClock, waitFor, type TestHub } from '../helpers/hub.js';

const quiet = pino({ level: 'silent' });

function provision(th: TestHub, id: string, kind = 'dispenser'): string {
  return th.hub.registry.add({ id, kind, counterId: null, options: {} }, th.hub.cfg.counters.map((c) => c.id)).secret;
}

t.test('online comes from the connection: a clean disconnect without any availability message is offline', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const secret = provision(th, 'disp-p1');
  const c = await connect(th.hub.brokerUrl, { clientId: 'disp-p1', username: 'disp-p1', password: secret });
  await waitFor(() => th.hub.presence.get('disp-p1').online);
  t.pass('online as soon as the session starts, before any availability message');
  await c.endAsync(); // a clean DISCONNECT: no Last Will, no `offline` from the device
  await waitFor(() => !th.hub.presence.get('disp-p1').online);
  t.pass('offline after a clean disconnect');
});

t.test('a reconnect with the same client id: the Last Will of the session taken over does not mark the new one offline', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const secret = provision(th, 'disp-p2');
  const availability = deviceTopic(th.hub.cfg.office.id, 'dispenser', 'disp-p2', 'availability');
  const old = await import('mqtt').then((m) => m.default.connect(th.hub.brokerUrl, { clientId: 'disp-p2', username: 'disp-p2', password: secret, reconnectPeriod: 0,
    will: { topic: availability, payload: Buffer.from('offline'), qos: 1, retain: true } }));
  t.teardown(() => old.end(true));
  await new Promise((r) => old.once('connect', r));
  old.publish(availability, 'online', { qos: 1, retain: true });
  await waitFor(() => th.hub.presence.get('disp-p2').online);
  // the hub's gateway subscribed first, so by the time this sees the will the gateway has handled it
  const will = new Promise<void>((resolve) => {
    void th.hub.bus.subscribe(availability, (_t, p) => { if (p.toString() === 'offline') resolve(); });
  });
  const fresh = await connect(th.hub.brokerUrl, { clientId: 'disp-p2', username: 'disp-p2', password: secret });
  t.teardown(() => fresh.end(true));
  await will;
  t.ok(th.hub.presence.get('disp-p2').online, 'still online: the will came from the old session');
  fresh.publish(availability, 'online', { qos: 1, retain: true });
  const list = await waitFor(() => th.hub.presence.list().find((d) => d.id === 'disp-p2' && d.online));
  t.equal(list.ageS, 0, 'heard from just now');
});

t.test('after a hub restart: the list shows what was last known with its age, and devices answer the birth message with their state', async (t) => {
  const dir = tempDir();
  const clock = testClock(OPEN_AT);
  const a = await startHub({ dir, clock: clock.now });
  const secret = provision(a, 'disp-p3');
  const port = a.hub.mqttPort;
  const dev = new MqttDevice({ brokerUrl: a.hub.brokerUrl, office: a.hub.cfg.office.id, kind: 'dispenser', id: 'disp-p3', secret, log: quiet, reconnectMs: 50 });
  await dev.start();
  await dev.publish('state', { fw: '2.1.0', paper: 'ok' });
  await waitFor(() => a.hub.presence.get('disp-p3').state?.fw === '2.1.0');
  await a.stop();

  clock.advance(90_000);
  const cfg = a.hub.cfg;
  cfg.hub = { ...cfg.hub, mqttPort: port };
  const b = await startHub({ dir, clock: clock.now, cfg });
  t.teardown(async () => { await dev.stop(); await b.stop(); });
  const known = b.hub.presence.list().find((d) => d.id === 'disp-p3');
  t.match(known, { online: false, state: { fw: '2.1.0' }, ageS: 90 }, 'last known state and its age, not nothing');

  // the device reconnects by itself, reads the retained hub `online` and publishes its state again: the restarted
  // embedded broker holds no retained state of its own, so any state on the topic now was published after the restart
  const states: string[] = [];
  await b.hub.bus.subscribe(deviceTopic(cfg.office.id, 'dispenser', 'disp-p3', 'state'), (_t, p) => { states.push(p.toString()); });
  await waitFor(() => states.length > 0, 10_000);
  t.match(JSON.parse(states[0] ?? '{}'), { v: 1, fw: '2.1.0', paper: 'ok' }, 'the device answered the birth message with its state');
  const now = await waitFor(() => b.hub.presence.list().find((d) => d.id === 'disp-p3' && d.online));
  t.equal(now.ageS, 0, 'heard from again');
  t.equal(hubTopic.availability(cfg.office.id), `motcua/${cfg.office.id}/hub/availability`, 'the birth message topic');
});
