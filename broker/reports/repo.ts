import type { Statement } from 'better-sqlite3';
import { writeTx, type Db } from '../db/open.js';
import type { DossierFact } from './satisfaction766.js';

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

/** Flags packed per ticket in `Facts.flags`. */
export const F = { noShow: 1, voided: 2, expired: 4, transferred: 8, called: 16, served: 32, issued: 64 } as const;

/**
 * A period's tickets, column by column (one JSON array per column out of SQLite: ~3x faster than row objects).
 * Times in ms; `wait` = first call − issue, `service` = finish − last call.
 */
export interface Facts {
  n: number; issuedField: (string | null)[]; endField: (string | null)[]; counter: (string | null)[]; clerk: (string | null)[];
  outcome: (string | null)[]; level: (string | null)[]; score: (number | null)[]; flags: number[]; wait: (number | null)[]; service: (number | null)[];
  issuedAt: (number | null)[];
}
const FACT_COLS = ['issued_field', 'COALESCE(end_field, issued_field)', 'counter_id', 'clerk_id', 'outcome', 'level', 'score',
  'no_show + 2 * voided + 4 * expired + 8 * transferred + 16 * (first_call IS NOT NULL) + 32 * (finished_at IS NOT NULL) + 64 * (issued_at IS NOT NULL)',
  'first_call - issued_at', 'finished_at - last_call', 'issued_at'];

export interface ClerkEvent { at: number; day: string; type: 'clerk.signed_in' | 'clerk.signed_out'; clerkId: string; counterId: string }

/**
 * Services of local days [from, to] that ended with a dossier code or were rated, with the rating and what the
 * provincial system said of the dossier when it was looked up (onestop_dossiers). Read from the event log.
 */
const DOSSIER_FACTS = `
SELECT json_extract(f.data, '$.dossierCode') AS code, f.field_id AS fieldId, f.clerk_id AS clerkId,
  (SELECT json_extract(r.data, '$.level') FROM events r WHERE r.ticket_id = f.ticket_id AND r.day = f.day AND r.type = 'rating.recorded' LIMIT 1) AS level,
  json_extract(d.body, '$.overdue') AS overdue, json_extract(d.body, '$.complained') AS complained
FROM events f LEFT JOIN onestop_dossiers d ON d.code = upper(json_extract(f.data, '$.dossierCode'))
WHERE f.type = 'ticket.finished' AND f.day BETWEEN ? AND ?`;

export class ReportRepo {
  private readonly factsQ: Statement;
  private readonly clerk: Statement;
  private readonly dossierQ: Statement;
  constructor(private readonly db: Db) {
    this.dossierQ = db.prepare(DOSSIER_FACTS);
    this.factsQ = db.prepare(`SELECT COUNT(*), ${FACT_COLS.map((c) => `json_group_array(${c})`).join(', ')} FROM report_tickets WHERE day BETWEEN ? AND ?`).raw(true);
    this.clerk = db.prepare(`SELECT at, day, type, clerk_id AS clerkId, counter_id AS counterId FROM events
      WHERE type IN ('clerk.signed_in', 'clerk.signed_out') AND at >= ? AND at < ? AND day BETWEEN ? AND ? ORDER BY seq`);
  }

  /** Every ticket of the local days [from, to] ('YYYY-MM-DD'), folded from its events. */
  facts(from: string, to: string): Facts {
    const r = this.factsQ.get(from, to) as [number, ...string[]];
    const col = (i: number): never[] => JSON.parse(String(r[i] ?? "[]")) as never[];
    return { n: r[0], issuedField: col(1), endField: col(2), counter: col(3), clerk: col(4), outcome: col(5), level: col(6), score: col(7),
      flags: col(8), wait: col(9), service: col(10), issuedAt: col(11) };
  }

  /** Sign-in and sign-out events of local days [from, to]; `atFrom`/`atTo` bound the scan on (type, at). */
  clerkEvents(from: string, to: string, atFrom: number, atTo: number): ClerkEvent[] {
    return this.clerk.all(atFrom, atTo, from, to) as ClerkEvent[];
  }

  /** Services with their dossier code, rating and provincial status (Decision 766 figures). */
  dossierFacts(from: string, to: string): DossierFact[] {
    const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));
    return (this.dossierQ.all(from, to) as Record<string, unknown>[]).map((r) => ({
      code: typeof r.code === 'string' && r.code ? r.code.toUpperCase() : null, fieldId: r.fieldId as string | null, clerkId: r.clerkId as string | null,
      level: r.level as string | null, overdue: bool(r.overdue), complained: bool(r.complained) }));
  }

  /** Recompute the whole fold from the event log (after a restore, or to check the trigger). */
  rebuild(): number {
    return writeTx(this.db, () => {
      this.db.prepare('DELETE FROM report_tickets').run();
      return this.db.prepare(`INSERT INTO report_tickets ${FOLD}`).run().changes;
    });
  }

  /** All folded rows, ordered (for checks). */
  dump(): unknown[] {
    return this.db.prepare('SELECT * FROM report_tickets ORDER BY day, ticket_id').raw(true).all();
  }
}
