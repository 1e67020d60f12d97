/**
 * The province's PostgreSQL store. Events are partitioned by month of the hub's event time (declarative range
 * partitions, created on demand the first time a month appears, local time of Vietnam) and keyed by
 * (office, seq, at): an event that arrives twice is stored once (ON CONFLICT DO NOTHING), whichever instance of the
 * service receives it. Offices the province does not know, and payloads that are not events, go to `quarantine`
 * with the reason, so nothing is lost and an operator can see them.
 */
import pg from 'pg';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS offices (id text PRIMARY KEY, name text NOT NULL, center_id text NOT NULL, mqtt_hash text, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS staff (username text PRIMARY KEY, pass_hash text NOT NULL, role text NOT NULL CHECK (role IN ('province', 'center')),
  center_id text, created_at timestamptz NOT NULL DEFAULT now(), CHECK (role = 'province' OR center_id IS NOT NULL));
CREATE TABLE IF NOT EXISTS sessions (token_hash text PRIMARY KEY, username text NOT NULL, expires_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  office_id text NOT NULL, seq bigint NOT NULL, at timestamptz NOT NULL, day date NOT NULL, type text NOT NULL,
  ticket_id text, counter_id text, clerk_id text, field_id text, data jsonb NOT NULL,
  received_at timestamptz NOT NULL, clock_skew_ms integer NOT NULL DEFAULT 0,
  PRIMARY KEY (office_id, seq, at)) PARTITION BY RANGE (at);
CREATE TABLE IF NOT EXISTS office_state (office_id text PRIMARY KEY, online boolean, online_at timestamptz, last_seq bigint NOT NULL DEFAULT 0, contiguous_seq bigint NOT NULL DEFAULT 0,
  last_event_at timestamptz, events bigint NOT NULL DEFAULT 0, duplicates bigint NOT NULL DEFAULT 0,
  clock_skew_ms integer NOT NULL DEFAULT 0, clock_checked_at timestamptz,
  hseq bigint NOT NULL DEFAULT 0, health_at timestamptz, health jsonb);
CREATE TABLE IF NOT EXISTS quarantine (id bigserial PRIMARY KEY, received_at timestamptz NOT NULL, topic text NOT NULL, office_id text,
  seq bigint, reason text NOT NULL, payload text NOT NULL);
`;

export type Pool = pg.Pool;

export function pool(url: string, max = 10): pg.Pool {
  const p = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // an idle connection dropped by a restarting server must not bring the service down
  p.on('error', () => undefined);
  return p;
}

export async function migrate(db: pg.Pool): Promise<void> {
  await db.query(SCHEMA);
}

const MONTH_TZ = '+07';

/** The partition (name and bounds) of the month of `ms` in Vietnam's time. */
export function monthOf(ms: number): { name: string; from: string; to: string } {
  const d = new Date(ms + 7 * 3600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  const f = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01 00:00:00${MONTH_TZ}`;
  return { name: `events_${y}_${String(m).padStart(2, '0')}`, from: f(y, m), to: f(next[0] as number, next[1] as number) };
}

/** Create the month partitions `times` fall in, once per process (and safely when several instances race). */
export class Partitions {
  private readonly known = new Set<string>();
  constructor(private readonly db: pg.Pool) {}

  async ensure(times: number[]): Promise<void> {
    const months = new Map<string, ReturnType<typeof monthOf>>();
    for (const t of times) { const m = monthOf(t); if (!this.known.has(m.name)) months.set(m.name, m); }
    for (const m of months.values()) {
      const c = await this.db.connect();
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock(24240624)');
        await c.query(`CREATE TABLE IF NOT EXISTS ${m.name} PARTITION OF events FOR VALUES FROM ('${m.from}') TO ('${m.to}')`);
        await c.query('COMMIT');
        this.known.add(m.name);
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally { c.release(); }
    }
  }

  async list(): Promise<string[]> {
    const r = await this.db.query<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'events' ORDER BY 1");
    return r.rows.map((x) => x.name);
  }
}

