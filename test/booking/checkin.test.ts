/**
 * Arrivals over the real broker and REST API (issue 22): check-in of a booking at the kiosk and the dispenser by typed
 * code or scanned QR, placed by policy; too early, late beyond grace, another day, no-show; a number from the phone
 * with its live page; numbers taken with a chip ID card (age priority, under-age card, unreadable card, limit).
 */
import t from 'tap';
import { addDays, at, atMs, TEST_DAY } from '../helpers/days.js';
import { rmSync } from 'node:fs';
import { staffFetch, tempDir, TestDevice } from '../helpers/hub.js';
import { API_KEY, bookingHub, type BookingRig } from './helpers.js';

const TOMORROW = addDays(TEST_DAY, 1);
const book = async (rig: BookingRig, slot: string, phone: string, fieldId = 'hotich'): Promise<Record<string, unknown>> => {
  const r = await rig.call('POST', '/api/bookings', { fieldId, day: TOMORROW, slot, phone }, { 'x-api-key': API_KEY });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body;
};
const errCode = (r: Record<string, unknown>): string | undefined => (r.error as { code?: string } | undefined)?.code;
const errMsg = (r: Record<string, unknown>): string => String((r.error as { message?: string } | undefined)?.message);

t.test('slot-first check-in at the kiosk and the dispenser; too early, late, another day, no-show', async (t) => {
  const rig = await bookingHub();
  t.teardown(rig.th.stop);
  const b0900 = await book(rig, '09:00', '0911000001');
  const b1030 = await book(rig, '10:30', '0911000002');
  const b0800 = await book(rig, '08:00', '0911000003');
  const b0730 = await book(rig, '07:30', '0911000004');
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  const disp = await TestDevice.create(rig.th, 'disp-1', 'dispenser');
  t.teardown(async () => { await kiosk.end(); await disp.end(); });

  const notToday = await kiosk.request('checkIn', { code: String(b0900.codeShown) });
  t.equal(errCode(notToday), 'MC_ERR_BOOKING_NOT_TODAY');
  t.match(errMsg(notToday), new RegExp(`không phải hôm nay. Ngày hẹn: ${TOMORROW.slice(8, 10)}/${TOMORROW.slice(5, 7)}/${TOMORROW.slice(0, 4)}, lúc 09:00`));

  rig.clock.set(at('08:50', TOMORROW));
  const q = rig.th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  await kiosk.request('issue', { fieldId: 'hotich' }); // a walk-in before the booked citizen arrives
  const scanned = await kiosk.request('checkIn', { code: String(b0900.url) }); // the QR's text, as a scanner types it
  t.equal(scanned.ok, true, JSON.stringify(scanned).slice(0, 300));
  const res = scanned.result as { id: string; number: string; booking: { late: boolean; policy: string } };
  t.same(res.booking, { code: b0900.code, codeShown: b0900.codeShown, slot: '09:00', late: false, policy: 'slot-first' });
  t.equal(q.ticket(res.id)?.slotAt, atMs('09:00', TOMORROW), 'the ticket carries its slot');
  const called = q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  t.equal(called.ticket?.id, res.id, 'the booked citizen is called before the walk-in who came first');
  const twice = await disp.request('checkIn', { code: String(b0900.code) });
  t.equal(errCode(twice), 'MC_ERR_BOOKING_EXPIRED', 'a booking checks in once');

  const early = await disp.request('checkIn', { code: String(b1030.code).toLowerCase() });
  t.equal(errCode(early), 'MC_ERR_BOOKING_TOO_EARLY');
  t.match(errMsg(early), /Chưa đến giờ nhận lịch hẹn. Xin quay lại từ 10:15/);

  const late = await disp.request('checkIn', { code: String(b0800.codeShown) });
  t.equal(late.ok, true, 'late beyond the grace period: still a number…');
  const lr = late.result as { id: string; booking: { late: boolean; policy: string } };
  t.same([lr.booking.late, lr.booking.policy], [true, 'walk-in'], '…as a walk-in');
  t.equal(q.ticket(lr.id)?.slotAt, undefined, 'without a place of its own');
  t.equal((await rig.call('GET', `/api/bookings/${String(b0800.code)}`)).body.status, 'late');

  t.equal((await rig.call('GET', `/api/bookings/${String(b0730.code)}`)).body.status, 'no_show', 'not checked in by 07:45: a no-show');
  const slots = (await rig.call('GET', `/api/booking/slots?fieldId=hotich&day=${TOMORROW}`)).body.slots as { slot: string; free: number; capacity: number }[];
  const s0730 = slots.find((s) => s.slot === '07:30');
  t.equal(s0730?.free, s0730?.capacity, 'the no-show freed its place');
  const unknown = await kiosk.request('checkIn', { code: 'QQQQ-QQQQ' });
  t.equal(errCode(unknown), 'MC_ERR_UNKNOWN_BOOKING');
  t.match(errMsg(unknown), /Không tìm thấy lịch hẹn/);

  rig.clock.set(at('09:10', TOMORROW));
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }); // the walk-in of 08:50, called at 09:10
  await rig.th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  const staff = await staffFetch(rig.th.url, 'truongbp', 'matkhau-123');
  const rep = (await staff(`/api/reports/bookings?period=day&date=${TOMORROW}`)).body as { bookings: Record<string, number>; byChannel: Record<string, number>; waits: Record<string, { called: number; medianMin: number }> };
  t.same(rep.bookings, { total: 4, booked: 1, checkedIn: 1, late: 1, noShow: 1, cancelled: 0 }, 'the report counts bookings by what became of them');
  t.same(rep.byChannel, { ihanoi: 4 });
  t.same([rep.waits.booking?.called, rep.waits.booking?.medianMin], [1, 0], 'the checked-in booking was called at once');
  t.same([rep.waits.walkIn?.called, rep.waits.walkIn?.medianMin], [1, 20], 'the walk-in waited 20 minutes');
});

