/** One Mosquitto and one PostgreSQL per test file, hubs' event logs in SQLite, and the province's consumer. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import pino from 'pino';
import type { Db } from '../../broker/db/open.js';
import { openDatabase } from '../../broker/db/open.js';
import { MqttBridge } from '../../broker/onestop/mqtt-bridge.js';
import { addOffice, migrate, pool, type Pool } from '../../province/db.js';
import { Ingest, type IngestOptions } from '../../province/ingest.js';
import { tempDir } from '../helpers/hub.js';
import { atMs, TEST_DAY } from '../helpers/days.js';
import { mosquitto, postgres, type Broker, type Postgres } from '../helpers/services.js';

export const silent = pino({ level: 'silent' });
interface T { teardown(fn: () => unknown): void }

export interface Rig { dir: string; mq: Broker; pg: Postgres; db: Pool }

export async function rig(t: T): Promise<Rig> {
  const dir = tempDir('motcua-province-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const [mq, pgs] = await Promise.all([mosquitto(dir), postgres(dir)]);
  t.teardown(() => mq.stop());
  t.teardown(() => pgs.stop());
  const db = pool(pgs.url);
  t.teardown(() => db.end());
  await migrate(db);
  return { dir, mq, pg: pgs, db };
}

export async function offices(db: Pool, ids: [string, string][]): Promise<void> {
  for (const [id, center] of ids) await addOffice(db, { id, name: `UBND ${id}`, centerId: center });
}

/** A hub's event log: events written the way the queue writes them (the `events` table), `n` from `from`. */
export function hubDb(t: T, dir: string, name: string): Db {
  const db = openDatabase(join(dir, `${name}.db`));
  t.teardown(() => { if (db.open) db.close(); });
  return db;
}

let tick = 0;
export function addEvents(db: Db, n: number, o: { at?: number; type?: string } = {}): void {
  const ins = db.prepare('INSERT INTO events (at, day, type, ticket_id, counter_id, clerk_id, field_id, data) VALUES (?,?,?,?,?,?,?,?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      tick++;
      ins.run((o.at ?? atMs('08:00')) + tick * 1000, TEST_DAY, o.type ?? 'ticket.printed', `t-${tick}`, null, null, 'ho-tich', JSON.stringify({ ticketId: `t-${tick}` }));
    }
  })();
}

export function bridge(t: T, db: Db, url: string, office: string, clock: () => number = () => atMs('09:00')): MqttBridge {
  const b = new MqttBridge({ url, officeId: office, db, clock, log: silent, reconnectMs: 200, healthEveryMs: 0, resendAfterMs: 1000 });
  t.teardown(() => b.stop());
  b.start();
  return b;
}

/** The province's clock in these tests: 09:00 of the test day, plus what a test adds (a queue's delay). */
export const provinceClock = { extra: 0, now: (): number => atMs('09:00') + provinceClock.extra };

export async function ingest(t: T, r: Rig, o: Partial<IngestOptions> = {}): Promise<Ingest> {
  const ing = new Ingest({ brokerUrl: r.mq.url, db: r.db, log: silent, clock: provinceClock.now, connections: 2, reconnectMs: 200, ...o });
  t.teardown(() => ing.stop());
  await ing.start();
  return ing;
}

export async function count(db: Pool, office: string): Promise<{ rows: number; distinct: number }> {
  const r = await db.query<{ rows: string; distinct: string }>('SELECT count(*) AS rows, count(DISTINCT seq) AS distinct FROM events WHERE office_id = $1', [office]);
  return { rows: Number(r.rows[0]?.rows), distinct: Number(r.rows[0]?.distinct) };
}

/** Wait until `check` holds, polling the database every 50 ms (the rows are the event awaited). */
export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { once };
