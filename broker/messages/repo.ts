/**
 * Prepared statements over `msg_outbox` and `msg_subscriptions` (migration 8). A message row is `pending`, then
 * `sent` (the gateway accepted it), `failed` (refused for good), `expired` (its lifetime passed, or its phone was
 * erased, before a gateway took it), `superseded` (a "few ahead" message overtaken by the call itself) or `cancelled`
 * (its booking was cancelled or moved before it went). A pending row with `send_after` waits until then (hub time).
 */
import type { Db } from '../db/open.js';
import type { MessageKind } from './templates.js';

export type MessageStatus = 'pending' | 'sent' | 'failed' | 'expired' | 'superseded' | 'cancelled';

export interface MessageRow {
  id: number; idemKey: string; kind: MessageKind; phone: string | null; vars: Record<string, string>; ticketId: string | null;
  bookingCode: string | null; status: MessageStatus; attempts: number; validUntil: number | null;
}

export interface NewMessage {
  idemKey: string; kind: MessageKind; phone: string; vars: Record<string, string>; ticketId: string | null; bookingCode: string | null;
  purposeDay: string; day: string; createdAt: number; validUntil: number | null; sendAfter?: number | null;
}

export interface Subscription { ticketId: string; phone: string; purposeDay: string; lang: string; changes: number; aheadSent: boolean }

interface Raw { id: number; idem_key: string; kind: string; phone: string | null; vars: string; ticket_id: string | null; booking_code: string | null; status: string; attempts: number; valid_until: number | null }

export class MessageRepo {
  private readonly q;
  constructor(private readonly db: Db) {
    this.q = {
      ins: db.prepare(`INSERT INTO msg_outbox (idem_key, kind, phone, vars, ticket_id, booking_code, purpose_day, day, created_at, send_after, valid_until)
        VALUES (@idemKey, @kind, @phone, @vars, @ticketId, @bookingCode, @purposeDay, @day, @createdAt, @sendAfter, @validUntil) ON CONFLICT(idem_key) DO NOTHING`),
      byKey: db.prepare('SELECT id FROM msg_outbox WHERE idem_key = ?'),
      pending: db.prepare("SELECT id, idem_key, kind, phone, vars, ticket_id, booking_code, status, attempts, valid_until FROM msg_outbox WHERE status = 'pending' AND (send_after IS NULL OR send_after <= ?) ORDER BY id LIMIT ?"),
      nextDue: db.prepare("SELECT min(send_after) AS at FROM msg_outbox WHERE status = 'pending' AND send_after > ?"),
      cancelBooking: db.prepare("UPDATE msg_outbox SET status = 'cancelled', done_at = ? WHERE status = 'pending' AND booking_code = ? AND (? IS NULL OR kind = ?)"),
      cancelKey: db.prepare("UPDATE msg_outbox SET status = 'cancelled', done_at = ? WHERE status = 'pending' AND idem_key = ?"),
      get: db.prepare('SELECT id, idem_key, kind, phone, vars, ticket_id, booking_code, status, attempts, valid_until FROM msg_outbox WHERE id = ?'),
      sent: db.prepare("UPDATE msg_outbox SET status = 'sent', attempts = attempts + 1, gateway = ?, gateway_id = ?, done_at = ?, last_error = NULL WHERE id = ? AND status IN ('pending', 'superseded')"), // superseded while in flight: it went all the same
      retry: db.prepare("UPDATE msg_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'"),
      failed: db.prepare("UPDATE msg_outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, done_at = ? WHERE id = ? AND status = 'pending'"),
      expire: db.prepare("UPDATE msg_outbox SET status = 'expired', done_at = ? WHERE status = 'pending' AND valid_until IS NOT NULL AND valid_until < ?"),
      supersede: db.prepare("UPDATE msg_outbox SET status = 'superseded', done_at = ? WHERE status = 'pending' AND ticket_id = ? AND kind = 'ahead'"),
      eraseExpire: db.prepare("UPDATE msg_outbox SET status = 'expired', done_at = ?, last_error = 'phone erased' WHERE status = 'pending' AND purpose_day < ?"),
      erase: db.prepare("UPDATE msg_outbox SET phone = NULL, vars = '{}', erased_at = ? WHERE erased_at IS NULL AND purpose_day < ?"),
      eraseSubs: db.prepare('UPDATE msg_subscriptions SET phone = NULL, erased_at = ? WHERE erased_at IS NULL AND purpose_day < ?'),
      backlog: db.prepare("SELECT count(*) AS n FROM msg_outbox WHERE status = 'pending'"),
      subUpsert: db.prepare(`INSERT INTO msg_subscriptions (ticket_id, phone, purpose_day, lang, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT(ticket_id) DO UPDATE SET phone = excluded.phone, lang = excluded.lang, changes = changes + 1, erased_at = NULL`),
      subGet: db.prepare('SELECT ticket_id, phone, purpose_day, lang, changes, ahead_sent FROM msg_subscriptions WHERE ticket_id = ?'),
      subActive: db.prepare('SELECT ticket_id, phone, purpose_day, lang, changes, ahead_sent FROM msg_subscriptions WHERE erased_at IS NULL AND phone IS NOT NULL AND purpose_day >= ?'),
      subAhead: db.prepare('UPDATE msg_subscriptions SET ahead_sent = 1 WHERE ticket_id = ?'),
      subErase: db.prepare('UPDATE msg_subscriptions SET phone = NULL, erased_at = ? WHERE ticket_id = ?'),
    };
  }

