/**
 * Presets of the public holidays of the Labor Code 2019 (Article 112), for the editable holiday list: the
 * government fixes the exact days off each year, so these are a starting point that the office edits.
 * The lunar ones (Tết Nguyên đán, Giỗ Tổ Hùng Vương) come from the Vietnamese lunar calendar (UTC+7) of
 * @dqcai/vn-lunar, which differs from the Chinese one in some years (Tết 1985, for example).
 */
import { getSolarDate } from '@dqcai/vn-lunar';
import { addDays, weekdayOf } from '../protocol/days.js';

export interface Holiday { day: string; name: string }

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;


/** A lunar date of lunar year `year` as a solar day; throws outside the library's years. */
export function lunarToSolar(day: number, month: number, year: number): string {
  const s = getSolarDate(day, month, year);
  if (!s.year) throw new RangeError(`năm âm lịch ${year} ngoài phạm vi tính / lunar year ${year} is out of range`);
  return iso(s.year, s.month, s.day);
}

/** The days off of the Labor Code in a (solar) year, before compensatory days. */
function statutory(year: number): Holiday[] {
  const tet = lunarToSolar(1, 1, year);
  return [
    { day: iso(year, 1, 1), name: 'Tết Dương lịch' },
    ...[-1, 0, 1, 2, 3].map((n) => ({ day: addDays(tet, n), name: n < 0 ? 'Tết Nguyên đán (cuối năm Âm lịch)' : `Tết Nguyên đán (mùng ${n + 1})` })),
    { day: lunarToSolar(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)' },
    { day: iso(year, 4, 30), name: 'Ngày Chiến thắng' },
    { day: iso(year, 5, 1), name: 'Ngày Quốc tế lao động' },
    { day: iso(year, 9, 1), name: 'Quốc khánh (ngày liền kề)' },
    { day: iso(year, 9, 2), name: 'Quốc khánh' },
  ];
}

/**
 * The preset for `year`: the statutory days, and for each that falls on a weekly day off (a weekday not in
 * `weekdays`), the next working day off in compensation (Article 112.3). Sorted by day.
 */
export function laborCodeHolidays(year: number, weekdays: number[] = [1, 2, 3, 4, 5]): Holiday[] {
  const out = statutory(year);
  const taken = new Set(out.map((h) => h.day));
  for (const h of statutory(year)) {
    if (weekdays.includes(weekdayOf(h.day))) continue;
    let d = addDays(h.day, 1);
    while (taken.has(d) || !weekdays.includes(weekdayOf(d))) d = addDays(d, 1);
    taken.add(d);
    out.push({ day: d, name: `Nghỉ bù ${h.name}` });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day));
}
