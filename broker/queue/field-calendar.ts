/**
 * Calendars per field and per counter (issue 20). Pure: every function takes the instant and the configuration.
 * A field's sessions on a day: its own weekday rule if one names that weekday, else the office's sessions on the
 * office's working weekdays (and extra working days); holidays close every field. A counter with its own hours
 * serves only then; a field is open when its sessions hold and one of its counters is available.
 */
import type { OfficeConfig, SessionConfig, WeekdayHours } from '../../config/types.js';
import { addDays, localTime, toMinutes, weekdayOf, type OpenState } from './calendar.js';

type Cal = Pick<OfficeConfig, 'calendar' | 'fields' | 'counters'>;

/** Sessions of a weekday rule list on a day; null when no rule names that weekday. */
function ruleSessions(hours: WeekdayHours[], day: string): SessionConfig[] | null {
  const w = weekdayOf(day);
  const r = hours.find((x) => x.weekdays.includes(w));
  return r ? r.sessions : null;
}

/** The sessions of a field on a day (empty: closed that day). */
export function fieldSessions(cfg: Cal, fieldId: string, day: string): SessionConfig[] {
  const cal = cfg.calendar;
  if (cal.holidays.includes(day)) return [];
  if (cal.extraWorkdays.includes(day)) return cal.sessions;
  const own = ruleSessions(cfg.fields.find((f) => f.id === fieldId)?.hours ?? [], day);
  if (own) return own;
  return cal.weekdays.includes(weekdayOf(day)) ? cal.sessions : [];
}

function inside(sessions: SessionConfig[], minutes: number): boolean {
  return sessions.some((s) => minutes >= toMinutes(s.start) && minutes < toMinutes(s.end));
}

/** Whether some counter serving the field works at that minute (a counter without hours always does). */
export function counterAvailable(cfg: Cal, fieldId: string, day: string, minutes: number): boolean {
  return cfg.counters.some((c) => {
    if (!c.fields.includes(fieldId)) return false;
    if (!c.hours.length) return true;
    const own = ruleSessions(c.hours, day);
    return own ? inside(own, minutes) : false;
  });
}

function openAt(cfg: Cal, fieldId: string, day: string, minutes: number): boolean {
  return inside(fieldSessions(cfg, fieldId, day), minutes) && counterAvailable(cfg, fieldId, day, minutes);
}

/** The first minute ≥ `from` on `day` when the field is open, or null (a counter opens at one of its session starts). */
function firstOpening(cfg: Cal, fieldId: string, day: string, from: number): { start: string; index: number } | null {
  const counterStarts = cfg.counters.filter((c) => c.fields.includes(fieldId))
    .flatMap((c) => ruleSessions(c.hours, day) ?? []).map((x) => toMinutes(x.start));
  for (const [index, s] of fieldSessions(cfg, fieldId, day).entries()) {
    const begin = Math.max(from, toMinutes(s.start));
    const candidates = [begin, ...counterStarts.filter((m) => m > begin && m < toMinutes(s.end))].sort((x, y) => x - y);
    const m = candidates.find((c) => c < toMinutes(s.end) && counterAvailable(cfg, fieldId, day, c));
    if (m !== undefined) return { start: m === toMinutes(s.start) ? s.start : hhmm(m), index };
  }
  return null;
}

function hhmm(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether a field takes numbers at `now`, and if not, when it next does (within 60 days). */
export function fieldOpenState(now: number, cfg: Cal & { office: { timezone: string } }, fieldId: string): OpenState {
  const t = localTime(now, cfg.office.timezone);
  if (openAt(cfg, fieldId, t.day, t.minutes)) {
    const i = fieldSessions(cfg, fieldId, t.day).findIndex((s) => t.minutes >= toMinutes(s.start) && t.minutes < toMinutes(s.end));
    return { open: true, day: t.day, session: i };
  }
  for (let d = 0; d <= 60; d++) {
    const day = addDays(t.day, d);
    const first = firstOpening(cfg, fieldId, day, d === 0 ? t.minutes + 1 : 0);
    if (first) return { open: false, nextDay: day, nextSession: first.index, nextStart: first.start };
  }
  return { open: false, nextDay: null, nextSession: 0, nextStart: null };
}

/** The next working day of a field after `day` (where it has a session), or null within 60 days. */
export function nextWorkingDay(cfg: Cal, fieldId: string, day: string): string | null {
  for (let d = 1; d <= 60; d++) {
    const next = addDays(day, d);
    if (fieldSessions(cfg, fieldId, next).length) return next;
  }
  return null;
}

/** The field's same-day cut-off for paper dossiers (its own, else the office's). */
export function fieldCutoff(cfg: Cal, fieldId: string): string {
  return cfg.fields.find((f) => f.id === fieldId)?.paperCutoff || cfg.calendar.paperCutoff;
}

export interface PaperNote { cutoff: string; processDay: string }

/** The printed line of a paper note, e.g. "Hồ sơ giấy nộp sau 15:00 được xử lý vào ngày làm việc tiếp theo: 01/12/2026." */
export function paperNoteText(n: PaperNote): string {
  const [y, m, d] = n.processDay.split('-');
  return `Hồ sơ giấy nộp sau ${n.cutoff} được xử lý vào ngày làm việc tiếp theo: ${d}/${m}/${y}.`;
}

/** For a number issued at `at` on `day`: a paper dossier received then is processed on `processDay` (after the cut-off). */
export function paperNote(cfg: Cal & { office: { timezone: string } }, fieldId: string, day: string, at: number): PaperNote | null {
  const cutoff = fieldCutoff(cfg, fieldId);
  const t = localTime(at, cfg.office.timezone);
  if (t.day !== day || t.minutes < toMinutes(cutoff)) return null;
  const processDay = nextWorkingDay(cfg, fieldId, day);
  return processDay ? { cutoff, processDay } : null;
}

/** The office takes numbers when one of its offered fields does; else it next opens with the first of them. */
export function officeOpenState(now: number, cfg: Cal & { office: { timezone: string } }): OpenState {
  const states = cfg.fields.filter((f) => !f.hidden).map((f) => fieldOpenState(now, cfg, f.id));
  const open = states.find((s) => s.open);
  if (open) return open;
  const next = states.filter((s): s is Extract<OpenState, { open: false }> => !s.open && s.nextDay !== null)
    .sort((a, b) => `${a.nextDay} ${a.nextStart}`.localeCompare(`${b.nextDay} ${b.nextStart}`))[0];
  return next ?? { open: false, nextDay: null, nextSession: 0, nextStart: null };
}
