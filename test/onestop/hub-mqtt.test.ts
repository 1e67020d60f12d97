import t from 'tap';
import mqtt from 'mqtt';
import { HAVE_MOSQUITTO, MOSQUITTO, startMosquitto } from '../helpers/mosquitto.js';
import { DISTRICT_EXAMPLE, OPEN_AT, startHub, tempDir, testClock, testConfig, waitFor } from '../helpers/hub.js';

t.test('the hub streams its events to a provincial Mosquitto when onestop.mqttUrl is set', { skip: HAVE_MOSQUITTO ? false : `${MOSQUITTO} not installed (apt-get install mosquitto)` }, async (t) => {
  const port = await startMosquitto(t, tempDir());
  const url = `mqtt://127.0.0.1:${port}`;
  const province = await mqtt.connectAsync(url, { clientId: 'province' });
  t.teardown(() => province.endAsync());
  const got: { topic: string; body: Record<string, unknown> }[] = [];
  province.on('message', (topic, p) => got.push({ topic, body: JSON.parse(p.toString()) as Record<string, unknown> }));
  await province.subscribeAsync('motcua/+/events/#', { qos: 1 });
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(DISTRICT_EXAMPLE, (c) => { c.onestop.mqttUrl = url; }) });
  t.teardown(th.stop);
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  q.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  await waitFor(() => got.length >= 3);
  t.same(got.map((g) => g.topic), ['motcua/hoa-binh/events/clerk.signed_in', 'motcua/hoa-binh/events/ticket.issued', 'motcua/hoa-binh/events/ticket.called']);
  const seqs = got.map((g) => Number(g.body.seq));
  t.ok(seqs.every((s, i) => i === 0 || s > (seqs[i - 1] ?? 0)), 'in order of the event log');
  t.match(got[1]?.body, { office: 'hoa-binh', data: { ticket: { number: '1001' } } });
});
