/**
 * Which MQTT versions are served, as docs/protocol.md says: the embedded broker (aedes) speaks 3.1.1 and refuses
 * MQTT 5 with "unacceptable protocol version"; in the external-broker mode Mosquitto serves MQTT 5 devices too.
 */
import t from 'tap';
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';
import { OPEN_AT, startHub, TestDevice, testClock } from '../helpers/hub.js';
import { hubOnMosquitto } from './mosquitto-hub.js';
import { MOSQUITTO_PUB, runCli } from './mqtt-cli.js';

/** Connect with a given MQTT protocol version; resolves with the client or the broker's refusal. */
function connectAs(url: string, version: 4 | 5, id: string, password: string): Promise<mqtt.MqttClient | Error> {
  const c = mqtt.connect(url, { clientId: id, username: id, password, protocolVersion: version, reconnectPeriod: 0, connectTimeout: 5000 });
  return new Promise((resolve) => {
    c.once('connect', () => resolve(c));
    c.once('error', (e) => { c.end(true); resolve(e); });
  });
}

t.test('the docs name the versions each mode serves', async (t) => {
  const doc = readFileSync('docs/protocol.md', 'utf8');
  t.match(doc, /embedded broker[^\n]*MQTT 3\.1\.1/i);
  t.match(doc, /MQTT 5[^\n]*Mosquitto/);
});

t.test('embedded broker: MQTT 3.1.1 works; MQTT 5 is refused with "unacceptable protocol version"', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const secret = th.hub.registry.add({ id: 'disp-v', kind: 'dispenser', counterId: null }, []).secret;
  const v5 = await connectAs(th.hub.brokerUrl, 5, 'disp-v', secret);
  t.ok(v5 instanceof Error, 'MQTT.js with MQTT 5 is refused');
  t.match((v5 as Error).message, /unacceptable protocol version/i);
  const pub = await runCli(MOSQUITTO_PUB, ['-h', '127.0.0.1', '-p', String(th.hub.mqttPort), '-V', 'mqttv5', '-i', 'disp-v', '-u', 'disp-v', '-P', secret,
    '-t', 'motcua/hoa-binh/dispenser/disp-v/event', '-m', '{"v":1}']);
  t.not(pub.code, 0, 'mosquitto_pub -V mqttv5 fails');
  t.match(pub.err, /protocol version/i, `and says why: ${pub.err.trim()}`);

  const v311 = await connectAs(th.hub.brokerUrl, 4, 'disp-v', secret);
  t.notOk(v311 instanceof Error, 'MQTT 3.1.1 is accepted');
  const d = new TestDevice(v311 as mqtt.MqttClient, 'hoa-binh', 'dispenser', 'disp-v');
  t.teardown(() => d.end());
  await d.client.subscribeAsync(d.topic('response'), { qos: 1 });
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { status: 'waiting' } });
});

t.test('Mosquitto mode: an MQTT 5 device is served', async (t) => {
  const { url, secrets } = await hubOnMosquitto(t, [['disp-5', 'dispenser', null]], testClock(OPEN_AT).now);
  const secret = secrets['disp-5'] ?? '';
  const c = await connectAs(url, 5, 'disp-5', secret);
  t.notOk(c instanceof Error, 'MQTT 5 is accepted by Mosquitto');
  const d = new TestDevice(c as mqtt.MqttClient, 'hoa-binh', 'dispenser', 'disp-5');
  t.teardown(() => d.end());
  await d.client.subscribeAsync(d.topic('response'), { qos: 1 });
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { number: '1001', status: 'waiting' } }, 'an MQTT 5 dispenser gets a ticket');
});
