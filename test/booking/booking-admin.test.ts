/**
 * The booking section in the admin pages (Bộ phận tab): an office head turns numbers from a phone on and changes the
 * walk-in share; the change is live on the booking API at once; the API clients' keys are never sent to the page and
 * stay as the file has them.
 */
import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { adminRig, card, MANAGER, openAdmin } from '../admin/setup.js';
import { API_KEY, sha256 } from './helpers.js';

t.test('an office head turns on numbers from a phone and lowers the walk-in share', async (t) => {
  const rig = await adminRig(t, (c) => { c.booking.clients = [{ id: 'ihanoi', name: 'iHanoi', keySha256: sha256(API_KEY), perMinute: 600 }]; });
  const page = await openAdmin(t, rig, MANAGER);
  await page.click('[data-tab="bo-phan"]');
  await page.waitForSelector(card('booking'));
  t.notOk((await page.content()).includes(sha256(API_KEY)), 'the API key\'s hash is not sent to the page');
  await page.check(`${card('booking')} input[data-path="booking.remoteNumbers"]`);
  await page.fill(`${card('booking')} input[data-path="booking.walkInShare"]`, '30');
  await page.click(`${card('booking')} [data-action="save"]`);
  await page.waitForSelector(`${card('booking')} .note`);
  await page.locator(card('booking')).scrollIntoViewIfNeeded();
  await screenshot(page, 'booking-admin-section');
  const opts = (await (await fetch(`${rig.th.url}/api/booking/options`)).json()) as { remoteNumbers: boolean };
  t.equal(opts.remoteNumbers, true, 'numbers from a phone are on at once');
  t.equal(rig.th.hub.cfg.booking.walkInShare, 30);
  t.same(rig.th.hub.cfg.booking.clients.map((c) => c.keySha256), [sha256(API_KEY)], 'the client\'s key is kept as the file has it');
});
