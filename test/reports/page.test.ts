import t from 'tap';
import { launch, LANDSCAPE, newPage, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';
import { monthOf, TEST_DAY, vnDate } from '../helpers/days.js';
import { driver, reportsUrl } from './helpers.js';

t.test('the reports page in Chromium: sign-in, figures, SVG charts, exports and a print view', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const srv = await reportsUrl(th);
  t.teardown(srv.close);
  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  const d = driver(th, clock);
  const day = TEST_DAY;
  d.at(day, '08:00');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  const serve = (counter: string, fieldId: string, hhmm: string, level: string | null) => {
    d.at(day, hhmm);
    const id = d.issue(fieldId);
    clock.advance(2 * 60_000);
    d.next(counter);
    clock.advance(8 * 60_000);
    d.run({ op: 'finish', counterId: counter, outcome: 'guidance' });
    if (level) d.run({ op: 'rate', ticketId: id, level, source: 'test' });
  };
  serve('q1', 'hotich', '08:10', 'very_satisfied');
  serve('q1', 'hotich', '09:10', 'satisfied');
  serve('q2', 'datdai', '09:30', 'unsatisfied');
  serve('q1', 'tuphap', '10:15', null);
  d.at(day, '14:20'); d.issue('datdai');

  const browser = await launch();
  t.teardown(() => browser.close());
  const { page, context } = await newPage(browser, LANDSCAPE);
  t.teardown(() => context.close());
  await page.goto(`${srv.url}/reports?period=day&date=${day}&groupBy=field`);
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.fill('input[name=username]', 'truongbp');
  await page.fill('input[name=password]', 'matkhau-123');
  await page.click('#login button[type=submit]');
  await page.locator('#report-table tbody tr').first().waitFor();
  await page.locator('#clerk-table tbody tr').first().waitFor();

  t.equal(await page.textContent('#office'), 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình');
  t.equal(await page.textContent('#period-label'), `— Ngày ${vnDate(day)}`);
  const rows = await page.$$eval('#report-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const hot = rows.find((r) => r[0] === 'Hộ tịch');
  t.same(hot?.slice(0, 4), ['Hộ tịch', '2', '2', '2'], 'Hộ tịch: 2 issued, called, served');
  t.equal(rows.at(-1)?.[0], 'Tổng cộng');
  t.equal(rows.at(-1)?.[1], '5');
  const kpi = await page.$$eval('#cards .kpi b', (bs) => bs.map((b) => b.textContent));
  t.equal(kpi[0], '5', 'issued card');
  t.equal(kpi[5], '58,3/100', 'satisfaction score card ((100 + 75 + 0) / 3)');

  const arrivals = await page.$$eval('#chart-arrivals rect.bar', (rs) => rs.map((r) => [r.getAttribute('data-cat'), r.getAttribute('data-series'), r.getAttribute('data-count')]));
  t.same(arrivals.sort(), [['10h', 'Tư pháp – Chứng thực', '1'], ['14h', 'Đất đai', '1'], ['8h', 'Hộ tịch', '1'], ['9h', 'Hộ tịch', '1'], ['9h', 'Đất đai', '1']].sort(),
    'one bar segment per hour and field with arrivals');
  t.equal(await page.locator('#chart-waits rect.bar').count(), 3, 'waits: a median bar for each of the three hours with calls (p90 equals the median: no second segment)');
  const ratings = await page.$$eval('#chart-ratings rect.bar', (rs) => rs.map((r) => [r.getAttribute('data-cat'), r.getAttribute('data-series'), r.getAttribute('data-count')]));
  t.same(ratings.sort(), [['Nguyễn Thị Lan', 'Hài lòng', '1'], ['Nguyễn Thị Lan', 'Rất hài lòng', '1'], ['Trần Văn Hùng', 'Không hài lòng', '1']].sort());
  const clerkRows = await page.$$eval('#clerk-table tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent));
  t.same(clerkRows.sort(), ['Nguyễn Thị Lan', 'Trần Văn Hùng'].sort(), 'the clerks who worked this month');
  t.match(await page.getAttribute('#csv', 'href'), `/api/reports/export.csv?period=day&date=${day}&groupBy=field`);
  const dl = await page.evaluate(async (u) => { const r = await fetch(u as string); const b = new Uint8Array(await r.arrayBuffer()); return [r.status, [...b.slice(0, 3)], new TextDecoder().decode(b.slice(3)).slice(0, 11)]; }, await page.getAttribute('#csv', 'href'));
  t.same(dl, [200, [0xef, 0xbb, 0xbf], 'Lĩnh vực;Số'], 'the CSV button downloads the report, with a BOM (semicolons: Excel set to Vietnamese)');
  t.equal(await page.locator('#login').isVisible(), false, 'the sign-in form is gone once signed in');
  await screenshot(page, 'reports-day-by-field');
  await page.locator('.charts').scrollIntoViewIfNeeded();
  await screenshot(page, 'reports-day-charts');

  await page.selectOption('select[name=period]', 'month');
  await page.selectOption('select[name=groupBy]', 'clerk');
  await page.click('#controls button[type=submit]');
  await page.waitForFunction((label) => document.getElementById('period-label')?.textContent === label, `— Tháng ${day.slice(5, 7)}/${day.slice(0, 4)}`);
  t.match(page.url(), `period=month&date=${monthOf(day)}&groupBy=clerk`);
  await page.emulateMedia({ media: 'print' });
  t.equal(await page.locator('#controls').isVisible(), false, 'the print view hides the controls');
  t.equal(await page.locator('#office').isVisible(), true, 'and keeps the office name and period');
  await screenshot(page, 'reports-month-print');
});
