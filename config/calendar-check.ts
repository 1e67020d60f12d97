/**
 * Rules of the calendars (issue 20) that the JSON schema cannot say: sessions in order, a paper cut-off inside
 * the sessions it belongs to, and a holiday list that still leaves working days. Messages Vietnamese / English.
 */
import { weekdayOf } from '../protocol/days.js';
import type { ConfigProblem } from './load.js';
import type { OfficeConfig, SessionConfig, WeekdayHours } from './types.js';

const mins = (hhmm: string): number => { const [h, m] = hhmm.split(':').map(Number); return (h ?? 0) * 60 + (m ?? 0); };

function checkSessions(list: SessionConfig[], path: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  list.forEach((s, i) => {
    if (mins(s.end) <= mins(s.start)) out.push({ path: `${path}[${i}]`, message: `giờ kết thúc phải sau giờ bắt đầu (${s.start}–${s.end}) / end must be after start` });
    const prev = list[i - 1];
    if (prev && mins(s.start) < mins(prev.end)) out.push({ path: `${path}[${i}].start`, message: 'các buổi phải theo thứ tự, không chồng nhau / sessions must be in order and not overlap' });
  });
  return out;
}

function checkHours(hours: WeekdayHours[], path: string): ConfigProblem[] {
  return hours.flatMap((r, i) => checkSessions(r.sessions, `${path}[${i}].sessions`));
}

/** The session lists a field may work with: its own rules and, for weekdays it does not name, the office's. */
function sessionLists(c: OfficeConfig, hours: WeekdayHours[]): SessionConfig[][] {
  const named = new Set(hours.flatMap((r) => r.weekdays));
  const office = c.calendar.weekdays.some((w) => !named.has(w)) || c.calendar.extraWorkdays.length ? [c.calendar.sessions] : [];
  return [...office, ...hours.map((r) => r.sessions)].filter((l) => l.length > 0);
}

function cutoffProblem(cutoff: string, lists: SessionConfig[][], path: string): ConfigProblem[] {
  const m = mins(cutoff);
  const ok = lists.some((l) => m >= mins(l[0]?.start ?? '00:00') && m <= mins(l[l.length - 1]?.end ?? '00:00'));
  if (ok || !lists.length) return [];
  const spans = lists.map((l) => `${l[0]?.start}–${l[l.length - 1]?.end}`).join(', ');
  return [{ path, message: `giờ chốt hồ sơ giấy ${cutoff} nằm ngoài các buổi làm việc (${spans}) / the paper cut-off ${cutoff} is outside the sessions (${spans})` }];
}


/** Every year named in the holiday list must keep at least one working day. */
function holidayProblems(c: OfficeConfig): ConfigProblem[] {
  const cal = c.calendar;
  const off = new Set(cal.holidays);
  const years = [...new Set(cal.holidays.map((d) => d.slice(0, 4)))];
  const working = (c.fields.some((f) => f.hours.some((r) => r.sessions.length)) ? [1, 2, 3, 4, 5, 6, 7] : cal.weekdays);
  const out: ConfigProblem[] = [];
  if (!working.length && !cal.extraWorkdays.length) out.push({ path: 'calendar.weekdays', message: 'không có ngày làm việc nào trong tuần / no working weekday' });
  for (const y of years) {
    let left = 0;
    for (let d = new Date(`${y}-01-01T00:00:00Z`); d.getUTCFullYear() === Number(y); d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      if (!off.has(day) && (working.includes(weekdayOf(day)) || cal.extraWorkdays.includes(day))) left++;
    }
    if (!left) out.push({ path: 'calendar.holidays', message: `danh sách ngày nghỉ không còn ngày làm việc nào trong năm ${y} / the holiday list leaves no working day in ${y}` });
  }
  return out;
}

export function checkCalendars(c: OfficeConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [...holidayProblems(c), ...cutoffProblem(c.calendar.paperCutoff, [c.calendar.sessions], 'calendar.paperCutoff')];
  c.fields.forEach((f, i) => {
    out.push(...checkHours(f.hours, `fields[${i}].hours`));
    if (f.paperCutoff) out.push(...cutoffProblem(f.paperCutoff, sessionLists(c, f.hours), `fields[${i}].paperCutoff`));
  });
  c.counters.forEach((k, i) => out.push(...checkHours(k.hours, `counters[${i}].hours`)));
  return out;
}
