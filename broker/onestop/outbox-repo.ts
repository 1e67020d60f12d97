/**
 * Prepared statements over the `outbox` table (migrations 1 and 5), used by the forwarder. A row is pending
 * (`sent_at` and `parked_at` null), sent, or parked: set aside because the provincial system refused it for good.
 */
import type { Db } from '../db/open.js';
import type { OutboxEvent } from './adapter.js';

export interface OutboxBatch { firstId: number; lastId: number; ids: number[]; events: OutboxEvent[] }

export interface ParkedRow { id: number; idemKey: string; type: string; createdAt: number; parkedAt: number; error: string }

interface Row { id: number; idem_key: string; type: string; payload: string; created_at: number }

export class OutboxRepo {
  private readonly q;
  constructor(db: Db) {
    this.q = {
      next: db.prepare('SELECT id, idem_key, type, payload, created_at FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT ?'),
      backlog: db.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL'),
      oldest: db.prepare('SELECT created_at, last_error FROM outbox WHERE sent_at IS NULL AND parked_at IS NULL ORDER BY id LIMIT 1'),
      // exactly the batch's rows, by id: a parked row put back in line meanwhile may sit inside the batch's range
      sent: db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL'),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL'),
      park: db.prepare('UPDATE outbox SET parked_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ? AND sent_at IS NULL'),
      parked: db.prepare('SELECT id, idem_key, type, created_at, parked_at, last_error FROM outbox WHERE parked_at IS NOT NULL ORDER BY id LIMIT ?'),
      parkedCount: db.prepare('SELECT count(*) AS n FROM outbox WHERE parked_at IS NOT NULL'),
      unpark: db.prepare('UPDATE outbox SET parked_at = NULL WHERE parked_at IS NOT NULL'),
      prune: db.prepare('DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? LIMIT ?)'),
    };
  }

  /** The oldest unsent rows, in id order. */
  next(limit: number): OutboxBatch | null {
    const rows = this.q.next.all(limit) as Row[];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return null;
    return { firstId: first.id, lastId: last.id, ids: rows.map((r) => r.id), events: rows.map((r) => ({ idemKey: r.idem_key, type: r.type, at: r.created_at, payload: parse(r.payload) })) };
  }

  markSent(b: OutboxBatch, at: number): number {
    return this.q.sent.run(at, JSON.stringify(b.ids)).changes;
  }

  markFailed(b: OutboxBatch, error: string): void {
    this.q.failed.run(error.slice(0, 500), JSON.stringify(b.ids));
  }

  /** Set one row aside: the receiver refused it for good. It stays in the table, with the reason. */
  park(id: number, error: string, at: number): void {
    this.q.park.run(at, error.slice(0, 500), id);
  }

  parkedCount(): number { return (this.q.parkedCount.get() as { n: number }).n; }

  parked(limit = 100): ParkedRow[] {
    return (this.q.parked.all(limit) as { id: number; idem_key: string; type: string; created_at: number; parked_at: number; last_error: string | null }[])
      .map((r) => ({ id: r.id, idemKey: r.idem_key, type: r.type, createdAt: r.created_at, parkedAt: r.parked_at, error: r.last_error ?? '' }));
  }

  /** Put every parked row back in line (at its own place: rows go by id). Returns how many. */
  unparkAll(): number { return this.q.unpark.run().changes; }

  /** Delete up to `limit` rows sent before `before` (the event log keeps every event; the outbox is only a queue). */
  pruneSent(before: number, limit: number): number { return this.q.prune.run(before, limit).changes; }

  backlog(): number { return (this.q.backlog.get() as { n: number }).n; }

  oldestUnsent(): { createdAt: number; lastError: string | null } | null {
    const r = this.q.oldest.get() as { created_at: number; last_error: string | null } | undefined;
    return r ? { createdAt: r.created_at, lastError: r.last_error } : null;
  }
}

function parse(text: string): unknown {
  try { return JSON.parse(text) as unknown; } catch { return text; }
}