t.test('before the field opens, check-in says when; a checked-in booking keeps its place across a restart', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rig = await bookingHub(undefined, { dir });
  const bk = await book(rig, '07:00', '0911000020');
  rig.clock.set(at('06:50', TOMORROW));
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  const early = await kiosk.request('checkIn', { code: String(bk.code) });
  t.equal(errCode(early), 'MC_ERR_BOOKING_TOO_EARLY');
  t.match(errMsg(early), /Xin quay lại từ 07:00/);
  rig.clock.set(at('07:00', TOMORROW));
  await kiosk.request('issue', { fieldId: 'hotich' });
  const r = await kiosk.request('checkIn', { code: String(bk.code) });
  const id = (r.result as { id: string }).id;
  await kiosk.end();
  await rig.th.stop();
  const again = await bookingHub(undefined, { dir, at: at('07:01', TOMORROW) });
  t.teardown(again.th.stop);
  t.equal(again.th.hub.queue.ticket(id)?.slotAt, atMs('07:00', TOMORROW), 'the slot is kept on disk');
  again.th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  t.equal(again.th.hub.queue.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }).ticket?.id, id, 'and still called before the walk-in');
});

t.test('by-booking-time: the checked-in booking keeps the time it was booked', async (t) => {
  const rig = await bookingHub((c) => { c.booking.policy = 'by-booking-time'; });
  t.teardown(rig.th.stop);
  const bk = await book(rig, '09:00', '0911000009');
  const bookedAt = rig.clock.now();
  rig.clock.set(at('08:50', TOMORROW));
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  t.teardown(() => kiosk.end());
  await kiosk.request('issue', { fieldId: 'hotich' });
  const r = await kiosk.request('checkIn', { code: String(bk.code) });
  const id = (r.result as { id: string }).id;
  const tk = rig.th.hub.queue.ticket(id);
  t.same([tk?.orderAt, tk?.slotAt], [bookedAt, undefined], 'ranked by its booking time, no slot precedence');
  rig.th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  t.equal(rig.th.hub.queue.execute({ op: 'next', counterId: 'q1' }, { source: 'test' }).ticket?.id, id, 'booked yesterday: ahead of this morning\'s walk-in');
});

