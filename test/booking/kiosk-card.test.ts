/**
 * A chip ID card's QR scanned at the kiosk (2D scanner in keyboard mode) on the field screen: a holder of 70 gets a
 * priority number without being asked; a third number for the same card the same day is refused in Vietnamese.
 */
import t from 'tap';
import { PORTRAIT, screenshot } from '../helpers/browser.js';
import { TEST_DAY } from '../helpers/days.js';
import { kioskRig, onScreen, openKiosk } from '../kiosk/setup.js';
import { scan } from './scan.js';

const year = Number(TEST_DAY.slice(0, 4));
const CARD = `079050001234||Nguyen Van Bao|0101${year - 70}|Nam|12 Le Loi, phuong Ben Thanh|01012022`;

t.test('a card read at the kiosk gives the age priority and counts against the daily limit', async (t) => {
  const rig = await kioskRig(t);
  const page = await openKiosk(t, rig, PORTRAIT);
  const take = async (field: string): Promise<void> => {
    await page.click('[data-action="take-number"]');
    await onScreen(page, 'fields');
    await scan(page, CARD);
    await page.waitForSelector('[data-role="card-read"]', { timeout: 5000 });
    if (field === 'hotich') await screenshot(page, 'booking-kiosk-card-read');
    await page.click(`[data-field="${field}"]`);
  };
  await take('hotich');
  await onScreen(page, 'ticket');
  t.match(await page.textContent('[data-role="booking-note"]'), /Ưu tiên người cao tuổi \(theo căn cước\)/, 'priority from the card, no question asked');
  t.equal(rig.th.hub.queue.snapshot.tickets.size, 1);
  t.equal([...rig.th.hub.queue.snapshot.tickets.values()][0]?.priority, 'elderly');
  await screenshot(page, 'booking-kiosk-card-priority');
  await page.click('[data-action="done"]');
  await take('datdai');
  await onScreen(page, 'ticket');
  await page.click('[data-action="done"]');
  await take('tuphap');
  await onScreen(page, 'issue-error');
  t.match(await page.textContent('.message-text'), /đủ số lần cho phép trong ngày/, 'a third number for the same card is refused');
  t.equal((await page.textContent('[data-action="again"]'))?.trim(), 'Lấy số thường (không ưu tiên)', 'the way on says what it gives: not "try again"');
  await screenshot(page, 'booking-kiosk-card-limit');
  await page.click('[data-action="again"]');
  await onScreen(page, 'ticket');
  const last = [...rig.th.hub.queue.snapshot.tickets.values()].at(-1);
  t.match(last, { fieldId: 'tuphap', priority: null }, 'a regular number, as the button said');
});
