/** The kiosk's screens at the sizes kiosks have, in real Chromium: a list of fields fits, or says that it scrolls and
 * how much is below (a province center has about twenty fields); a physical keyboard types into the search and the
 * dossier code; in English, the office's notice and the catalog say they are in Vietnamese only. */
import t from 'tap';
import type { Page } from 'playwright-core';
import { COMMUNE_CENTER, PROVINCE_CENTER } from '../../broker/demo.js';
import { LANDSCAPE, PORTRAIT, screenshot } from '../helpers/browser.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

const SIZES = [['portrait', PORTRAIT], ['landscape', LANDSCAPE], ['1366x768', { width: 1366, height: 768 }]] as const;

/** Where the screen stands: whether it scrolls, whether the hint shows, and which fields are out of sight. */
async function fold(page: Page): Promise<{ scrolls: boolean; more: boolean; moreText: string; hidden: string[]; fields: number }> {
  return page.evaluate(() => {
    const m = document.querySelector('main') as HTMLElement;
    const more = document.querySelector('[data-role="more-below"]') as HTMLElement;
    const bottom = m.getBoundingClientRect().bottom;
    const fields = [...document.querySelectorAll<HTMLElement>('[data-field]')];
    return { scrolls: m.scrollHeight - m.clientHeight - m.scrollTop > 4, more: !more.hidden && more.offsetHeight > 0, moreText: more.textContent ?? '',
      hidden: fields.filter((f) => f.getBoundingClientRect().bottom > bottom + 1).map((f) => f.dataset.field ?? ''), fields: fields.length };
  });
}

for (const [name, file, count] of [['province center', PROVINCE_CENTER, 20], ['commune center', COMMUNE_CENTER, 8]] as const) {
  t.test(`fields of a ${name} (${count}): each fits the screen, or the screen says it scrolls and how much is below`, async (t) => {
    const rig = await kioskRig(t, { file });
    for (const [label, size] of SIZES) {
      const page = await openKiosk(t, rig, size);
      await page.click('[data-action="take-number"]');
      await onScreen(page, 'fields');
      await page.waitForFunction(() => document.querySelectorAll('[data-field]').length > 0);
      await page.waitForTimeout(50); // one frame for the hint to be measured (it follows layout, not a timer)
      let f = await fold(page);
      t.equal(f.fields, count, `${label}: every field listed`);
      await screenshot(page, `kiosk-fields-${name.split(' ')[0]}-${label}`);
      if (!f.scrolls) {
        t.notOk(f.more, `${label}: everything fits, no hint`);
        t.same(f.hidden, [], `${label}: no field out of sight`);
        continue;
      }
      t.ok(f.more, `${label}: the list goes below the fold and the screen says so`);
      t.match(f.moreText, new RegExp(`Còn ${f.hidden.length} lĩnh vực bên dưới`), `${label}: with how many fields are below`);
      // touching the hint scrolls down; a swipe to the end makes it go away, the last field in sight above the footer
      await page.click('[data-role="more-below"]');
      await page.waitForFunction(() => (document.querySelector('main') as HTMLElement).scrollTop > 0);
      t.pass(`${label}: touching the hint scrolled the list`);
      await page.evaluate(() => { const m = document.querySelector('main') as HTMLElement; m.scrollTo({ top: m.scrollHeight, behavior: 'instant' }); });
      await page.waitForFunction(() => (document.querySelector('[data-role="more-below"]') as HTMLElement).hidden);
      f = await fold(page);
      t.notOk(f.more, `${label}: the hint is gone at the end of the list`);
      t.same(f.hidden, [], `${label}: every field reachable`);
      await screenshot(page, `kiosk-fields-${name.split(' ')[0]}-${label}-end`);
    }
  });
}

t.test('a physical keyboard types into the procedure search (Telex) and the dossier code (Enter looks it up)', async (t) => {
  const rig = await kioskRig(t, { sim: true });
  const page = await openKiosk(t, rig, LANDSCAPE);
  await page.click('[data-action="procedures"]');
  await onScreen(page, 'procedures');
  await page.keyboard.type('ddaawng kys khai sinh', { delay: 80 }); // a person's pace, not a scanner's
  t.equal(await page.textContent('[data-role="search"] .typed'), 'đăng ký khai sinh', 'Telex from the physical keys');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  t.equal(await page.textContent('[data-role="search"] .typed'), 'đăng ký khai si', 'Backspace deletes');
  await page.keyboard.press('Escape');
  t.equal(await page.locator('[data-role="search"] .typed').count(), 0, 'Escape clears');
  await page.keyboard.type('keets hoon', { delay: 80 });
  t.equal(await page.textContent('[data-role="search"] .typed'), 'kết hôn');
  // a Vietnamese keyboard layout sends letters already accented (Chromium's test input sends such letters as text,
  // without a key event, so the key event a layout sends is made here)
  await page.evaluate(() => { for (const key of [' ', 'đ', 'ổ']) document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })); });
  t.equal(await page.textContent('[data-role="search"] .typed'), 'kết hôn đổ', 'accented letters from the layout go in as they are');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-procedure] .result-name')].some((e) => e.textContent?.includes('kết hôn')));

  await page.click('[data-action="home"]');
  await page.click('[data-action="dossier"]');
  await onScreen(page, 'dossier');
  await page.keyboard.type('000.00.12.h01-261120-0001', { delay: 80 });
  t.equal(await page.textContent('[data-role="code"] .typed'), '000.00.12.H01-261120-0001', 'the code in capitals, as printed');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-fact="status"]');
  t.match(await page.textContent('[data-fact="code"]'), '000.00.12.H01-261120-0001', 'Enter looked it up');
  await screenshot(page, 'kiosk-dossier-physical-keyboard');
});

t.test('in English, the office notice and the catalog say they are in Vietnamese only', async (t) => {
  const rig = await kioskRig(t, { sim: true, file: COMMUNE_CENTER, patch: (c) => { c.texts.notice = 'Công dân vui lòng giữ phiếu đến khi được gọi.'; } });
  const page = await openKiosk(t, rig, PORTRAIT, 'lang=en');
  t.match(await page.textContent('[data-role="notice"]'), 'Office notice (in Vietnamese only): Công dân vui lòng giữ phiếu');
  t.equal(await page.getAttribute('[data-role="notice"]', 'lang'), 'vi', 'the notice is marked as Vietnamese for screen readers');
  await screenshot(page, 'kiosk-home-en-notice');
  await page.click('[data-action="procedures"]');
  await onScreen(page, 'procedures');
  await page.waitForSelector('[data-procedure]');
  t.match(await page.textContent('[data-role="catalog-lang"]'), 'Procedures are given in Vietnamese only');
  await screenshot(page, 'kiosk-procedures-en');
  await page.click('[data-action="lang"]');
  await page.waitForSelector('body[data-screen="home"]');
  t.equal(await page.locator('[data-role="notice-lang"]').count(), 0, 'in Vietnamese, nothing to explain');
});
