import t from 'tap';
import { EventEmitter } from 'node:events';
import { startBridge } from '../../firmware-bridge/runner.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { FakeFirmata } from '../../firmware-bridge/firmata/fake-board.js';
import { Hd44780Watcher, Max7219Watcher } from '../../firmware-bridge/firmata/peripherals.js';
import { hubTopic, deviceTopic } from '../../protocol/topics.js';
import type { BridgeConfig } from '../../firmware-bridge/config.js';
import { log, manualClock, startRig, untilEvent } from './helpers.js';

function watched(board: FakeFirmata): EventEmitter {
  const em = new EventEmitter();
  board.watch(() => em.emit('change'));
  return em;
}

t.test('counter 7-segment (MAX7219) and LCD show the retained counter state', async (t) => {
  const rig = await startRig();
  const bus = new SimSerialBus();
  const board = new FakeFirmata();
  const pins = watched(board);
  const digits = new Max7219Watcher(board, { data: 2, clock: 3, cs: 4 });
  const lcd = new Hd44780Watcher(board, { rs: 7, en: 8, d4: 9, d5: 10, d6: 11, d7: 12 });
  bus.add({ path: '/dev/sim-q1' }, board);
  await rig.hub.publish(hubTopic.counter('test', 'q1'), { v: 1, counterId: 'q1', counterNumber: 1, counterName: 'Quầy 1', open: true,
    ticket: { number: '1005', fieldName: 'Hộ tịch' }, clerk: { name: 'Nguyễn Thị Lan', title: 'Chuyên viên', workField: 'Hộ tịch' }, at: 1 }, true);
  const cfg: BridgeConfig = { version: 1, office: 'test', pollMs: 100, devices: [
    { id: 'q1-disp', kind: 'counter', counterId: 'q1', secret: 'secret-q1disp', driver: 'sim-firmata', path: '/dev/sim-q1',
      pins: { digits: { data: 2, clock: 3, cs: 4, count: 8 }, lcd: { pins: [7, 8, 9, 10, 11, 12] } } }] };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, sim: { serial: bus } });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });

  await untilEvent(pins, 'change', '7-segment shows 1005', () => digits.text() === '    1005');
  await untilEvent(pins, 'change', 'LCD shows the clerk', () => lcd.lines()[1] === 'Nguyen Thi Lan  ');
  t.equal(lcd.lines()[0], 'Quay 1      1005');
  t.ok(digits.writes.some((w) => w.reg === 0x0c && w.value === 1), 'MAX7219 taken out of shutdown');
  t.equal(digits.digits[0], 0x5b, 'rightmost digit register holds the segments of 5');

  await rig.hub.publish(hubTopic.counter('test', 'q1'), { v: 1, counterId: 'q1', counterNumber: 1, open: false, ticket: null,
    clerk: { name: 'Võ Minh Đức', title: 'Chuyên viên', workField: 'Kinh doanh' }, at: 2 }, true);
  await untilEvent(pins, 'change', 'closed counter', () => digits.text() === '        ' && lcd.lines()[1] === 'Vo Minh Duc     ');
  t.equal(lcd.lines()[0], 'Quay 1  TAM NGHI');
});

t.test('rating pad: open lights the keys, one press sends one rate, later presses send nothing', async (t) => {
  const rig = await startRig();
  const bus = new SimSerialBus();
  const board = new FakeFirmata();
  const pins = watched(board);
  bus.add({ path: '/dev/sim-rate' }, board);
  const clock = manualClock();
  const cfg: BridgeConfig = { version: 1, office: 'test', pollMs: 100, devices: [
    { id: 'rate1', kind: 'rating', counterId: 'q1', secret: 'secret-rate1', driver: 'sim-firmata', path: '/dev/sim-rate',
      pins: { keys: [2, 3, 4, 5], leds: [14, 15, 16, 17] } }] };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, clock, sim: { serial: bus } });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });
  await rig.hub.until('pad online', () => rig.hub.availability('rate1') === 'online');
  const dev = bridge.devices.get('rate1')!;
  const leds = () => [14, 15, 16, 17].map((p) => board.levels[p]).join('');
  const levels = [{ key: 'rat_hai_long', label: 'Rất hài lòng' }, { key: 'hai_long', label: 'Hài lòng' }, { key: 'binh_thuong', label: 'Bình thường' }, { key: 'khong_hai_long', label: 'Không hài lòng' }];
  const set = deviceTopic('test', 'rating', 'rate1', 'set');

  // Pressing while dark sends nothing (checked below by counting).
  board.press(2); board.release(2);
  await rig.hub.publish(set, { v: 1, op: 'open', ticketId: 't1', validForS: 60, levels });
  await untilEvent(pins, 'change', 'all four keys lit', () => leds() === '1111');
  clock.advance(1000);
  board.press(3);
  await rig.hub.until('rate request', () => rig.hub.requests('rate1').length >= 1);
  board.release(3);
  t.match(rig.hub.requests('rate1')[0], { op: 'rate', level: 'hai_long', ticketId: 't1' });
  await untilEvent(pins, 'change', 'only the chosen key stays lit', () => leds() === '0100');
  await untilEvent(dev, 'response', 'answer reached the pad', () => dev.pendingCount === 0);
  clock.advance(1000);
  board.press(2); board.release(2); // a second press for the same ticket: nothing

  await rig.hub.publish(set, { v: 1, op: 'close', ticketId: 't1', result: 'counted' });
  await untilEvent(pins, 'change', 'dark after close', () => leds() === '0000');
  await rig.hub.publish(set, { v: 1, op: 'open', ticketId: 't2', validForS: 60, levels });
  await untilEvent(pins, 'change', 'lit for t2', () => leds() === '1111');
  clock.advance(1000);
  board.press(5);
  await rig.hub.until('second rate', () => rig.hub.requests('rate1').length >= 2);
  board.release(5);
  t.same(rig.hub.requests('rate1').map((r) => [r.ticketId, r.level]), [['t1', 'hai_long'], ['t2', 'khong_hai_long']], 'exactly one rating per ticket');

  // the pad's clock is in 1970 (manualClock), the hub's is not: the window is a lifetime (validForS) on the pad's clock
  await rig.hub.publish(set, { v: 1, op: 'open', ticketId: 't3', validForS: 10, levels });
  await untilEvent(pins, 'change', 'lit for t3', () => leds() === '1111');
  clock.advance(9_000);
  t.equal(leds(), '1111', 'still lit inside its lifetime');
  clock.advance(2_000);
  await untilEvent(pins, 'change', 'dark at the end of t3\'s lifetime, with no close from the hub', () => leds() === '0000');
  board.press(2); board.release(2); // too late: nothing
  await rig.hub.publish(set, { v: 1, op: 'close', ticketId: 't3', result: 'not_counted' });
  await rig.hub.publish(set, { v: 1, op: 'open', ticketId: 't4', validForS: 60, levels });
  await untilEvent(pins, 'change', 'lit for t4', () => leds() === '1111');
  clock.advance(1000);
  board.press(4);
  await rig.hub.until('third rate', () => rig.hub.requests('rate1').length >= 3);
  board.release(4);
  t.same(rig.hub.requests('rate1').map((r) => r.ticketId), ['t1', 't2', 't4'], 'the press after t3\'s 10 s lifetime sent nothing; t4 in time did');
});
