import t from 'tap';
import { startBridge } from '../../firmware-bridge/runner.js';
import { SimHidBus } from '../../firmware-bridge/hid/hid-device.js';
import { KeyReportParser, keyReport } from '../../firmware-bridge/hid/report.js';
import { deviceTopic } from '../../protocol/topics.js';
import type { BridgeConfig } from '../../firmware-bridge/config.js';
import { log, manualClock, startRig, untilEvent } from './helpers.js';

t.test('report parser: edges only, repeats and rollover ignored, report id honoured', async (t) => {
  const p = new KeyReportParser();
  t.same(p.feed([0, 0, 0x59, 0, 0, 0, 0, 0]), { down: [0x59], up: [] });
  for (let i = 0; i < 5; i++) t.same(p.feed([0, 0, 0x59, 0, 0, 0, 0, 0]), { down: [], up: [] }, 'auto-repeat report is no new press');
  t.same(p.feed([0, 0, 1, 1, 1, 1, 1, 1]), { down: [], up: [] }, 'ErrorRollOver ignored');
  t.same(p.feed([0, 0, 0x59, 0x5a, 0, 0, 0, 0]), { down: [0x5a], up: [] });
  t.same(p.feed([0, 0, 0, 0, 0, 0, 0, 0]), { down: [], up: [0x59, 0x5a] });
  const withId = new KeyReportParser(2);
  t.same(withId.feed([1, 0, 0, 0x1e, 0, 0, 0, 0, 0]), { down: [], up: [] }, 'other report id ignored');
  t.same(withId.feed([2, 0, 0, 0x1e, 0, 0, 0, 0, 0]), { down: [0x1e], up: [] });
});

t.test('HID caller keypad and satisfaction pad: stuck keys and bounce make exactly one action', async (t) => {
  const rig = await startRig();
  const hid = new SimHidBus();
  const keypad = hid.add({ path: '/dev/hidraw-sim1', vendorId: 0x1234, productId: 0x5678, serialNumber: 'K1' });
  const pad = hid.add({ path: '/dev/hidraw-sim2', vendorId: 0x1234, productId: 0x9999 });
  const clock = manualClock();
  const cfg: BridgeConfig = { version: 1, office: 'test', pollMs: 100, devices: [
    { id: 'kp1', kind: 'keypad', counterId: 'q1', secret: 'secret-kp1', driver: 'hid', vendorId: '1234', productId: '5678', serialNumber: 'K1',
      keymap: { '0x59': 'next', '0x5a': 'recall', '0x5b': 'finish:received', '0x5c': 'skip' } },
    { id: 'pad1', kind: 'rating', counterId: 'q1', secret: 'secret-pad1', driver: 'hid', vendorId: '0x1234', productId: '0x9999',
      keymap: { '0x1e': 'rate:1', '0x1f': 'rate:2', '0x20': 'rate:3', '0x21': 'rate:4' } },
  ] };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, clock, hid });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });
  await rig.hub.until('both online', () => rig.hub.availability('kp1') === 'online' && rig.hub.availability('pad1') === 'online');

  // "Next" stuck down: 30 repeated reports, then released → one `next`.
  for (let i = 0; i < 30; i++) keypad.report(keyReport([0x59]));
  keypad.report(keyReport([]));
  // Bouncing "Finish": down/up/down/up within the lockout → one `finish`.
  keypad.report(keyReport([0x5b])); keypad.report(keyReport([])); keypad.report(keyReport([0x5b])); keypad.report(keyReport([]));
  keypad.report(keyReport([0x5a])); keypad.report(keyReport([]));
  await rig.hub.until('three requests', () => rig.hub.requests('kp1').length >= 3);
  t.same(rig.hub.requests('kp1').map((r) => [r.op, r.outcome]), [['next', undefined], ['finish', 'received'], ['recall', undefined]]);
  t.equal(keypad.listenerCount('data'), 1, 'one reader on the device');

  // Satisfaction pad: opened by the hub, a stuck key rates once.
  const dev = bridge.devices.get('pad1')!;
  const opened = new Promise<void>((r) => dev.onSet(() => r()));
  await rig.hub.publish(deviceTopic('test', 'rating', 'pad1', 'set'), { v: 1, op: 'open', ticketId: 't9', until: clock.now() + 60_000,
    levels: [{ key: 'rat_hai_long', label: 'Rất hài lòng' }, { key: 'hai_long', label: 'Hài lòng' }, { key: 'binh_thuong', label: 'Bình thường' }, { key: 'khong_hai_long', label: 'Không hài lòng' }] });
  await opened;
  for (let i = 0; i < 10; i++) pad.report(keyReport([0x1e]));
  pad.report(keyReport([]));
  clock.advance(5000);
  pad.report(keyReport([0x21])); pad.report(keyReport([]));
  await untilEvent(dev, 'response', 'rate answered', () => dev.pendingCount === 0 && rig.hub.requests('pad1').length >= 1);
  keypad.report(keyReport([0x5c])); keypad.report(keyReport([]));
  await rig.hub.until('skip (a later marker)', () => rig.hub.requests('kp1').length >= 4);
  t.same(rig.hub.requests('pad1').map((r) => [r.op, r.level, r.ticketId]), [['rate', 'rat_hai_long', 't9']], 'one rating, the later key sent nothing');
});
