/** The pure parts of bookings: slot capacity, booking codes as typed or scanned, the chip ID card's QR. */
import t from 'tap';
import { loadConfigFile } from '../../config/load.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { bookingCode, daySlots, readBookingCode, serviceMsOf, showCode } from '../../broker/booking/slots.js';
import { ageOn, readCard } from '../../broker/phone/cccd.js';
import { TEST_DAY } from '../helpers/days.js';

const MIN = 60_000;

t.test('capacity: counters serving the field (shared by their fields), slot length over service time, less the walk-in share', async (t) => {
  const cfg = loadConfigFile(DISTRICT_EXAMPLE);
  // hotich is served by q1 (2 fields), q6 (2 fields) and q7 (6 fields): 1/2 + 1/2 + 1/6 = 7/6 of a counter
  const at = (service: number) => daySlots(cfg, 'hotich', TEST_DAY, service * MIN);
  const slots = at(6);
  t.same(slots.map((s) => s.slot).slice(0, 9), ['07:00', '07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '13:00'], 'slots of 30 minutes inside the sessions');
  t.equal(slots.length, 16);
  t.equal(slots[0]?.capacity, Math.floor((7 / 6) * 5 * 0.5), '7/6 counters × 5 services × half kept for walk-ins = 2');
  cfg.booking.walkInShare = 0;
  t.equal(at(6)[0]?.capacity, Math.floor((7 / 6) * 5), 'no walk-in share: 5');
  t.equal(at(3)[0]?.capacity, Math.floor((7 / 6) * 10), 'faster service, more places: 11');
  t.equal(at(15)[0]?.capacity, Math.floor((7 / 6) * 2), 'slower service, fewer: 2');
  const q7 = cfg.counters.find((c) => c.id === 'q7');
  if (q7) q7.hours = [{ weekdays: [6], sessions: [{ start: '07:30', end: '11:30' }] }];
  t.equal(at(3)[0]?.capacity, 10, 'a counter not working then does not count (q7 only on Saturdays)');
  cfg.booking.slotMinutes = 60;
  t.same(at(3).map((s) => s.slot), ['07:00', '08:00', '09:00', '10:00', '13:00', '14:00', '15:00', '16:00'], 'hour slots');
  t.equal(serviceMsOf(undefined, 6), 6 * MIN, 'the default service time before there is history');
  t.equal(serviceMsOf([4 * MIN, 8 * MIN], 6), 6 * MIN, 'then the recent average');
});

t.test('booking codes: 8 characters without look-alikes, read however they are typed or scanned', async (t) => {
  const c = bookingCode(Uint8Array.from([0, 1, 2, 3, 28, 29, 30, 31]));
  t.equal(c, 'ABCD6789');
  t.equal(showCode(c), 'ABCD-6789');
  for (const s of ['ABCD6789', 'abcd-6789', ' ABCD 6789 ', 'http://10.0.0.2:8080/booking?code=ABCD6789', 'https://x/booking?lang=en&code=abcd6789'])
    t.equal(readBookingCode(s), 'ABCD6789', JSON.stringify(s));
  for (const s of ['ABCD678', 'ABCD67890', 'ABCD0789', 'OBCD6789', 'IBCD6789', '1BCD6789', '', 'https://x/booking']) t.equal(readBookingCode(s), null, JSON.stringify(s));
});

t.test('the chip ID card QR: ID number and birth date only', async (t) => {
  const facts = readCard('079050001234||Nguyễn Văn Bảo|15081950|Nam|12 Lê Lợi, phường Bến Thành|01012022');
  t.same(facts, { idNumber: '079050001234', birthDay: '1950-08-15' }, 'nothing else is kept');
  t.same(readCard('001085009876|285123456|Trần Thị Dung|31121985|Nữ|xã Đông Anh|01012022')?.birthDay, '1985-12-31', 'with an old ID number');
  for (const bad of ['', 'hello', '07905000123||X|15081950|Nam|A|01012022', '079050001234||X|31021950|Nam|A|01012022', '079050001234||X|1950-08-15|Nam|A|01012022', 'a|b|c'])
    t.equal(readCard(bad), null, JSON.stringify(bad));
  t.equal(ageOn('1966-11-24', '2026-11-24'), 60, 'sixty on the birthday');
  t.equal(ageOn('1966-11-25', '2026-11-24'), 59, 'not the day before');
});
