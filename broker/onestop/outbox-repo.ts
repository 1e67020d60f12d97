/** Prepared statements over the `outbox` table (migration 1), used by the forwarder. */
import type { Db } from '../db/open.js';
import type { OutboxEvent } from './adapter.js';

export interface OutboxBatch { firstId: number; lastId: number; events: OutboxEvent[] }

interface Row { id: number; idem_key: string; type: string; payload: string; created_at: number }

export class OutboxRepo {
  private readonly q;
  constructor(db: Db) {
    this.q = {
      next: db.prepare('SELECT id, idem_key, type, payload, created_at FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?'),
      backlog: db.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'),
      oldest: db.prepare('SELECT created_at, last_error FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1'),
      // A batch is the first N unsent rows by id and new rows always get larger ids, so every unsent row
      // in [firstId, lastId] belongs to the batch: one range update marks exactly the batch.
      sent: db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id BETWEEN ? AND ? AND sent_at IS NULL'),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id BETWEEN ? AND ? AND sent_at IS NULL'),
    };
  }

  /** The oldest unsent rows, in id order. */
  next(limit: number): OutboxBatch | null {
    const rows = this.q.next.all(limit) as Row[];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return null;
    return { firstId: first.id, lastId: last.id, events: rows.map((r) => ({ idemKey: r.idem_key, type: r.type, at: r.created_at, payload: parse(r.payload) })) };
  }

  markSent(b: OutboxBatch, at: number): number {
    return this.q.sent.run(at, b.firstId, b.lastId).changes;
  }

  markFailed(b: OutboxBatch, error: string): void {
    this.q.failed.run(error.slice(0, 500), b.firstId, b.lastId);
  }

  backlog(): number { return (this.q.backlog.get() as { n: number }).n; }

  oldestUnsent(): { createdAt: number; lastError: string | null } | null {
    const r = this.q.oldest.get() as { created_at: number; last_error: string | null } | undefined;
    return r ? { createdAt: r.created_at, lastError: r.last_error } : null;
  }
}

function parse(text: string): unknown {
  try { return JSON.parse(text) as unknown; } catch { return text; }
}
