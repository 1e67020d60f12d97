import mqtt from 'mqtt';
import t from 'tap';
import { MqttBridge } from '../../broker/onestop/mqtt-bridge.js';
import { silent, tempDir, until } from './helpers.js';
import { HAVE_MOSQUITTO, MOSQUITTO, startMosquitto } from '../helpers/mosquitto.js';


t.test('events reach a real Mosquitto in order; availability is retained', { skip: HAVE_MOSQUITTO ? false : `${MOSQUITTO} not installed (apt-get install mosquitto)` }, async (t) => {
  const port = await startMosquitto(t, tempDir(t));
  const url = `mqtt://127.0.0.1:${port}`;
  const sub = await mqtt.connectAsync(url, { clientId: 'province-aggregator' });
  t.teardown(() => sub.endAsync(true));
  const got: [string, string][] = [];
  sub.on('message', (topic, payload) => { got.push([topic, payload.toString()]); });
  await sub.subscribeAsync('motcua/+/events/#', { qos: 1 });

  const bridge = new MqttBridge({ url, officeId: 'ubnd-x', log: silent, reconnectMs: 100 });
  t.teardown(() => bridge.stop());
  bridge.start();
  const events = [1, 2, 3, 4].map((seq) => ({ seq, type: seq % 2 ? 'ticket.issued' : 'ticket.called', at: 1_760_000_000_000 + seq, office: 'ubnd-x' }));
  bridge.publish(events); // published before the connection is up: queued, then delivered in order
  await until(sub, ['message'], () => got.length === 4, 10_000, 'four events');
  t.same(got.map(([topic]) => topic), ['motcua/ubnd-x/events/ticket.issued', 'motcua/ubnd-x/events/ticket.called', 'motcua/ubnd-x/events/ticket.issued', 'motcua/ubnd-x/events/ticket.called']);
  t.same(got.map(([, p]) => (JSON.parse(p) as { seq: number }).seq), [1, 2, 3, 4]);

  const watcher = await mqtt.connectAsync(url, { clientId: 'watcher' });
  t.teardown(() => watcher.endAsync(true));
  const avail: string[] = [];
  watcher.on('message', (_topic, payload) => { avail.push(payload.toString()); });
  await watcher.subscribeAsync('motcua/ubnd-x/hub/online', { qos: 1 });
  await until(watcher, ['message'], () => avail.includes('true'), 5000, 'retained online');
  await bridge.stop();
  await until(watcher, ['message'], () => avail.at(-1) === 'false', 5000, 'offline on stop');
  t.pass('availability goes false on stop');
});
