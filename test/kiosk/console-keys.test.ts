/** The clerk console as quick as the best, in real Chromium against a running hub: one key "Xong & gọi tiếp",
 * the list in the order Next calls it with waits by the hub's clock, absent citizens called back, a typed number,
 * the absence confirmation, Cancel in the transfer panel, "Đổi quầy", and a counter where another clerk works. */
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser.js';
import { consoleRig } from './console-page.js';

const rig = (t: Test, size = { width: 1366, height: 768 }) => consoleRig(t, 'q7', size);

const rows = (page: Page): Promise<string[]> => page.$$eval('[data-role="waiting"] tbody tr', (trs) => trs.map((r) => r.getAttribute('data-ticket') ?? ''));
const current = (page: Page, n: string) => page.waitForSelector(`[data-role="current-number"]:has-text("${n}")`);

t.test('Enter finishes and calls the next, in the order the list shows (priority at the top), waits by the hub\'s clock', async (t) => {
  const { page, th, clock, issue } = await rig(t);
  const a = await issue('hotich'); clock.advance(60_000);
  const b = await issue('datdai'); clock.advance(60_000);
  const p = await issue('tuphap', 'elderly'); clock.advance(11 * 60_000);
  await page.waitForSelector(`tr[data-ticket="${p}"]`);
  await page.reload();
  await page.waitForSelector(`tr[data-ticket="${p}"]`);
  const order = await rows(page);
  t.same(order, [p, a, b], 'the priority ticket first, then in order of arrival');
  t.match(await page.textContent(`tr[data-ticket="${a}"] td.wait`), '13 phút', 'wait by the hub\'s clock, not the browser\'s');
  t.match(await page.textContent('[data-role="shortcuts"]'), /Enter.*Xong & gọi tiếp/s, 'shortcuts shown on screen');
  await screenshot(page, 'console-keys-1366');
  const called: string[] = [];
  for (let i = 0; i < order.length; i++) {
    await page.keyboard.press('Enter');
    await current(page, order[i] ?? '');
    called.push(order[i] ?? '');
  }
  t.same(called, order, 'Enter called them in the order listed');
  const done = [a, p].map((n) => [...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === n));
  t.same(done.map((x) => [x?.status, x?.outcome]), [['done', 'guidance'], ['done', 'guidance']], 'each finished with the default outcome');
  await page.keyboard.press('NumpadEnter');
  await page.waitForSelector('[data-role="notice"]:has-text("Không còn công dân nào đang chờ")');
  t.equal([...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === b)?.status, 'done', 'the last one finished though nobody is left');
});

t.test('absence asks first; the absent citizen is listed and called back; a typed number is called', async (t) => {
  const { page, th, issue } = await rig(t);
  const a = await issue('hotich');
  const b = await issue('hotich');
  const c = await issue('hotich');
  await page.waitForSelector(`tr[data-ticket="${c}"]`);
  await page.keyboard.press('Enter');
  await current(page, a);
  await page.keyboard.press('-');
  await page.waitForSelector('[data-role="skip-panel"]');
  t.match(await page.textContent('[data-role="skip-panel"]'), `Công dân số ${a} vắng mặt?`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-role="skip-panel"]', { state: 'detached' });
  t.equal([...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === a)?.status, 'called', 'Esc cancels: still served');
  await page.click('[data-op="skip"]');
  await screenshot(page, 'console-skip-confirm');
  await page.click('[data-op="skip-confirm"]');
  await page.waitForSelector(`[data-role="missed"] tr[data-missed="${a}"]`);
  // a typed number, out of order, from the numeric keypad
  for (const d of c) await page.keyboard.press(`Numpad${d}`);
  t.equal(await page.inputValue('#call-number'), c);
  await page.keyboard.press('Enter');
  await current(page, c);
  t.same(await rows(page), [b], 'the typed number left the list; the other still waits');
  await page.click('[data-op="finish-open"]');
  await page.click('[data-outcome="guidance"]');
  await current(page, '—');
  await page.click(`[data-missed="${a}"] [data-op="call"]`);
  await current(page, a);
  t.equal([...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === a)?.status, 'called', 'called back');
  await page.waitForSelector('[data-role="missed"] tbody', { state: 'detached' });
  await screenshot(page, 'console-called-back');
});

t.test('Cancel in the transfer panel; Đổi quầy moves the clerk; a counter where another clerk works says so', async (t) => {
  const { page, th, issue } = await rig(t, { width: 1920, height: 1080 });
  th.hub.queue.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hoa' }, { source: 'test' });
  const a = await issue('hotich');
  await page.waitForSelector(`tr[data-ticket="${a}"]`);
  await page.keyboard.press('Enter');
  await current(page, a);
  await page.keyboard.press('/');
  await page.waitForSelector('[data-role="transfer-panel"]');
  await page.click('[data-op="transfer-cancel"]');
  await page.waitForSelector('[data-role="transfer-panel"]', { state: 'detached' });
  t.equal([...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === a)?.status, 'called', 'nothing transferred');
  await page.click('[data-op="finish-open"]');
  await page.click('[data-outcome="guidance"]');
  await current(page, '—');
  await page.click('[data-op="change"]');
  await page.waitForSelector('h1:has-text("Đổi quầy làm việc")');
  t.match(await page.textContent('[data-counter="q7"]'), 'Quầy bạn đang làm việc');
  await page.click('[data-counter="q2"]');
  await page.waitForSelector('[role="alert"]:not([hidden])');
  t.match(await page.textContent('[role="alert"]'), 'Quầy này đang có công chức khác làm việc', 'the right message');
  t.equal(th.hub.queue.snapshot.counters.get('q2')?.clerkId, 'nv-hoa', 'the other clerk stays signed in');
  await screenshot(page, 'console-change-taken');
  await page.click('[data-counter="q3"]');
  await page.waitForSelector('[data-role="conn"]:has-text("Trực tuyến")');
  t.match(await page.textContent('h1'), 'Quầy 3');
  t.equal(th.hub.queue.snapshot.counters.get('q3')?.clerkId, 'nv-lan', 'moved to counter 3');
  t.equal(th.hub.queue.snapshot.counters.get('q7')?.clerkId ?? null, null, 'and left counter 7');
});