/** A valid event, as the service stores it. */
export interface EventRow {
  office: string; seq: number; at: number; day: string; type: string; ticketId: string | null; counterId: string | null;
  clerkId: string | null; fieldId: string | null; data: unknown; receivedAt: number; skewMs: number;
}

export interface Quarantined { receivedAt: number; topic: string; office: string | null; seq: number | null; reason: string; payload: string }

export interface HealthRow { office: string; hseq: number; at: number; body: unknown }

/** What one write stored: new events per office (duplicates are not counted). */
export interface Stored { inserted: number; duplicates: number }

/**
 * Store one batch in one transaction: events (duplicates ignored), quarantined messages, health snapshots (the newest
 * per office kept), and per office its counters and the last clock check. Throws if the database is unreachable:
 * the caller then does not acknowledge the messages.
 */
export async function storeBatch(db: pg.Pool, parts: Partitions, events: EventRow[], bad: Quarantined[], health: HealthRow[]): Promise<Stored> {
  if (events.length) await parts.ensure(events.map((e) => e.at));
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    let inserted = 0;
    if (events.length) {
      const col = <T>(f: (e: EventRow) => T): T[] => events.map(f);
      const r = await c.query<{ office_id: string; seq: string }>(`INSERT INTO events (office_id, seq, at, day, type, ticket_id, counter_id, clerk_id, field_id, data, received_at, clock_skew_ms)
        SELECT o, s, to_timestamp(a / 1000.0), d::date, t, ti, ci, cl, fi, da::jsonb, to_timestamp(r / 1000.0), k
        FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::float8[], $12::int[])
          AS x(o, s, a, d, t, ti, ci, cl, fi, da, r, k)
        ON CONFLICT DO NOTHING RETURNING office_id, seq`,
      [col((e) => e.office), col((e) => e.seq), col((e) => e.at), col((e) => e.day), col((e) => e.type), col((e) => e.ticketId), col((e) => e.counterId),
        col((e) => e.clerkId), col((e) => e.fieldId), col((e) => JSON.stringify(e.data ?? null)), col((e) => e.receivedAt), col((e) => e.skewMs)]);
      inserted = r.rowCount ?? 0;
      const fresh = new Map<string, number>();
      for (const x of r.rows) fresh.set(x.office_id, (fresh.get(x.office_id) ?? 0) + 1);
      const per = new Map<string, { n: number; dup: number; seq: number; at: number; skew: number; recv: number }>();
      for (const e of events) {
        const p = per.get(e.office) ?? { n: 0, dup: 0, seq: 0, at: 0, skew: 0, recv: 0 };
        p.seq = Math.max(p.seq, e.seq);
        p.at = Math.max(p.at, e.at);
        if (e.receivedAt >= p.recv) { p.recv = e.receivedAt; p.skew = e.skewMs; }
        per.set(e.office, p);
      }
      const offices = [...per.keys()];
      const f = <T>(g: (office: string, p: { seq: number; at: number; skew: number; recv: number }) => T): T[] => offices.map((o) => g(o, per.get(o) as { seq: number; at: number; skew: number; recv: number }));
      const counts = new Map<string, number>();
      for (const e of events) counts.set(e.office, (counts.get(e.office) ?? 0) + 1);
      await c.query(`INSERT INTO office_state (office_id, last_seq, last_event_at, events, duplicates, clock_skew_ms, clock_checked_at)
        SELECT o, s, to_timestamp(a / 1000.0), n, d, k, to_timestamp(r / 1000.0) FROM unnest($1::text[], $2::bigint[], $3::float8[], $4::bigint[], $5::bigint[], $6::int[], $7::float8[]) AS x(o, s, a, n, d, k, r)
        ON CONFLICT (office_id) DO UPDATE SET last_seq = GREATEST(office_state.last_seq, EXCLUDED.last_seq), last_event_at = GREATEST(office_state.last_event_at, EXCLUDED.last_event_at),
          events = office_state.events + EXCLUDED.events, duplicates = office_state.duplicates + EXCLUDED.duplicates,
          clock_skew_ms = EXCLUDED.clock_skew_ms, clock_checked_at = EXCLUDED.clock_checked_at`,
      [offices, f((_o, p) => p.seq), f((_o, p) => p.at), f((o) => fresh.get(o) ?? 0), f((o) => (counts.get(o) ?? 0) - (fresh.get(o) ?? 0)), f((_o, p) => p.skew), f((_o, p) => p.recv)]);
    }
    for (const q of bad) {
      await c.query('INSERT INTO quarantine (received_at, topic, office_id, seq, reason, payload) VALUES (to_timestamp($1 / 1000.0), $2, $3, $4, $5, $6)',
        [q.receivedAt, q.topic, q.office, q.seq, q.reason, q.payload.slice(0, 8000)]);
    }
    for (const h of health) {
      await c.query(`INSERT INTO office_state (office_id, hseq, health_at, health) VALUES ($1, $2, to_timestamp($3 / 1000.0), $4::jsonb)
        ON CONFLICT (office_id) DO UPDATE SET hseq = EXCLUDED.hseq, health_at = EXCLUDED.health_at, health = EXCLUDED.health WHERE office_state.hseq < EXCLUDED.hseq`,
      [h.office, h.hseq, h.at, JSON.stringify(h.body)]);
    }
    await c.query('COMMIT');
    return { inserted, duplicates: events.length - inserted };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally { c.release(); }
}

