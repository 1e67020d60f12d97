import t from 'tap';
import { launch, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';
import { fresh, issue, next, openDisplay, signIn, text } from './helpers.js';

const SMALL = { width: 1024, height: 600 };

t.test('counter display: closed without a clerk; the clerk\'s published details and the number once signed in; live updates', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  for (const f of ['hotich', 'tuphap', 'hotich']) issue(th, f);
  const { page } = await openDisplay(browser, th, { id: 'man-hinh-quay-1', kind: 'counter', counterId: 'q1', size: SMALL, query: '?invite=2' });
  await fresh(page);
  t.equal(await text(page, '#c-label'), 'Quầy 1');
  t.ok(await page.locator('#c-closed').isVisible(), 'closed state shown');
  t.match(await text(page, '#c-closed'), /Quầy tạm ngừng tiếp nhận/);
  t.ok(await page.locator('#c-open').isHidden(), 'no number or clerk while closed');
  t.match(await text(page, '#c-fields'), /Lĩnh vực: Hộ tịch · Tư pháp – Chứng thực/);
  await screenshot(page, 'display-counter-closed');

  signIn(th, 'q1', 'nv-lan');
  await page.waitForFunction(() => !document.getElementById('c-open')?.hidden);
  t.equal(await text(page, '#c-clerk-name'), 'Nguyễn Thị Lan', 'full name');
  t.equal(await text(page, '#c-clerk-title'), 'Chức danh: Chuyên viên', 'title');
  t.equal(await text(page, '#c-clerk-field'), 'Lĩnh vực công tác: Hộ tịch – Chứng thực', 'field of work');
  t.equal(await text(page, '#c-clerk-phone'), 'Điện thoại: 0274 3800 101', 'published phone number');
  t.equal(await text(page, '#c-caption'), 'Sẵn sàng tiếp nhận', 'open, nobody called yet');

  const n1 = next(th, 'q1');
  await page.waitForFunction((n) => document.getElementById('c-number')?.textContent === n, n1);
  t.match(await text(page, '#c-field'), /Hộ tịch/);
  t.equal(await text(page, '#c-caption'), 'Mời công dân số', 'a number just called invites the citizen');
  await screenshot(page, 'display-counter-inviting');
  await page.waitForFunction(() => document.getElementById('c-caption')?.textContent === 'Đang phục vụ số');
  t.notOk(await page.evaluate(() => document.body.classList.contains('inviting')), 'then serving');
  await screenshot(page, 'display-counter-open');
  th.hub.queue.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  const n2 = next(th, 'q1');
  t.not(n2, n1);
  await page.waitForFunction((n) => document.getElementById('c-number')?.textContent === n, n2);
  t.pass('the next number replaces the previous one without a refresh');

  // another counter's calls do not reach this screen
  signIn(th, 'q4', 'nv-hoa');
  issue(th, 'tuphap');
  t.ok(next(th, 'q4'));
  t.equal(await page.evaluate(() => window.__counterState?.counterId), 'q1', 'only its own counter');

  th.hub.queue.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  th.hub.queue.execute({ op: 'signOut', counterId: 'q1' }, { source: 'test' });
  await page.waitForFunction(() => !document.getElementById('c-closed')?.hidden);
  t.ok(await page.locator('#c-open').isHidden(), 'signing out closes the counter on screen');
});
