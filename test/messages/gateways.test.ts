/**
 * Messages through the real HTTP adapters and their simulators: opt-in on a ticket, "N people before you" and the
 * call, outages (no answer, 503, the gateway's own errors, an answer lost after the message was taken), recovery
 * with nothing lost and nothing sent twice where the gateway accepted, and a permanent refusal that stops at once.
 */
import { once } from 'node:events';
import t from 'tap';
import { until } from '../onestop/helpers.js';
import { call, messagesRig } from './rig.js';
import { staffFetch, TEST_DAY } from '../helpers/hub.js';

t.test('SMS: opt-in, few ahead and the call; an outage while the queue keeps going; nothing lost, no duplicate', async (t) => {
  const { th, sim, issue } = await messagesRig(t, 'sms');
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const others = [issue(), issue(), issue(), issue(), issue()];
  const mine = issue();
  const ref = th.hub.ticketRefs.ref(mine.id);
  const bad = await call(`${th.url}/api/tickets/${ref}/messages`, 'POST', { phone: '0123 456' });
  t.equal(bad.status, 400);
  t.match(bad.body.message, 'Số điện thoại di động không hợp lệ');
  const ok = await call(`${th.url}/api/tickets/${ref}/messages`, 'POST', { phone: '+84 912.345.678' });
  t.equal(ok.status, 200);
  t.equal(ok.body.phone, '0912 *** 678', 'the page is shown the number masked');
  t.equal((await call(`${th.url}/api/tickets/${others[0]?.id}.x/messages`, 'POST', { phone: '0912345678' })).status, 404, 'a wrong token opts nobody in');

  sim.mode = 'hang'; // the gateway takes the request and never answers
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) { q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }); q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' }); }
  const queueMs = performance.now() - t0;
  t.comment(`6 queue commands while the gateway hangs: ${queueMs.toFixed(1)} ms`);
  const row = th.hub.db.prepare("SELECT status, phone, vars FROM msg_outbox WHERE kind = 'ahead'").get() as { status: string; phone: string; vars: string };
  t.same({ status: row.status, phone: row.phone }, { status: 'pending', phone: '84912345678' }, 'the "few ahead" message waits in the outbox (written with the call)');
  t.same(JSON.parse(row.vars), { office: 'Một cửa huyện Hòa Bình', number: mine.number, n: '3' });
  await once(th.hub.messages.dispatcher, 'retry'); // a timed-out attempt
  sim.mode = 'down';
  await once(th.hub.messages.dispatcher, 'retry'); // a 503
  const metrics = await (await fetch(`${th.url}/metrics`)).text(); // loopback: the monitoring scraper's view
  t.match(metrics, /^motcua_messages_pending\{office="hoa-binh"\} 1$/m, 'the waiting message is in the metrics');
  t.match(metrics, /^motcua_messages_gateway_failures\{office="hoa-binh"\} [1-9]/m, 'and the gateway failing');
  sim.mode = 'ok';
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the few-ahead SMS');
  t.equal(sim.delivered[0]?.phone, '84912345678');
  t.equal(sim.delivered[0]?.text, `Một cửa huyện Hòa Bình: Số ${mine.number}: Còn 3 người nữa đến lượt quý vị. Xin trở lại khu vực chờ.\nNumber ${mine.number}: 3 more before you.`);

  // the gateway takes the call's SMS but the answer is lost: the hub sends again, the gateway says "RequestId already used"
  sim.mode = 'lose';
  for (let i = 0; i < 2; i++) { q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }); q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' }); }
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  t.equal(q.ticket(mine.id)?.status, 'called');
  await until(sim, ['delivered'], () => sim.delivered.length === 2, 5000, 'the call taken by the gateway');
  sim.mode = 'ok';
  await until(th.hub.messages.dispatcher, ['sent'], () => th.hub.messages.status().backlog === 0, 5000, 'the call marked sent');
  t.equal(sim.delivered.length, 2, 'each message reached the phone once');
  t.equal(sim.duplicatesRefused, 1, 'the repeat was refused by its RequestId');
  t.equal(sim.delivered[1]?.text?.split('\n')[0], `Một cửa huyện Hòa Bình: Mời quý vị có số ${mine.number} đến Quầy 1.`);
  for (const d of sim.delivered) t.equal(d.text, d.text?.normalize('NFC'), 'NFC text');
  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  const get = await staffFetch(th.url, 'truongbp', 'matkhau-123');
  const report = await get(`/api/reports?period=day&date=${TEST_DAY}`);
  t.match(report.body.messages, { sent: 2, failed: 0, expired: 0, pending: 0, byKind: { ahead: { sent: 1 }, called: { sent: 1 } } }, 'the day\'s report counts the messages');
  t.equal(sim.delivered.filter((d) => d.phone === '84912345678').length, 2, 'only the ticket that asked got messages');
});

