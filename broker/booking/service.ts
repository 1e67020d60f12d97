import { randomBytes } from 'node:crypto';
import { vnDay } from '../../protocol/days.js';
import QRCode from 'qrcode';
import type { Logger } from 'pino';
import type { OfficeConfig } from '../../config/types.js';
import { McError } from '../../protocol/errors.js';
import { writeTx, type Db } from '../db/open.js';
import { addDays, localTime } from '../queue/calendar.js';
import { dayStart } from '../reports/localtime.js';
import type { QueueState } from '../queue/types.js';
import { PersonLimits } from '../phone/persons.js';
import { maskPhone, type PhoneDirectory, type PhoneMessageKind, type PhonePort } from '../phone/ports.js';
import { OtpCodes } from '../phone/otp.js';
import { BookingRepo, type BookingRow } from './repo.js';
import { bookingCode, daySlots, hhmm, serviceMsOf, showCode } from './slots.js';

export interface BookingDeps {
  db: Db; config: () => OfficeConfig; clock: () => number; log: Logger; port: PhonePort; publicBase: () => string;
  queue: { readonly snapshot: QueueState; today(): string };
}
export interface SlotView { slot: string; capacity: number; free: number; open: boolean }
export interface BookingView {
  code: string; codeShown: string; day: string; slot: string; slotAt: number; fieldId: string; fieldName: string; procedureId: string | null;
  status: string; channel: string; checkInFrom: string; checkInUntil: string; url: string; qrSvg: string; ticketId: string | null; phone: string | null;
}
export interface BookRequest { fieldId: string; procedureId?: string | null | undefined; day: string; slot: string; phone: string; channel: string }

/**
 * Bookings of time slots: list, book, look up, cancel and move by code. One pool of slots whatever the channel (the
 * booking page, a province's app, a Zalo mini app). Each change runs in one BEGIN IMMEDIATE transaction in which the
 * slot table refuses an overfilled slot and the per-person count is checked.
 */
export class BookingService implements PhoneDirectory {
  readonly repo: BookingRepo;
  readonly persons: PersonLimits;
  readonly otp: OtpCodes;
  constructor(private readonly d: BookingDeps) {
    this.repo = new BookingRepo(d.db);
    this.persons = new PersonLimits(d.db);
    this.otp = new OtpCodes(d.db, this.persons, d.port);
  }

  get cfg(): OfficeConfig { return this.d.config(); }
  phoneOfTicket(ticketId: string): string | null { return this.repo.phoneOf(ticketId); }
  bookingsToRemind(day: string): { code: string; codeShown: string; slot: string; fieldName: string; phone: string }[] {
    return this.repo.toRemind(day).map((b) => ({ code: b.code, codeShown: showCode(b.code), slot: b.slot, phone: b.phone as string,
      fieldName: this.cfg.fields.find((f) => f.id === b.field_id)?.name ?? b.field_id }));
  }
  today(): string { return this.d.queue.today(); }
  now(): number { return this.d.clock(); }

  /** The days a citizen may choose, today first. */
  days(): string[] {
    const today = this.today();
    return Array.from({ length: this.cfg.booking.daysAhead + 1 }, (_, i) => addDays(today, i));
  }

  private field(fieldId: string): OfficeConfig['fields'][number] {
    const f = this.cfg.fields.find((x) => x.id === fieldId && !x.hidden);
    if (!f) throw new McError('MC_ERR_UNKNOWN_FIELD', fieldId);
    return f;
  }

  slotAt(day: string, slot: string): number {
    const [h, m] = slot.split(':').map(Number);
    return dayStart(day, this.cfg.office.timezone) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  }

  /** A field's slots on a day with the places left; a slot already started is not open. */
  slots(fieldId: string, day: string): SlotView[] {
    this.field(fieldId);
    if (!this.days().includes(day)) throw new McError('MC_ERR_BAD_SLOT', day);
    this.sweep();
    const plan = daySlots(this.cfg, fieldId, day, serviceMsOf(this.d.queue.snapshot.serviceTimes.get(fieldId), this.cfg.queue.defaultServiceMinutes));
    const taken = this.repo.taken(day, fieldId);
    const now = this.now();
    return plan.map((p) => {
      const used = taken.get(p.slot) ?? 0;
      return { slot: p.slot, capacity: Math.max(p.capacity, used), free: Math.max(0, p.capacity - used), open: this.slotAt(day, p.slot) > now };
    });
  }

  /** The capacity of a slot that may be booked now, or MC_ERR_BAD_SLOT. */
  private capacity(fieldId: string, day: string, slot: string): number {
    if (!this.cfg.booking.enabled) throw new McError('MC_ERR_BOOKING_OFF');
    const s = this.slots(fieldId, day).find((x) => x.slot === slot);
    if (!s || !s.open) throw new McError('MC_ERR_BAD_SLOT', `${day} ${slot}`);
    return s.capacity;
  }

  /** Book a slot for a verified phone (the caller checked it). */
  async book(r: BookRequest): Promise<BookingView> {
    const capacity = this.capacity(r.fieldId, r.day, r.slot);
    const now = this.now();
    const code = writeTx(this.d.db, () => {
      const person = this.persons.person(r.day, 'phone', r.phone);
      if (this.persons.uses(r.day, person) >= this.cfg.booking.perPersonPerDay) throw new McError('MC_ERR_PERSON_LIMIT');
      this.repo.take(r.day, r.fieldId, r.slot, capacity);
      const c = bookingCode(randomBytes(8));
      this.repo.insert({ code: c, day: r.day, fieldId: r.fieldId, slot: r.slot, slotAt: this.slotAt(r.day, r.slot), procedureId: r.procedureId ?? null, channel: r.channel, createdAt: now, phone: r.phone });
      this.persons.use(r.day, person, c, now);
      return c;
    });
    const v = await this.view(code);
    this.tell('booking.confirmed', v, r.phone);
    return v;
  }

