/** The hall display fits every TV people use, 1280×720 to 3840×2160 and portrait, without clipping: field lists,
 * "Quầy 1" on one line, numbers whole (checked in the page, screenshots saved); a large center's hall for a range
 * of counters or a sector. */
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { PROVINCE_CENTER } from '../../broker/demo.js';
import { launch, screenshot } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';
import { fresh, issue, next, openDisplay, signIn } from './helpers.js';

const SIZES = [[1280, 720], [1366, 768], [1920, 1080], [3840, 2160], [1080, 1920]] as const;

/** Everything that would be clipped or off screen, as readable lines (empty when all fits). */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const over = (e: Element): boolean => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
    const de = document.documentElement;
    if (de.scrollWidth > innerWidth || de.scrollHeight > innerHeight) bad.push('the page scrolls');
    for (const sel of ['.brand', '.clock']) {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      const top = document.querySelector('.top')?.getBoundingClientRect();
      if (r && top && (r.top < top.top - 1 || r.bottom > top.bottom + 1)) bad.push(`${sel} sticks out of the header`);
    }
    for (const sel of ['.top', '.body', '.bottom', '.waiting-box', '.recent-box', '#now-calling']) {
      const e = document.querySelector(sel);
      const r = e?.getBoundingClientRect();
      if (r && r.height > 0 && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1)) bad.push(`${sel} off screen`);
    }
    for (const tile of document.querySelectorAll<HTMLElement>('.counter')) {
      const id = tile.dataset.counter ?? '?';
      if (tile.scrollHeight > tile.clientHeight + 1 || tile.scrollWidth > tile.clientWidth + 1) bad.push(`${id}: content larger than its tile`);
      for (const sel of ['.counter-number', '.counter-fields', '.counter-label']) {
        const e = tile.querySelector(sel);
        if (e && e.textContent && over(e)) bad.push(`${id}: ${sel} clipped`);
      }
      const label = tile.querySelector<HTMLElement>('.counter-label');
      const a = label?.getBoundingClientRect();
      const b = tile.querySelector('.counter-number')?.getBoundingClientRect();
      if (a && b && b.width > 0 && a.left < b.right && b.left < a.right && a.top < b.bottom - 2 && b.top < a.bottom - 2) bad.push(`${id}: label and number overlap`);
      if (label && label.getBoundingClientRect().height > parseFloat(getComputedStyle(label).fontSize) * 1.6) bad.push(`${id}: label wraps`);
      const fields = tile.querySelector<HTMLElement>('.counter-fields');
      const fs = fields?.offsetParent ? parseFloat(getComputedStyle(fields).fontSize) : null; // a dense hall shows numbers only
      if (fs !== null && fs < 9) bad.push(`${id}: field list too small to read (${fs}px)`);
    }
    const n = document.getElementById('now-number');
    if (n && n.textContent && over(n)) bad.push('the called number is clipped');
    return bad;
  });
}

async function busyHub(t: Test, file?: string): Promise<TestHub> {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now, cfg: testConfig(file, (c) => { c.voice.enabled = false; }) });
  t.teardown(th.stop);
  const clerks = th.hub.cfg.clerks.map((c) => c.id);
  const staffed = th.hub.cfg.counters.slice(0, clerks.length);
  staffed.forEach((c, i) => {
    signIn(th, c.id, clerks[i] ?? '');
    issue(th, c.fields[0] ?? '');
    next(th, c.id);
  });
  // each has served one citizen in 5 minutes and called the next: the waits per field are forecast (issue 23)
  clock.advance(5 * 60_000);
  for (const c of staffed) {
    th.hub.queue.execute({ op: 'finish', counterId: c.id, outcome: 'guidance' }, { source: 'test' });
    issue(th, c.fields[0] ?? '');
    next(th, c.id);
    issue(th, c.fields[0] ?? '');
  }
  return th;
}

t.test('district hall at every size: nothing clipped', async (t) => {
  const th = await busyHub(t);
  const browser = await launch();
  t.teardown(() => browser.close());
  for (const [width, height] of SIZES) {
    const { page, close } = await openDisplay(browser, th, { id: `hall-${width}x${height}`, kind: 'display', size: { width, height } });
    await fresh(page);
    await page.waitForTimeout(100); // one frame for the field lists to be fitted (rendering, not business time)
    t.same(await clipped(page), [], `${width}×${height}: nothing clipped`);
    await screenshot(page, `hall-district-${width}x${height}`);
    await close();
  }
});

t.test('province center (35 counters): the whole hall, counters 1–12, and one sector, at 1366×768 and 1920×1080', async (t) => {
  const th = await busyHub(t, PROVINCE_CENTER);
  const browser = await launch();
  t.teardown(() => browser.close());
  const cases = [['', 35], ['?counters=1-12', 12], [`?sector=${encodeURIComponent('Sở Xây dựng')}`, 4]] as const;
  for (const [query, count] of cases) {
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      const { page, close } = await openDisplay(browser, th, { id: `hall-p-${count}-${width}`, kind: 'display', size: { width, height }, query });
      await fresh(page);
      await page.waitForTimeout(100);
      t.equal(await page.locator('.counter').count(), count, `${query || 'all'}: ${count} counters`);
      t.same(await clipped(page), [], `${query || 'all'} at ${width}×${height}: nothing clipped`);
      await screenshot(page, `hall-province-${count}-${width}x${height}`);
      await close();
    }
  }
});
