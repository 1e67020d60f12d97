import t from 'tap';
import { launch, LANDSCAPE } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';
import { fresh, issue, next, openDisplay, signIn, text } from './helpers.js';

const LOST = 'Mất kết nối với máy chủ — đang kết nối lại…';

t.test('a display that loses the hub says so and greys its numbers; on reconnect and reload it shows the current truth at once', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  let stopped = false;
  t.teardown(() => (stopped ? undefined : th.stop()));
  const browser = await launch();
  t.teardown(() => browser.close());
  signIn(th, 'q2', 'nv-hung');
  for (const f of ['datdai', 'datdai', 'datdai']) issue(th, f);
  const first = next(th, 'q2');
  const { page } = await openDisplay(browser, th, { id: 'hall-1', kind: 'display', size: LANDSCAPE });
  await fresh(page);
  t.equal(await text(page, '[data-counter=q2] .counter-number'), first);
  t.ok(await page.locator('#conn-banner').isHidden(), 'no banner while connected');

  // the hub drops the display's connection; meanwhile the counter moves on
  th.hub.disconnectDevice('hall-1');
  await page.waitForFunction(() => document.body.classList.contains('stale'));
  t.equal(await text(page, '#conn-banner'), LOST, 'the lost connection is said on screen');
  const grey = await page.evaluate(() => getComputedStyle(document.querySelector('[data-counter=q2] .counter-number') as Element).color);
  t.equal(grey, 'rgb(107, 120, 144)', 'numbers are greyed out, not shown as current');
  th.hub.queue.execute({ op: 'finish', counterId: 'q2', outcome: 'guidance' }, { source: 'test' });
  const second = next(th, 'q2');
  await page.waitForFunction((n) => document.querySelector('[data-counter=q2] .counter-number')?.textContent === n && !document.body.classList.contains('stale'), second, { timeout: 15_000 });
  t.ok(await page.locator('#conn-banner').isHidden(), 'reconnected: banner gone, the number that changed meanwhile is shown');

  // a reload (credentials kept by the page) shows the truth at once from the retained state
  th.hub.queue.execute({ op: 'finish', counterId: 'q2', outcome: 'guidance' }, { source: 'test' });
  const third = next(th, 'q2');
  await page.reload();
  await fresh(page);
  t.equal(await text(page, '[data-counter=q2] .counter-number'), third, 'after reload');
  t.match(await text(page, '#recent-list'), new RegExp(`^${third}`), 'latest calls come back too');

  // the hub goes away altogether
  stopped = true;
  await th.stop();
  await page.waitForFunction(() => document.body.classList.contains('stale'));
  t.equal(await text(page, '#conn-banner'), LOST);
});

t.test('a page opened without pairing says how to pair', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  const context = await browser.newContext({ viewport: LANDSCAPE });
  const page = await context.newPage();
  await page.goto(`${th.url}/display/hall`);
  await page.waitForFunction(() => !!document.getElementById('conn-banner')?.textContent);
  t.match(await text(page, '#conn-banner'), /Màn hình chưa được ghép nối/);
});
