/** The clerk console in real Chromium against a running hub: login, sign in at a counter, a live waiting list
 * (a ticket issued elsewhere appears without reload), Next / Hold / call back / Finish, errors in Vietnamese,
 * a double click that acts once, clerk-issued numbers, sign out. */
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { screenshot } from '../helpers/browser.js';
import { consoleRig } from './console-page.js';
import { TestDevice } from '../helpers/hub.js';
import { atMs } from '../helpers/days.js';

const rig = (t: Test) => consoleRig(t, 'q1');

const rows = (page: Page): Promise<string[]> => page.$$eval('[data-role="waiting"] tbody tr', (trs) => trs.map((r) => r.getAttribute('data-ticket') ?? ''));

t.test('login, sign in, live waiting list, Next and Finish with outcome', async (t) => {
  const { page, th, disp } = await rig(t);
  t.equal(th.hub.queue.snapshot.counters.get('q1')?.clerkId, 'nv-lan', 'signed in at counter 1 with her own clerk id');
  await page.waitForSelector('[data-role="waiting-empty"]');
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });

  const r = await disp.request('issue', { fieldId: 'hotich' });
  t.equal(r.ok, true);
  const number = String((r.result as { number: string }).number);
  await page.waitForSelector(`[data-role="waiting"] tr[data-ticket="${number}"]`);
  t.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 42, 'the list updated without a reload');
  t.match(await page.textContent(`tr[data-ticket="${number}"]`), /Hộ tịch/);
  await screenshot(page, 'console-waiting');

  await page.click('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${number}")`);
  await page.waitForSelector('[data-role="waiting-empty"]');
  await page.click('[data-op="finish-open"]');
  await page.click('[data-outcome="received"]');
  await page.waitForSelector('[data-role="error"]');
  t.equal(await page.textContent('[data-role="error"]'), 'Cần nhập Mã số hồ sơ.', 'the hub\'s Vietnamese message');
  await screenshot(page, 'console-finish-error');
  await page.fill('#dossier-code', '000.00.12.H01-261120-0009');
  const other = String(((await disp.request('issue', { fieldId: 'tuphap' })).result as { number: string }).number);
  await page.waitForSelector(`tr[data-ticket="${other}"]`);
  t.equal(await page.inputValue('#dossier-code'), '000.00.12.H01-261120-0009', 'a live update keeps the code being typed');
  await page.click('[data-outcome="received"]');
  await page.waitForSelector('[data-role="current-number"]:has-text("—")');
  const tk = [...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === number);
  t.equal(tk?.status, 'done');
  t.equal(tk?.outcome, 'received');
  t.equal(tk?.dossierCode, '000.00.12.H01-261120-0009');
});

