/**
 * The suite's calendar. Business time in tests comes from a test clock, never the real one; the day it starts on
 * is fixed (Tuesday 2026-11-24) so that runs repeat, and MC_TEST_DAY moves it so that CI can prove nothing in the
 * product or the tests compares that clock with the real date:
 *   MC_TEST_DAY=2031-05-06   that day (moved forward to the next working Tuesday)
 *   MC_TEST_DAY=+365         the real date plus (or minus) that many days, moved to the next working Tuesday
 * A working Tuesday is one where Tuesday and Wednesday are working days of the district example's calendar.
 */
import { isWorkingDay, type CalendarRules } from '../../broker/queue/calendar.js';
import { addDays, weekdayOf } from '../../protocol/days.js';
import { calendarOf } from '../../broker/queue/core.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { loadConfigFile } from '../../config/load.js';

const TZ = 'Asia/Ho_Chi_Minh';
const DEFAULT_DAY = '2026-11-24';
/** The district example's calendar (its holidays are the ones the suite meets). */
const RULES: CalendarRules = calendarOf(loadConfigFile(DISTRICT_EXAMPLE));


export function workingTuesdayFrom(day: string): string {
  let d = day;
  for (let i = 0; i < 400; i++, d = addDays(d, 1)) {
    if (weekdayOf(d) === 2 && isWorkingDay(d, RULES) && isWorkingDay(addDays(d, 1), RULES)) return d;
  }
  throw new Error(`no working Tuesday after ${day}`);
}

function fromEnv(v: string | undefined): string {
  if (!v) return DEFAULT_DAY;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return workingTuesdayFrom(v);
  if (/^[+-]\d+$/.test(v)) {
    const real = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
    return workingTuesdayFrom(addDays(real, Number(v)));
  }
  throw new Error(`MC_TEST_DAY must be YYYY-MM-DD or ±days, not "${v}"`);
}

/** The suite's working Tuesday (YYYY-MM-DD, Hà Nội time). */
export const TEST_DAY = fromEnv(process.env.MC_TEST_DAY);

/** An instant on a day in Hà Nội time, as ISO text: at('09:30') → `${TEST_DAY}T09:30:00+07:00`. */
export function at(hhmm: string, day = TEST_DAY): string {
  return `${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+07:00`;
}

/** The same instant in ms. */
export function atMs(hhmm: string, day = TEST_DAY): number { return Date.parse(at(hhmm, day)); }

export { addDays };

/** "24/11/2026" */
export function vnDate(day: string): string { return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`; }

/** "2026-11" */
export function monthOf(day: string): string { return day.slice(0, 7); }

/** "2026-Q4" */
export function quarterOf(day: string): string { return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`; }

/** The last day of a month ("2026-11" → "2026-11-30"). */
export function lastDayOf(month: string): string { return addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1); }

/** The first working Monday of a month whose Tuesday is also working (for a two-day month in the reports tests). */
export function firstWorkingMonday(month: string): string {
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) {
    if (weekdayOf(d) === 1 && isWorkingDay(d, RULES) && isWorkingDay(addDays(d, 1), RULES)) return d;
  }
  throw new Error(`no working Monday in ${month}`);
}

/** The first working day of the month after the given one. */
export function firstWorkingDayAfter(month: string): string {
  let d = addDays(lastDayOf(month), 1);
  while (!isWorkingDay(d, RULES)) d = addDays(d, 1);
  return d;
}
