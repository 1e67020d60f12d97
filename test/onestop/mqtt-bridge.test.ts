/**
 * The hub's uplink to the provincial broker, with a real hub and Debian's Mosquitto: the hub serves while the
 * broker is away, the events wait in its database and go in order once it is back, with the office's sequence;
 * device health goes too; a restarted hub carries on after the last acknowledged event.
 */
import mqtt from 'mqtt';
import t from 'tap';
import { rmSync } from 'node:fs';
import { rootPath } from '../../broker/paths.js';
import { startHub, tempDir, testClock, testConfig, atMs } from '../helpers/hub.js';
import { HAVE_ENGINES, mosquitto } from '../helpers/services.js';

interface Ev { v: number; office: string; seq: number; type: string; at: number; sentAt: number }

t.test('the hub streams its event log and device health, store and forward, in order, once', { skip: HAVE_ENGINES ? false : 'mosquitto not installed' }, async (t) => {
  const dir = tempDir('motcua-uplink-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const mq = await mosquitto(dir);
  t.teardown(() => mq.stop());
  await mq.stop(); // the provincial broker is away when the office opens
  const clock = testClock(atMs('08:00'));
  const cfg = testConfig(rootPath('config/examples/commune.yaml'), (c) => { c.onestop.mqttUrl = mq.url; });
  const hubDir = tempDir('motcua-uplink-hub-');
  t.teardown(() => rmSync(hubDir, { recursive: true, force: true }));
  let th = await startHub({ cfg, clock: clock.now, dir: hubDir });
  const q = () => th.hub.queue;
  // an event whose data holds a citizen's phone number (as a text-message feature might): it must not leave the hub
  th.hub.db.prepare("INSERT INTO events (at, day, type, data) VALUES (?, ?, 'message.queued', ?)").run(clock.now(), '2026-01-01', JSON.stringify({ phone: '0912345678', nested: { soDienThoai: '0987654321', ok: 1 }, ticketRef: 'A001' }));
  for (let i = 0; i < 5; i++) t.ok(q().execute({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false }, { source: 't' }).ticket, 'the office serves without the province');
  const uplink = th.hub.link.mqtt;
  if (!uplink) throw new Error('no uplink');
  const last = (th.hub.db.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }).s;
  t.equal(uplink.status().backlog, last, 'every event waits in the database');

  await mq.start();
  const sub = await mqtt.connectAsync(mq.url, { clientId: 'province-watch' });
  t.teardown(() => sub.endAsync(true));
  const events: Ev[] = [];
  const health: Record<string, unknown>[] = [];
  sub.on('message', (topic, p) => {
    const body = JSON.parse(p.toString()) as Record<string, unknown>;
    if (topic.endsWith('/health')) health.push(body); else events.push(body as unknown as Ev);
  });
  await sub.subscribeAsync({ 'motcua/+/events/#': { qos: 1 }, 'motcua/+/health': { qos: 1 } });
  uplink.wake(); // the hub reconnects by itself within 5 s; a nudge keeps the test short
  uplink.snapshot();
  const wait = async (what: string, f: () => boolean) => { const end = Date.now() + 15_000; while (!f()) { if (Date.now() > end) throw new Error(what); await new Promise((r) => setTimeout(r, 50)); } };
  await wait('every event', () => events.length >= last && uplink.status().backlog === 0);
  t.same(events.map((e) => e.seq), Array.from({ length: last }, (_, i) => i + 1), 'in order, each seq once');
  t.ok(events.every((e) => e.v === 1 && e.office === cfg.office.id && e.sentAt === clock.now()), 'office id, version and send time on each');
  t.same((events.find((e) => e.type === 'message.queued') as unknown as { data: unknown } | undefined)?.data, { nested: { ok: 1 }, ticketRef: 'A001' }, 'no phone number leaves the hub');
  await wait('a health snapshot after the tickets', () => health.some((h) => h.waiting === 5));
  t.ok(health.length >= 2, 'the one taken at start-up waited too');
  t.match(health.find((h) => h.waiting === 5), { v: 1, office: cfg.office.id, waiting: 5, fields: [{ fieldId: 'hotich', waiting: 5 }], devices: Array, link: { configured: false } });

  // a restart: the cursor is in the database, nothing acknowledged goes again
  await th.stop();
  th = await startHub({ cfg, clock: clock.now, dir: hubDir });
  t.teardown(() => th.stop());
  events.length = 0;
  q().execute({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false }, { source: 't' });
  await wait('the new event', () => events.length >= 1);
  await new Promise((r) => setTimeout(r, 300));
  t.same(events.map((e) => e.seq), [last + 1], 'only the new event after a restart');
});
