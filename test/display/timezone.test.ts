/** The hall clock keeps the office's time zone (office.timezone, as /api/time says), not a fixed one. */
import t from 'tap';
import { launch, LANDSCAPE } from '../helpers/browser.js';
import { OPEN_AT, startHub, TEST_DAY, testClock, testConfig } from '../helpers/hub.js';
import { openDisplay } from './helpers.js';

t.test('the hall clock shows the office\'s time zone, as the hub says it', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(undefined, (c) => { c.office.timezone = 'Asia/Tokyo'; }) });
  t.teardown(th.stop);
  const time = (await (await fetch(`${th.url}/api/time`)).json()) as { now: number; timezone: string };
  t.same(time, { now: Date.parse(OPEN_AT), timezone: 'Asia/Tokyo' }, '/api/time answers the hub\'s time and the office\'s zone');
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page } = await openDisplay(browser, th, { id: 'hall-tz', kind: 'display', size: LANDSCAPE });
  // 09:00 in Hà Nội is 11:00 in Tokyo: the clock follows the office, not a fixed Asia/Ho_Chi_Minh
  await page.waitForFunction(() => /^11:0[0-2]:\d\d$/.test(document.getElementById('clock-time')?.textContent ?? ''), undefined, { timeout: 15_000 });
  t.match(await page.textContent('#clock-date'), new RegExp(`${TEST_DAY.slice(8, 10)}/${TEST_DAY.slice(5, 7)}/${TEST_DAY.slice(0, 4)}`));
});
