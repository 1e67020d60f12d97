/**
 * The forecast wait with its range (issue 23) wherever a wait is shown, in real Chromium against a running hub:
 * the kiosk before a number is taken and after, the printed ticket (decoded bytes), the phone ticket page and the
 * hall display per field, all saying the same thing.
 */
import t from 'tap';
import { LANDSCAPE, newPage, PORTRAIT, screenshot } from '../helpers/browser.js';
import { openDisplay } from '../display/helpers.js';
import { waitLine, waitPhrase } from '../../protocol/wait-text.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';

const RANGE = /Thời gian chờ dự kiến: khoảng (\d+)–(\d+) phút/;

t.test('the kiosk, the paper, the phone page and the hall display show the same forecast range', async (t) => {
  const rig = await kioskRig(t);
  const q = rig.th.hub.queue;
  const cmd = (c: Parameters<typeof q.execute>[0]) => q.execute(c, { source: 'test' });
  cmd({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  // a history: three citizens served in 4, 6 and 8 minutes; then two people wait for hộ tịch
  for (const m of [4, 6, 8]) {
    cmd({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false });
    cmd({ op: 'next', counterId: 'q1' });
    rig.clock.advance(m * 60_000);
    cmd({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  }
  for (let i = 0; i < 2; i++) cmd({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false });
  const before = q.fieldWaits().find((w) => w.fieldId === 'hotich');
  t.match(before, { basis: 'history', waiting: 2 }, 'the API: two waiting, forecast from history');

  // the kiosk, before taking a number
  const page = await openKiosk(t, rig, LANDSCAPE);
  await page.click('[data-action="take-number"]');
  await onScreen(page, 'fields');
  const hint = (await page.locator('[data-field="hotich"] [data-role="wait"]').innerText()).trim();
  t.match(hint, RANGE, `a range before the number is taken: "${hint}"`);
  t.equal(hint, waitLine(before ?? { basis: 'none', minutes: null, low: null, high: null, afterBreak: null, beyondToday: false }), 'as /api/queue forecasts it');
  await screenshot(page, 'kiosk-fields-wait-landscape');

  // take it: the screen, the paper and the answer agree
  const job = rig.vp.nextJob();
  await page.click('[data-field="hotich"]');
  await onScreen(page, 'priority');
  await page.click('[data-priority="none"]');
  await onScreen(page, 'ticket');
  const told = (await page.locator('[data-fact="wait"]').innerText()).trim();
  t.match(told, RANGE, `the ticket screen: "${told}"`);
  t.equal(told, hint, 'the same wait as shown before the number was taken');
  const paper = (await job).decoded.lines.join(' ');
  t.match(paper, told, 'the printed ticket says the same (decoded from the printer bytes)');
  await screenshot(page, 'kiosk-ticket-wait-landscape');

  // the phone page behind the QR code
  const mine = [...q.snapshot.tickets.values()].find((x) => x.source === 'kiosk1');
  const phone = await newPage(rig.browser, { width: 390, height: 844 });
  t.teardown(() => phone.context.close());
  await phone.page.goto(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(String(mine?.id))}`);
  await phone.page.waitForSelector('[data-role="estimate"] [data-role="wait"]');
  t.equal((await phone.page.locator('[data-role="estimate"] [data-role="wait"]').innerText()).trim(), told, 'the phone page agrees');
  await screenshot(phone.page, 'ticket-page-wait-phone');

  // the hall display, per field
  const hall = await openDisplay(rig.browser, rig.th, { id: 'hall-1', kind: 'display', size: { width: 1920, height: 1080 } });
  t.teardown(() => hall.close());
  const now = q.fieldWaits().find((w) => w.fieldId === 'hotich');
  t.ok(now, 'hộ tịch is forecast');
  if (!now) return;
  const want = waitPhrase(now, 'vi', true);
  t.match(want, /^\d+–\d+ phút$/, `a newcomer now: ${want}`);
  await hall.page.waitForSelector(`.wait[data-field="hotich"] .wait-time:has-text("${want}")`, { timeout: 15_000 });
  t.match(await hall.page.locator('.wait[data-field="hotich"]').innerText(), /Hộ tịch[\s\S]*3[\s\S]*\d+–\d+ phút/, 'the hall: field, people waiting and the range');
  t.equal(await hall.page.locator('.wait[data-field="datdai"] .wait-time').count(), 0, 'a field nobody waits for: no range on the crowded TV');
  await screenshot(hall.page, 'hall-wait-range');

  // a portrait kiosk (the same kiosk device: opened last, as it takes over the device's connection)
  const portrait = await openKiosk(t, rig, PORTRAIT);
  await portrait.click('[data-action="take-number"]');
  await portrait.waitForSelector('[data-field="hotich"] [data-role="wait"]');
  t.equal((await portrait.locator('[data-field="hotich"] [data-role="wait"]').innerText()).trim(), waitLine(now), 'a portrait kiosk shows the same as /api/queue');
  await screenshot(portrait, 'kiosk-fields-wait-portrait');
});

t.test('the first ticket of a new office: no figure, said plainly on the kiosk and the hall display', async (t) => {
  const rig = await kioskRig(t);
  rig.th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const page = await openKiosk(t, rig, LANDSCAPE);
  await page.click('[data-action="take-number"]');
  await onScreen(page, 'fields');
  t.equal((await page.locator('[data-field="hotich"] [data-role="wait"]').innerText()).trim(), 'Thời gian chờ dự kiến: chưa có số liệu', 'no history: no number');
  const job = rig.vp.nextJob();
  await page.click('[data-field="hotich"]');
  await page.click('[data-priority="none"]');
  await onScreen(page, 'ticket');
  t.equal((await page.locator('[data-fact="wait"]').innerText()).trim(), 'Thời gian chờ dự kiến: chưa có số liệu');
  t.match((await job).decoded.lines.join(' '), 'Thời gian chờ dự kiến: chưa có số liệu', 'nor on paper');
  const hall = await openDisplay(rig.browser, rig.th, { id: 'hall-2', kind: 'display', size: { width: 1920, height: 1080 } });
  t.teardown(() => hall.close());
  await hall.page.waitForSelector('.wait[data-field="hotich"]');
  t.equal(await hall.page.locator('.wait-time').count(), 0, 'the hall shows people waiting but no made-up minutes');
});
