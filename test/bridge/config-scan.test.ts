import t from 'tap';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateBridgeConfig } from '../../firmware-bridge/config.js';
import { loadBridgeConfig } from '../../firmware-bridge/cli.js';
import { scanDevices, formatScan } from '../../firmware-bridge/scan.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { SimHidBus } from '../../firmware-bridge/hid/hid-device.js';
import { FakeFirmata } from '../../firmware-bridge/firmata/fake-board.js';
import { toLcdAscii, toSevenSegment } from '../../firmware-bridge/text.js';
import { lcdLinesFor } from '../../firmware-bridge/logic/counter-view.js';
import { isMcError } from '../../protocol/errors.js';

t.test('LCD diacritics rule', async (t) => {
  t.equal(toLcdAscii('Nguyễn Thị Lan'), 'Nguyen Thi Lan');
  t.equal(toLcdAscii('Võ Minh Đức'), 'Vo Minh Duc');
  t.equal(toLcdAscii('ĐẶNG THỊ THU'), 'DANG THI THU');
  t.equal(toLcdAscii('Lao động – Thương binh'), 'Lao dong - Thuong binh');
  t.equal(toLcdAscii('Nguye\u0302\u0303n'), 'Nguyen', 'decomposed input too');
  t.equal(toLcdAscii('ký 中'), 'ky ?');
  t.equal(toSevenSegment('1005', 8), '    1005');
  t.equal(toSevenSegment('A-1005', 4), '1005');
  t.same(lcdLinesFor({ v: 1, counterId: 'q12', counterNumber: 12, open: true, ticket: { number: '2003', fieldName: 'Đất đai' }, clerk: { name: 'Trần Văn Hùng', title: '', workField: '' } }, 16), ['Quay 12     2003', 'Tran Van Hung   ']);
});

t.test('config validation lists every problem with its path', async (t) => {
  let err: unknown;
  try {
    validateBridgeConfig({ version: 2, office: 'Bad Office', devices: [
      { id: 'k1', kind: 'keypad', secret: 'short', driver: 'hid', keymap: { '0x59': 'fly' } },
      { id: 'k1', kind: 'printer', secret: 'secret-long', driver: 'firmata', path: '/dev/x' },
      { id: 'd1', kind: 'dispenser', secret: 'secret-long', driver: 'warp' },
    ] });
  } catch (e) { err = e; }
  t.ok(isMcError(err) && err.code === 'MC_ERR_CONFIG_INVALID');
  const errors = (err as { details: { errors: string[] } }).details.errors;
  for (const want of [/^version/, /^office/, /devices\[0\]\.secret/, /devices\[0\]\.counterId/, /devices\[0\]: give path or vendorId/, /devices\[0\]\.keymap\.0x59/,
    /devices\[1\]\.id: duplicate/, /devices\[1\]\.kind: driver firmata supports/, /devices\[2\]\.driver/]) {
    t.ok(errors.some((e) => want.test(e)), `reports ${want}`);
  }
  t.equal(errors.length, 9);
});

t.test('YAML file loads; scan lists serial and HID devices with the configured device each matches', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-cfg-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bridge.yaml');
  writeFileSync(file, [
    'version: 1', 'office: hoa-binh', 'devices:',
    '  - { id: disp1, kind: dispenser, secret: secret-disp1, driver: firmata, vendorId: "2341", productId: "0043", fields: [{ pin: 2, fieldId: hotich }] }',
    '  - { id: kp1, kind: keypad, counterId: q1, secret: secret-kp1, driver: hid, vendorId: "0x1234", productId: "0x5678", keymap: { "0x59": next } }',
  ].join('\n'));
  const cfg = loadBridgeConfig(file);
  const serial = new SimSerialBus();
  serial.add({ path: '/dev/ttyACM0', vendorId: '2341', productId: '0043', serialNumber: '85736323' }, new FakeFirmata());
  serial.add({ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }, new FakeFirmata());
  const hid = new SimHidBus();
  hid.add({ path: '/dev/hidraw0', vendorId: 0x1234, productId: 0x5678, product: 'Caller keypad' });
  const list = await scanDevices(cfg, { serial, hid });
  t.same(list.map((d) => [d.bus, d.path, d.vendorId, d.productId, d.matches]), [
    ['serial', '/dev/ttyACM0', '2341', '0043', ['disp1']],
    ['serial', '/dev/ttyUSB0', '1a86', '7523', []],
    ['hid', '/dev/hidraw0', '1234', '5678', ['kp1']],
  ]);
  t.match(formatScan(list), /\/dev\/ttyACM0\t2341:0043\t85736323\t→ disp1/);
});
