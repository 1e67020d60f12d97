/**
 * The paper of a checked-in booking (issue 22c): the dispenser's printer prints "Lịch hẹn 09:00 · mã …" under the
 * number for a booking checked in on time, within a 58 mm roll's width; not for a late arrival (a walk-in) nor for
 * an ordinary number. Read back from the bytes the virtual network printer received.
 */
import t from 'tap';
import { addDays, at, TEST_DAY } from '../helpers/days.js';
import { TestDevice } from '../helpers/hub.js';
import { decodeEscPos, encodeTicket, paperColumns, paperDots, VirtualPrinter } from '../../printer/index.js';
import { API_KEY, bookingHub } from './helpers.js';

const TOMORROW = addDays(TEST_DAY, 1);

t.test('a booking checked in on time has its slot and code on the ticket; a late one and a walk-in do not', async (t) => {
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 58 });
  const { port } = await printer.start();
  const rig = await bookingHub();
  t.teardown(async () => { await rig.th.stop(); await printer.stop(); });
  const p = rig.th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 58, text: 'cp1258', model: 'epson' } }, []);
  rig.th.hub.addPrinter(p.device);
  const disp = await TestDevice.create(rig.th, 'disp-1', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => disp.end());
  const book = async (slot: string, phone: string): Promise<{ code: string; codeShown: string }> => {
    const r = await rig.call('POST', '/api/bookings', { fieldId: 'hotich', day: TOMORROW, slot, phone }, { 'x-api-key': API_KEY });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r.body as { code: string; codeShown: string };
  };
  const b0900 = await book('09:00', '0911000001');
  const b0800 = await book('08:00', '0911000002');
  rig.clock.set(at('08:50', TOMORROW));
  const printed = async (f: () => Promise<Record<string, unknown>>): Promise<string[]> => {
    const job = printer.nextJob();
    const r = await f();
    t.equal(r.ok, true, r.ok ? 'printed' : JSON.stringify(r).slice(0, 300));
    return (await job).decoded.lines;
  };

  const onTime = await printed(() => disp.request('checkIn', { code: b0900.codeShown }));
  const line = `Lịch hẹn 09:00 · mã ${b0900.codeShown}`;
  t.ok(onTime.includes(line), `the ticket says "${line}": ${onTime.join(' | ')}`);
  t.ok([...line].length <= paperColumns(58), 'on one line of a 58 mm roll');
  t.ok(onTime.every((l) => [...l].length <= paperColumns(58)), 'nothing wider than the paper');

  const late = await printed(() => disp.request('checkIn', { code: b0800.codeShown }));
  t.notOk(late.some((l) => l.includes('Lịch hẹn') || l.includes(b0800.codeShown)), 'late beyond the grace period: a walk-in, no booking line');
  const walkIn = await printed(() => disp.request('issue', { fieldId: 'hotich' }));
  t.notOk(walkIn.some((l) => l.includes('Lịch hẹn')), 'an ordinary number: no booking line');
  t.ok(walkIn.some((l) => l.includes('Hộ tịch')), 'the walk-in ticket was read back all the same');
});

t.test('in raster mode the booking line is one more line of text, as wide as the paper at most', async (t) => {
  const d = { officeName: 'Trung tâm Phục vụ hành chính công phường Ba Đình', address: '', fieldName: 'Hộ tịch', number: '1001', priority: null,
    issuedAt: Date.UTC(2026, 0, 5, 1, 50), timezone: 'Asia/Ho_Chi_Minh', ahead: 0, minutes: 0, counters: 'Quầy 1', guidance: '', footer: '', qrUrl: '', copy: false };
  for (const paper of [58, 80] as const) {
    const plain = decodeEscPos(encodeTicket(d, { paper, text: 'raster' }));
    const booked = decodeEscPos(encodeTicket({ ...d, booking: { slot: '08:30', codeShown: 'ABCD-EFGH' } }, { paper, text: 'raster' }));
    const height = (j: typeof plain): number => j.rasters.reduce((s, r) => s + r.height, 0);
    t.ok(booked.rasters.every((r) => r.width <= paperDots(paper)), `${paper} mm: within ${paperDots(paper)} dots`);
    t.ok(height(booked) - height(plain) >= 24, `${paper} mm: one more line of 24-dot text (${height(booked) - height(plain)} dots taller)`);
    t.equal(booked.lines.length, 0, 'all of it drawn, no code page text');
  }
});
