/** Texts that follow the office's level and name when the configuration leaves them empty. Pure. */
import { fullName, shortName, type OfficeNaming } from './levels.js';

const DAY_NAMES = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/** "7h00", "13h30" */
export function vnClock(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)}h${m ?? '00'}`;
}

/** "từ thứ Hai đến thứ Sáu", "thứ Hai, thứ Tư và thứ Sáu". */
export function weekdaysText(days: number[]): string {
  const d = [...days].sort((a, b) => a - b);
  const run = d.length > 2 && d.every((x, i) => i === 0 || x === (d[i - 1] ?? 0) + 1);
  if (run) return `từ ${DAY_NAMES[d[0] ?? 1]} đến ${DAY_NAMES[d[d.length - 1] ?? 5]}`;
  const names = d.map((x) => DAY_NAMES[x] ?? '');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}` : names.join('');
}

/** "sáng 7h00–11h00, chiều 13h00–17h00" (a session starting at noon or later is "chiều"). */
export function sessionsText(sessions: { start: string; end: string }[]): string {
  return sessions.map((s) => `${Number(s.start.slice(0, 2)) < 12 ? 'sáng' : 'chiều'} ${vnClock(s.start)}–${vnClock(s.end)}`).join(', ');
}

export interface NamedOffice extends OfficeNaming { name: string; shortName: string }

/** Fill `name` and `shortName` from level, unit and place where the configuration leaves them empty. */
export function fillNames(o: NamedOffice): void {
  if (!o.name.trim()) o.name = fullName(o);
  if (!o.shortName.trim()) o.shortName = shortName(o);
}

/** The hall's notice when none is configured: "{name} làm việc từ thứ Hai đến thứ Sáu: sáng 7h00–11h00, chiều 13h00–17h00." */
export function defaultNotice(name: string, weekdays: number[], sessions: { start: string; end: string }[]): string {
  return `${name} làm việc ${weekdaysText(weekdays)}: ${sessionsText(sessions)}.`;
}
