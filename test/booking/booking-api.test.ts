/** Bookings over the REST API: slots, one-time codes, book / look up / move / cancel, limits, and the race for the last place. */
import t from 'tap';
import Database from 'better-sqlite3';
import { addDays, TEST_DAY } from '../helpers/days.js';
import { weekdayOf } from '../../protocol/days.js';
import { API_KEY, bookingHub, code, verifyPhone } from './helpers.js';

const TOMORROW = addDays(TEST_DAY, 1);

t.test('a citizen books with a one-time code, looks the booking up, moves it and cancels it', async (t) => {
  const rig = await bookingHub();
  t.teardown(rig.th.stop);
  const { call, port } = rig;
  const opts = await call('GET', '/api/booking/options');
  t.equal((opts.body.days as string[]).length, 7, 'today and six days ahead (booking.daysAhead default 6)');
  const weekend = (opts.body.days as string[]).filter((d) => weekdayOf(d) >= 6);
  t.ok(weekend.length === 2 && weekend.every((d) => (opts.body.closedDays as string[]).includes(d)), 'the weekend is marked closed');
  t.notOk((opts.body.closedDays as string[]).includes(TOMORROW), 'a working day is not');
  const slots = await call('GET', `/api/booking/slots?fieldId=hotich&day=${TOMORROW}`);
  const list = slots.body.slots as { slot: string; capacity: number; free: number; open: boolean }[];
  t.equal(list[0]?.slot, '07:00', 'slots start with the session');
  t.ok(list.every((s) => s.capacity === list[0]?.capacity && s.capacity > 0), 'each slot has a capacity from the counters and service time');
  t.notOk(list.some((s) => s.slot === '11:00' || s.slot === '12:30'), 'no slot over the lunch break');

  const doc = await call('GET', '/docs/json');
  const tagged = Object.entries(doc.body.paths as Record<string, Record<string, { tags?: string[] }>>).filter(([, ops]) => Object.values(ops).some((o) => o.tags?.includes('booking'))).map(([p]) => p).sort();
  t.same(tagged, ['/api/booking/options', '/api/booking/otp', '/api/booking/otp/verify', '/api/booking/slots', '/api/bookings', '/api/bookings/{code}', '/api/bookings/{code}/cancel', '/api/bookings/{code}/move', '/api/remote-numbers'],
    'the routes are tagged booking in the OpenAPI document');
  const noProof = await call('POST', '/api/bookings', { fieldId: 'hotich', day: TOMORROW, slot: '08:00', phone: '0912345678' });
  t.equal(noProof.status, 403);
  t.equal(noProof.body.code, 'MC_ERR_PHONE_NOT_VERIFIED');
  t.match(noProof.body.message, /xác thực số điện thoại/);

  const otp = await call('POST', '/api/booking/otp', { phone: '0912 345 678' });
  const wrong = await call('POST', '/api/booking/otp/verify', { otpId: otp.body.otpId, code: '000000' === port.sent.at(-1)?.params.code ? '111111' : '000000' });
  t.equal(wrong.body.code, 'MC_ERR_OTP_WRONG', 'a wrong code is said so');
  t.match(wrong.body.message, /Mã xác thực không đúng/);
  const proof = await verifyPhone(rig, '0912345678');
  const booked = await call('POST', '/api/bookings', { fieldId: 'hotich', procedureId: '1.000656', day: TOMORROW, slot: '08:00', phone: '0912345678', proof });
  t.equal(booked.status, 201, JSON.stringify(booked.body).slice(0, 200));
  const c = code(booked) as string;
  t.match(c, /^[A-HJ-NP-Z2-9]{8}$/);
  t.match(String(booked.body.qrSvg), /^<svg/, 'a QR code of the booking');
  t.match(String(booked.body.url), new RegExp(`/booking\\?code=${c}$`));
  t.equal(booked.body.phone, '…678', 'only the last digits of the phone come back');
  t.equal(booked.body.channel, 'web');
  const msg = port.sent.find((m) => m.kind === 'booking.confirmed');
  t.match(msg?.text, new RegExp(`Lịch hẹn ${c.slice(0, 4)}-${c.slice(4)}`), 'a confirmation goes to the phone');
  t.equal(msg?.to, '0912345678');

  t.same(rig.th.hub.bookings.bookingsToRemind(TOMORROW), [{ code: c, codeShown: `${c.slice(0, 4)}-${c.slice(4)}`, slot: '08:00', fieldName: 'Hộ tịch', phone: '0912345678' }],
    'the booking is listed for the reminder of the day before (22b\'s messages)');
  const freeAt = async (slot: string): Promise<number> => ((await call('GET', `/api/booking/slots?fieldId=hotich&day=${TOMORROW}`)).body.slots as { slot: string; free: number }[]).find((s) => s.slot === slot)?.free ?? -1;
  const full = list.find((s) => s.slot === '08:00')?.free ?? 0;
  t.equal(await freeAt('08:00'), full - 1, 'the booking takes one place');
  const looked = await call('GET', `/api/bookings/${c.slice(0, 4).toLowerCase()}-${c.slice(4)}`);
  t.equal(looked.body.code, c, 'the code is found typed in lower case with its dash');
  const moved = await call('POST', `/api/bookings/${c}/move`, { day: TOMORROW, slot: '09:30' });
  t.equal(moved.body.slot, '09:30');
  t.equal(await freeAt('08:00'), full, 'moving gives the old place back');
  t.equal(await freeAt('09:30'), full - 1, 'and takes the new one');
  const cancelled = await call('POST', `/api/bookings/${c}/cancel`);
  t.equal(cancelled.body.status, 'cancelled');
  t.equal(await freeAt('09:30'), full, 'cancelling frees the place');
  const again = await call('POST', `/api/bookings/${c}/cancel`);
  t.equal(again.body.code, 'MC_ERR_BOOKING_EXPIRED');
  t.match(again.body.message, /không còn hiệu lực/);
  const unknown = await call('GET', '/api/bookings/ZZZZ-ZZZZ');
  t.equal(unknown.status, 404);
  t.equal(unknown.body.code, 'MC_ERR_UNKNOWN_BOOKING');
  t.match(unknown.body.message, /Không tìm thấy lịch hẹn/);
  const past = await call('POST', '/api/bookings', { fieldId: 'hotich', day: TEST_DAY, slot: '07:00', phone: '0912345678', proof });
  t.equal(past.body.code, 'MC_ERR_BAD_SLOT', 'a slot already started cannot be booked');
  const far = await call('GET', `/api/booking/slots?fieldId=hotich&day=${addDays(TEST_DAY, 7)}`);
  t.equal(far.body.code, 'MC_ERR_BAD_SLOT', 'nor a day beyond booking.daysAhead');
});

