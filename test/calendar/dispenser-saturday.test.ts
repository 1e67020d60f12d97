/** A dispenser on the Saturday morning, through the real broker and SQLite: land is issued, a field closed then is
 * refused with an answer that says, in Vietnamese and English, when it opens again. */
import t from 'tap';
import { at, startHub, testClock, testConfig, TestDevice } from '../helpers/hub.js';
import { addDays, vnDate } from '../helpers/days.js';
import { communeSaturday, SATURDAY } from './saturday.js';

t.test('dispenser answers on Saturday', async (t) => {
  const clock = testClock(at('08:15', SATURDAY));
  const cfg = testConfig(undefined, (c) => { const s = communeSaturday(); Object.assign(c, { fields: s.fields, counters: s.counters, calendar: s.calendar }); });
  const th = await startHub({ cfg, clock: clock.now });
  t.teardown(() => th.stop());
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const ok = await d.request('issue', { fieldId: 'datdai' });
  t.equal(ok.ok, true, 'land takes numbers on Saturday morning');
  const no = await d.request('issue', { fieldId: 'chungthuc' });
  const monday = vnDate(addDays(SATURDAY, 2));
  t.match(no, { ok: false, error: { code: 'MC_ERR_OFFICE_CLOSED', message: new RegExp(`Lĩnh vực Chứng thực tiếp nhận trở lại lúc 07:00 ngày ${monday}`), messageEn: /chungthuc opens .* 07:00/ } });
});
