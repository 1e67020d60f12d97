/** Where the reference simulator keeps received events: in memory, or a small SQLite file (survives a sim restart). */
import Database from 'better-sqlite3';

export interface WireEvent { idempotencyKey: string; type: string; at: number; payload: unknown }
export interface ReceivedEvent extends WireEvent { receivedAt: number }
export interface AddResult { accepted: ReceivedEvent[]; duplicateKeys: string[] }

export interface SimEventStore {
  /** Store a batch atomically, in order; events whose key was seen before are ignored. */
  add(batch: WireEvent[], now: number): AddResult;
  all(): ReceivedEvent[];
  count(): number;
  close(): void;
}

export class MemoryEventStore implements SimEventStore {
  private readonly seen = new Set<string>();
  private readonly list: ReceivedEvent[] = [];
  add(batch: WireEvent[], now: number): AddResult {
    const duplicateKeys: string[] = [];
    const fresh: ReceivedEvent[] = [];
    const inBatch = new Set<string>();
    for (const e of batch) {
      if (this.seen.has(e.idempotencyKey) || inBatch.has(e.idempotencyKey)) { duplicateKeys.push(e.idempotencyKey); continue; }
      inBatch.add(e.idempotencyKey);
      fresh.push({ idempotencyKey: e.idempotencyKey, type: e.type, at: e.at, payload: e.payload, receivedAt: now });
    }
    for (const e of fresh) { this.seen.add(e.idempotencyKey); this.list.push(e); }
    return { accepted: fresh, duplicateKeys };
  }
  all(): ReceivedEvent[] { return this.list.slice(); }
  count(): number { return this.list.length; }
  close(): void { /* nothing to release */ }
}

export class SqliteEventStore implements SimEventStore {
  private readonly db: Database.Database;
  private readonly ins: Database.Statement;
  private readonly addTx: Database.Transaction<(batch: WireEvent[], now: number) => AddResult>;
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS received (n INTEGER PRIMARY KEY AUTOINCREMENT, idem_key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL, at INTEGER NOT NULL, payload TEXT NOT NULL, received_at INTEGER NOT NULL)`);
    this.ins = this.db.prepare('INSERT OR IGNORE INTO received (idem_key, type, at, payload, received_at) VALUES (?,?,?,?,?)');
    this.addTx = this.db.transaction((batch: WireEvent[], now: number) => {
      const duplicateKeys: string[] = [];
      const accepted: ReceivedEvent[] = [];
      for (const e of batch) {
        if (this.ins.run(e.idempotencyKey, e.type, e.at, JSON.stringify(e.payload ?? null), now).changes === 0) duplicateKeys.push(e.idempotencyKey);
        else accepted.push({ idempotencyKey: e.idempotencyKey, type: e.type, at: e.at, payload: e.payload, receivedAt: now });
      }
      return { accepted, duplicateKeys };
    });
  }
  add(batch: WireEvent[], now: number): AddResult { return this.addTx.immediate(batch, now); }
  all(): ReceivedEvent[] {
    const rows = this.db.prepare('SELECT idem_key, type, at, payload, received_at FROM received ORDER BY n').all() as
      { idem_key: string; type: string; at: number; payload: string; received_at: number }[];
    return rows.map((r) => ({ idempotencyKey: r.idem_key, type: r.type, at: r.at, payload: JSON.parse(r.payload) as unknown, receivedAt: r.received_at }));
  }
  count(): number { return (this.db.prepare('SELECT count(*) AS n FROM received').get() as { n: number }).n; }
  close(): void { this.db.close(); }
}
