import { writeTx, type Db } from '../db/open.js';
import { serviceDay } from './calendar.js';
import { recordServiceTime } from './apply.js';
import type { HistoryRow } from './forecast-model.js';
import { emptyState, indexOpen, type QueueEvent, type QueueState, type Ticket } from './types.js';

interface TicketRow {
  id: string; day: string; field_id: string; series_field_id: string | null; seq: number; number: string; priority: string | null; status: string; source: string;
  issued_at: number; order_at: number; serial: number; counter_id: string | null; clerk_id: string | null; target_counter_id: string | null;
  called_at: number | null; finished_at: number | null; recalls: number; outcome: string | null; dossier_code: string | null; rating: string | null;
  slot_at?: number | null;
}

export function rowToTicket(r: TicketRow): Ticket {
  return {
    id: r.id, day: r.day, fieldId: r.field_id, series: r.series_field_id ?? r.field_id, seq: r.seq, number: r.number, priority: r.priority as Ticket['priority'],
    status: r.status as Ticket['status'], source: r.source, issuedAt: r.issued_at, orderAt: r.order_at, serial: r.serial,
    counterId: r.counter_id, clerkId: r.clerk_id, targetCounterId: r.target_counter_id, calledAt: r.called_at, finishedAt: r.finished_at,
    recalls: r.recalls, outcome: r.outcome as Ticket['outcome'], dossierCode: r.dossier_code, rating: r.rating,
    ...(typeof r.slot_at === 'number' ? { slotAt: r.slot_at } : {}),
  };
}

/** The last time the clock went backwards: from the latest reading seen to the new one, and how many so far. */
export interface ClockStep { from: number; to: number; count: number }

/** Events the provincial system receives (everything but internal bookkeeping). */
const FORWARDED = new Set<QueueEvent['type']>([
  'ticket.issued', 'ticket.voided', 'ticket.called', 'ticket.recalled', 'ticket.no_show', 'ticket.held', 'ticket.resumed',
  'ticket.transferred', 'ticket.finished', 'clerk.signed_in', 'clerk.signed_out', 'rating.recorded',
]);

/** SQLite repository of the queue: event log, projections, ratings, outbox and request ids. */
export class QueueStore {
  private readonly q;
  constructor(private readonly db: Db, private readonly officeId: string) {
    this.q = {
      insEvent: db.prepare('INSERT INTO events (at, day, type, ticket_id, counter_id, clerk_id, field_id, data) VALUES (?,?,?,?,?,?,?,?)'),
      insTicket: db.prepare(`INSERT INTO tickets (id, day, field_id, series_field_id, seq, number, priority, status, source, issued_at, order_at, serial, counter_id, clerk_id,
        target_counter_id, called_at, finished_at, recalls, outcome, dossier_code, rating, slot_at)
        VALUES (@id,@day,@fieldId,@series,@seq,@number,@priority,@status,@source,@issuedAt,@orderAt,@serial,@counterId,@clerkId,@targetCounterId,@calledAt,@finishedAt,@recalls,@outcome,@dossierCode,@rating,@slotAt)`),
      upTicket: db.prepare(`INSERT INTO tickets (id, day, field_id, series_field_id, seq, number, priority, status, source, issued_at, order_at, serial, counter_id, clerk_id,
        target_counter_id, called_at, finished_at, recalls, outcome, dossier_code, rating)
        VALUES (@id,@day,@fieldId,@series,@seq,@number,@priority,@status,@source,@issuedAt,@orderAt,@serial,@counterId,@clerkId,@targetCounterId,@calledAt,@finishedAt,@recalls,@outcome,@dossierCode,@rating)
        ON CONFLICT(id) DO UPDATE SET field_id=excluded.field_id, status=excluded.status, order_at=excluded.order_at, serial=excluded.serial,
        counter_id=excluded.counter_id, clerk_id=excluded.clerk_id, target_counter_id=excluded.target_counter_id, called_at=excluded.called_at,
        finished_at=excluded.finished_at, recalls=excluded.recalls, outcome=excluded.outcome, dossier_code=excluded.dossier_code, rating=excluded.rating`),
      upCounter: db.prepare(`INSERT INTO counters (id, clerk_id, ticket_id, rating_ticket_id, rating_clerk_id, rating_until) VALUES (?,?,?,?,?,?)
        ON CONFLICT(id) DO UPDATE SET clerk_id=excluded.clerk_id, ticket_id=excluded.ticket_id, rating_ticket_id=excluded.rating_ticket_id,
        rating_clerk_id=excluded.rating_clerk_id, rating_until=excluded.rating_until`),
      insRating: db.prepare('INSERT INTO ratings (ticket_id, at, day, counter_id, clerk_id, field_id, level, score, reason, source) VALUES (?,?,?,?,?,?,?,?,?,?)'),
      insOutbox: db.prepare('INSERT INTO outbox (idem_key, type, payload, created_at) VALUES (?,?,?,?)'),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value'),
      getReq: db.prepare('SELECT response FROM requests WHERE source = ? AND request_id = ?'),
      insReq: db.prepare('INSERT INTO requests (source, request_id, at, response) VALUES (?,?,?,?)'),
      pruneReq: db.prepare('DELETE FROM requests WHERE at < ?'),
    };
  }

