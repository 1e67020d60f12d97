/**
 * The booking page on a phone (390×844) in Chromium, and check-in at the kiosk: book with a one-time code, move, cancel,
 * book again (the phone stays verified), then check in at the kiosk by scanning the booking QR (a 2D scanner types it)
 * and by typing a code on the kiosk's keyboard. Screenshots under artifacts/.
 */
import t from 'tap';
import type { Page } from 'playwright-core';
import { MemoryPhonePort } from '../../broker/phone/ports.js';
import { LANDSCAPE, newPage, PORTRAIT, screenshot } from '../helpers/browser.js';
import { addDays, at, TEST_DAY } from '../helpers/days.js';
import { kioskRig, onScreen, openKiosk } from '../kiosk/setup.js';
import { API_KEY, sha256 } from './helpers.js';
import { scan } from './scan.js';

const PHONE = { width: 390, height: 844 };
const TOMORROW = addDays(TEST_DAY, 1);

async function pickSlot(page: Page, slot: string): Promise<void> {
  await page.click(`[data-day="${TOMORROW}"]`);
  await page.click(`[data-slot="${slot}"]`);
}

t.test('book, move and cancel on a phone; check in at the kiosk by scanned QR and by typed code', async (t) => {
  const rig = await kioskRig(t, { patch: (c) => { c.booking.clients = [{ id: 'zalo', name: 'Zalo mini app', keySha256: sha256(API_KEY), perMinute: 1000 }]; } });
  const port = rig.th.hub.phonePort as MemoryPhonePort;
  const base = rig.th.url;
  const weight = (await Promise.all(['/booking', '/app/kiosk/booking.js'].map(async (p) => (await (await fetch(`${base}${p}`)).arrayBuffer()).byteLength))).reduce((a, b) => a + b, 0);
  t.ok(weight < 100 * 1024, `the booking page weighs ${(weight / 1024).toFixed(1)} KB (under 100 KB)`);

  const { context, page } = await newPage(rig.browser, PHONE);
  t.teardown(() => context.close());
  await page.goto(`${base}/booking`);
  await page.click('[data-field="hotich"]');
  await pickSlot(page, '09:00');
  await page.fill('[data-role="phone"]', '0912 345 678');
  await page.click('[data-action="send-code"]');
  await page.waitForSelector('[data-role="otp"]:visible');
  await screenshot(page, 'booking-phone-otp');
  const otp = [...port.sent].reverse().find((m) => m.kind === 'otp')?.params.code ?? '';
  await page.fill('[data-role="otp"]', otp);
  await page.click('[data-action="confirm"]');
  await page.waitForSelector('[data-role="code"]');
  const shown = await page.textContent('[data-role="code"]');
  t.match(shown, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/, 'the booking code is shown');
  t.ok(await page.$eval('[data-role="qr"]', (i) => (i as HTMLImageElement).naturalWidth > 0), 'with its QR code');
  t.match(await page.textContent('[data-role="when"]'), /09:00 ngày/);
  t.match(page.url(), /\/booking\?code=/, 'the address opens the booking again');
  await screenshot(page, 'booking-phone-booked');

  await page.click('[data-action="move"]');
  await page.click('[data-slot="10:00"]');
  await page.click('[data-action="move-confirm"]');
  await page.waitForFunction(() => document.querySelector('[data-role="when"]')?.textContent?.startsWith('10:00'));
  t.pass('moved to 10:00');
  await page.click('[data-action="cancel"]');
  await page.waitForSelector('[data-role="booking"][data-status="cancelled"]');
  await screenshot(page, 'booking-phone-cancelled');

  await page.click('[data-action="new"]');
  await page.click('[data-field="hotich"]');
  await pickSlot(page, '09:00');
  await page.fill('[data-role="phone"]', '0912345678');
  const codes = port.sent.filter((m) => m.kind === 'otp').length;
  await page.click('[data-action="send-code"]');
  await page.waitForSelector('[data-role="booking"][data-status="booked"], [role="alert"]');
  t.equal(await page.$('[role="alert"]').then((e) => e?.textContent()), undefined, 'no error');
  t.equal(port.sent.filter((m) => m.kind === 'otp').length, codes, 'booked again without a new code: the phone stays verified');
  const url = `${base}/booking?code=${(await page.textContent('[data-role="code"]'))?.replace('-', '')}`;

  await page.goto(`${base}/booking?code=ZZZZZZZZ`);
  await page.waitForSelector('[data-error="MC_ERR_UNKNOWN_BOOKING"]');
  t.match(await page.textContent('[role="alert"]'), /Không tìm thấy lịch hẹn/);
  await screenshot(page, 'booking-phone-unknown-code');
  await page.click('[data-action="lang"]');
  await page.click('[data-field="datdai"]');
  await page.click(`[data-day="${TOMORROW}"]`);
  await page.waitForSelector('[data-slot]');
  t.match(await page.textContent('h1'), /Book an appointment/, 'the page in English');
  await screenshot(page, 'booking-phone-en');

  const api = await fetch(`${base}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ fieldId: 'datdai', day: TOMORROW, slot: '09:00', phone: '0987654321' }) });
  const typed = (await api.json() as { code: string }).code;

  rig.clock.set(at('08:55', TOMORROW));
  const kiosk = await openKiosk(t, rig, PORTRAIT);
  await screenshot(kiosk, 'booking-kiosk-home');
  await scan(kiosk, url); // the booking QR under the 2D scanner, here on the home screen
  await onScreen(kiosk, 'ticket');
  t.match(await kiosk.textContent('[data-role="booking-note"]'), /lúc 09:00: quý vị được gọi theo giờ hẹn/, 'scanned: the ticket with its booking');
  await screenshot(kiosk, 'booking-kiosk-checked-in');
  await kiosk.click('[data-action="done"]');

  await kiosk.click('[data-action="check-in"]');
  await onScreen(kiosk, 'check-in');
  for (const ch of 'WRONGCDE') await kiosk.click(`.keyboard [data-key="${ch}"]`);
  await kiosk.click('[data-action="check-in"]');
  await kiosk.waitForSelector('[data-error="MC_ERR_UNKNOWN_BOOKING"]');
  await screenshot(kiosk, 'booking-kiosk-wrong-code');
  await kiosk.click('.keyboard [data-key="clear"]');
  const wide = await openKiosk(t, rig, LANDSCAPE);
  await screenshot(wide, 'booking-kiosk-home-landscape');
  for (const ch of typed) await kiosk.click(`.keyboard [data-key="${ch}"]`);
  await kiosk.click('[data-action="check-in"]');
  await onScreen(kiosk, 'ticket');
  t.match(await kiosk.textContent('.ticket-number'), /^\d+$/, 'typed: a number');
  t.ok(rig.vp.jobs.length >= 2, 'both tickets were printed');
});
