/** Rating-station mode, the closed screen outside office hours, the ticket's QR page on a phone, and the
 * kiosk's texts (every Vietnamese text NFC, every key translated). */
import t from 'tap';
import { TABLES } from '../../kiosk/web/shared/i18n.js';
import { LANDSCAPE, newPage, PORTRAIT, screenshot } from '../helpers/browser.js';
import { kioskRig, onScreen, openKiosk } from './setup.js';
import { addDays, at, TEST_DAY, vnDate } from '../helpers/days.js';

/** Issue, call and finish one ticket at counter q1 (as the hub's own queue service would for a clerk). */
function serveOne(rig: Awaited<ReturnType<typeof kioskRig>>, fieldId = 'hotich'): { id: string; number: string } {
  const q = rig.th.hub.queue;
  if (!q.snapshot.counters.get('q1')?.clerkId) q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const issued = q.execute({ op: 'issue', fieldId, source: 'test', awaitPrint: false }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  return { id: String(issued.ticket?.id), number: String(issued.ticket?.number) };
}

t.test('rating station with a barcode scanner: the citizen scans their own ticket\'s QR code and rates that service', async (t) => {
  const rig = await kioskRig(t);
  const page = await openKiosk(t, rig, LANDSCAPE, 'rating=1');
  const waiting = rig.th.hub.queue.execute({ op: 'issue', fieldId: 'datdai', source: 'test', awaitPrint: false }, { source: 'test' }).ticket;
  const served = serveOne(rig);
  const scan = async (text: string) => { await page.keyboard.type(text, { delay: 2 }); await page.keyboard.press('Enter'); };
  await page.click('[data-action="rate"]');
  await page.waitForSelector('[data-role="scan-hint"]');
  t.match(await page.textContent('[data-role="scan-hint"]'), 'Hoặc đưa mã QR trên phiếu của quý vị vào máy quét.');
  // the ticket's QR code holds its page address (broker/hub/ticket-printer.ts: {publicUrl}/t/{id}.{token})
  await scan(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(served.id)}`);
  await onScreen(page, 'rating-levels');
  t.match(await page.textContent('main'), `Số ${served.number} — Quầy 1`);
  await page.click('[data-level="very_satisfied"]');
  await onScreen(page, 'rating-thanks');
  t.equal(rig.th.hub.queue.ticket(served.id)?.rating, 'very_satisfied', 'the scanned ticket was rated');

  // scanning it again is answered at once: no level screen for a service already rated
  await page.click('[data-action="done"]');
  await page.click('[data-action="rate"]');
  await page.waitForSelector('[data-role="scan-hint"]');
  await scan(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(served.id)}`);
  await onScreen(page, 'rating-error');
  t.equal(await page.getAttribute('body', 'data-error'), 'MC_ERR_ALREADY_RATED', 'a rated ticket is refused before the levels');
  t.match(await page.textContent('.message-title'), 'Lượt phục vụ này đã được đánh giá.');

  await page.click('[data-action="done"]');
  await page.click('[data-action="rate"]');
  await page.waitForSelector('[data-role="scan-hint"]');
  await scan(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(String(waiting?.id))}`);
  await onScreen(page, 'rating-error');
  t.match(await page.textContent('.message-text'), `Số ${String(waiting?.number)} chưa được phục vụ xong`, 'a ticket still waiting cannot be rated');
  await page.click('[data-action="done"]');
  await page.click('[data-action="rate"]');
  await page.waitForSelector('[data-role="scan-hint"]');
  await scan('https://example.invalid/something-else');
  await onScreen(page, 'rating-error');
  t.match(await page.textContent('.message-text'), 'Không đọc được mã trên phiếu này');
  t.equal(rig.th.hub.queue.ticket(String(waiting?.id))?.rating ?? null, null, 'nothing rated by a bad scan');
});

for (const [orient, size] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
  t.test(`rating station (${orient}): pick the number just served, rate with a reason, once`, async (t) => {
    const rig = await kioskRig(t);
    const page = await openKiosk(t, rig, size, 'rating=1');
    t.equal(await page.locator('[data-action="rate"]').count(), 1, 'rating tile shown in rating-station mode');
    const served = serveOne(rig);
    await page.waitForFunction((n) => (window as unknown as { kiosk: { recent: { number: string }[] } }).kiosk.recent.some((c) => c.number === n), served.number);
    await page.click('[data-action="rate"]');
    await page.waitForSelector(`[data-ticket="${served.number}"]`);
    t.match(await page.textContent(`[data-ticket="${served.number}"]`), `Số ${served.number} — Quầy 1`);
    await screenshot(page, `kiosk-rating-pick-${orient}`);
    await page.click(`[data-ticket="${served.number}"]`);
    await onScreen(page, 'rating-levels');
    t.match(await page.textContent('main'), /Rất hài lòng[\s\S]*Hài lòng[\s\S]*Bình thường[\s\S]*Không hài lòng/);
    await screenshot(page, `kiosk-rating-levels-${orient}`);
    await page.click('[data-level="unsatisfied"]');
    await onScreen(page, 'rating-reasons');
    await page.click('[data-reason="Chờ quá lâu"]');
    await onScreen(page, 'rating-thanks');
    t.match(await page.textContent('.message-title'), 'Cảm ơn quý vị đã đánh giá!');
    const tk = rig.th.hub.queue.ticket(served.id);
    t.equal(tk?.rating, 'unsatisfied', 'the hub recorded the rating for that ticket');

    // a second time: the list says it at once, and picking it says so before any level is chosen
    await page.click('[data-action="done"]');
    await page.click('[data-action="rate"]');
    await page.waitForSelector(`[data-ticket="${served.number}"][data-rated="1"]`);
    t.match(await page.textContent(`[data-ticket="${served.number}"]`), 'Đã đánh giá, cảm ơn quý vị', 'the list marks the rated service');
    await screenshot(page, `kiosk-rating-pick-rated-${orient}`);
    await page.click(`[data-ticket="${served.number}"]`);
    await onScreen(page, 'rating-error');
    t.equal(await page.locator('[data-level]').count(), 0, 'no level offered for a rated service');
    t.equal(await page.getAttribute('body', 'data-error'), 'MC_ERR_ALREADY_RATED');
    t.match(await page.textContent('.message-title'), 'Lượt phục vụ này đã được đánh giá.');
    await screenshot(page, `kiosk-rating-already-${orient}`);
    t.equal(rig.th.hub.queue.ticket(served.id)?.rating, 'unsatisfied', 'the first rating stands');
  });

  t.test(`closed screen outside office hours (${orient})`, async (t) => {
    const rig = await kioskRig(t, { at: at('19:30') });
    const page = await openKiosk(t, rig, size);
    await onScreen(page, 'closed');
    t.match(await page.textContent('.closed-box'), new RegExp(`Ngoài giờ làm việc[\\s\\S]*07:00 ngày ${vnDate(addDays(TEST_DAY, 1))}`));
    t.equal(await page.locator('[data-action="take-number"]').count(), 0, 'no number can be taken');
    t.equal(await page.locator('[data-action="procedures"]').count(), 1, 'lookups stay available');
    await screenshot(page, `kiosk-closed-${orient}`);
  });
}

t.test('ticket QR page on a phone: live position, then served at a counter, without reload', async (t) => {
  const rig = await kioskRig(t);
  const q = rig.th.hub.queue;
  q.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' });
  const mine = q.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' }).ticket;
  const { context, page } = await newPage(rig.browser, { width: 390, height: 844 });
  t.teardown(() => context.close());
  await page.goto(`${rig.th.url}/t/${rig.th.hub.ticketRefs.ref(String(mine?.id))}?every=1`);
  await page.waitForSelector('[data-role="status"][data-status="waiting"]');
  t.equal(await page.textContent('[data-role="number"]'), String(mine?.number));
  t.match(await page.textContent('[data-role="status"]'), 'Đang chờ');
  t.match(await page.textContent('[data-role="estimate"]'), 'Số người đang chờ trước: 1');
  t.match(await page.textContent('[data-counter="1"]'), /Quầy 1\s*chưa gọi số/);
  await screenshot(page, 'ticket-page-waiting');
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await page.waitForSelector('[data-role="estimate"]:has-text("Số người đang chờ trước: 0")');
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await page.waitForSelector('[data-role="status"][data-status="called"]');
  t.equal(await page.textContent('[data-role="status"]'), 'Đang được phục vụ tại quầy 1');
  await screenshot(page, 'ticket-page-called');
  await page.goto(`${rig.th.url}/t/${TEST_DAY}-hotich-999`);
  await page.waitForSelector('[data-role="status"]:has-text("Không tìm thấy số thứ tự này.")');
});

t.test('kiosk texts: Vietnamese NFC with diacritics, every key in English too', async (t) => {
  for (const [k, v] of Object.entries(TABLES.vi)) {
    t.equal(v, v.normalize('NFC'), `${k} is NFC`);
    t.ok(TABLES.en[k as keyof typeof TABLES.en], `${k} has an English text`);
  }
  t.match(TABLES.vi.takeNumber, 'Lấy số thứ tự');
});
