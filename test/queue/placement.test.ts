/**
 * Where a checked-in booking goes in the line (issue 22), in the pure queue core: 'slot-first' calls it before every
 * walk-in from `booking.windowMinutes` before its slot; 'by-booking-time' ranks it with walk-ins by the time it was
 * booked (its `orderAt`). A booking late beyond the grace period is issued as a plain walk-in (no placement).
 */
import t from 'tap';
import { Core } from './harness.js';
import { at, atMs } from '../helpers/days.js';

const booked = (q: Core, fieldId: string, place: { slotAt?: number; orderAt?: number }): string => {
  const e = q.run({ op: 'issue', fieldId, source: 'kiosk-1', awaitPrint: false, ...place })[0];
  if (!e || e.type !== 'ticket.issued') throw new Error('not issued');
  return e.data.ticket.number;
};

t.test('slot-first: a checked-in booking is called before walk-ins from its window, not before', async (t) => {
  const q = Core.district(at('09:00'));
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.now += 60_000; // 1001, walk-in at 09:00
  q.issue('hotich'); q.now += 60_000; // 1002, walk-in at 09:01
  const early = booked(q, 'hotich', { slotAt: atMs('10:00') }); // checked in at 09:02 for 10:00: due from 09:45
  const due = booked(q, 'hotich', { slotAt: atMs('09:15') }); // checked in at 09:02 for 09:15: due from 09:00
  t.same([early, due], ['1003', '1004']);
  t.equal(q.next('q1'), '1004', 'the booking whose window has begun comes before the walk-ins');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '1001', 'then the walk-ins in order');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  q.now = atMs('09:46');
  t.equal(q.next('q1'), '1003', 'the 10:00 booking jumps ahead once its window (15 min before) begins');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '1002');
});

t.test('slot-first: earlier slots first among bookings, ahead of priority tickets', async (t) => {
  const q = Core.district(at('09:30'));
  q.run({ op: 'signIn', counterId: 'q7', clerkId: 'nv-an' });
  q.issue('hotich', 'elderly'); q.now += 1000;
  const later = booked(q, 'hotich', { slotAt: atMs('09:30') }); q.now += 1000;
  const sooner = booked(q, 'hotich', { slotAt: atMs('09:00') });
  t.equal(q.next('q7'), sooner, 'the earlier slot first');
  q.run({ op: 'finish', counterId: 'q7', outcome: 'guidance' });
  t.equal(q.next('q7'), later);
  q.run({ op: 'finish', counterId: 'q7', outcome: 'guidance' });
  t.equal(q.next('q7'), '1001', 'then the priority walk-in');
});

t.test('by-booking-time: ranked with walk-ins by when it was booked', async (t) => {
  const q = Core.district(at('09:00'), (c) => { c.booking.policy = 'by-booking-time'; });
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.now = atMs('09:10'); // 1001 at 09:00
  q.issue('hotich'); q.now = atMs('09:20'); // 1002 at 09:10
  const b = booked(q, 'hotich', { orderAt: atMs('09:05') }); // booked (from a phone) at 09:05, checked in at 09:20
  t.equal(b, '1003');
  t.equal(q.next('q1'), '1001');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '1003', 'the booking made at 09:05 comes before the walk-in of 09:10');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '1002');
});