  private row(code: string): BookingRow {
    const b = this.repo.get(code);
    if (!b) throw new McError('MC_ERR_UNKNOWN_BOOKING');
    return b;
  }

  /** A booking still open (booked, its check-in not yet closed), or the error a citizen reads. */
  private open(code: string): BookingRow {
    this.sweep();
    const b = this.row(code);
    if (b.status !== 'booked') throw new McError('MC_ERR_BOOKING_EXPIRED', b.status);
    return b;
  }

  async view(code: string): Promise<BookingView> {
    const b = this.row(code);
    const url = `${this.d.publicBase()}/booking?code=${b.code}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    const m = localTime(b.slot_at, this.cfg.office.timezone).minutes;
    const f = this.cfg.fields.find((x) => x.id === b.field_id);
    return { code: b.code, codeShown: showCode(b.code), day: b.day, slot: b.slot, slotAt: b.slot_at, fieldId: b.field_id, fieldName: f?.name ?? b.field_id,
      procedureId: b.procedure_id, status: b.status, channel: b.channel, checkInFrom: hhmm(Math.max(0, m - this.cfg.booking.windowMinutes)),
      checkInUntil: hhmm(m + this.cfg.booking.graceMinutes), url, qrSvg, ticketId: b.ticket_id, phone: b.phone ? maskPhone(b.phone) : null };
  }

  async cancel(code: string): Promise<BookingView> {
    const b = this.open(code);
    writeTx(this.d.db, () => {
      this.repo.end(b.code, 'cancelled', this.now());
      this.repo.give(b.day, b.field_id, b.slot);
      this.persons.release(b.day, b.code);
    });
    const v = await this.view(b.code);
    if (b.phone) this.tell('booking.cancelled', v, b.phone);
    return v;
  }

  /** Move a booking to another slot (and day, and field): the old place is given back in the same transaction. */
  async move(code: string, to: { day: string; slot: string; fieldId?: string | undefined }): Promise<BookingView> {
    const b = this.open(code);
    const fieldId = to.fieldId ?? b.field_id;
    const capacity = this.capacity(fieldId, to.day, to.slot);
    writeTx(this.d.db, () => {
      this.repo.give(b.day, b.field_id, b.slot);
      this.persons.release(b.day, b.code);
      if (b.phone) {
        const person = this.persons.person(to.day, 'phone', b.phone);
        if (this.persons.uses(to.day, person) >= this.cfg.booking.perPersonPerDay) throw new McError('MC_ERR_PERSON_LIMIT');
        this.persons.use(to.day, person, b.code, this.now());
      }
      this.repo.take(to.day, fieldId, to.slot, capacity);
      this.repo.move(b.code, to.day, fieldId, to.slot, this.slotAt(to.day, to.slot));
    });
    const v = await this.view(b.code);
    if (b.phone) this.tell('booking.moved', v, b.phone);
    return v;
  }

  /** Send a message about a booking; a refused send is logged (without the number) and never fails the booking. */
  private tell(kind: PhoneMessageKind, v: BookingView, to: string): void {
    const office = this.cfg.office.shortName || this.cfg.office.name;
    const when = `${v.slot} ngày ${vnDay(v.day)}`;
    const text = kind === 'booking.cancelled' ? `Lịch hẹn ${v.codeShown} tại ${office} (${when}) đã được hủy.`
      : `Lịch hẹn ${v.codeShown} tại ${office}: ${v.fieldName}, ${when}. Xin đến từ ${v.checkInFrom} và quét mã tại ki-ốt. Hủy hoặc đổi: ${v.url}`;
    this.d.port.send({ kind, to, text, key: `${kind}:${v.code}:${v.day}:${v.slot}`, params: { code: v.codeShown, office, field: v.fieldName, slot: v.slot, day: v.day, url: v.url } })
      .catch((e: unknown) => this.d.log.warn({ kind, code: v.code, err: (e as Error).message }, 'message to the phone not accepted'));
  }

  /**
   * Housekeeping, cheap enough to run before each booking operation: bookings not checked in by the end of their
   * grace period become no-shows and free their slot; the person keys of past days are destroyed; phone numbers are
   * erased `phoneRetentionDays` after their day; spent one-time codes are deleted.
   */
  sweep(): void {
    const now = this.now();
    const today = this.today();
    const grace = this.cfg.booking.graceMinutes * 60_000;
    const missed = this.repo.missed(now - grace);
    if (missed.length) {
      writeTx(this.d.db, () => {
        for (const b of missed) { this.repo.end(b.code, 'no_show', now); this.repo.give(b.day, b.field_id, b.slot); }
      });
    }
    // the rest changes with the day: once a minute of the hub's clock, and at once when the day changes
    if (today === this.housekept.day && now - this.housekept.at < 60_000 && now >= this.housekept.at) return;
    this.housekept = { day: today, at: now };
    this.persons.forgetBefore(today);
    // the old pages stay in the write-ahead log until a checkpoint: erased numbers leave the disk at once
    if (this.repo.erasePhones(addDays(today, -this.cfg.booking.phoneRetentionDays)) > 0) this.d.db.pragma('wal_checkpoint(TRUNCATE)');
    this.otp.sweep(now);
  }
  private housekept = { day: '', at: 0 };
}
