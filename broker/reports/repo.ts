import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { TicketFact } from './types.js';

/**
 * Reads what reports need. `report_tickets` (migration 4) is the event log folded ticket by ticket by a trigger in
 * the same transaction as each event; `rebuild()` recomputes it from the events with the statement below.
 */
const FOLD = `
SELECT day, ticket_id,
  MAX(CASE WHEN type = 'ticket.issued' THEN at END), MAX(CASE WHEN type = 'ticket.issued' THEN field_id END),
  MIN(CASE WHEN type = 'ticket.called' THEN at END), MAX(CASE WHEN type = 'ticket.called' THEN at END),
  MAX(CASE WHEN type = 'ticket.finished' THEN at END),
  COALESCE(MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show', 'ticket.voided', 'ticket.expired') THEN field_id END), MAX(CASE WHEN type = 'ticket.issued' THEN field_id END)),
  MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show') THEN counter_id END), MAX(CASE WHEN type IN ('ticket.finished', 'ticket.no_show') THEN clerk_id END),
  MAX(type = 'ticket.no_show'), MAX(type = 'ticket.voided'), MAX(type = 'ticket.expired'), MAX(type = 'ticket.transferred'),
  MAX(CASE WHEN type = 'ticket.finished' THEN json_extract(data, '$.outcome') END),
  MAX(CASE WHEN type = 'rating.recorded' THEN json_extract(data, '$.level') END),
  MAX(CASE WHEN type = 'rating.recorded' THEN json_extract(data, '$.score') END)
FROM events WHERE ticket_id IS NOT NULL AND (type LIKE 'ticket.%' OR type = 'rating.recorded') GROUP BY day, ticket_id`;

const COLS = 'day, issued_at, issued_field, first_call, last_call, finished_at, end_field, counter_id, clerk_id, no_show, voided, expired, transferred, outcome, level, score';
type FactRow = [string, number | null, string | null, number | null, number | null, number | null, string | null, string | null, string | null,
  number, number, number, number, string | null, string | null, number | null];

export interface ClerkEvent { at: number; day: string; type: 'clerk.signed_in' | 'clerk.signed_out'; clerkId: string; counterId: string }

export class ReportRepo {
  private readonly facts: Statement;
  private readonly clerk: Statement;
  constructor(private readonly db: Db) {
    this.facts = db.prepare(`SELECT ${COLS} FROM report_tickets WHERE day BETWEEN ? AND ?`).raw(true);
    this.clerk = db.prepare(`SELECT at, day, type, clerk_id AS clerkId, counter_id AS counterId FROM events
      WHERE type IN ('clerk.signed_in', 'clerk.signed_out') AND at >= ? AND at < ? AND day BETWEEN ? AND ? ORDER BY seq`);
  }

  /** Every ticket of the local days [from, to] ('YYYY-MM-DD'), folded from its events. */
  ticketFacts(from: string, to: string): TicketFact[] {
    const rows = this.facts.all(from, to) as FactRow[];
    const out = new Array<TicketFact>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as FactRow;
      out[i] = {
        day: r[0], issuedAt: r[1], issuedField: r[2], firstCallAt: r[3], lastCallAt: r[4], finishedAt: r[5], endField: r[6] ?? r[2],
        counterId: r[7], clerkId: r[8], noShow: r[9] === 1, voided: r[10] === 1, expired: r[11] === 1, transferred: r[12] === 1,
        outcome: r[13], level: r[14], score: r[15],
      };
    }
    return out;
  }

  /** Sign-in and sign-out events of local days [from, to]; `atFrom`/`atTo` bound the scan on (type, at). */
  clerkEvents(from: string, to: string, atFrom: number, atTo: number): ClerkEvent[] {
    return this.clerk.all(atFrom, atTo, from, to) as ClerkEvent[];
  }

  /** Recompute the whole fold from the event log (after a restore, or to check the trigger). */
  rebuild(): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM report_tickets').run();
      return this.db.prepare(`INSERT INTO report_tickets ${FOLD}`).run().changes;
    })();
  }

  /** All folded rows, ordered (for checks). */
  dump(): unknown[] {
    return this.db.prepare('SELECT * FROM report_tickets ORDER BY day, ticket_id').raw(true).all();
  }
}