t.test('at most two bookings per person and day; a guessed code is voided; limits per phone and per address', async (t) => {
  const rig = await bookingHub((c) => { c.booking.perAddressPerMinute = 14; c.booking.otpPerPhonePerHour = 2; });
  t.teardown(rig.th.stop);
  const { call, port } = rig;
  const proof = await verifyPhone(rig, '0987654321');
  const book = (slot: string) => call('POST', '/api/bookings', { fieldId: 'datdai', day: TOMORROW, slot, phone: '0987654321', proof });
  t.equal((await book('07:00')).status, 201);
  t.equal((await book('07:30')).status, 201);
  const third = await book('08:00');
  t.equal(third.body.code, 'MC_ERR_PERSON_LIMIT', 'a third booking the same day is refused');
  t.match(third.body.message, /đủ số lần cho phép/);

  const otp = await call('POST', '/api/booking/otp', { phone: '0987654321' });
  const right = port.sent.at(-1)?.params.code as string;
  const guesses: string[] = [];
  for (let i = 0; guesses.length < 5; i++) { const g = String(i).padStart(6, '0'); if (g !== right) guesses.push(g); }
  const answers = [];
  for (const g of guesses) answers.push((await call('POST', '/api/booking/otp/verify', { otpId: otp.body.otpId, code: g })).body.code);
  t.same(answers, ['MC_ERR_OTP_WRONG', 'MC_ERR_OTP_WRONG', 'MC_ERR_OTP_WRONG', 'MC_ERR_OTP_WRONG', 'MC_ERR_OTP_EXPIRED'], 'the fifth wrong guess voids the code');
  const late = await call('POST', '/api/booking/otp/verify', { otpId: otp.body.otpId, code: right });
  t.equal(late.body.code, 'MC_ERR_OTP_EXPIRED', 'even the right code is refused after that');
  t.match(late.body.message, /hết hạn hoặc bị hủy/);
  const third3 = await call('POST', '/api/booking/otp', { phone: '0987654321' });
  t.equal(third3.body.code, 'MC_ERR_RATE_LIMITED', 'a third code for the same phone within the hour is refused (otpPerPhonePerHour 2)');
  const bad = await call('POST', '/api/booking/otp', { phone: '12345' });
  t.equal(bad.body.code, 'MC_ERR_BAD_PHONE');
  let limited = 0;
  for (let i = 0; i < 6; i++) if ((await call('GET', '/api/bookings/ABCDEFGH')).status === 429) limited++;
  t.ok(limited >= 1, 'the address is limited to booking.perAddressPerMinute requests');
  const api = await call('GET', '/api/bookings/ABCDEFGH', undefined, { 'x-api-key': API_KEY });
  t.equal(api.status, 404, 'an API client has its own limit');
  const wrongKey = await call('GET', '/api/bookings/ABCDEFGH', undefined, { 'x-api-key': 'nope' });
  t.equal(wrongKey.body.code, 'MC_ERR_BAD_API_KEY');
});

