/**
 * provinceIngest: a few hundred simulated hubs (each its own SQLite event log and MQTT connection, the hub's real
 * uplink, broker/onestop/mqtt-bridge.ts) publish to Debian's Mosquitto; the province's consumer (province/ingest.ts,
 * in this process) stores into Debian's PostgreSQL. Measured:
 * - events/s stored while every hub sends a busy day's backlog at once (a morning after a provincial outage),
 *   against the baseline of the same rows written by the same storeBatch() straight into PostgreSQL (no MQTT);
 * - end-to-end lag from a hub's commit to the row committed in PostgreSQL (p50/p99) under a steady flow;
 * - the same with Mosquitto restarted mid-run, proving nothing lost and nothing stored twice;
 * - bytes per stored event (table + indexes), extrapolated to a year of a hundred centers.
 * Run alone: `node --import tsx test/bench/province.ts [--short]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type Db } from '../../broker/db/open.js';
import { MqttBridge } from '../../broker/onestop/mqtt-bridge.js';
import { addOffice, migrate, Partitions, pool, storeBatch, type EventRow, type Pool } from '../../province/db.js';
import { Ingest } from '../../province/ingest.js';
import { HAVE_ENGINES, mosquitto, postgres } from '../helpers/services.js';
import { figure, pct, round, type Figure } from './stats.js';

const silent = pino({ level: 'silent' });
/** A busy day of a commune center: 1,500 tickets, about five events each (issued, printed, called, finished, rated). */
const BUSY_DAY_EVENTS = 7500;
const WORKING_DAYS = 250;

interface Hub { id: string; db: Db; bridge: MqttBridge; committed: number }

const TYPES = ['ticket.issued', 'ticket.printed', 'ticket.called', 'ticket.finished', 'rating.recorded'] as const;
let serial = 0;

/** Event rows shaped like the hub's (data as the queue writes it), committed in one transaction. */
function commit(h: Hub, n: number, at = Date.now()): void {
  const ins = h.db.prepare('INSERT INTO events (at, day, type, ticket_id, counter_id, clerk_id, field_id, data) VALUES (?,?,?,?,?,?,?,?)');
  h.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const k = h.committed++;
      const type = TYPES[k % 5] as string;
      const tid = `${h.id}-t${Math.floor(k / 5)}`;
      const data = type === 'ticket.issued'
        ? { ticket: { id: tid, day: '2026-11-24', fieldId: 'hotich', seriesFieldId: 'hotich', seq: k, number: `A${String(k % 1000).padStart(3, '0')}`, priority: null, status: 'waiting', source: 'kiosk', issuedAt: at, orderAt: at, serial: ++serial } }
        : type === 'ticket.finished' ? { ticketId: tid, counterId: 'q1', clerkId: 'nv-lan', outcome: 'received', dossierCode: `000.00.12.H01-261124-${String(k).padStart(4, '0')}`, ratingUntil: at + 90_000 }
          : type === 'rating.recorded' ? { ticketId: tid, counterId: 'q1', clerkId: 'nv-lan', fieldId: 'hotich', level: 'satisfied', score: 75, reason: null, source: 'pad' }
            : { ticketId: tid, counterId: 'q1', clerkId: 'nv-lan' };
      ins.run(at, '2026-11-24', type, tid, 'q1', 'nv-lan', 'hotich', JSON.stringify(data));
    }
  })();
}

