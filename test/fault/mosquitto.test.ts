/**
 * External broker: Debian's Mosquitto on a free loopback port with the password and ACL files that
 * `exportMosquitto` writes, `allow_anonymous false`; the hub connects to it as `hub`. A dispenser issues a ticket
 * through it with MQTT.js and with mosquitto_pub/mosquitto_sub; Mosquitto's ACL keeps a device off another
 * device's topic; anonymous clients are refused.
 */
import t from 'tap';
import { connect, TestDevice } from '../helpers/hub.js';
import { movingClock } from './load.js';
import { hubOnMosquitto } from './mosquitto-hub.js';
import { mosquittoSub, startSub } from './mqtt-cli.js';
import { mosquittoPub } from './mqtt-cli.js';

const O = 'motcua/hoa-binh';

t.test('the hub runs against Mosquitto with the exported password and ACL files', async (t) => {
  const { th, mq, url, secrets } = await hubOnMosquitto(t, [['disp-1', 'dispenser', null], ['disp-2', 'dispenser', null], ['kiosk-1', 'kiosk', null], ['keypad-q1', 'keypad', 'q1']], movingClock());
  const s = { disp: secrets['disp-1'] ?? '', disp2: secrets['disp-2'] ?? '', kiosk: secrets['kiosk-1'] ?? '', keypad: secrets['keypad-q1'] ?? '' };
  t.match(th.hub.health(), { status: 'ok', broker: { ok: true, mode: 'external', url } }, 'the hub is connected to Mosquitto');

  // MQTT.js
  const d = new TestDevice(await connect(url, { clientId: 'disp-1', username: 'disp-1', password: s.disp }), 'hoa-binh', 'dispenser', 'disp-1');
  t.teardown(() => d.end());
  await d.client.subscribeAsync(d.topic('response'), { qos: 1 });
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { number: '1001', status: 'waiting' } }, 'an MQTT.js dispenser gets a ticket through Mosquitto');

  // mosquitto_pub / mosquitto_sub
  const auth = { port: mq.port, id: 'disp-2', user: 'disp-2', password: s.disp2 };
  const sub = startSub({ ...auth, id: 'disp-2-listen' }, `${O}/dispenser/disp-2/response`, { waitS: 8 });
  t.teardown(() => sub.done);
  t.ok(await sub.ready, 'mosquitto_sub listens on the dispenser\'s response topic');
  const pub = await mosquittoPub(auth, `${O}/dispenser/disp-2/request`, JSON.stringify({ v: 1, id: 'cli-1', op: 'issue', fieldId: 'datdai' }));
  t.equal(pub.code, 0, 'mosquitto_pub sends the press');
  const answer = await sub.done;
  const line = sub.lines()[0] ?? '';
  t.match(JSON.parse(line.slice(line.indexOf(' ') + 1)) as unknown, { id: 'cli-1', ok: true, result: { number: '2001' } }, 'and mosquitto_sub hears the ticket');
  t.equal(answer.code, 0);

  // Mosquitto's ACL: another device's topic
  th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  const k = new TestDevice(await connect(url, { clientId: 'kiosk-1', username: 'kiosk-1', password: s.kiosk }), 'hoa-binh', 'kiosk', 'kiosk-1');
  t.teardown(() => k.end());
  await k.client.subscribeAsync(k.topic('response'), { qos: 1 });
  await k.client.publishAsync(`${O}/keypad/keypad-q1/request`, JSON.stringify({ v: 1, id: 'forged', op: 'next' }), { qos: 1 });
  // the kiosk's own next request is answered after the forged one would have been (same connection, in order)
  t.match(await k.request('issue', { fieldId: 'tuphap' }), { ok: true }, 'the kiosk is served on its own topic');
  t.equal(th.hub.queue.ticket([...th.hub.queue.snapshot.tickets.keys()][0] ?? '')?.status, 'waiting', 'the forged Next on the keypad\'s topic never reached the hub');
  // Mosquitto 2.0 grants the SUBACK but filters what the ACL forbids: the kiosk must never hear the keypad's answers
  const overheard: string[] = [];
  k.client.on('message', (topic) => { if (topic.includes('/keypad/')) overheard.push(topic); });
  await k.client.subscribeAsync(`${O}/keypad/keypad-q1/response`, { qos: 1 });
  const kp = new TestDevice(await connect(url, { clientId: 'keypad-q1', username: 'keypad-q1', password: s.keypad }), 'hoa-binh', 'keypad', 'keypad-q1');
  t.teardown(() => kp.end());
  await kp.client.subscribeAsync(kp.topic('response'), { qos: 1 });
  t.match(await kp.request('recall'), { ok: false, error: { code: 'MC_ERR_WRONG_STATE' } }, 'the keypad hears its own answer');
  t.match(await k.request('issue', { fieldId: 'tuphap' }), { ok: true });
  t.same(overheard, [], 'the kiosk, subscribed to the keypad\'s answers, heard none of them');
  const cliForge = await mosquittoPub({ port: mq.port, id: 'disp-2', user: 'disp-2', password: s.disp2 }, `${O}/keypad/keypad-q1/request`, '{"v":1,"id":"forged-2","op":"next"}');
  t.comment(`mosquitto_pub on another device's topic: exit ${cliForge.code} (Mosquitto drops it silently)`);
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { number: '1002' } });
  t.equal([...th.hub.queue.snapshot.tickets.values()].filter((x) => x.status === 'called').length, 0, 'no forged Next was carried out');

  // anonymous and wrong secrets
  await t.rejects(connect(url, { clientId: 'anon' }), /Not authorized|Bad username/i, 'anonymous MQTT.js refused');
  await t.rejects(connect(url, { clientId: 'disp-1', username: 'disp-1', password: 'sai' }), /Not authorized|Bad username/i, 'wrong secret refused');
  const anon = await mosquittoSub({ port: mq.port }, [`${O}/hub/hall`], { waitS: 2 });
  t.not(anon.code, 0, `anonymous mosquitto_sub refused: ${anon.err.trim()}`);
});
