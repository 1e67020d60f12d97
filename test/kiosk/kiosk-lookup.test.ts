/** Procedures and dossier lookups on the kiosk in real Chromium, the hub talking to the provincial-system
 * simulator: search without diacritics, Telex typing, a procedure's details, the cached-catalog mark, a known,
 * an unknown and an unreachable dossier, too many lookups. Screens saved in portrait and landscape. */
import t from 'tap';
import { LANDSCAPE, PORTRAIT, screenshot } from '../helpers/browser.js';
import { typeKeys } from './keys.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

const KNOWN = '000.00.12.H01-261120-0001';

for (const [orient, size] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
  t.test(`procedures (${orient}): "dang ky khai sinh" finds "Đăng ký khai sinh"; details; cached mark`, async (t) => {
    const rig = await kioskRig(t, { sim: true });
    const page = await openKiosk(t, rig, size);
    await page.click('[data-action="procedures"]');
    await onScreen(page, 'procedures');
    await page.waitForSelector('[data-procedure]');
    t.match(await page.textContent('[data-role="catalog-meta"]'), /Danh mục thủ tục phiên bản .+, công bố ngày \d{2}\/\d{2}\/\d{4}/, 'version and date visible');
    await screenshot(page, `kiosk-procedures-${orient}`);
    await typeKeys(page, 'dang ky khai sinh');
    t.equal(await page.textContent('[data-role="search"] .typed'), 'dang ky khai sinh');
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-procedure] .result-name')].map((e) => e.textContent ?? '');
      return names.length > 0 && names.every((n) => n.toLowerCase().includes('khai sinh'));
    });
    const first = await page.textContent('[data-procedure] .result-name');
    t.equal(first, 'Đăng ký khai sinh', 'best match first');
    await screenshot(page, `kiosk-procedures-search-${orient}`);

    await page.click('[data-action="clear"], [data-key="clear"]');
    await typeKeys(page, 'ddaawng kys keets hoon');
    t.equal(await page.textContent('[data-role="search"] .typed'), 'đăng ký kết hôn', 'Telex keys give Vietnamese letters');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-procedure] .result-name')].every((e) => e.textContent?.includes('kết hôn')));
    await page.click('[data-procedure]:has-text("Đăng ký kết hôn")');
    await onScreen(page, 'procedure');
    const detail = await page.textContent('.proc-detail') ?? '';
    for (const s of ['Thành phần hồ sơ cần mang theo', 'Tờ khai đăng ký kết hôn', 'Phí, lệ phí', 'Miễn lệ phí', 'Thời hạn giải quyết', 'Nơi tiếp nhận', 'Căn cứ pháp lý', 'Luật Hôn nhân và gia đình 2014']) {
      t.ok(detail.includes(s), `detail shows "${s}"`);
    }
    await screenshot(page, `kiosk-procedure-detail-${orient}`);

    rig.sim!.mode = 'fail';
    rig.clock.advance(3_600_000);
    await page.click('[data-action="back"]');
    await onScreen(page, 'procedures');
    await page.waitForSelector('[data-role="cached"]');
    t.match(await page.textContent('[data-role="cached"]'), /Dữ liệu lưu tạm, cập nhật lúc \d{2}:\d{2}/, 'a cached catalog says so');
    await page.click('[data-chip="tuphap"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-procedure] .result-field')].every((e) => e.textContent?.startsWith('Chứng thực')));
    t.pass('browse by field');
  });

  t.test(`dossier status (${orient}): known, unknown, unreachable, too many`, async (t) => {
    const rig = await kioskRig(t, { sim: true });
    const page = await openKiosk(t, rig, size);
    await page.click('[data-action="dossier"]');
    await onScreen(page, 'dossier');
    await typeKeys(page, KNOWN);
    t.equal(await page.textContent('[data-role="code"] .typed'), KNOWN);
    await page.click('[data-action="lookup"]');
    await page.waitForSelector('.dossier-card');
    const card = await page.textContent('.dossier-card') ?? '';
    for (const s of ['Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Đang xử lý', '17/12/2020', 'Quá hạn', 'Quầy trả kết quả']) t.ok(card.includes(s), `shows "${s}"`);
    await screenshot(page, `kiosk-dossier-${orient}`);

    t.equal(await page.isHidden('.keyboard'), true, 'the answer replaces the keyboard');
    await page.click('[data-role="code"]');
    await page.click('[data-key="clear"]');
    await typeKeys(page, '000.00.12.H01-999999-0000');
    await page.click('[data-action="lookup"]');
    await page.waitForSelector('[data-error="MC_ERR_UNKNOWN_DOSSIER"]');
    t.match(await page.textContent('[data-error]'), /Không tìm thấy hồ sơ với mã số này/);
    await screenshot(page, `kiosk-dossier-unknown-${orient}`);

    rig.sim!.mode = 'fail';
    await page.click('[data-key="backspace"]');
    await typeKeys(page, '1');
    await page.click('[data-action="lookup"]');
    await page.waitForSelector('[data-error="MC_ERR_UPLINK_DOWN"]');
    t.match(await page.textContent('[data-error]'), /Không kết nối được hệ thống một cửa điện tử của tỉnh/);

    rig.sim!.mode = 'ok';
    for (let i = 0; i < 10; i++) await page.evaluate((c) => fetch(`/api/dossiers/${c}`).then(() => undefined), KNOWN);
    await page.click('[data-action="lookup"]');
    await page.waitForSelector('[data-error="MC_ERR_RATE_LIMITED"]');
    t.match(await page.textContent('[data-error]'), /quá nhiều lần/);
  });
}
