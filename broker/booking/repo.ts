import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';

export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'late' | 'no_show';
export interface BookingRow {
  code: string; day: string; field_id: string; slot: string; slot_at: number; procedure_id: string | null; channel: string; status: BookingStatus;
  created_at: number; phone: string | null; ticket_id: string | null; checked_in_at: number | null; ended_at: number | null;
}
export interface NewBooking { code: string; day: string; fieldId: string; slot: string; slotAt: number; procedureId: string | null; channel: string; createdAt: number; phone: string | null }

/**
 * SQLite repository of bookings and slots. `take` and `give` keep `booking_slots.taken` in step with the bookings;
 * the table's CHECK (taken ≤ capacity) refuses the booking that would overfill a slot, in the caller's transaction.
 */
export class BookingRepo {
  private readonly q;
  constructor(db: Db) {
    this.q = {
      slot: db.prepare(`INSERT INTO booking_slots (day, field_id, slot, capacity, taken) VALUES (?, ?, ?, ?, 0)
        ON CONFLICT (day, field_id, slot) DO UPDATE SET capacity = MAX(excluded.capacity, taken)`),
      take: db.prepare('UPDATE booking_slots SET taken = taken + 1 WHERE day = ? AND field_id = ? AND slot = ?'),
      give: db.prepare('UPDATE booking_slots SET taken = taken - 1 WHERE day = ? AND field_id = ? AND slot = ? AND taken > 0'),
      takenOn: db.prepare('SELECT slot, taken FROM booking_slots WHERE day = ? AND field_id = ?'),
      ins: db.prepare(`INSERT INTO bookings (code, day, field_id, slot, slot_at, procedure_id, channel, status, created_at, phone)
        VALUES (@code, @day, @fieldId, @slot, @slotAt, @procedureId, @channel, 'booked', @createdAt, @phone)`),
      get: db.prepare('SELECT * FROM bookings WHERE code = ?'),
      setStatus: db.prepare('UPDATE bookings SET status = ?, ended_at = ? WHERE code = ?'),
      checkIn: db.prepare("UPDATE bookings SET status = 'checked_in', checked_in_at = ? WHERE code = ? AND status = 'booked'"),
      claimLate: db.prepare("UPDATE bookings SET status = 'late', checked_in_at = ?, ended_at = ? WHERE code = ? AND status = 'no_show'"),
      undoLate: db.prepare("UPDATE bookings SET status = 'no_show', checked_in_at = NULL, ended_at = ? WHERE code = ? AND status = 'late' AND ticket_id IS NULL"),
      setTicket: db.prepare('UPDATE bookings SET ticket_id = ? WHERE code = ?'),
      undoCheckIn: db.prepare("UPDATE bookings SET status = 'booked', checked_in_at = NULL WHERE code = ? AND status = 'checked_in' AND ticket_id IS NULL"),
      move: db.prepare('UPDATE bookings SET day = ?, field_id = ?, slot = ?, slot_at = ? WHERE code = ?'),
      missed: db.prepare("SELECT * FROM bookings WHERE status = 'booked' AND slot_at < ?"),
      erase: db.prepare('UPDATE bookings SET phone = NULL WHERE phone IS NOT NULL AND day < ?'),
      erasePt: db.prepare('UPDATE phone_tickets SET phone = NULL WHERE phone IS NOT NULL AND day < ?'),
      insPt: db.prepare('INSERT INTO phone_tickets (ticket_id, day, phone, channel, created_at) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING'),
      phoneOf: db.prepare('SELECT phone FROM phone_tickets WHERE ticket_id = ?'),
      toRemind: db.prepare("SELECT * FROM bookings WHERE day = ? AND status = 'booked' AND phone IS NOT NULL ORDER BY slot_at, code"),
    };
  }

  /** Reserve one place in a slot whose capacity is now `capacity`; the database refuses a full slot (MC_ERR_SLOT_FULL). */
  take(day: string, fieldId: string, slot: string, capacity: number): void {
    this.q.slot.run(day, fieldId, slot, capacity);
    try { this.q.take.run(day, fieldId, slot); } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_CHECK') throw new McError('MC_ERR_SLOT_FULL');
      throw e;
    }
  }

  give(day: string, fieldId: string, slot: string): void { this.q.give.run(day, fieldId, slot); }
  taken(day: string, fieldId: string): Map<string, number> {
    return new Map((this.q.takenOn.all(day, fieldId) as { slot: string; taken: number }[]).map((r) => [r.slot, r.taken]));
  }

  insert(b: NewBooking): void { this.q.ins.run(b); }
  get(code: string): BookingRow | undefined { return this.q.get.get(code) as BookingRow | undefined; }
  end(code: string, status: BookingStatus, at: number): void { this.q.setStatus.run(status, at, code); }
  /** Mark checked in unless another check-in of the same code got there first (false). */
  checkIn(code: string, at: number): boolean { return this.q.checkIn.run(at, code).changes === 1; }
  /** A no-show who comes after all: marked late once (false when another scan got there first). */
  claimLate(code: string, at: number): boolean { return this.q.claimLate.run(at, at, code).changes === 1; }
  undoLate(code: string, at: number): void { this.q.undoLate.run(at, code); }
  setTicket(code: string, ticketId: string): void { this.q.setTicket.run(ticketId, code); }
  undoCheckIn(code: string): void { this.q.undoCheckIn.run(code); }
  move(code: string, day: string, fieldId: string, slot: string, slotAt: number): void { this.q.move.run(day, fieldId, slot, slotAt, code); }
  /** Bookings still open whose check-in closed before `before`. */
  missed(before: number): BookingRow[] { return this.q.missed.all(before) as BookingRow[]; }
  /** Erase the phone numbers of the days before `day`. */
  erasePhones(day: string): number { return this.q.erase.run(day).changes + this.q.erasePt.run(day).changes; }
  /** A ticket taken from a phone or by a booking: the phone to tell when its turn comes (22b's messages). */
  linkPhone(ticketId: string, day: string, phone: string | null, channel: string, at: number): void { this.q.insPt.run(ticketId, day, phone, channel, at); }
  /** Open bookings of a day that still have their phone. */
  toRemind(day: string): BookingRow[] { return this.q.toRemind.all(day) as BookingRow[]; }
  phoneOf(ticketId: string): string | null { return (this.q.phoneOf.get(ticketId) as { phone: string | null } | undefined)?.phone ?? null; }
}
