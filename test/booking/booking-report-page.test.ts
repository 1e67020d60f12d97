/** The reports page shows the bookings of the period (issue 22): by status and channel, and the waits of walk-ins,
 * bookings and numbers from phones; hidden for a period without any. Real hub, real Chromium. */
import t from 'tap';
import { LANDSCAPE, launch, newPage, screenshot } from '../helpers/browser.js';
import { addDays, TEST_DAY } from '../helpers/days.js';
import { API_KEY, bookingHub } from './helpers.js';

const TOMORROW = addDays(TEST_DAY, 1);

t.test('the reports page: bookings by status and channel, and waits by way of taking a number', async (t) => {
  const rig = await bookingHub((c) => { c.booking.remoteNumbers = true; });
  t.teardown(() => rig.th.stop());
  await rig.th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  for (const [slot, phone] of [['08:00', '0911000001'], ['08:30', '0911000002'], ['09:00', '0911000003']] as const) {
    const r = await rig.call('POST', '/api/bookings', { fieldId: 'hotich', day: TOMORROW, slot, phone }, { 'x-api-key': API_KEY });
    t.equal(r.status, 201);
    if (slot === '09:00') t.equal((await rig.call('POST', `/api/bookings/${String(r.body.code)}/cancel`)).status, 200);
  }
  const remote = await rig.call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: '0911000009' }, { 'x-api-key': API_KEY });
  t.equal(remote.status, 201);

  const browser = await launch();
  t.teardown(() => browser.close());
  const { page, context } = await newPage(browser, { width: 1366, height: 768 });
  t.teardown(() => context.close());
  const login = async (url: string) => {
    await page.goto(url);
    if (await page.locator('#login').isVisible()) {
      await page.fill('input[name=username]', 'truongbp');
      await page.fill('input[name=password]', 'matkhau-123');
      await page.click('#login button[type=submit]');
    }
    await page.locator('#report-table tbody tr').first().waitFor();
  };
  await login(`${rig.th.url}/reports?period=range&from=${TEST_DAY}&to=${TOMORROW}&groupBy=field`);
  await page.locator('#bookings:not([hidden]) #table-bookings tbody tr').waitFor();
  const cells = await page.$$eval('#table-bookings tbody td', (tds) => tds.map((td) => td.textContent));
  t.same(cells, ['3', '0', '0', '0', '1', '2'], 'three bookings: one cancelled, two still to come');
  t.match(await page.textContent('#table-bookings caption'), 'ihanoi: 3', 'by channel');
  const remoteRow = await page.$$eval('#table-booking-waits tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  t.same(remoteRow[2]?.slice(0, 2), ['Lấy số từ xa', '0'], 'the phone number, not called yet');
  await page.locator('#bookings').scrollIntoViewIfNeeded();
  await screenshot(page, 'reports-bookings-1366');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  t.ok(wide <= 1366, `no sideways scrolling (${wide} px)`);

  await login(`${rig.th.url}/reports?period=day&date=${addDays(TEST_DAY, -7)}&groupBy=field`);
  await page.waitForFunction(() => (document.querySelector('#bookings') as HTMLElement).hidden);
  t.pass('a period without bookings hides the section');
});
