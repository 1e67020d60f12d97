/** The reports page at 1366×768 on a PC whose clock zone is UTC: no sideways scrolling, the export buttons on
 * screen, "Lập lúc" in the office's time like the rest, decimals with the Vietnamese comma. */
import t from 'tap';
import { launch, screenshot } from '../helpers/browser.js';
import { OPEN_AT } from '../helpers/hub.js';
import { TEST_DAY } from '../helpers/days.js';
import { reportsRig } from './helpers.js';

t.test('reports at 1366×768, browser in UTC', async (t) => {
  const { clock, srv, d } = await reportsRig(t, OPEN_AT);
  d.at(TEST_DAY, '08:00');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  for (const [hhmm, wait] of [['08:10', 3], ['08:20', 4]] as const) {
    d.at(TEST_DAY, hhmm);
    const id = d.issue('hotich');
    clock.advance(wait * 60_000 + 30_000);
    d.next('q1');
    clock.advance(5 * 60_000);
    d.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
    d.run({ op: 'rate', ticketId: id, level: 'satisfied', source: 'test' });
  }
  d.at(TEST_DAY, '14:20');
  const browser = await launch();
  t.teardown(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'UTC' });
  t.teardown(() => context.close());
  const page = await context.newPage();
  await page.goto(`${srv.url}/reports?period=day&date=${TEST_DAY}&groupBy=field`);
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.fill('input[name=username]', 'truongbp');
  await page.fill('input[name=password]', 'matkhau-123');
  await page.click('#login button[type=submit]');
  await page.locator('#report-table tbody tr').first().waitFor();
  t.match(await page.textContent('#generated'), /14:20/, '"Lập lúc" in the office\'s time, not the browser\'s UTC');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(width <= 1366, `no sideways scrolling (page ${width} px wide)`);
  for (const id of ['csv', 'xlsx']) {
    const r = await page.locator(`#${id}`).boundingBox();
    t.ok(r && r.x >= 0 && r.x + r.width <= 1366, `the ${id} export button is on screen`);
  }
  const figures = await page.$$eval('#cards, #report-table, svg text', (els) => els.map((e) => e.textContent ?? '').join(' '));
  t.notMatch(figures, /\d\.\d/, 'no decimal point: Vietnamese uses the comma');
  t.match(figures, /\d,\d/, 'decimals are written with a comma');
  await screenshot(page, 'reports-1366');
});