export async function setOnline(db: pg.Pool, office: string, online: boolean, at: number): Promise<void> {
  await db.query(`INSERT INTO office_state (office_id, online, online_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))
    ON CONFLICT (office_id) DO UPDATE SET online = EXCLUDED.online, online_at = EXCLUDED.online_at`, [office, online, at]);
}

export async function officeIds(db: pg.Pool): Promise<Set<string>> {
  const r = await db.query<{ id: string }>('SELECT id FROM offices');
  return new Set(r.rows.map((x) => x.id));
}

/** Register (or rename, or move) an office; `mqttHash` is its Mosquitto password hash (kept when not given). */
export async function addOffice(db: pg.Pool, o: { id: string; name: string; centerId: string; mqttHash?: string }): Promise<void> {
  await db.query(`INSERT INTO offices (id, name, center_id, mqtt_hash) VALUES ($1, $2, $3, $4)
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, center_id = EXCLUDED.center_id, mqtt_hash = COALESCE(EXCLUDED.mqtt_hash, offices.mqtt_hash)`, [o.id, o.name, o.centerId, o.mqttHash ?? null]);
}

export interface OfficeRecord { id: string; name: string; centerId: string; mqttHash: string | null }

export async function listOffices(db: pg.Pool): Promise<OfficeRecord[]> {
  const r = await db.query<{ id: string; name: string; center_id: string; mqtt_hash: string | null }>('SELECT id, name, center_id, mqtt_hash FROM offices ORDER BY center_id, id');
  return r.rows.map((x) => ({ id: x.id, name: x.name, centerId: x.center_id, mqttHash: x.mqtt_hash }));
}

/**
 * Move each office's watermark (every seq up to it is stored) as far as the stored events allow, in one statement
 * for all the offices given ("gaps and islands": the run of seqs right after the watermark), and return them: the
 * hubs are told, and send again from there if the broker lost what it had acknowledged.
 */
export async function advanceWatermarks(db: pg.Pool, offices: string[]): Promise<Map<string, number>> {
  await db.query(`UPDATE office_state s SET contiguous_seq = x.m FROM (
      SELECT e.office_id, max(e.seq) AS m FROM (
        SELECT e.office_id, e.seq, e.seq - row_number() OVER (PARTITION BY e.office_id ORDER BY e.seq) AS island, o.contiguous_seq AS w
        FROM events e JOIN office_state o ON o.office_id = e.office_id
        WHERE e.office_id = ANY($1::text[]) AND e.seq > o.contiguous_seq) e
      WHERE e.island = e.w GROUP BY e.office_id) x
    WHERE s.office_id = x.office_id AND x.m > s.contiguous_seq`, [offices]);
  const r = await db.query<{ office_id: string; c: string }>('SELECT office_id, contiguous_seq AS c FROM office_state WHERE office_id = ANY($1::text[])', [offices]);
  return new Map(r.rows.map((x) => [x.office_id, Number(x.c)]));
}
