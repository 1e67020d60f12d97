/** A Saturday session in real Chromium: on the suite's Saturday morning the kiosk offers only the fields open then
 * (land and civil status), says when the others open, and a land number taken after the land cut-off says, on
 * screen, on paper and on the ticket page, that its paper dossier is processed the next working day. */
import t from 'tap';
import { LANDSCAPE, PORTRAIT, screenshot } from '../helpers/browser.js';
import { addDays, at, vnDate } from '../helpers/days.js';
import { communeSaturday, SATURDAY, SATURDAY_FIELDS } from '../calendar/saturday.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

const MONDAY = addDays(SATURDAY, 2);

for (const [orient, size] of [['landscape', LANDSCAPE], ['portrait', PORTRAIT]] as const) {
  t.test(`Saturday morning (${orient}): only land and civil status take numbers`, async (t) => {
    const rig = await kioskRig(t, { at: at('10:30', SATURDAY), patch: (c) => {
      const s = communeSaturday();
      Object.assign(c, { fields: s.fields, counters: s.counters, calendar: s.calendar });
    } });
    const page = await openKiosk(t, rig, size);
    await onScreen(page, 'home');
    await page.click('[data-action="take-number"]');
    await onScreen(page, 'fields');
    const enabled = await page.locator('button[data-field]:not([disabled])').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-field')));
    t.same(enabled.sort(), [...SATURDAY_FIELDS].sort(), 'only the fields open this morning can be chosen');
    t.match(await page.textContent('[data-field="chungthuc"] [data-role="next-open"]'), `Mở lại lúc 07:00 ngày ${vnDate(MONDAY)}`, 'the others say when they open');
    await screenshot(page, `kiosk-saturday-fields-${orient}`);

    const job = rig.vp.nextJob();
    await page.click('[data-field="datdai"]');
    await onScreen(page, 'priority');
    await page.click('[data-priority="none"]');
    await onScreen(page, 'ticket');
    const note = `Hồ sơ giấy nộp sau 10:00 được xử lý vào ngày làm việc tiếp theo: ${vnDate(MONDAY)}.`;
    t.equal((await page.textContent('[data-role="paper-note"]'))?.trim(), note, 'after the land cut-off the screen says so');
    await screenshot(page, `kiosk-saturday-ticket-${orient}`);
    t.match((await job).decoded.lines.join(' '), /Hồ sơ giấy nộp sau 10:00 được xử lý vào ngày làm việc tiếp theo/, 'and the printed ticket');
    const mine = [...rig.th.hub.queue.snapshot.tickets.values()].find((x) => x.fieldId === 'datdai');
    await page.goto(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(String(mine?.id))}`);
    await page.waitForSelector('[data-role="paper-note"]');
    t.equal((await page.textContent('[data-role="paper-note"]'))?.trim(), note, 'and the ticket page');
    t.equal(await page.locator('[data-role="field-next"]').count(), 0, 'land is open now: nothing about reopening');
    rig.clock.set(at('12:00', SATURDAY));
    await page.reload();
    await page.waitForSelector('[data-role="field-next"]');
    t.equal((await page.textContent('[data-role="field-next"]'))?.trim(), `Ngoài giờ tiếp nhận lĩnh vực này. Mở lại lúc 07:00 ngày ${vnDate(MONDAY)}.`, 'after the session the ticket page says when land opens again');
    await screenshot(page, `ticket-page-saturday-${orient}`);
  });
}