t.test('a double click on Next calls one ticket; hold and call back; clerk-issued number; sign out', async (t) => {
  const { page, th, disp } = await rig(t);
  const a = String(((await disp.request('issue', { fieldId: 'hotich' })).result as { number: string }).number);
  const b = String(((await disp.request('issue', { fieldId: 'tuphap' })).result as { number: string }).number);
  await page.waitForSelector(`tr[data-ticket="${b}"]`);
  await page.dblclick('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${a}")`);
  await page.waitForSelector('[data-op="next"]', { state: 'detached' }); // while serving, only "Xong & gọi tiếp" calls the next
  await page.waitForSelector('[data-op="finish-next"]');
  const called = [...th.hub.queue.snapshot.tickets.values()].filter((x) => x.status === 'called');
  t.equal(called.length, 1, 'only one ticket was called');
  t.same(await rows(page), [b], 'the other one still waits');

  await page.click('[data-op="hold"]');
  await page.waitForSelector(`tr[data-ticket="${a}"] [data-op="resume"]`);
  t.match(await page.textContent(`tr[data-ticket="${a}"]`), 'Tạm giữ');
  await page.click(`tr[data-ticket="${a}"] [data-op="resume"]`);
  await page.waitForSelector(`[data-role="current-number"]:has-text("${a}")`);
  await page.click('[data-op="finish-open"]');
  await page.click('[data-outcome="guidance"]');
  await page.waitForSelector('[data-role="current-number"]:has-text("—")');

  await page.click('[data-op="issue"]:has-text("Hộ tịch")');
  await page.waitForSelector('[data-role="notice"]');
  const issued = (await page.textContent('[data-role="notice"]'))?.match(/\d+/)?.[0] ?? '';
  await page.waitForSelector(`tr[data-ticket="${issued}"]`);
  t.ok([...th.hub.queue.snapshot.tickets.values()].some((x) => x.number === issued && x.source === 'staff:nv-lan'), 'clerk-issued number exists');
  await screenshot(page, 'console-after-issue');

  await page.click('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${b}")`);
  await page.click('[data-op="transfer-open"]');
  await screenshot(page, 'console-transfer');
  await page.click('[data-to-counter="q6"]');
  await page.waitForSelector('[data-role="current-number"]:has-text("—")');
  const moved = [...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === b);
  t.equal(moved?.targetCounterId, 'q6', 'transferred to counter 6');
  t.equal(moved?.status, 'waiting');
  t.same(await rows(page), [issued], 'no longer in this counter\'s list');
  await page.click('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${issued}")`);
  await page.click('[data-op="skip"]');
  await page.click('[data-op="skip-confirm"]');
  await page.waitForSelector('[data-role="current-number"]:has-text("—")');
  t.equal([...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === issued)?.status, 'no_show', 'skip marks the citizen absent');

  await page.click('[data-op="signout"]');
  await page.waitForSelector('[data-counter="q1"]');
  t.equal(th.hub.queue.snapshot.counters.get('q1')?.clerkId ?? null, null, 'signed out');
});

t.test('transfer to another field: the citizen leaves this counter and waits for that field, keeping their place', async (t) => {
  const { page, th, disp } = await rig(t);
  const early = String(((await disp.request('issue', { fieldId: 'hotich' })).result as { number: string }).number);
  const later = String(((await disp.request('issue', { fieldId: 'datdai' })).result as { number: string }).number);
  await page.waitForSelector(`tr[data-ticket="${early}"]`);
  await page.click('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${early}")`);
  await page.click('[data-op="transfer-open"]');
  await page.click('[data-to-field="datdai"]');
  await page.waitForSelector('[data-role="current-number"]:has-text("—")');
  const moved = [...th.hub.queue.snapshot.tickets.values()].find((x) => x.number === early);
  t.equal(moved?.fieldId, 'datdai', 'now in the land field');
  t.equal(moved?.status, 'waiting');
  t.equal(moved?.targetCounterId, null, 'any land counter may call it');
  t.same(await rows(page), [], 'no longer in counter 1\'s list (hộ tịch, tư pháp)');
  // counter 2 serves đất đai: the transferred citizen kept their place, ahead of the later ticket
  th.hub.queue.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hoa' }, { source: 'test' });
  const r = th.hub.queue.execute({ op: 'next', counterId: 'q2' }, { source: 'test' });
  t.equal(r.ticket?.number, early, `called before ${later}`);
});

t.test('the clerk reprints the ticket being served on its dispenser\'s printer, marked as a copy', async (t) => {
  const { VirtualPrinter } = await import('../../printer/index.js');
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await printer.start();
  t.teardown(() => printer.stop());
  const { page, th } = await rig(t);
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258' } }, []);
  th.hub.addPrinter(p.device);
  const disp = await TestDevice.create(th, 'd2', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => disp.end());
  const number = String(((await disp.request('issue', { fieldId: 'hotich' })).result as { number: string }).number);
  t.equal(printer.jobs.length, 1, 'the ticket was printed before the number was given');
  await page.waitForSelector(`tr[data-ticket="${number}"]`);
  await page.click('[data-op="next"]');
  await page.waitForSelector(`[data-role="current-number"]:has-text("${number}")`);
  const copy = printer.nextJob();
  await page.click('[data-op="reprint"]');
  const job = await copy;
  t.match(job.decoded.lines.join('\n'), /BẢN IN LẠI/);
  t.match(job.decoded.lines.join('\n'), new RegExp(number));
  await page.waitForSelector(`text=Đã in lại phiếu số ${number}`);
});

t.test('a booked citizen\'s ticket carries a badge with its slot: why it is above people who came earlier', async (t) => {
  const { page, th, issue } = await rig(t);
  const walkIn = await issue('hotich');
  await page.waitForSelector(`tr[data-ticket="${walkIn}"]`);
  // a booking for 09:10 checked in at 09:00 under the slot-first policy (the placement itself: test/booking/checkin.test.ts)
  const r = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false, slotAt: atMs('09:10') }, { source: 'kiosk' });
  const booked = String(r.ticket?.number);
  await page.waitForSelector(`tr[data-ticket="${booked}"] [data-role="booked"]`);
  t.same(await rows(page), [booked, walkIn], 'the booked citizen is first');
  t.equal(await page.textContent(`tr[data-ticket="${booked}"] [data-role="booked"]`), 'Hẹn 09:10', 'the badge tells the slot, in the office\'s time');
  t.equal(await page.$(`tr[data-ticket="${walkIn}"] [data-role="booked"]`), null, 'a walk-in has none');
  const w = th.hub.queue.waitingAt('q1').map((x) => x.number);
  t.same(w, [booked, walkIn], 'in the order the hub will call them');
  await screenshot(page, 'console-booked-badge');
});