  /** Rebuild the in-memory state from the committed projections (the open days and counters). */
  load(now: number, tz: string): QueueState {
    const meta = new Map((this.db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const s = emptyState(meta.get('day') ?? serviceDay(now, tz));
    s.serial = Number(meta.get('serial') ?? 0);
    const rows = this.db.prepare(`SELECT * FROM tickets WHERE day >= ? OR status IN ('pending','waiting','called','held') ORDER BY rowid`).all(s.day) as TicketRow[];
    for (const r of rows) {
      const t = rowToTicket(r);
      s.tickets.set(t.id, t);
      indexOpen(s, t);
      const k = `${t.day}|${t.series}`; // the number series, not the field a transfer moved it to
      s.lastSeq.set(k, Math.max(s.lastSeq.get(k) ?? 0, t.seq));
    }
    for (const r of this.db.prepare('SELECT * FROM counters').all() as { id: string; clerk_id: string | null; ticket_id: string | null; rating_ticket_id: string | null; rating_clerk_id: string | null; rating_until: number | null }[]) {
      s.counters.set(r.id, { id: r.id, clerkId: r.clerk_id, ticketId: r.ticket_id,
        rating: r.rating_ticket_id ? { ticketId: r.rating_ticket_id, clerkId: r.rating_clerk_id ?? '', until: r.rating_until ?? 0 } : null });
    }
    const recent = this.db.prepare(`SELECT field_id, finished_at - called_at AS ms FROM tickets WHERE status = 'done' AND called_at IS NOT NULL
      ORDER BY finished_at DESC LIMIT 400`).all() as { field_id: string; ms: number }[];
    for (const r of recent.reverse()) recordServiceTime(s, r.field_id, r.ms);
    return s;
  }

  /** Tickets of the days since `sinceDay` (oldest first), what the wait forecaster learns from. */
  history(sinceDay: string): HistoryRow[] {
    const absent = new Map((this.db.prepare(`SELECT ticket_id AS id, MIN(at) AS at FROM events WHERE type = 'ticket.no_show' AND day >= ? GROUP BY ticket_id`)
      .all(sinceDay) as { id: string; at: number }[]).map((r) => [r.id, r.at]));
    const rows = this.db.prepare(`SELECT id, day, field_id, clerk_id, priority, status, issued_at, called_at, finished_at FROM tickets WHERE day >= ? ORDER BY issued_at`)
      .all(sinceDay) as { id: string; day: string; field_id: string; clerk_id: string | null; priority: string | null; status: string; issued_at: number; called_at: number | null; finished_at: number | null }[];
    return rows.map((r) => ({ day: r.day, fieldId: r.field_id, clerkId: r.clerk_id, priority: r.priority !== null, status: r.status,
      issuedAt: r.issued_at, calledAt: r.called_at, finishedAt: r.finished_at, noShowAt: absent.get(r.id) ?? null }));
  }

  /** Write events and the rows they touched, in the caller's transaction. */
  write(s: QueueState, events: QueueEvent[], touched: { tickets: Set<string>; counters: Set<string> }): number[] {
    const seqs: number[] = [];
    for (const e of events) {
      const d = e.data as Record<string, unknown>;
      const ticketId = (d.ticketId as string | undefined) ?? ((d.ticket as Ticket | undefined)?.id ?? null);
      const tk = ticketId ? s.tickets.get(ticketId) : undefined;
      const info = this.q.insEvent.run(e.at, tk?.day ?? s.day, e.type, ticketId, (d.counterId as string | undefined) ?? null,
        (d.clerkId as string | undefined) ?? null, tk?.fieldId ?? null, JSON.stringify(e.data));
      const seq = Number(info.lastInsertRowid);
      seqs.push(seq);
      if (e.type === 'rating.recorded') {
        const r = e.data;
        this.q.insRating.run(r.ticketId, e.at, tk?.day ?? s.day, r.counterId, r.clerkId, r.fieldId, r.level, r.score, r.reason, r.source);
      }
      if (FORWARDED.has(e.type)) {
        this.q.insOutbox.run(`${this.officeId}:${seq}`, e.type, JSON.stringify({ seq, type: e.type, at: e.at, office: this.officeId, data: e.data, ticket: tk ? publicTicket(tk) : null }), e.at);
      }
    }
    // a new ticket is inserted, never upserted: its id (day, series, seq) already on disk is refused, not overwritten
    const issued = new Set(events.flatMap((e) => (e.type === 'ticket.issued' ? [e.data.ticket.id] : [])));
    for (const id of touched.tickets) { const t = s.tickets.get(id); if (t) (issued.has(id) ? this.q.insTicket : this.q.upTicket).run({ ...t, slotAt: t.slotAt ?? null }); }
    for (const id of touched.counters) {
      const c = s.counters.get(id);
      if (c) this.q.upCounter.run(c.id, c.clerkId, c.ticketId, c.rating?.ticketId ?? null, c.rating?.clerkId ?? null, c.rating?.until ?? null);
    }
    return seqs;
  }

  /** The day, the last serial and the latest clock reading, once per transaction. */
  writeMeta(s: QueueState, latestAt: number): void {
    this.q.setMeta.run('day', s.day);
    this.q.setMeta.run('serial', String(s.serial));
    this.q.setMeta.run('clock_latest', String(latestAt));
  }

  /** A meta value (null when never written). */
  meta(key: string): string | null {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  /** Record a backward clock step (read by `motcua doctor`), in the caller's transaction. */
  writeClockStep(step: ClockStep): void {
    this.q.setMeta.run('clock_step_back', JSON.stringify(step));
  }

  findRequest(source: string, requestId: string): unknown {
    const r = this.q.getReq.get(source, requestId) as { response: string } | undefined;
    return r ? JSON.parse(r.response) : undefined;
  }

  saveRequest(source: string, requestId: string, at: number, response: unknown): void {
    this.q.insReq.run(source, requestId, at, JSON.stringify(response));
  }

  pruneRequests(olderThan: number): void {
    this.q.pruneReq.run(olderThan);
  }

  /** A write transaction (BEGIN IMMEDIATE: another process's write is waited for, never a failed press). */
  transaction<T>(fn: () => T): T {
    return writeTx(this.db, fn);
  }
}

/** What leaves the hub about a ticket: no personal data exists on a ticket. */
export function publicTicket(t: Ticket): Record<string, unknown> {
  return { id: t.id, day: t.day, fieldId: t.fieldId, number: t.number, priority: t.priority, status: t.status, counterId: t.counterId,
    clerkId: t.clerkId, issuedAt: t.issuedAt, calledAt: t.calledAt, finishedAt: t.finishedAt, outcome: t.outcome, dossierCode: t.dossierCode };
}
