/** The home page links every page a person may need (console, reports, admin, hall and counter displays, kiosk),
 * says how screens get their device credentials, and names the demo accounts, the office head's too. */
import t from 'tap';
import { launch, newPage, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';

t.test('home page: every page linked and reachable; credentials and demo accounts explained', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  const { page } = await newPage(browser, { width: 1366, height: 768 });
  await page.goto(`${th.url}/`);
  const links = await page.$$eval('a[data-page]', (as) => as.map((a) => [a.getAttribute('data-page') ?? '', (a as HTMLAnchorElement).href]));
  t.same(links.map(([k]) => k).sort(), ['admin', 'api', 'console', 'counter', 'hall', 'kiosk', 'reports'], 'every page is linked');
  for (const [name, href] of links) {
    const r = await page.request.get(href ?? '');
    t.equal(r.status(), 200, `${name}: ${href} answers`);
  }
  const body = await page.innerText('body');
  t.match(body, /cần mã thiết bị/, 'says screens need device credentials');
  t.match(body, /Quản trị → Giám sát và thiết bị/, 'and where to get them');
  t.match(body, /truongbophan — lãnh đạo bộ phận: giám sát và báo cáo/, 'the office head\'s demo account');
  t.match(body, /nv-lan/);
  await screenshot(page, 'home-page');
});
