import { randomBytes } from 'node:crypto';
import type { Staff } from './users.js';

/** Tickets one staff login may hold at once (pages open at the same time); a new one retires the oldest. */
export const TICKETS_PER_LOGIN = 4;

interface Ticket { session: string; username: string; clientId: string | null; issuedAt: number }

/**
 * Short MQTT credentials for signed-in staff pages. A ticket lives only as long as the login it came from: it
 * names that session, and every check asks the staff directory whether the session still stands (logout,
 * password change and a disabled account end it, and with it the ticket). One login holds at most
 * TICKETS_PER_LOGIN tickets and a ticket at most one live connection.
 */
export class StaffTickets {
  private readonly tickets = new Map<string, Ticket>();
  constructor(private readonly sessionOf: (session: string) => Staff | null, private readonly clock: () => number,
    private readonly disconnect: (clientId: string) => void) {}

  /** A new ticket for a session (its token hash); the login's oldest ticket goes when it already holds the most. */
  issue(session: string, username: string): { username: string; password: string } {
    const mine = [...this.tickets].filter(([, t]) => t.session === session).sort((a, b) => a[1].issuedAt - b[1].issuedAt);
    for (const [pw] of mine.slice(0, Math.max(0, mine.length - TICKETS_PER_LOGIN + 1))) this.drop(pw);
    const password = randomBytes(24).toString('base64url');
    this.tickets.set(password, { session, username, clientId: null, issuedAt: this.clock() });
    return { username: `staff:${username}`, password };
  }

  /** The staff member a connecting client stands for, or null. A second client on the same ticket replaces the first. */
  verify(clientId: string, username: string, password: string): Staff | null {
    const t = this.tickets.get(password);
    if (!t || `staff:${t.username}` !== username || !clientId.startsWith('staff-')) return null;
    const s = this.sessionOf(t.session);
    if (!s || s.username !== t.username) { this.drop(password); return null; }
    if (t.clientId && t.clientId !== clientId) this.disconnect(t.clientId);
    t.clientId = clientId;
    return s;
  }

  /** Drop the tickets whose login has ended, and their connections (called after logout and account changes, and every few seconds). */
  sweep(): number {
    let n = 0;
    for (const [pw, t] of this.tickets) if (!this.sessionOf(t.session)) { this.drop(pw); n++; }
    return n;
  }

  /** Drop every ticket of an account (its role changed, its password was set) and close their connections. */
  revokeUser(username: string): void {
    for (const [pw, t] of this.tickets) if (t.username === username) this.drop(pw);
  }

  get size(): number { return this.tickets.size; }

  private drop(password: string): void {
    const t = this.tickets.get(password);
    this.tickets.delete(password);
    if (t?.clientId) this.disconnect(t.clientId);
  }
}
