/**
 * The citizen's live ticket page on a phone (390×844, real Chromium): pushed by server-sent events, the called
 * state within a second of the clerk's call (measured from the hub's commit of the call), the phone's vibration and
 * beep, the opt-in for messages (the SMS simulator receives the call), the absent citizen's next step, the rating of
 * the service from the phone, counted once, and polling when the event stream cannot open.
 */
import { once } from 'node:events';
import t from 'tap';
import type { Page } from 'playwright-core';
import { launch, newPage, screenshot } from '../helpers/browser.js';
import { until } from '../onestop/helpers.js';
import { call, messagesRig } from '../messages/rig.js';
import { at, TEST_DAY } from '../helpers/days.js';

const PHONE = { width: 390, height: 844 };

interface Probe { transport: string; views: number; calledShownAt: number; alerts: { vibrations: number; beeps: number; audioReady: boolean } }
const probe = (page: Page): Promise<Probe> => page.evaluate(() => (window as unknown as { ticketPage: Probe }).ticketPage);

t.test('live ticket page: pushed, called within a second, vibrates and beeps, no-show advice, rating once', async (t) => {
  const { th, sim, issue } = await messagesRig(t, 'sms');
  const browser = await launch();
  t.teardown(() => browser.close());
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const before = issue();
  const mine = issue();
  const other = issue();
  const { context, page } = await newPage(browser, PHONE);
  t.teardown(() => context.close());
  await page.goto(`${th.url}/t/${th.hub.ticketRefs.ref(mine.id)}`);
  await page.waitForSelector('[data-role="updated"][data-transport="sse"]');
  t.equal(await page.locator('[data-action="sound"]').count(), 1, 'the page offers to turn the sound on');
  t.equal(await page.textContent('[data-role="number"]'), mine.number);
  t.match(await page.textContent('[data-role="estimate"]'), 'Số người đang chờ trước: 1');

  // messages: a wrong number is explained in Vietnamese; a right one is shown masked
  await page.fill('#phone', '12345');
  await page.click('[data-action="subscribe"]');
  await page.waitForSelector('[data-role="msg-error"]');
  t.match(await page.textContent('[data-role="msg-error"]'), 'Số điện thoại di động không hợp lệ');
  t.equal(await page.inputValue('#phone'), '12345', 'what was typed stays to be corrected');
  await screenshot(page, 'ticket-live-optin-390');
  await page.fill('#phone', '0912 345 678');
  await page.click('[data-action="subscribe"]');
  await page.waitForSelector('[data-role="messages-on"]');
  t.match(await page.textContent('[data-role="messages-on"]'), 'Tin nhắn sẽ gửi đến số 0912 *** 678.');
  await page.waitForSelector('[data-role="sound-ready"]'); // the first tap on the page turned the sound on
  await screenshot(page, 'ticket-live-waiting-390');

  // the clerk calls the one before: the page's wait changes without a reload
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await page.waitForSelector('[data-role="estimate"]:has-text("Số người đang chờ trước: 0")');
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  t.equal(q.ticket(before.id)?.status, 'done');

  // the call: from the hub's commit of ticket.called to the page showing it
  let committedAt = 0;
  const onCommit = (evs: { type: string; data: unknown }[]): void => {
    if (evs.some((e) => e.type === 'ticket.called' && (e.data as { ticketId: string }).ticketId === mine.id)) committedAt = performance.now();
  };
  q.on('committed', onCommit);
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  q.off('committed', onCommit);
  await page.waitForSelector('[data-role="called"]');
  const shownMs = performance.now() - committedAt;
  t.comment(`called state on the phone ${shownMs.toFixed(0)} ms after the hub committed the call`);
  t.ok(committedAt > 0 && shownMs < 1000, `the called state shows within a second (${shownMs.toFixed(0)} ms)`);
  t.equal(await page.textContent('.called-words'), 'Mời quý vị đến Quầy 1');
  const p = await probe(page);
  t.equal(p.transport, 'sse', 'pushed, not polled');
  t.ok(p.alerts.vibrations >= 1, 'the phone was asked to vibrate');
  t.ok(p.alerts.beeps >= 1, 'the beep played (sound was enabled by a tap)');
  await screenshot(page, 'ticket-live-called-390');
  await until(sim, ['delivered'], () => sim.delivered.some((d) => d.text?.startsWith(`Một cửa huyện Hòa Bình: Mời quý vị có số ${mine.number} đến Quầy 1.`)), 5000, 'the call by SMS');

  // the service ends: the phone rates it once
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  await page.waitForSelector('[data-role="rating"]');
  t.match(await page.textContent('[data-role="rating"]'), /Rất hài lòng[\s\S]*Hài lòng[\s\S]*Bình thường[\s\S]*Không hài lòng/);
  await screenshot(page, 'ticket-live-rating-390');
  await page.click('[data-level="satisfied"]');
  await page.waitForSelector('[data-role="rated"]');
  t.match(await page.textContent('[data-role="rated"]'), 'Quý vị đã đánh giá lượt phục vụ này');
  t.equal(q.ticket(mine.id)?.rating, 'satisfied');
  t.match(th.hub.db.prepare('SELECT level, source, counter_id, clerk_id FROM ratings WHERE ticket_id = ?').get(mine.id), { level: 'satisfied', source: 'phone', counter_id: 'q1', clerk_id: 'nv-lan' });
  const again = await call(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(mine.id)}/rating`, 'POST', { level: 'unsatisfied' });
  t.equal(again.status, 409);
  t.equal(again.body.message, 'Lượt phục vụ này đã được đánh giá. Mỗi lượt phục vụ chỉ được đánh giá một lần. Xin cảm ơn quý vị.');
  t.equal(q.ticket(mine.id)?.rating, 'satisfied', 'counted once');
  const forged = await call(`${th.url}/api/tickets/${other.id}.AAAAAAAAAAAAAAAAAAAAAA/rating`, 'POST', { level: 'unsatisfied' });
  t.equal(forged.status, 404, 'a rating needs the ticket\'s own token');
  await screenshot(page, 'ticket-live-rated-390');

  // the next citizen does not come: their page says what to do next
  const second = await newPage(browser, PHONE);
  t.teardown(() => second.context.close());
  await second.page.goto(`${th.url}/t/${th.hub.ticketRefs.ref(other.id)}`);
  await second.page.waitForSelector('[data-role="status"][data-status="waiting"]');
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await second.page.waitForSelector('[data-role="called"]');
  q.execute({ op: 'skip', counterId: 'q1' }, { source: 'test' });
  await second.page.waitForSelector('[data-role="no-show"]');
  t.match(await second.page.textContent('[data-role="no-show"]'), 'Quý vị đã vắng mặt khi được gọi');
  t.match(await second.page.textContent('[data-role="no-show"]'), 'xin đến ngay Quầy 1 hoặc quầy hướng dẫn để được gọi lại trong buổi làm việc hôm nay. Nếu không, xin lấy số mới.');
  await screenshot(second.page, 'ticket-live-no-show-390');
  // called back from the missed list: the same page follows
  q.execute({ op: 'call', counterId: 'q1', ticketId: other.id }, { source: 'test' });
  await second.page.waitForSelector('[data-role="called"]');
});

t.test('live ticket page: the event stream blocked, the page polls and still follows the ticket', async (t) => {
  const { th, issue } = await messagesRig(t, 'sms');
  const browser = await launch();
  t.teardown(() => browser.close());
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  issue();
  const mine = issue();
  const { context, page } = await newPage(browser, PHONE);
  t.teardown(() => context.close());
  await page.route('**/events', (r) => r.abort());
  await page.goto(`${th.url}/t/${th.hub.ticketRefs.ref(mine.id)}?every=1`);
  await page.waitForSelector('[data-role="updated"][data-transport="poll"]');
  t.match(await page.textContent('[data-role="estimate"]'), 'Số người đang chờ trước: 1');
  const served = once(q, 'committed');
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await served;
  await page.waitForSelector('[data-role="estimate"]:has-text("Số người đang chờ trước: 0")');
  t.equal((await probe(page)).transport, 'poll');
  t.equal(await page.locator('[data-role="optin"]').count(), 1, 'messages are offered while polling too');

  // a stream that drops (the hub closed it): the page polls, reconnects with backoff, and is pushed again
  await page.unroute('**/events');
  const { context: c2, page: p2 } = await newPage(browser, PHONE);
  t.teardown(() => c2.close());
  await p2.goto(`${th.url}/t/${th.hub.ticketRefs.ref(mine.id)}`);
  await p2.waitForSelector('[data-role="updated"][data-transport="sse"]');
  th.hub.ticketStreams.closeAll();
  await p2.waitForSelector('[data-role="updated"][data-transport="poll"]');
  await p2.waitForSelector('[data-role="updated"][data-transport="sse"]', { timeout: 10_000 });
  t.pass('back on the event stream after a drop');
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await p2.waitForSelector('[data-role="called"]');
});

t.test('reports page: messages sent and not sent, per kind', async (t) => {
  const { th, sim, issue } = await messagesRig(t, 'sms');
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const mine = issue();
  t.equal((await call(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(mine.id)}/messages`, 'POST', { phone: '0912345678' })).status, 200);
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  th.hub.messages.enqueue({ kind: 'reminder', phone: '0987654321', vars: { code: 'HB-9', day: '25/11', time: '10:00' }, bookingCode: 'HB-9', purposeEndsDay: TEST_DAY, sendAfter: Date.parse(at('16:00')) });
  th.hub.messages.cancel({ bookingCode: 'HB-9' });
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the call by SMS');
  await until(th.hub.messages.dispatcher, ['sent'], () => th.hub.messages.status().backlog === 0, 5000, 'marked sent');
  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  const browser = await launch();
  t.teardown(() => browser.close());
  const { context, page } = await newPage(browser, { width: 1366, height: 768 });
  t.teardown(() => context.close());
  await page.goto(`${th.url}/reports?period=day&date=${TEST_DAY}`);
  await page.fill('input[name=username]', 'truongbp');
  await page.fill('input[name=password]', 'matkhau-123');
  await page.click('#login button[type=submit]');
  await page.locator('#table-messages tbody tr').first().waitFor();
  const rows = await page.$$eval('#table-messages tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  t.same(rows.find((r) => r[0] === 'Mời đến quầy'), ['Mời đến quầy', '1', '0', '0', '0', '0']);
  t.same(rows.find((r) => r[0] === 'Nhắc lịch hẹn'), ['Nhắc lịch hẹn', '0', '0', '0', '1', '0']);
  t.same(rows.at(-1), ['Tổng cộng', '1', '0', '0', '1', '0']);
  await page.locator('#messages').scrollIntoViewIfNeeded();
  await screenshot(page, 'reports-messages-1366');
});
