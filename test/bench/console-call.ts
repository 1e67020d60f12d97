/**
 * Figure `consoleCall`: the clerk presses Enter ("Xong & gọi tiếp") in the console page, to the counter display
 * page showing the next number (both real Chromium pages against an in-process hub over loopback). Baseline, in
 * the same run: the same two requests (finish, next) sent by a script in the console page, without the console's
 * UI, to the same display. Times are taken in the pages (performance.timeOrigin + now(): one clock for both).
 */
import type { Page } from 'playwright-core';
import { launch, newPage } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, type TestHub } from '../helpers/hub.js';
import { openDisplay } from '../display/helpers.js';
import { openConsole } from '../kiosk/console-page.js';
import { figure, pct, round, type Figure } from './stats.js';

/** Record in the display page when each number first appears in #c-number. */
async function watchNumbers(display: Page): Promise<void> {
  await display.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { shown: Record<string, number> }).shown = seen;
    const el = document.getElementById('c-number') as HTMLElement;
    new MutationObserver(() => { const n = el.textContent ?? ''; seen[n] ??= performance.timeOrigin + performance.now(); }).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

async function shownAt(display: Page, n: string): Promise<number> {
  const h = await display.waitForFunction((x) => (window as unknown as { shown: Record<string, number> }).shown[x], n, { timeout: 10_000, polling: 20 });
  return Number(await h.jsonValue());
}

function issue(th: TestHub): string {
  return String(th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'bench', awaitPrint: false }, { source: 'bench' }).ticket?.number);
}

/** One measured call: `press` starts it and returns its start time (page clock); the result is ms to the display. */
async function measure(th: TestHub, display: Page, press: () => Promise<number>): Promise<number> {
  const n = issue(th);
  const t0 = await press();
  return (await shownAt(display, n)) - t0;
}

export async function consoleCall(short: boolean): Promise<Figure> {
  const rounds = short ? 15 : 100;
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  const browser = await launch();
  try {
    await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
    const { page } = await newPage(browser, { width: 1366, height: 768 });
    await openConsole(page, th.url, 'q1');
    await page.evaluate(() => document.addEventListener('keydown', () => { (window as unknown as { pressedAt: number }).pressedAt = performance.timeOrigin + performance.now(); }, { capture: true }));
    const { page: display } = await openDisplay(browser, th, { id: 'bench-counter-1', kind: 'counter', counterId: 'q1', size: { width: 1280, height: 720 } });
    await display.waitForFunction(() => !document.body.classList.contains('stale'), undefined, { timeout: 15_000 });
    await watchNumbers(display);
    const ui: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < rounds; i++) {
      ui.push(await measure(th, display, async () => { await page.keyboard.press('Enter'); return Number(await page.evaluate(() => (window as unknown as { pressedAt: number }).pressedAt)); }));
      await page.waitForSelector('[data-op="finish-next"]:not([disabled])');
      direct.push(await measure(th, display, () => page.evaluate(async () => {
        const t0 = performance.timeOrigin + performance.now();
        const headers = { 'content-type': 'application/json' };
        await fetch('/api/counters/q1/finish', { method: 'POST', headers, body: JSON.stringify({ outcome: 'guidance' }) });
        await fetch('/api/counters/q1/next', { method: 'POST', headers, body: '{}' });
        return t0;
      })));
    }
    return figure({ name: 'clerk console: Enter ("Xong & gọi tiếp") to the counter display showing the next number, p99', value: pct(ui, 99), unit: 'ms',
      baseline: pct(direct, 99), baselineName: 'the same finish + next requests from a script in the page (no console UI), p99',
      details: { rounds, p50: round(pct(ui, 50)), baselineP50: round(pct(direct, 50)) } });
  } finally {
    await browser.close();
    await th.stop();
  }
}
