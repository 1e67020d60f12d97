/** Calendar configuration: bad input refused with Vietnamese messages and paths; Labor Code presets from the lunar calendar. */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, validateConfig } from '../../config/load.js';
import { laborCodeHolidays, lunarToSolar } from '../../config/holidays-vn.js';
import { COMMUNE_2026 } from './saturday.js';
import { TEST_DAY } from '../helpers/days.js';

const doc = (): Record<string, any> => parse(readFileSync(COMMUNE_2026, 'utf8'));

function problems(d: unknown): { path: string; message: string }[] {
  try { validateConfig(d); } catch (e) { if (e instanceof ConfigError) return e.problems; throw e; }
  return [];
}

t.test('old files load: fields and counters without hours keep the office calendar', async (t) => {
  const cfg = validateConfig(doc());
  t.same(cfg.fields[0]?.hours, []);
  t.equal(cfg.fields[0]?.paperCutoff, '');
  t.same(cfg.counters[0]?.hours, []);
});

t.test('a cut-off outside the sessions is refused with its path', async (t) => {
  const d = doc();
  d.calendar.paperCutoff = '18:30';
  t.match(problems(d), [{ path: 'calendar.paperCutoff', message: /giờ chốt hồ sơ giấy 18:30 nằm ngoài các buổi làm việc/ }]);
  const f = doc();
  f.fields[2].hours = [{ weekdays: [6], sessions: [{ start: '07:30', end: '11:30' }] }];
  f.fields[2].paperCutoff = '05:00';
  t.match(problems(f), [{ path: 'fields[2].paperCutoff', message: /nằm ngoài các buổi làm việc/ }]);
  f.fields[2].paperCutoff = '10:00';
  t.same(problems(f), [], 'inside the Saturday session it is fine');
});

t.test('a holiday list that leaves no working day is refused', async (t) => {
  const d = doc();
  const year = Number(TEST_DAY.slice(0, 4));
  const all: string[] = [];
  for (let x = new Date(Date.UTC(year, 0, 1)); x.getUTCFullYear() === year; x.setUTCDate(x.getUTCDate() + 1)) all.push(x.toISOString().slice(0, 10));
  d.calendar.holidays = all;
  t.match(problems(d), [{ path: 'calendar.holidays', message: new RegExp(`không còn ngày làm việc nào trong năm ${year}`) }]);
  d.calendar.holidays = all.slice(1);
  t.same(problems(d), [], 'one working day left is enough');
});

t.test('a weekday rule with sessions out of order is refused', async (t) => {
  const d = doc();
  d.counters[0].hours = [{ weekdays: [6], sessions: [{ start: '11:00', end: '08:00' }] }];
  t.match(problems(d), [{ path: 'counters[0].hours[0].sessions[0]', message: /giờ kết thúc phải sau giờ bắt đầu/ }]);
});

t.test('Labor Code presets: Tết and Giỗ Tổ from the Vietnamese lunar calendar', async (t) => {
  t.equal(lunarToSolar(1, 1, 2026), '2026-02-17', 'Tết Bính Ngọ');
  t.equal(lunarToSolar(10, 3, 2026), '2026-04-26', 'Giỗ Tổ 2026');
  t.equal(lunarToSolar(1, 1, 1985), '1985-01-21', 'Tết 1985: the Vietnamese calendar, a month before the Chinese one');
  const y = Number(TEST_DAY.slice(0, 4));
  const days = laborCodeHolidays(y);
  const tet = lunarToSolar(1, 1, y);
  t.ok(days.some((h) => h.day === tet && /Tết Nguyên đán/.test(h.name)));
  t.ok(days.some((h) => h.day === `${y}-09-02`));
  t.ok(days.some((h) => h.day === lunarToSolar(10, 3, y) && /Giỗ Tổ Hùng Vương/.test(h.name)));
  t.ok(days.length >= 11, 'eleven statutory days at least');
  const h2027 = laborCodeHolidays(2027).map((h) => h.day);
  t.ok(h2027.includes('2027-05-03'), '1 May 2027 is a Saturday: Monday 3 May off in compensation');
  t.throws(() => lunarToSolar(1, 1, 2300), RangeError);
});
