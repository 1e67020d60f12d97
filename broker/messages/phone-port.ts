/**
 * The bookings' messages (issue 22a's PhonePort) through the messages outbox (issue 22b): a one-time code, a booking
 * confirmed or moved (with its reminder held until the afternoon before), a booking cancelled (its reminder is
 * withdrawn). Each leaves once, by its key, with the outbox's retries; nothing here waits on a gateway.
 */
import type { PhoneMessage, PhonePort } from '../phone/ports.js';
import { addDays, vnDay } from '../../protocol/days.js';
import { toMinutes } from '../queue/calendar.js';
import { dayStart } from '../reports/localtime.js';
import type { Messages } from './service.js';

/** When the reminder of the day before is sent (office time). */
export const REMINDER_AT = '16:00';

export class OutboxPhonePort implements PhonePort {
  constructor(private readonly o: { messages: Pick<Messages, 'enqueue' | 'cancel'>; clock: () => number; timezone: () => string; today: () => string }) {}

  send(m: PhoneMessage): Promise<void> {
    const { messages } = this.o;
    const p = m.params;
    if (m.kind === 'otp') {
      const minutes = Number(p.minutes ?? '5');
      messages.enqueue({ kind: 'otp', phone: m.to, vars: { code: p.code ?? '', minutes: String(minutes) }, purposeEndsDay: this.o.today(),
        idemKey: m.key, validForMs: minutes * 60_000 });
      return Promise.resolve();
    }
    const code = p.code ?? '';
    const day = p.day ?? '';
    if (m.kind === 'booking.cancelled') {
      messages.cancel({ bookingCode: code }); // its reminder (and anything else not yet sent) is withdrawn
      return Promise.resolve();
    }
    // confirmed, or moved: a moved booking's old reminder goes, the new one is held until the afternoon before
    if (m.kind === 'booking.moved') messages.cancel({ bookingCode: code, kind: 'reminder' });
    const vars = { code, day: vnDay(day), time: p.slot ?? '' };
    messages.enqueue({ kind: 'booking_confirmed', phone: m.to, vars, bookingCode: code, purposeEndsDay: day, idemKey: m.key });
    const remindAt = dayStart(addDays(day, -1), this.o.timezone()) + toMinutes(REMINDER_AT) * 60_000;
    if (remindAt > this.o.clock()) {
      messages.enqueue({ kind: 'reminder', phone: m.to, vars, bookingCode: code, purposeEndsDay: day, idemKey: `reminder:${code}:${day}:${p.slot ?? ''}`,
        sendAfter: remindAt, validForMs: 18 * 3600_000 });
    }
    return Promise.resolve();
  }
}