async function stored(db: Pool): Promise<{ rows: number; distinct: number }> {
  const r = await db.query<{ rows: string; d: string }>('SELECT count(*) AS rows, count(DISTINCT (office_id, seq)) AS d FROM events');
  return { rows: Number(r.rows[0]?.rows), distinct: Number(r.rows[0]?.d) };
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`provinceIngest: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function provinceIngest(short: boolean, log: (s: string) => void = () => undefined): Promise<Figure | { skipped: string }> {
  if (!HAVE_ENGINES) return { skipped: 'mosquitto or postgresql not installed' };
  const S = short ? { hubs: 50, backlog: 200, rate: 200, secs: 4, connections: 4 } : { hubs: 300, backlog: 1000, rate: 500, secs: 15, connections: 8 };
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-province-'));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const [mq, pgs] = await Promise.all([mosquitto(dir), postgres(dir)]);
    stops.push(() => pgs.stop(), () => mq.stop());
    const db = pool(pgs.url, 12);
    stops.push(() => db.end());
    await migrate(db);
    const hubs: Hub[] = [];
    for (let i = 0; i < S.hubs; i++) {
      const id = `xa-${String(i).padStart(3, '0')}`;
      await addOffice(db, { id, name: `UBND xã ${i}`, centerId: `tt-${Math.floor(i / 3)}` });
      const hdb = openDatabase(join(dir, `${id}.db`));
      // hundreds of hubs share this one process (and disk): no fsync per commit here; a real hub syncs on its own machine
      hdb.pragma('synchronous = NORMAL');
      stops.push(async () => hdb.close());
      hubs.push({ id, db: hdb, bridge: null as unknown as MqttBridge, committed: 0 });
    }

    // baseline: the same kind of rows, the same storeBatch(), straight into PostgreSQL
    const base = pool(pgs.url, 2);
    const parts = new Partitions(base);
    const rows: EventRow[] = [];
    const now = Date.now();
    for (let i = 0; i < S.hubs * S.backlog / 4; i++) rows.push({ office: `base-${i % 50}`, seq: i + 1, at: now, day: '2026-11-24', type: 'ticket.called', ticketId: `t${i}`, counterId: 'q1', clerkId: 'nv-lan', fieldId: 'hotich', data: { ticketId: `t${i}`, counterId: 'q1', clerkId: 'nv-lan' }, receivedAt: now, skewMs: 0 });
    const b0 = performance.now();
    for (let i = 0; i < rows.length; i += 500) await storeBatch(base, parts, rows.slice(i, i + 500), [], []);
    const baseRate = rows.length / ((performance.now() - b0) / 1000);
    await base.query("DELETE FROM events WHERE office_id LIKE 'base-%'");
    await base.query("DELETE FROM office_state WHERE office_id LIKE 'base-%'");
    await base.end();
    log(`provinceIngest baseline: storeBatch straight into PostgreSQL ${round(baseRate)} events/s`);

    const firstSeen = new Set<string>();
    let lags: number[] = [];
    const ingest = new Ingest({ brokerUrl: mq.url, db, log: silent, connections: S.connections, reconnectMs: 300,
      onStored: (evs) => { const t = Date.now(); for (const e of evs) { const k = `${e.office}/${e.seq}`; if (!firstSeen.has(k)) { firstSeen.add(k); lags.push(t - e.at); } } } });
    await ingest.start();
    stops.push(() => ingest.stop());

    // (1) a busy day's backlog in every hub, all sent at once
    for (const h of hubs) commit(h, S.backlog, Date.now());
    const total1 = S.hubs * S.backlog;
    const t1 = performance.now();
    for (const h of hubs) {
      h.bridge = new MqttBridge({ url: mq.url, officeId: h.id, db: h.db, clock: Date.now, log: silent, reconnectMs: 300, healthEveryMs: 0, resendAfterMs: 10_000 });
      h.bridge.start();
      stops.push(() => h.bridge.stop());
    }
    await until(async () => (await stored(db)).rows >= total1, 600_000, 'the backlog');
    const drainSecs = (performance.now() - t1) / 1000;
    const rate = total1 / drainSecs;
    log(`provinceIngest backlog: ${total1} events from ${S.hubs} hubs in ${round(drainSecs)} s = ${round(rate)} events/s`);

    // (2) steady flow: every hub commits its share of `rate` events/s; lag from commit to row
    const flow = async (restart: boolean): Promise<{ p50: number; p99: number; committed: number }> => {
      lags = [];
      const before = hubs.reduce((n, h) => n + h.committed, 0);
      const tickMs = 100;
      const perTick = (S.rate * tickMs) / 1000;
      let carry = 0;
      const end = performance.now() + S.secs * 1000;
      let restarted = false;
      let k = 0;
      while (performance.now() < end) {
        carry += perTick;
        while (carry >= 1) { const h = hubs[k++ % hubs.length] as Hub; commit(h, 1); h.bridge.wake(); carry--; }
        if (restart && !restarted && performance.now() > end - (S.secs * 1000) / 2) {
          restarted = true;
          await mq.stop();
          await mq.start();
        }
        await new Promise((r) => setTimeout(r, tickMs));
      }
      const expected = hubs.reduce((n, h) => n + h.committed, 0);
      await until(async () => (await stored(db)).rows >= expected, 60_000, 'the steady flow').catch(async (e: unknown) => {
        if (process.env.BENCH_DEBUG) {
          const st = await stored(db);
          console.error('DEBUG', st, expected, ingest.stats);
          for (const h of hubs) { const s = h.bridge.status(); if (s.confirmedSeq !== s.lastSeq) console.error(h.id, s); }
        }
        throw e;
      });
      return { p50: pct(lags, 50), p99: pct(lags, 99), committed: expected - before };
    };
    const steady = await flow(false);
    log(`provinceIngest steady ${S.rate}/s: lag p50 ${steady.p50} ms, p99 ${steady.p99} ms`);
    const dupsBefore = ingest.stats.duplicates;
    const withRestart = await flow(true);
    const check = await stored(db);
    const expected = hubs.reduce((n, h) => n + h.committed, 0);
    log(`provinceIngest with a broker restart: lag p50 ${withRestart.p50} ms, p99 ${withRestart.p99} ms; rows ${check.rows}/${expected}, distinct ${check.distinct}`);

    // size: every event partition with its indexes, per stored event
    const size = await db.query<{ b: string }>("SELECT sum(pg_total_relation_size(c.oid)) AS b FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass");
    const bytesPerEvent = Number(size.rows[0]?.b) / check.rows;
    const yearEvents = 100 * BUSY_DAY_EVENTS * WORKING_DAYS;
    return figure({
      name: `province ingest: ${S.hubs} hubs (one MQTT connection and SQLite event log each) → Mosquitto → ${S.connections} consumer connections (shared subscription) → PostgreSQL, a busy day's backlog of ${S.backlog} events per hub`,
      value: rate, unit: 'events/s', baseline: baseRate, baselineName: 'the same storeBatch() writing straight into PostgreSQL (no MQTT), batches of 500',
      details: {
        hubs: S.hubs, backlogEvents: total1, backlogSeconds: round(drainSecs), consumerConnections: S.connections,
        ingest: { received: ingest.stats.received, stored: ingest.stats.stored, duplicatesIgnored: ingest.stats.duplicates, clockFlagged: ingest.stats.clockFlagged, malformed: ingest.stats.malformed },
        steady: { eventsPerSecond: S.rate, seconds: S.secs, committed: steady.committed, lagP50Ms: steady.p50, lagP99Ms: steady.p99 },
        brokerRestartMidRun: { eventsPerSecond: S.rate, committed: withRestart.committed, lagP50Ms: withRestart.p50, lagP99Ms: withRestart.p99,
          storedRows: check.rows, expectedRows: expected, distinctRows: check.distinct, lost: expected - check.distinct, storedTwice: check.rows - check.distinct,
          duplicatesIgnored: ingest.stats.duplicates - dupsBefore, hubResends: hubs.reduce((n, h) => n + h.bridge.status().resends, 0) },
        bytesPerEvent: round(bytesPerEvent), yearOf100Centers: { assumption: `${BUSY_DAY_EVENTS} events per busy day × ${WORKING_DAYS} working days × 100 centers`, events: yearEvents, gigabytes: round((yearEvents * bytesPerEvent) / 1e9, 1) },
      },
    });
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /province\.ts$/.test(process.argv[1])) {
  provinceIngest(process.argv.includes('--short'), (s) => console.log(s)).then((f) => { console.log(JSON.stringify(f, null, 2)); process.exit(0); }, (e: unknown) => { console.error(e); process.exit(1); });
}
