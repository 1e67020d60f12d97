/**
 * Working-calendar arithmetic in the office's time zone. Pure: every function takes the instant (ms since epoch).
 */
import { addDays, weekdayOf } from '../../protocol/days.js';

export interface CalendarRules {
  timezone: string;
  weekdays: number[]; // 1 = Monday … 7 = Sunday
  sessions: { start: string; end: string }[];
  holidays: string[];
  extraWorkdays: string[];
}

export interface LocalTime { day: string; weekday: number; minutes: number }

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short', hourCycle: 'h23' });
    fmtCache.set(tz, f);
  }
  return f;
}
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const lastByTz = new Map<string, { minute: number; value: LocalTime }>();

/**
 * The local calendar day, weekday and minute of the day of an instant. Time zones shift by whole minutes (or
 * more), so the answer is the same for a whole UTC minute: it is computed once per minute (Intl is slow).
 */
export function localTime(now: number, tz: string): LocalTime {
  const minute = Math.floor(now / 60_000);
  const hit = lastByTz.get(tz);
  if (hit && hit.minute === minute) return hit.value;
  const value = computeLocalTime(now, tz);
  lastByTz.set(tz, { minute, value });
  return value;
}

function computeLocalTime(now: number, tz: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of fmt(tz).formatToParts(new Date(now))) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAY[parts.weekday ?? 'Mon'] ?? 1,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Service day (YYYY-MM-DD, local) of an instant: the day boundary is local midnight. */
export function serviceDay(now: number, tz: string): string {
  return localTime(now, tz).day;
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export { addDays, weekdayOf };

export function isWorkingDay(day: string, rules: CalendarRules): boolean {
  if (rules.holidays.includes(day)) return false;
  if (rules.extraWorkdays.includes(day)) return true;
  return rules.weekdays.includes(weekdayOf(day));
}

export type OpenState =
  | { open: true; day: string; session: number }
  | { open: false; nextDay: string | null; nextSession: number; nextStart: string | null };

/** Whether the office is open at `now`, and if not, when it next opens (within 60 days). */
export function openState(now: number, rules: CalendarRules): OpenState {
  const t = localTime(now, rules.timezone);
  if (isWorkingDay(t.day, rules)) {
    const i = rules.sessions.findIndex((s) => t.minutes >= toMinutes(s.start) && t.minutes < toMinutes(s.end));
    if (i >= 0) return { open: true, day: t.day, session: i };
    const later = rules.sessions.findIndex((s) => t.minutes < toMinutes(s.start));
    if (later >= 0) return { open: false, nextDay: t.day, nextSession: later, nextStart: rules.sessions[later]?.start ?? null };
  }
  for (let d = 1; d <= 60; d++) {
    const day = addDays(t.day, d);
    if (isWorkingDay(day, rules)) return { open: false, nextDay: day, nextSession: 0, nextStart: rules.sessions[0]?.start ?? null };
  }
  return { open: false, nextDay: null, nextSession: 0, nextStart: null };
}
