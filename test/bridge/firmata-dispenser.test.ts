import t from 'tap';
import { startBridge } from '../../firmware-bridge/runner.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { FakeFirmata } from '../../firmware-bridge/firmata/fake-board.js';
import type { BridgeConfig } from '../../firmware-bridge/config.js';
import { log, manualClock, startRig, untilEvent } from './helpers.js';
import { EventEmitter } from 'node:events';

t.test('dispenser buttons through johnny-five: one issue per press, priority, printer trouble blinks the fault LED', async (t) => {
  const rig = await startRig();
  const bus = new SimSerialBus();
  const board = new FakeFirmata();
  const pins = new EventEmitter();
  board.watch(() => pins.emit('change'));
  bus.add({ path: '/dev/sim-disp', vendorId: '2341', productId: '0043', serialNumber: 'D1' }, board);
  const clock = manualClock();
  const cfg: BridgeConfig = {
    version: 1, office: 'test', pollMs: 100,
    devices: [{ id: 'disp1', kind: 'dispenser', secret: 'secret-disp1', driver: 'sim-firmata', path: '/dev/sim-disp',
      fields: [{ pin: 2, fieldId: 'hotich' }, { pin: 3, fieldId: 'datdai' }], pins: { priority: 4, priorityLed: 12, faultLed: 13 } }],
  };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, clock, sim: { serial: bus } });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });
  await rig.hub.until('dispenser online', () => rig.hub.availability('disp1') === 'online');
  t.equal(board.modes[2], 0, 'johnny-five set the field button pin to INPUT');

  // A bouncing contact: down/up/down, held, then up/down/up on release → exactly one ticket.
  board.press(2); board.release(2); board.press(2);
  await rig.hub.until('first issue', () => rig.hub.requests('disp1').length >= 1);
  board.release(2); board.press(2); board.release(2);
  // A nervous second press 50 ms later (inside the lockout) while pressing the next field.
  clock.advance(50);
  board.press(2);
  board.press(3);
  await rig.hub.until('second issue', () => rig.hub.requests('disp1').length >= 2);
  board.release(2);
  board.release(3);
  const dev = bridge.devices.get('disp1')!;
  const settled = () => untilEvent(dev, 'response', 'answers reached the dispenser', () => dev.pendingCount === 0);
  await settled();
  const fields = rig.hub.requests('disp1').map((r) => r.fieldId);
  t.same(fields, ['hotich', 'datdai'], 'bounce made one hotich ticket, the next button its own');
  t.equal(rig.hub.requests('disp1')[0]?.op, 'issue');

  // Priority button, then a field: issue with priority; the priority LED lights then goes out.
  clock.advance(1000);
  board.press(4);
  await untilEvent(pins, 'change', 'priority LED on', () => board.levels[12] === 1);
  board.release(4);
  board.press(3);
  await rig.hub.until('priority issue', () => rig.hub.requests('disp1').length >= 3);
  board.release(3);
  await settled();
  t.match(rig.hub.requests('disp1')[2], { op: 'issue', fieldId: 'datdai', priority: 'elderly' });
  await untilEvent(pins, 'change', 'priority LED off', () => board.levels[12] === 0);

  // The printer is offline: the hub answers an error → fault event with the code, fault LED blinks.
  rig.hub.answer = () => ({ ok: false, error: { code: 'MC_ERR_PRINTER_OFFLINE', message: 'Máy in đang gặp sự cố. Xin vui lòng chờ hoặc báo cán bộ hướng dẫn.', messageEn: 'The printer is not available.' } });
  clock.advance(1000);
  board.press(2);
  const ev = await rig.hub.until('fault event', () => rig.hub.seen.find((s) => s.topic.endsWith('/disp1/event'))?.json ?? undefined);
  t.match(ev, { type: 'fault', code: 'MC_ERR_PRINTER_OFFLINE' });
  t.match(String(ev.message), /Máy in/);
  await untilEvent(pins, 'change', 'fault LED lit', () => board.writes.some((w) => w.pin === 13 && w.value === 1));
  t.pass('fault LED driven high');
});
