import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open.js';

/**
 * The public address of a ticket: `{id}.{token}`, where the token is an HMAC of the id under a secret kept in
 * the database (made once per office). Ticket ids are guessable (`{day}-{field}-{seq}`); the token is not
 * (128 bits). The QR code on the paper ticket carries it, so only the holder of the ticket opens its page;
 * anything more than number, status, place and wait needs a staff login.
 */
export class TicketRefs {
  private readonly secret: Buffer;
  constructor(db: Db) {
    db.prepare("INSERT INTO meta (key, value) VALUES ('ticket_secret', ?) ON CONFLICT(key) DO NOTHING").run(randomBytes(32).toString('hex'));
    this.secret = Buffer.from((db.prepare("SELECT value FROM meta WHERE key = 'ticket_secret'").get() as { value: string }).value, 'hex');
  }

  private token(id: string): Buffer { return createHmac('sha256', this.secret).update(id).digest().subarray(0, 16); }

  /** The ticket's public reference (what the QR code prints after `/t/`). */
  ref(id: string): string { return `${id}.${this.token(id).toString('base64url')}`; }

  /** The ticket id a reference stands for, or null when its token is missing or wrong. */
  idOf(ref: string): string | null {
    const dot = ref.lastIndexOf('.');
    if (dot < 1) return null;
    const id = ref.slice(0, dot);
    const given = Buffer.from(ref.slice(dot + 1), 'base64url');
    const want = this.token(id);
    return given.length === want.length && timingSafeEqual(given, want) ? id : null;
  }
}
