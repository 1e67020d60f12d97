/** Calendars per field and per counter, the pure core (no I/O): sessions per weekday, cut-off, next opening. */
import t from 'tap';
import { decide, rollover } from '../../broker/queue/core.js';
import { fieldOpenState, officeOpenState, paperNote, paperNoteText } from '../../broker/queue/field-calendar.js';
import { serviceDay } from '../../broker/queue/calendar.js';
import { emptyState } from '../../broker/queue/types.js';
import { McError } from '../../protocol/errors.js';
import type { OfficeConfig } from '../../config/types.js';
import { addDays, atMs, TEST_DAY } from '../helpers/days.js';
import { communeSaturday, SATURDAY } from './saturday.js';

const MONDAY = addDays(TEST_DAY, 6);

function issue(cfg: OfficeConfig, now: number, fieldId: string) {
  const s = emptyState(serviceDay(now, cfg.office.timezone));
  rollover(s, now, cfg);
  return decide(s, { op: 'issue', fieldId, priority: null, source: 'test', awaitPrint: false }, { now, cfg });
}

t.test('on the Saturday morning only land and civil status take numbers', async (t) => {
  const cfg = communeSaturday();
  const now = atMs('08:00', SATURDAY);
  t.match(fieldOpenState(now, cfg, 'datdai'), { open: true, day: SATURDAY });
  t.match(fieldOpenState(now, cfg, 'hotich'), { open: true });
  t.match(fieldOpenState(now, cfg, 'chungthuc'), { open: false, nextDay: MONDAY, nextStart: '07:00' }, 'certification opens on Monday');
  t.equal(issue(cfg, now, 'datdai')[0]?.type, 'ticket.issued');
  const err = t.throws(() => issue(cfg, now, 'chungthuc')) as unknown as McError;
  t.equal(err.code, 'MC_ERR_OFFICE_CLOSED', 'the core refuses a field outside its own sessions');
  t.match(err.details, { fieldId: 'chungthuc', nextDay: MONDAY, nextStart: '07:00' }, 'the answer says when it is next open');
  t.equal(err.toJSON().message, `Ngoài giờ làm việc. Xin mời quay lại trong giờ hành chính. Lĩnh vực Chứng thực tiếp nhận trở lại lúc 07:00 ngày ${MONDAY.slice(8)}/${MONDAY.slice(5, 7)}/${MONDAY.slice(0, 4)}.`, 'in Vietnamese too');
  t.match(officeOpenState(now, cfg), { open: true }, 'the office is open when one field is');
  t.match(fieldOpenState(atMs('12:00', SATURDAY), cfg, 'datdai'), { open: false, nextDay: MONDAY }, 'not in the afternoon');
});

t.test('without the Saturday rule the core refuses land on Saturday', async (t) => {
  const cfg = communeSaturday();
  for (const f of cfg.fields) f.hours = [];
  t.throws(() => issue(cfg, atMs('08:00', SATURDAY), 'datdai'), { code: 'MC_ERR_OFFICE_CLOSED' });
  t.match(officeOpenState(atMs('08:00', SATURDAY), cfg), { open: false, nextDay: MONDAY });
});

t.test('a counter with its own hours: the field is open only when one of its counters is', async (t) => {
  const cfg = communeSaturday();
  for (const c of cfg.counters) if (c.fields.includes('hotich')) c.hours = [{ weekdays: [6], sessions: [{ start: '09:00', end: '11:00' }] }];
  t.match(fieldOpenState(atMs('08:00', SATURDAY), cfg, 'hotich'), { open: false, nextDay: SATURDAY, nextStart: '09:00' });
  t.match(fieldOpenState(atMs('09:30', SATURDAY), cfg, 'hotich'), { open: true });
});

t.test('the paper cut-off per field: after it, the next working day of that field', async (t) => {
  const cfg = communeSaturday();
  t.equal(paperNote(cfg, 'datdai', SATURDAY, atMs('09:59', SATURDAY)), null, 'before the cut-off: same day');
  const note = paperNote(cfg, 'datdai', SATURDAY, atMs('10:00', SATURDAY));
  t.same(note, { cutoff: '10:00', processDay: MONDAY });
  t.equal(paperNoteText(note!), `Hồ sơ giấy nộp sau 10:00 được xử lý vào ngày làm việc tiếp theo: ${MONDAY.slice(8)}/${MONDAY.slice(5, 7)}/${MONDAY.slice(0, 4)}.`);
  t.same(paperNote(cfg, 'chungthuc', TEST_DAY, atMs('15:30')), { cutoff: '15:00', processDay: addDays(TEST_DAY, 1) }, 'the office cut-off for a field without its own');
  t.equal(paperNote(cfg, 'chungthuc', TEST_DAY, atMs('14:59')), null);
});

t.test('a holiday closes every field, Saturday rules included', async (t) => {
  const cfg = communeSaturday();
  cfg.calendar.holidays = [SATURDAY];
  t.match(fieldOpenState(atMs('08:00', SATURDAY), cfg, 'datdai'), { open: false, nextDay: MONDAY });
});
