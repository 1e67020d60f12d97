/** Two TVs opened with the same printed address both stay online; a wrong secret says the device is refused. */
import t from 'tap';
import { launch, LANDSCAPE, newPage, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';
import { fresh, issue, next, signIn, text } from './helpers.js';

t.test('two TVs with the same pairing address do not knock each other offline', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  signIn(th, 'q2', 'nv-hung');
  issue(th, 'datdai'); issue(th, 'datdai');
  const { secret } = th.hub.registry.add({ id: 'hall-1', kind: 'display', counterId: null }, th.hub.cfg.counters.map((c) => c.id));
  const url = String(th.hub.pairing('hall-1', secret).pageUrl);
  const a = (await newPage(browser, LANDSCAPE)).page;
  const b = (await newPage(browser, LANDSCAPE)).page;
  await a.goto(url);
  await fresh(a);
  await b.goto(url);
  await fresh(b);
  // the reconnect period is 2 s: had the second taken the first's place, the first would be stale within it
  const first = next(th, 'q2');
  for (const p of [a, b]) await p.waitForFunction((n) => document.querySelector('[data-counter=q2] .counter-number')?.textContent === n, first);
  await new Promise((r) => setTimeout(r, 3000)); // a real-time window the broker's takeover would need: not a business time
  t.equal(await a.evaluate(() => document.body.classList.contains('stale')), false, 'the first TV is still live');
  t.equal(await b.evaluate(() => document.body.classList.contains('stale')), false, 'the second TV is live');
  th.hub.queue.execute({ op: 'finish', counterId: 'q2', outcome: 'guidance' }, { source: 'test' });
  const second = next(th, 'q2');
  for (const p of [a, b]) await p.waitForFunction((n) => document.querySelector('[data-counter=q2] .counter-number')?.textContent === n, second);
  t.pass('both show the next number');
  th.hub.disconnectDevice('hall-1');
  for (const p of [a, b]) await p.waitForFunction(() => document.body.classList.contains('stale'));
  t.pass('disconnecting the device (revoked, disabled) drops every screen it has');
});

t.test('a wrong device secret says the device is refused, not "lost connection"', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const browser = await launch();
  t.teardown(() => browser.close());
  th.hub.registry.add({ id: 'hall-2', kind: 'display', counterId: null }, []);
  const { page } = await newPage(browser, LANDSCAPE);
  await page.goto(`${th.url}/display/hall#device=hall-2&secret=not-the-secret`);
  await page.waitForFunction(() => /từ chối/.test(document.getElementById('conn-banner')?.textContent ?? ''));
  t.match(await text(page, '#conn-banner'), /Máy chủ từ chối thiết bị này/);
  t.notMatch(await text(page, '#conn-banner'), /Mất kết nối/);
  await screenshot(page, 'display-hall-refused');
});
