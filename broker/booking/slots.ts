/**
 * Booking slots, pure. A field's day is cut into slots of `booking.slotMinutes` inside its sessions. A slot's
 * capacity is what the counters serving the field can do in it at the recent service time, less the share kept for
 * walk-ins: each counter working at the slot's start counts for 1 ÷ (the fields it serves), since it serves those too.
 */
import type { OfficeConfig } from '../../config/types.js';
import { toMinutes } from '../queue/calendar.js';
import { counterAvailable, fieldSessions } from '../queue/field-calendar.js';

export interface SlotPlan { slot: string; minutes: number; capacity: number }

export function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** The slots of a field on a day with their capacity; `serviceMs`: the recent average service time of the field. */
export function daySlots(cfg: OfficeConfig, fieldId: string, day: string, serviceMs: number): SlotPlan[] {
  const len = cfg.booking.slotMinutes;
  const keep = 1 - cfg.booking.walkInShare / 100;
  const perCounter = (len * 60_000) / Math.max(60_000, serviceMs);
  const out: SlotPlan[] = [];
  for (const s of fieldSessions(cfg, fieldId, day)) {
    for (let m = toMinutes(s.start); m + len <= toMinutes(s.end); m += len) {
      if (!counterAvailable(cfg, fieldId, day, m)) continue;
      const counters = cfg.counters.filter((c) => c.fields.includes(fieldId) && counterAvailable({ ...cfg, counters: [c] }, fieldId, day, m))
        .reduce((sum, c) => sum + 1 / c.fields.length, 0);
      out.push({ slot: hhmm(m), minutes: m, capacity: Math.floor(counters * perCounter * keep + 1e-9) });
    }
  }
  return out;
}

/** The recent average service time of a field (ms), or the configured default before there is history. */
export function serviceMsOf(times: number[] | undefined, defaultMinutes: number): number {
  return times && times.length ? times.reduce((a, b) => a + b, 0) / times.length : defaultMinutes * 60_000;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A booking code: 8 characters of an alphabet without 0/O and 1/I (40 bits), from 8 random bytes. */
export function bookingCode(bytes: Uint8Array): string {
  return [...bytes.slice(0, 8)].map((b) => CODE_ALPHABET[b % 32]).join('');
}

/** A typed or scanned code (with a dash, spaces, lower case, or the booking page's address) as stored, or null. */
export function readBookingCode(text: string): string | null {
  const m = /[?&#]code=([A-Za-z0-9-]+)/.exec(text);
  const raw = (m?.[1] ?? text).replace(/[\s-]/g, '').toUpperCase();
  return /^[A-HJ-NP-Z2-9]{8}$/.test(raw) ? raw : null;
}

/** "ABCD-2345", as shown and printed. */
export function showCode(code: string): string { return `${code.slice(0, 4)}-${code.slice(4)}`; }
