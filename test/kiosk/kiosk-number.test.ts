/** The citizen kiosk in real Chromium against a running hub: take a number and see it printed on the virtual
 * printer, a printer fault shown in clear Vietnamese, the return home after inactivity, the English switch. */
import t from 'tap';
import { LANDSCAPE, PORTRAIT, screenshot } from '../helpers/browser.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

for (const [orient, size] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
t.test(`take a number (${orient}): field, priority, the number on screen and on paper`, async (t) => {
  const rig = await kioskRig(t);
  const page = await openKiosk(t, rig, size);
  t.match(await page.textContent('main'), /Lấy số thứ tự[\s\S]*Tra cứu thủ tục hành chính[\s\S]*Tra cứu hồ sơ/, 'three big choices');
  t.equal(await page.locator('[data-action="rate"]').count(), 0, 'no rating tile unless the kiosk is a rating station');
  await screenshot(page, `kiosk-home-${orient}`);
  const box = await page.locator('[data-action="take-number"]').boundingBox();
  t.ok(box && box.height >= 150, `the main button is big (${box?.height} px)`);

  await page.click('[data-action="take-number"]');
  await onScreen(page, 'fields');
  await page.waitForSelector('[data-field="hotich"] .choice-hint');
  t.match(await page.textContent('[data-field="hotich"]'), /Hộ tịch/);
  await screenshot(page, `kiosk-fields-${orient}`);
  await page.click('[data-field="hotich"]');
  await onScreen(page, 'priority');
  t.match(await page.textContent('main'), /Người cao tuổi[\s\S]*Phụ nữ mang thai[\s\S]*Người khuyết tật/);
  await screenshot(page, `kiosk-priority-${orient}`);

  const job = rig.vp.nextJob();
  await page.click('[data-priority="elderly"]');
  await onScreen(page, 'ticket');
  const number = (await page.textContent('.ticket-number'))?.trim() ?? '';
  t.match(number, /^1\d{3}$/, `number shown large: ${number}`);
  t.match(await page.textContent('.ticket-result'), /Người cao tuổi[\s\S]*Số người đang chờ trước: 0[\s\S]*Quầy/);
  await screenshot(page, `kiosk-ticket-${orient}`);
  const lines = (await job).decoded.lines;
  t.ok(lines.includes(number), 'the printed ticket carries the number');
  t.ok(lines.includes('Hộ tịch'), 'and the field name with its diacritics');
  const tk = [...rig.th.hub.queue.snapshot.tickets.values()].find((x) => x.number === number);
  t.equal(tk?.source, 'kiosk1', 'issued by the kiosk device');
  t.equal(tk?.priority, 'elderly');

  await page.click('[data-action="done"]');
  await onScreen(page, 'home');
});
}

t.test('a printer fault is shown as "máy in gặp sự cố" and no number is left behind', async (t) => {
  const rig = await kioskRig(t);
  const page = await openKiosk(t, rig, LANDSCAPE);
  rig.vp.setState('paper_out');
  await page.click('[data-action="take-number"]');
  await page.click('[data-field="datdai"]');
  await page.click('[data-priority="none"]');
  await onScreen(page, 'issue-error');
  const code = await page.getAttribute('body', 'data-error');
  t.ok(code === 'MC_ERR_PRINT_FAILED' || code === 'MC_ERR_PRINTER_OFFLINE', `printer error code ${code}`);
  t.match(await page.textContent('.message-title'), 'Máy in gặp sự cố');
  t.match(await page.textContent('.message-text'), /Máy in|In phiếu/);
  await screenshot(page, 'kiosk-printer-error-landscape');
  t.notOk([...rig.th.hub.queue.snapshot.tickets.values()].some((x) => x.status === 'waiting'), 'nobody holds a number that was not printed');
});

t.test('inactivity returns home in Vietnamese (short timeout from the URL); English switch', async (t) => {
  const rig = await kioskRig(t);
  const page = await openKiosk(t, rig, LANDSCAPE, 'idle=1');
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.querySelector('[data-action="take-number"]')?.textContent?.includes('Take a number'));
  t.match(await page.textContent('[data-action="procedures"]'), 'Administrative procedures');
  await screenshot(page, 'kiosk-home-en-landscape');
  await page.click('[data-action="procedures"]');
  await onScreen(page, 'procedures');
  t.match(await page.textContent('.screen-title'), 'Administrative procedures');
  await onScreen(page, 'home');
  t.pass('back home by itself after 1 s without a touch');
  await page.waitForFunction(() => document.querySelector('[data-action="take-number"]')?.textContent?.includes('Lấy số thứ tự'));
  t.pass('and in Vietnamese again for the next citizen');
});
