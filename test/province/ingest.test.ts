import mqtt from 'mqtt';
import t from 'tap';
import { atMs } from '../helpers/days.js';
import { NO_ENGINES } from '../helpers/services.js';
import { addEvents, bridge, count, hubDb, ingest, offices, provinceClock, rig, until } from './rig.js';

t.test('hubs → Mosquitto → province → PostgreSQL: store and forward, faults, nothing lost, nothing twice', { skip: NO_ENGINES }, async (t) => {
  const r = await rig(t);
  await offices(r.db, [['xa-a', 'tt-1'], ['xa-b', 'tt-1'], ['xa-c', 'tt-2']]);
  const ing = await ingest(t, r);

  await t.test('events stored once each, in month partitions, health and availability kept', async (t) => {
    const a = hubDb(t, r.dir, 'a');
    addEvents(a, 300);
    const b = bridge(t, a, r.mq.url, 'xa-a');
    await until('300 events of xa-a', async () => (await count(r.db, 'xa-a')).rows === 300);
    t.same(await count(r.db, 'xa-a'), { rows: 300, distinct: 300 });
    await until('acknowledged up to the last seq', () => b.ackedSeq() === 300);
    const parts = await r.db.query<{ relname: string }>("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass");
    t.ok(parts.rows.some((p) => /^events_\d{4}_\d{2}$/.test(p.relname)), 'a month partition created on demand');
    const st = await r.db.query<{ online: boolean; events: string }>("SELECT online, events FROM office_state WHERE office_id = 'xa-a'");
    await until('online', async () => (await r.db.query("SELECT 1 FROM office_state WHERE office_id = 'xa-a' AND online")).rowCount === 1);
    t.equal(Number(st.rows[0]?.events), 300, 'counted once');
  });

  await t.test('duplicates (a hub that sends again from an earlier cursor) count once', async (t) => {
    const b = hubDb(t, r.dir, 'b');
    addEvents(b, 50);
    const one = bridge(t, b, r.mq.url, 'xa-b');
    await until('50', async () => (await count(r.db, 'xa-b')).rows === 50);
    await one.stop();
    b.prepare('UPDATE uplink_cursor SET acked_seq = 0').run(); // as if every ack had been lost
    addEvents(b, 10);
    const before = ing.stats.duplicates;
    bridge(t, b, r.mq.url, 'xa-b');
    await until('60', async () => (await count(r.db, 'xa-b')).rows >= 60 && ing.stats.duplicates - before >= 50);
    t.same(await count(r.db, 'xa-b'), { rows: 60, distinct: 60 });
    const st = await r.db.query<{ events: string; duplicates: string }>("SELECT events, duplicates FROM office_state WHERE office_id = 'xa-b'");
    t.equal(Number(st.rows[0]?.events), 60);
    t.ok(Number(st.rows[0]?.duplicates) >= 50, 'duplicates counted apart');
  });

  await t.test('malformed messages and an unknown office are quarantined with the reason; the others go on', async (t) => {
    const raw = await mqtt.connectAsync(r.mq.url, { clientId: 'bad-hub' });
    t.teardown(() => raw.endAsync(true));
    const good = { v: 1, office: 'xa-c', seq: 1, type: 'ticket.printed', at: atMs('08:00'), day: '2026-01-01', sentAt: atMs('09:00'), data: {} };
    await raw.publishAsync('motcua/xa-c/events/ticket.printed', '{not json', { qos: 1 });
    await raw.publishAsync('motcua/xa-c/events/ticket.printed', JSON.stringify({ ...good, seq: -4 }), { qos: 1 });
    await raw.publishAsync('motcua/xa-c/events/ticket.printed', JSON.stringify({ ...good, office: 'xa-a' }), { qos: 1 });
    await raw.publishAsync('motcua/xa-c/events/ticket.printed', JSON.stringify({ ...good, at: 'hôm qua' }), { qos: 1 });
    await raw.publishAsync('motcua/phuong-la/events/ticket.printed', JSON.stringify({ ...good, office: 'phuong-la' }), { qos: 1 });
    await raw.publishAsync('motcua/xa-c/events/ticket.printed', JSON.stringify(good), { qos: 1 });
    await until('the good one', async () => (await count(r.db, 'xa-c')).rows === 1);
    await until('five quarantined', async () => Number((await r.db.query('SELECT count(*) AS n FROM quarantine')).rows[0].n) === 5);
    const q = await r.db.query<{ office_id: string | null; reason: string }>('SELECT office_id, reason FROM quarantine ORDER BY id');
    const reasons = q.rows.map((x) => x.reason).join('\n');
    t.match(reasons, /không phải JSON/);
    t.match(reasons, /seq phải là số nguyên dương/);
    t.match(reasons, /khác chủ đề/);
    t.match(reasons, /thời điểm không hợp lệ/);
    t.match(reasons, /cơ quan "phuong-la" chưa được đăng ký/);
    t.equal(ing.stats.malformed, 4);
    t.equal(ing.stats.unknownOffice, 1);
    t.equal((await count(r.db, 'phuong-la')).rows, 0, 'nothing filed under an unknown office');
  });

  await t.test('a hub whose clock is an hour behind: stored with its own time, flagged', async (t) => {
    const d = hubDb(t, r.dir, 'clock');
    await offices(r.db, [['xa-d', 'tt-2']]);
    addEvents(d, 5);
    bridge(t, d, r.mq.url, 'xa-d', () => atMs('08:00')); // the province's clock says 09:00
    await until('5', async () => (await count(r.db, 'xa-d')).rows === 5);
    const s = await r.db.query<{ clock_skew_ms: number }>("SELECT clock_skew_ms FROM office_state WHERE office_id = 'xa-d'");
    t.ok(Math.abs((s.rows[0]?.clock_skew_ms ?? 0) - 3600_000) < 5000, 'skew of one hour recorded for the office');
    const e = await r.db.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE office_id = 'xa-d' AND clock_skew_ms > 3500000");
    t.equal(Number(e.rows[0]?.n), 5, 'each event flagged');
    t.ok(ing.stats.clockFlagged >= 5);
  });

  await t.test('events that waited in a queue (a drained backlog) are not taken for a wrong clock', async (t) => {
    const h = hubDb(t, r.dir, 'late');
    await offices(r.db, [['xa-h', 'tt-2']]);
    const b = bridge(t, h, r.mq.url, 'xa-h'); // the hub's clock says 09:00, as the province's
    addEvents(h, 3);
    b.wake();
    await until('3', async () => (await count(r.db, 'xa-h')).rows === 3);
    provinceClock.extra = 20 * 60_000; // the next ones arrive 20 minutes after the hub sent them
    t.teardown(() => { provinceClock.extra = 0; });
    addEvents(h, 3);
    b.wake();
    await until('6', async () => (await count(r.db, 'xa-h')).rows === 6);
    const s = await r.db.query<{ clock_skew_ms: number }>("SELECT clock_skew_ms FROM office_state WHERE office_id = 'xa-h'");
    t.equal(s.rows[0]?.clock_skew_ms, 0, 'the office\'s clock is right: the delay was the queue\'s');
  });

  await t.test('database down for a while: nothing acknowledged, nothing lost, resumes', async (t) => {
    const e = hubDb(t, r.dir, 'e');
    await offices(r.db, [['xa-e', 'tt-2']]);
    const b = bridge(t, e, r.mq.url, 'xa-e');
    addEvents(e, 20);
    b.wake();
    await until('20', async () => (await count(r.db, 'xa-e')).rows === 20);
    await r.pg.stop();
    addEvents(e, 200);
    b.wake();
    await until('the hub sent them to the broker', () => b.ackedSeq() >= 220 - 0 && ing.stats.dbErrors > 0, 20_000);
    t.ok(ing.stats.waitingForDb > 0, 'the service holds messages unacknowledged');
    await r.pg.start();
    await until('220 after the database came back', async () => (await count(r.db, 'xa-e').catch(() => ({ rows: -1 }))).rows === 220, 30_000);
    t.same(await count(r.db, 'xa-e'), { rows: 220, distinct: 220 });
  });

  await t.test('broker restart while hubs publish and the link is down: nothing lost, nothing twice', async (t) => {
    const f = hubDb(t, r.dir, 'f');
    await offices(r.db, [['xa-f', 'tt-1']]);
    const b = bridge(t, f, r.mq.url, 'xa-f');
    addEvents(f, 100);
    b.wake();
    await r.mq.stop();
    addEvents(f, 100); // committed while the broker is down: they wait in the hub's database
    t.ok(b.status().backlog > 0, 'backlog kept in SQLite while the link is down');
    await r.mq.start();
    await until('200 after the restart', async () => (await count(r.db, 'xa-f')).rows === 200, 20_000);
    await until('hub cursor at the end, confirmed by the province', () => b.status().backlog === 0 && b.status().confirmedSeq === 200, 10_000);
    t.same(await count(r.db, 'xa-f'), { rows: 200, distinct: 200 });
  });

  await t.test('a broker that loses what it acknowledged (a node replaced while the province was away): the hubs send it again', async (t) => {
    const g = hubDb(t, r.dir, 'g');
    await offices(r.db, [['xa-g', 'tt-1']]);
    const b = bridge(t, g, r.mq.url, 'xa-g');
    addEvents(g, 10);
    b.wake();
    await until('10 stored and confirmed', async () => (await count(r.db, 'xa-g')).rows === 10 && b.status().confirmedSeq === 10);
    await ing.stop(); // the province is away; its sessions stay on the broker
    addEvents(g, 40);
    b.wake();
    await until('the broker acknowledged all 50', () => b.ackedSeq() === 50);
    await r.mq.stop();
    r.mq.wipe(); // ... and the broker comes back without them
    await r.mq.start();
    const again = await ingest(t, r);
    await until('50 stored after the hub sent again', async () => (await count(r.db, 'xa-g')).rows === 50, 20_000);
    t.same(await count(r.db, 'xa-g'), { rows: 50, distinct: 50 });
    t.ok(b.status().resends >= 1, 'the hub noticed the province was behind the broker and sent again');
    await until('confirmed', () => b.status().confirmedSeq === 50);
    t.equal(again.stats.malformed, 0);
  });
});
