/**
 * The bookings' messages through the outbox and the SMS gateway simulator (22a's PhonePort wired to 22b's outbox):
 * the one-time code reaches the phone; a booking's confirmation goes at once and its reminder is held until 16:00 the
 * day before; a move replaces the reminder, a cancel withdraws it; a number from a phone gets "your turn" messages.
 */
import t from 'tap';
import { startSmsSim } from '../../broker/messages/sim.js';
import { addDays, at, TEST_DAY, vnDate } from '../helpers/days.js';
import { startHub, testClock, testConfig } from '../helpers/hub.js';
import { until } from '../onestop/helpers.js';
import { API_KEY, sha256 } from '../booking/helpers.js';
import { gatewayConfig, SMS_CREDS } from './rig.js';

const TOMORROW = addDays(TEST_DAY, 1);

t.test('code, confirmation, reminder the afternoon before, move and cancel; a phone number gets its turn', async (t) => {
  const sim = await startSmsSim(SMS_CREDS);
  t.teardown(() => sim.close());
  const clock = testClock(at('09:00'));
  const cfg = testConfig(undefined, (c) => {
    gatewayConfig('sms', sim, c);
    c.booking.remoteNumbers = true;
    c.booking.clients = [{ id: 'ihanoi', name: 'iHanoi', keySha256: sha256(API_KEY), perMinute: 100_000 }];
  });
  const th = await startHub({ cfg, clock: clock.now, opts: { messages: { baseDelayMs: 40, maxDelayMs: 300, idlePollMs: 100 } } });
  t.teardown(() => th.stop());
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(`${th.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const texts = () => sim.delivered.map((d) => d.text?.split('\n')[0] ?? '');

  // the one-time code arrives by SMS (not in memory): the citizen reads it there
  const otp = await call('POST', '/api/booking/otp', { phone: '0912 345 678' });
  t.equal(otp.status, 200);
  await until(sim, ['delivered'], () => sim.delivered.length === 1, 5000, 'the code SMS');
  const code = /Mã xác thực của quý vị là (\d+)/.exec(texts()[0] ?? '')?.[1];
  t.ok(code, 'the SMS holds the code');
  t.equal(sim.delivered[0]?.phone, '84912345678');
  const proof = String((await call('POST', '/api/booking/otp/verify', { otpId: otp.body.otpId, code })).body.proof);

  const booked = await call('POST', '/api/bookings', { fieldId: 'hotich', day: TOMORROW, slot: '08:00', phone: '0912345678', proof });
  t.equal(booked.status, 201);
  const shown = String(booked.body.codeShown ?? booked.body.code);
  await until(sim, ['delivered'], () => sim.delivered.length === 2, 5000, 'the confirmation');
  t.match(texts()[1], `Đã đặt lịch hẹn ngày ${vnDate(TOMORROW)} lúc 08:00`, 'confirmed at once');
  const held = th.hub.db.prepare("SELECT status, send_after AS sendAfter FROM msg_outbox WHERE kind = 'reminder'").all() as { status: string; sendAfter: number }[];
  t.same(held, [{ status: 'pending', sendAfter: Date.parse(at('16:00')) }], 'the reminder waits until 16:00 the day before');

  // moved to 09:30: the old reminder is withdrawn, a new one held; then cancelled: nothing left to send
  const moved = await call('POST', `/api/bookings/${String(booked.body.code)}/move`, { day: TOMORROW, slot: '09:30' });
  t.equal(moved.status, 200);
  const reminders = () => th.hub.db.prepare("SELECT status, json_extract(vars, '$.time') AS time FROM msg_outbox WHERE kind = 'reminder' ORDER BY id").all();
  t.same(reminders(), [{ status: 'cancelled', time: '08:00' }, { status: 'pending', time: '09:30' }], 'a move replaces the reminder');
  await until(sim, ['delivered'], () => sim.delivered.length === 3, 5000, 'the new confirmation');
  t.match(texts()[2], 'lúc 09:30');
  clock.set(at('16:01'));
  th.hub.messages.dispatcher.wake();
  await until(sim, ['delivered'], () => sim.delivered.length === 4, 5000, 'the reminder at 16:00');
  t.match(texts()[3], `Nhắc lịch hẹn ngày mai ${vnDate(TOMORROW)} lúc 09:30, mã ${shown}`);
  const cancelled = await call('POST', `/api/bookings/${String(booked.body.code)}/cancel`);
  t.equal(cancelled.status, 200);
  t.equal((th.hub.db.prepare("SELECT count(*) AS n FROM msg_outbox WHERE status = 'pending' AND booking_code = ?").get(String(booked.body.code)) as { n: number }).n, 0, 'a cancelled booking has nothing left to send');

  // a number for today from a phone: "few ahead" and the call reach it without any opt-in on the page
  clock.set(at('09:10'));
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  for (let i = 0; i < 4; i++) q.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' });
  const remote = await call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: '0987 654 321' }, { 'x-api-key': API_KEY });
  t.equal(remote.status, 201);
  const number = String((remote.body.ticket as { number: string }).number);
  const before = sim.delivered.length;
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await until(sim, ['delivered'], () => sim.delivered.length === before + 1, 5000, 'few ahead');
  t.equal(texts().at(-1), `Một cửa huyện Hòa Bình: Số ${number}: Còn 3 người nữa đến lượt quý vị. Xin trở lại khu vực chờ.`);
  t.equal(sim.delivered.at(-1)?.phone, '84987654321');
  for (let i = 0; i < 4; i++) { q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' }); q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }); }
  await until(sim, ['delivered'], () => texts().some((x) => x.includes(`Mời quý vị có số ${number} đến Quầy 1`)), 5000, 'the call');
  t.pass('the call reached the phone');
});
