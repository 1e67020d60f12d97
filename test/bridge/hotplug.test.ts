import t from 'tap';
import mqtt from 'mqtt';
import { startBridge } from '../../firmware-bridge/runner.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { SimHidBus } from '../../firmware-bridge/hid/hid-device.js';
import { FakeFirmata } from '../../firmware-bridge/firmata/fake-board.js';
import { LedBoardSim } from '../../firmware-bridge/led/board-sim.js';
import { keyReport } from '../../firmware-bridge/hid/report.js';
import type { BridgeConfig } from '../../firmware-bridge/config.js';
import { log, startRig } from './helpers.js';

/** What a newcomer sees retained on a device's availability topic. */
async function retained(url: string, topic: string): Promise<string> {
  const c = await mqtt.connectAsync(url, { clientId: `probe-${Math.random().toString(36).slice(2)}`, reconnectPeriod: 0 });
  try {
    const got = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no retained message')), 3000);
      c.on('message', (_t, p, packet) => { if (packet.retain) { clearTimeout(timer); resolve(p.toString()); } });
    });
    await c.subscribeAsync(topic, { qos: 1 });
    return await got;
  } finally { await c.endAsync(true); }
}

t.test('unplug → retained offline within seconds; replug → online, without restarting anything', async (t) => {
  const rig = await startRig();
  const serial = new SimSerialBus();
  const hid = new SimHidBus();
  serial.add({ path: '/dev/ttyACM7', vendorId: '2341', productId: '0043', serialNumber: 'FIRM1' }, new FakeFirmata());
  serial.add({ path: '/dev/ttyUSB3', vendorId: '1a86', productId: '7523', serialNumber: 'LED1' }, new LedBoardSim());
  const keypad = hid.add({ path: '/dev/hidraw5', vendorId: 0x1234, productId: 0x5678 });
  const cfg: BridgeConfig = { version: 1, office: 'test', pollMs: 200, devices: [
    { id: 'disp', kind: 'dispenser', secret: 'secret-disp', driver: 'sim-firmata', vendorId: '2341', productId: '0043', serialNumber: 'FIRM1', fields: [{ pin: 2, fieldId: 'hotich' }] },
    { id: 'led', kind: 'counter', counterId: 'q1', secret: 'secret-led', driver: 'sim-serial-led', vendorId: '1a86', productId: '7523' },
    { id: 'kp', kind: 'keypad', counterId: 'q1', secret: 'secret-kp', driver: 'hid', vendorId: '1234', productId: '5678', keymap: { '0x59': 'next' } },
  ] };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, sim: { serial, hid }, hid });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });
  const ids = ['disp', 'led', 'kp'];
  await rig.hub.until('all online', () => ids.every((id) => rig.hub.availability(id) === 'online'));

  const t0 = Date.now();
  serial.unplug('/dev/ttyACM7');
  serial.unplug('/dev/ttyUSB3');
  hid.unplug('/dev/hidraw5');
  await rig.hub.until('all offline', () => ids.every((id) => rig.hub.availability(id) === 'offline'), 5000);
  t.ok(Date.now() - t0 < 3000, `offline after ${Date.now() - t0} ms`);
  t.equal(await retained(rig.url, 'motcua/test/dispenser/disp/availability'), 'offline', 'retained for newcomers');
  t.equal(await retained(rig.url, 'motcua/test/keypad/kp/availability'), 'offline');

  serial.plug('/dev/ttyACM7');
  serial.plug('/dev/ttyUSB3');
  hid.plug('/dev/hidraw5');
  await rig.hub.until('all back online', () => ids.every((id) => rig.hub.availability(id) === 'online'), 5000);
  t.equal(await retained(rig.url, 'motcua/test/counter/led/availability'), 'online');

  // The re-plugged keypad works.
  keypad.report(keyReport([0x59])); keypad.report(keyReport([]));
  await rig.hub.until('next after replug', () => rig.hub.requests('kp').length === 1);
  t.pass('keypad acts after re-plug');
});