t.test('a number for today from the phone, with its live place; refused when the office does not allow it or is closed', async (t) => {
  const off = await bookingHub();
  const refused = await off.call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: '0911000010' }, { 'x-api-key': API_KEY });
  t.equal(refused.body.code, 'MC_ERR_REMOTE_OFF');
  t.match(refused.body.message, /chưa cho lấy số từ xa/);
  await off.th.stop();
  const rig = await bookingHub((c) => { c.booking.remoteNumbers = true; });
  t.teardown(rig.th.stop);
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  t.teardown(() => kiosk.end());
  await kiosk.request('issue', { fieldId: 'hotich' });
  const r = await rig.call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: '0911000010' }, { 'x-api-key': API_KEY });
  t.equal(r.status, 201);
  t.match(String(r.body.url), /^\/t\/.+\..+/);
  const live = await rig.call('GET', `/api/tickets/${String(r.body.ref)}`);
  t.equal((live.body.estimate as { ahead: number }).ahead, 1, 'its live place: one walk-in ahead');
  t.equal(rig.th.hub.bookings.phoneOfTicket(String((r.body.ticket as { id: string }).id)), '0911000010', 'the phone to tell when its turn comes (22b\'s messages)');
  rig.clock.set(at('12:00'));
  const closed = await rig.call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: '0911000010' }, { 'x-api-key': API_KEY });
  t.equal(closed.body.code, 'MC_ERR_OFFICE_CLOSED', 'not over the lunch break');
});

t.test('numbers with the chip ID card: age priority, under-age, unreadable, at most two a day', async (t) => {
  const rig = await bookingHub();
  t.teardown(rig.th.stop);
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  const disp = await TestDevice.create(rig.th, 'disp-1', 'dispenser');
  t.teardown(async () => { await kiosk.end(); await disp.end(); });
  const year = Number(TEST_DAY.slice(0, 4));
  const old = `079050001234||Nguyễn Văn Già|0101${year - 70}|Nam|12 Lê Lợi, phường Bến Thành, TP Hồ Chí Minh|01012021`;
  const young = `079090005678|123456789|Trần Thị Trẻ|0101${year - 30}|Nữ|5 Hai Bà Trưng, phường Sài Gòn|01012021`;
  const r1 = await kiosk.request('issue', { fieldId: 'hotich', card: old });
  t.equal(r1.ok, true);
  t.same([(r1.result as { priority: string }).priority, (r1.result as { cardPriority: boolean }).cardPriority], ['elderly', true], 'a holder of 70 gets a priority number');
  const under = await disp.request('issue', { fieldId: 'hotich', card: young, priority: 'elderly' });
  t.equal(errCode(under), 'MC_ERR_CARD_UNDER_AGE');
  t.match(errMsg(under), /chưa đủ tuổi được ưu tiên. Ưu tiên người cao tuổi từ 60 tuổi/);
  const plain = await disp.request('issue', { fieldId: 'hotich', card: young });
  t.equal((plain.result as { priority: string | null }).priority, null, 'a younger holder gets an ordinary number');
  const unreadable = await kiosk.request('issue', { fieldId: 'hotich', card: 'https://example.com/not-a-card' });
  t.equal(errCode(unreadable), 'MC_ERR_CARD_UNREADABLE');
  t.match(errMsg(unreadable), /Không đọc được mã QR trên căn cước/);
  t.equal((await disp.request('issue', { fieldId: 'datdai', card: old })).ok, true, 'a second number the same day');
  const third = await kiosk.request('issue', { fieldId: 'tuphap', card: old });
  t.equal(errCode(third), 'MC_ERR_PERSON_LIMIT', 'the same card a third time is refused');
});
