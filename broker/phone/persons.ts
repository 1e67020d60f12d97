import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.js';

/**
 * The per-person daily limit without stored identity. A person (a verified phone, or the ID number read from a chip
 * card) becomes an HMAC under a random key of the day concerned; only the HMAC and what it was used for are stored.
 * Once the day is over its key and its uses are deleted (`forgetBefore`), so nobody, the hub included, can tell
 * afterwards whose numbers they were. Keys live in the database so that a restart keeps the limit.
 */
export class PersonLimits {
  private readonly q;
  constructor(private readonly db: Db) {
    this.q = {
      getKey: db.prepare('SELECT key FROM person_day_keys WHERE day = ?'),
      insKey: db.prepare('INSERT INTO person_day_keys (day, key) VALUES (?, ?) ON CONFLICT(day) DO NOTHING'),
      count: db.prepare('SELECT COUNT(*) AS n FROM person_uses WHERE day = ? AND person = ?'),
      use: db.prepare('INSERT INTO person_uses (day, person, ref, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      release: db.prepare('DELETE FROM person_uses WHERE day = ? AND ref = ?'),
      dropKeys: db.prepare('DELETE FROM person_day_keys WHERE day < ?'),
      dropUses: db.prepare('DELETE FROM person_uses WHERE day < ?'),
    };
  }

  private key(day: string): Buffer {
    this.q.insKey.run(day, randomBytes(32));
    return (this.q.getKey.get(day) as { key: Buffer }).key;
  }

  /** The person's token for `day` (`kind`: 'phone' or 'card'; `id`: the number, used here and not kept). */
  person(day: string, kind: 'phone' | 'card', id: string): string {
    return createHmac('sha256', this.key(day)).update(`${kind}|${id}`).digest('base64url').slice(0, 22);
  }

  uses(day: string, person: string): number { return (this.q.count.get(day, person) as { n: number }).n; }

  /** Record a use (a booking code or a ticket id); in the caller's transaction, after checking `uses`. */
  use(day: string, person: string, ref: string, at: number): void { this.q.use.run(day, person, ref, at); }

  /** A cancelled booking or a moved one gives its use back. */
  release(day: string, ref: string): void { this.q.release.run(day, ref); }

  /** Destroy the keys and the uses of the days before `day`. */
  forgetBefore(day: string): void { this.q.dropKeys.run(day); this.q.dropUses.run(day); }
}