t.test('ZNS: template and data, expired token then recovery, a number without Zalo refused at once', async (t) => {
  const { th, sim, issue } = await messagesRig(t, 'zns');
  const m = th.hub.messages;
  sim.mode = 'refuse'; // Zalo says -124: access token invalid (the technician renews it)
  const a = m.enqueue({ kind: 'booking_confirmed', phone: '0987654321', vars: { code: 'HB-7K3Q', day: '25/11/2026', time: '08:30' }, bookingCode: 'HB-7K3Q', purposeEndsDay: '2026-11-25' });
  t.ok(a?.created);
  await once(m.dispatcher, 'retry'); // the refused attempt
  t.match(th.hub.db.prepare('SELECT last_error FROM msg_outbox WHERE id = ?').get(a?.id), { last_error: /error -124/ });
  sim.mode = 'ok';
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the booking confirmation');
  t.match(sim.delivered[0], { phone: '84987654321', templateId: '301001', data: { code: 'HB-7K3Q', day: '25/11/2026', time: '08:30', office: 'Một cửa huyện Hòa Bình' }, key: a?.idemKey });
  const again = m.enqueue({ kind: 'booking_confirmed', phone: '0987654321', vars: { code: 'HB-7K3Q', day: '25/11/2026', time: '08:30' }, purposeEndsDay: '2026-11-25', idemKey: String(a?.idemKey) });
  t.equal(again?.created, false, 'the same key is one message');

  sim.unreachable.add('84901234567');
  let requests = 0;
  sim.on('request', () => { requests++; });
  const b = m.enqueue({ kind: 'otp', phone: '090 123 4567', vars: { code: '481920', minutes: '5' }, purposeEndsDay: '2026-11-24' });
  await once(m.dispatcher, 'failed'); // the refusal
  t.match(th.hub.db.prepare('SELECT status, last_error FROM msg_outbox WHERE id = ?').get(b?.id), { status: 'failed', last_error: /-118/ });
  await once(m.dispatcher, 'idle');
  t.equal(requests, 1, 'a number without Zalo is not tried again');
  t.match(m.figures(TEST_DAY, TEST_DAY), { sent: 1, failed: 1, byKind: { otp: { failed: 1 }, booking_confirmed: { sent: 1 } } }, 'sent and failed are counted');
  t.throws(() => m.enqueue({ kind: 'otp', phone: '0212345678', vars: { code: '1', minutes: '5' }, purposeEndsDay: '2026-11-24' }), { code: 'MC_ERR_BAD_PHONE' }, 'a landline is refused');
  t.throws(() => m.enqueue({ kind: 'called', phone: '0912345678', vars: { number: '1001' }, purposeEndsDay: '2026-11-24' }), { code: 'MC_ERR_BAD_REQUEST' }, 'missing variables are refused');
  void issue;
});

t.test('a reminder held until the day before, a cancelled booking\'s reminder never sent', async (t) => {
  const { th, sim, clock } = await messagesRig(t, 'zns');
  const m = th.hub.messages;
  const vars = { day: '26/11/2026', time: '09:00' };
  const at = clock.now() + 3 * 3600_000;
  const kept = m.enqueue({ kind: 'reminder', phone: '0912345678', vars: { ...vars, code: 'HB-1' }, bookingCode: 'HB-1', purposeEndsDay: '2026-11-26', sendAfter: at });
  m.enqueue({ kind: 'reminder', phone: '0987654321', vars: { ...vars, code: 'HB-2' }, bookingCode: 'HB-2', purposeEndsDay: '2026-11-26', sendAfter: at });
  await once(m.dispatcher, 'idle');
  t.equal(sim.delivered.length, 0, 'nothing before its time');
  t.equal(m.cancel({ bookingCode: 'HB-2' }), 1, 'the cancelled booking\'s reminder is withdrawn');
  clock.advance(3 * 3600_000);
  m.dispatcher.wake();
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the reminder');
  t.match(sim.delivered[0], { key: kept?.idemKey, templateId: '301002', data: { code: 'HB-1' } });
  await once(m.dispatcher, 'idle');
  t.equal(sim.delivered.length, 1, 'only the booking still standing');
  t.match(m.figures(TEST_DAY, TEST_DAY).byKind, { reminder: { sent: 1, cancelled: 1 } });
});

t.test('asking for messages with two people ahead says so at once; a ticket that did not ask gets nothing', async (t) => {
  const { th, sim, issue } = await messagesRig(t, 'sms');
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  issue(); issue();
  const mine = issue();
  t.equal((await call(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(mine.id)}/messages`, 'POST', { phone: '0912345678', lang: 'vi' })).status, 200);
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the few-ahead SMS');
  t.match(sim.delivered[0]?.text, `Số ${mine.number}: Còn 2 người nữa đến lượt quý vị.`);
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  await once(th.hub.messages.dispatcher, 'idle');
  t.equal(sim.delivered.length, 1, 'once, and the others\' calls send nothing');
  t.equal((await call(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(mine.id)}/messages`, 'DELETE', {})).status, 200);
  t.equal((th.hub.db.prepare('SELECT count(*) AS n FROM msg_subscriptions WHERE phone IS NOT NULL').get() as { n: number }).n, 0, 'stopping erases the number at once');
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  t.equal(q.ticket(mine.id)?.status, 'called');
  await once(th.hub.messages.dispatcher, 'idle');
  t.equal(sim.delivered.length, 1, 'no call by SMS after stopping');
  for (let i = 0; i < 3; i++) await call(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(issue().id)}/messages`, 'POST', { phone: '0912345678' });
  const last = issue();
  const ref = th.hub.ticketRefs.ref(last.id);
  for (let i = 0; i < 4; i++) { const r = await call(`${th.url}/api/tickets/${ref}/messages`, 'POST', { phone: `091234567${i}` }); t.equal(r.status, 200, JSON.stringify(r.body)); }
  const fourth = await call(`${th.url}/api/tickets/${ref}/messages`, 'POST', { phone: '0912345679' });
  t.equal(fourth.status, 429);
  t.equal(fourth.body.message, 'Số điện thoại của phiếu này đã được thay đổi quá nhiều lần.');
});