t.test('hundreds of phones race for the last places of a slot: the database never overbooks', async (t) => {
  const rig = await bookingHub();
  t.teardown(rig.th.stop);
  const { call } = rig;
  const before = ((await call('GET', `/api/booking/slots?fieldId=hotich&day=${TOMORROW}`)).body.slots as { slot: string; free: number; capacity: number }[]).find((s) => s.slot === '10:00');
  const capacity = before?.capacity ?? 0;
  t.ok(capacity >= 1, `the slot has ${capacity} places`);
  const attempt = (i: number) => call('POST', '/api/bookings', { fieldId: 'hotich', day: TOMORROW, slot: '10:00', phone: `09${String(10_000_000 + i).slice(-8)}` }, { 'x-api-key': API_KEY });
  for (let i = 0; i < capacity - 1; i++) t.equal((await attempt(1000 + i)).status, 201, 'the slot fills up to its last place');
  const N = 300;
  const results = await Promise.all(Array.from({ length: N }, (_, i) => attempt(i)));
  const ok = results.filter((r) => r.status === 201);
  t.equal(ok.length, 1, `${N} phones at once for the last place: exactly one gets it`);
  t.ok(results.filter((r) => r.status !== 201).every((r) => r.body.code === 'MC_ERR_SLOT_FULL'), 'every other attempt is told the slot is full');
  t.ok(ok.every((r) => r.body.channel === 'ihanoi'), 'the API client\'s channel is recorded');
  const db = new Database(rig.th.dbFile, { readonly: true });
  t.teardown(() => db.close());
  const row = db.prepare('SELECT capacity, taken FROM booking_slots WHERE day = ? AND field_id = ? AND slot = ?').get(TOMORROW, 'hotich', '10:00') as { capacity: number; taken: number };
  const count = (db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE day = ? AND slot = '10:00' AND status = 'booked'").get(TOMORROW) as { n: number }).n;
  t.same([row.taken, count], [capacity, capacity], 'the slot row and the bookings agree');
  t.throws(() => { const w = new Database(rig.th.dbFile); try { w.prepare("UPDATE booking_slots SET taken = taken + 1 WHERE day = ? AND slot = '10:00' AND field_id = 'hotich'").run(TOMORROW); } finally { w.close(); } },
    /CHECK constraint failed/, 'the database itself refuses one more');
});
