import { randomBytes } from 'node:crypto';
import { vnDay } from '../../protocol/days.js';
import { McError } from '../../protocol/errors.js';
import type { Priority } from '../../protocol/enums.js';
import { writeTx, type Db } from '../db/open.js';
import { fieldOpenState } from '../queue/field-calendar.js';
import type { IssueRequest } from '../hub/dispensing.js';
import { ageOn, readCard } from '../phone/cccd.js';
import type { BookingService } from './service.js';
import { readBookingCode } from './slots.js';

export interface ArrivalDeps {
  db: Db; bookings: BookingService;
  /** Issue (and print, when a printer is named) a ticket: the dispensing path every device uses. */
  issue: (r: IssueRequest) => Promise<Record<string, unknown>>;
  refOf: (ticketId: string) => string;
  /** A ticket now belongs to a phone (a number from the phone, a booking checked in): its messages may start. */
  onPhoneTicket?: (ticketId: string, day: string, phone: string) => void;
}
export interface DeviceAsk { source: string; requestId?: string | undefined; printerId: string | null }

/**
 * Citizens arriving or asking from afar: check-in of a booking at a kiosk or dispenser (typed code or scanned QR), a
 * number for today from a phone, and a number taken with the chip ID card (age priority, per-person limit).
 */
export class Arrivals {
  constructor(private readonly d: ArrivalDeps) {}
  private get b(): BookingService { return this.d.bookings; }

  /**
   * Check a booking in: a ticket placed by the office's policy, within `windowMinutes` before the slot to
   * `graceMinutes` after it; later, an ordinary number (the slot is freed). Too early or another day: refused.
   */
  async checkIn(text: string, ask: DeviceAsk): Promise<Record<string, unknown>> {
    const code = readBookingCode(text);
    if (!code) throw new McError('MC_ERR_UNKNOWN_BOOKING');
    this.b.sweep();
    const bk = this.b.repo.get(code);
    if (!bk) throw new McError('MC_ERR_UNKNOWN_BOOKING');
    const cfg = this.b.cfg.booking;
    const today = this.b.today();
    const now = this.b.now();
    // a no-show of today (check-in closed at the end of the grace period) who comes after all gets a walk-in number
    const noShow = bk.status === 'no_show' && bk.day === today;
    if ((bk.status !== 'booked' && !noShow) || bk.day < today) throw new McError('MC_ERR_BOOKING_EXPIRED', bk.status);
    const v = await this.b.view(code);
    if (bk.day > today) throw new McError('MC_ERR_BOOKING_NOT_TODAY', bk.day, { day: bk.day, slot: bk.slot },
      `Ngày hẹn: ${vnDay(bk.day)}, lúc ${bk.slot}.`);
    if (now < bk.slot_at - cfg.windowMinutes * 60_000) throw new McError('MC_ERR_BOOKING_TOO_EARLY', v.checkInFrom, { from: v.checkInFrom }, `Xin quay lại từ ${v.checkInFrom}.`);
    // the window of a session's first slot begins before the field opens: come back when it does
    const open = fieldOpenState(now, this.b.cfg, bk.field_id);
    if (!open.open && open.nextDay === today && open.nextStart) throw new McError('MC_ERR_BOOKING_TOO_EARLY', open.nextStart, { from: open.nextStart }, `Xin quay lại từ ${open.nextStart}.`);
    const late = noShow || now > bk.slot_at + cfg.graceMinutes * 60_000;
    if (!(noShow ? this.b.repo.claimLate(code, now) : this.b.repo.checkIn(code, now))) throw new McError('MC_ERR_BOOKING_EXPIRED', 'checked in already');
    const place = late ? {} : cfg.policy === 'slot-first' ? { slotAt: bk.slot_at } : { orderAt: bk.created_at };
    // The paper names the booking only when it gives the citizen a place of its own. A late arrival waits as a
    // walk-in (the kiosk tells them so): a "Lịch hẹn 08:30" on their ticket would let them expect to be called first.
    const paper = late ? {} : { booking: { slot: bk.slot, codeShown: v.codeShown } };
    let ticket: Record<string, unknown>;
    try {
      ticket = await this.d.issue({ fieldId: bk.field_id, source: ask.source, requestId: ask.requestId, printerId: ask.printerId, ...place, ...paper });
    } catch (e) {
      if (noShow) this.b.repo.undoLate(code, now); else this.b.repo.undoCheckIn(code);
      throw e;
    }
    const id = String(ticket.id);
    writeTx(this.d.db, () => {
      this.b.repo.setTicket(code, id);
      this.b.repo.linkPhone(id, today, bk.phone, `${late ? 'late' : 'booking'}:${bk.channel}`, now); // a late arrival counts as a walk-in in the reports
      if (late && !noShow) { this.b.repo.end(code, 'late', now); this.b.repo.give(bk.day, bk.field_id, bk.slot); }
    });
    if (bk.phone) this.d.onPhoneTicket?.(id, today, bk.phone);
    return { ...ticket, booking: { code: v.code, codeShown: v.codeShown, slot: bk.slot, late, policy: late ? 'walk-in' : cfg.policy } };
  }