  /** Insert unless the key exists; the row's id either way. */
  insert(m: NewMessage): { id: number; created: boolean } {
    const r = this.q.ins.run({ ...m, sendAfter: m.sendAfter ?? null, vars: JSON.stringify(m.vars) });
    const id = (this.q.byKey.get(m.idemKey) as { id: number }).id;
    return { id, created: r.changes > 0 };
  }

  /** Pending rows due at `now` (hub time), oldest first. */
  pending(now: number, limit: number): MessageRow[] { return (this.q.pending.all(now, limit) as Raw[]).map(toRow); }
  /** The next `send_after` still ahead of `now`, or null. */
  nextDue(now: number): number | null { return (this.q.nextDue.get(now) as { at: number | null }).at; }
  /** Cancel the pending messages of a booking (of one kind, or all). Returns how many. */
  cancelBooking(code: string, kind: string | null, at: number): number { return this.q.cancelBooking.run(at, code, kind, kind).changes; }
  cancelKey(idemKey: string, at: number): number { return this.q.cancelKey.run(at, idemKey).changes; }
  get(id: number): MessageRow | null { const r = this.q.get.get(id) as Raw | undefined; return r ? toRow(r) : null; }
  markSent(id: number, gateway: string, gatewayId: string, at: number): boolean { return this.q.sent.run(gateway, gatewayId, at, id).changes > 0; }
  markRetry(id: number, error: string): void { this.q.retry.run(error.slice(0, 300), id); }
  markFailed(id: number, error: string, at: number): void { this.q.failed.run(error.slice(0, 300), at, id); }
  expire(now: number): number { return this.q.expire.run(now, now).changes; }
  supersedeAhead(ticketId: string, at: number): void { this.q.supersede.run(at, ticketId); }
  backlog(): number { return (this.q.backlog.get() as { n: number }).n; }

  /** Erase phones (and the variables with them) whose purpose day is before `beforeDay`; pending ones expire first. */
  erase(beforeDay: string, at: number): number {
    return this.db.transaction(() => {
      this.q.eraseExpire.run(at, beforeDay);
      return this.q.erase.run(at, beforeDay).changes + this.q.eraseSubs.run(at, beforeDay).changes;
    })();
  }

  subscribe(ticketId: string, phone: string, purposeDay: string, lang: string, at: number): void { this.q.subUpsert.run(ticketId, phone, purposeDay, lang, at); }
  subscription(ticketId: string): Subscription | null { const r = this.q.subGet.get(ticketId) as SubRaw | undefined; return r?.phone ? toSub(r) : null; }
  changes(ticketId: string): number { return (this.q.subGet.get(ticketId) as SubRaw | undefined)?.changes ?? 0; }
  activeSubscriptions(fromDay: string): Subscription[] { return (this.q.subActive.all(fromDay) as SubRaw[]).map(toSub); }
  markAheadSent(ticketId: string): void { this.q.subAhead.run(ticketId); }
  unsubscribe(ticketId: string, at: number): void { this.q.subErase.run(at, ticketId); }
}

interface SubRaw { ticket_id: string; phone: string | null; purpose_day: string; lang: string; changes: number; ahead_sent: number }
const toSub = (r: SubRaw): Subscription => ({ ticketId: r.ticket_id, phone: r.phone ?? '', purposeDay: r.purpose_day, lang: r.lang, changes: r.changes, aheadSent: r.ahead_sent === 1 });

function toRow(r: Raw): MessageRow {
  let vars: Record<string, string> = {};
  try { vars = JSON.parse(r.vars) as Record<string, string>; } catch { /* erased or damaged: empty */ }
  return { id: r.id, idemKey: r.idem_key, kind: r.kind as MessageKind, phone: r.phone, vars, ticketId: r.ticket_id, bookingCode: r.booking_code,
    status: r.status as MessageStatus, attempts: r.attempts, validUntil: r.valid_until };
}
