/** The one catalog of a 2026 center in real Chromium: a province's spreadsheet imported into the hub's SQLite file,
 * the kiosk filters it by level (commune, province, vertical sector) and by field, searches with and without
 * diacritics inside a level, and a procedure shows where its result is returned. */
import t from 'tap';
import { CacheRepo } from '../../broker/onestop/cache-repo.js';
import { importCatalogSheet } from '../../broker/onestop/catalog-import.js';
import { LANDSCAPE, PORTRAIT, screenshot } from '../helpers/browser.js';
import { tempDir } from '../helpers/hub.js';
import { writeXlsx } from '../catalog/sheets.js';
import { typeKeys } from './keys.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';
import type { Page } from 'playwright-core';

const names = (page: Page): Promise<string[]> => page.locator('[data-procedure] .result-name').allTextContents();

async function showing(page: Page, want: string[]): Promise<void> {
  await page.waitForFunction((w) => {
    const got = [...document.querySelectorAll('[data-procedure] .result-name')].map((e) => e.textContent ?? '');
    return got.length === w.length && w.every((x) => got.includes(x));
  }, want, { timeout: 10_000 });
}

for (const [orient, size] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT]] as const) {
  t.test(`catalog by level (${orient})`, async (t) => {
    const rig = await kioskRig(t);
    await importCatalogSheet(new CacheRepo(rig.th.hub.db), await writeXlsx(tempDir()), { version: 'QĐ 123/QĐ-UBND', now: rig.clock.now() });
    const page = await openKiosk(t, rig, size);
    await page.click('[data-action="procedures"]');
    await onScreen(page, 'procedures');
    await page.waitForSelector('[data-level="province"]');
    t.same(await page.locator('[data-level]').allTextContents(), ['Mọi cấp', 'Cấp xã', 'Cấp tỉnh', 'Ngành dọc'], 'one catalog, every level');
    t.equal((await names(page)).length, 6);

    await page.click('[data-level="province"]');
    await showing(page, ['Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'Cấp lý lịch tư pháp']);
    await screenshot(page, `kiosk-catalog-province-${orient}`);
    await page.click('[data-level="vertical"]');
    await showing(page, ['Đăng ký thường trú', 'Cấp sổ bảo hiểm xã hội']);
    await page.click('[data-level="commune"]');
    await showing(page, ['Đăng ký khai sinh', 'Đăng ký thành lập hộ kinh doanh']);
    await page.click('[data-chip="ho-tich"]');
    await showing(page, ['Đăng ký khai sinh']);
    t.pass('level and field together');

    await page.click('[data-chip="all"]');
    await page.click('[data-level="vertical"]');
    await typeKeys(page, 'dang ky');
    await showing(page, ['Đăng ký thường trú']);
    t.pass('without diacritics, inside a level');
    await page.click('[data-action="clear"], [data-key="clear"]');
    await typeKeys(page, 'baro hieerm');
    t.equal(await page.textContent('[data-role="search"] .typed'), 'bảo hiểm');
    await showing(page, ['Cấp sổ bảo hiểm xã hội']);
    t.pass('with diacritics');
    await screenshot(page, `kiosk-catalog-vertical-search-${orient}`);

    await page.click('[data-procedure]:has-text("Cấp sổ bảo hiểm xã hội")');
    await onScreen(page, 'procedure');
    t.match(await page.textContent('.proc-detail'), /Cấp thực hiện: Ngành dọc[\s\S]*Nơi trả kết quả[\s\S]*Bảo hiểm xã hội khu vực/);
    await screenshot(page, `kiosk-catalog-detail-${orient}`);
  });
}