  /** A number for today from a verified phone, while the field is open and the office allows it; with its live page. */
  async remote(r: { fieldId: string; phone: string; channel: string }): Promise<Record<string, unknown>> {
    const cfg = this.b.cfg;
    if (!cfg.booking.remoteNumbers) throw new McError('MC_ERR_REMOTE_OFF');
    if (!cfg.fields.some((f) => f.id === r.fieldId && !f.hidden)) throw new McError('MC_ERR_UNKNOWN_FIELD', r.fieldId);
    if (!fieldOpenState(this.b.now(), cfg, r.fieldId).open) throw new McError('MC_ERR_OFFICE_CLOSED', r.fieldId);
    const today = this.b.today();
    const ticket = await this.limited(today, this.b.persons.person(today, 'phone', r.phone),
      () => this.d.issue({ fieldId: r.fieldId, source: `remote:${r.channel}`, printerId: null }));
    const id = String(ticket.id);
    this.b.repo.linkPhone(id, today, r.phone, `remote:${r.channel}`, this.b.now());
    this.d.onPhoneTicket?.(id, today, r.phone);
    const ref = this.d.refOf(id);
    return { ticket, ref, url: `/t/${ref}` };
  }

  /**
   * A number taken by scanning the chip ID card: the card's holder from `agePriorityYears` gets a priority number
   * (asking for it below that age is refused), and counts against the per-person limit. The ID number is turned into
   * the day's HMAC here and goes no further; the name and the address are never read.
   */
  async card(text: string, fieldId: string, priority: Priority | null, ask: DeviceAsk): Promise<Record<string, unknown>> {
    const facts = readCard(text);
    if (!facts) throw new McError('MC_ERR_CARD_UNREADABLE');
    const cfg = this.b.cfg;
    const today = this.b.today();
    const age = ageOn(facts.birthDay, today);
    const old = age >= cfg.booking.agePriorityYears;
    if (priority === 'elderly' && !old) throw new McError('MC_ERR_CARD_UNDER_AGE', undefined, { minAge: cfg.booking.agePriorityYears }, `Ưu tiên người cao tuổi từ ${cfg.booking.agePriorityYears} tuổi.`);
    const prio = priority ?? (old && cfg.queue.priorityMode !== 'none' ? 'elderly' : null);
    const person = this.b.persons.person(today, 'card', facts.idNumber);
    const ticket = await this.limited(today, person, () => this.d.issue({ fieldId, priority: prio, ...ask }));
    return { ...ticket, cardPriority: prio === 'elderly' && old };
  }

  /** Reserve one of the person's uses of the day, run `f`, and give the use back if `f` fails. */
  private async limited<T>(day: string, person: string, f: () => Promise<T>): Promise<T> {
    const ref = `n:${randomBytes(6).toString('base64url')}`;
    writeTx(this.d.db, () => {
      if (this.b.persons.uses(day, person) >= this.b.cfg.booking.perPersonPerDay) throw new McError('MC_ERR_PERSON_LIMIT');
      this.b.persons.use(day, person, ref, this.b.now());
    });
    try { return await f(); } catch (e) { this.b.persons.release(day, ref); throw e; }
  }
}
