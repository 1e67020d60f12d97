/**
 * Default simulators for `sim-*` drivers (the demo office): a fake StandardFirmata, an LED board or
 * a HID pad registered on the sim buses at the configured path (or `sim:{id}`), unless a test
 * already put its own simulator there.
 */
import { FakeFirmata } from './firmata/fake-board.js';
import { LedBoardSim } from './led/board-sim.js';
import type { SimHidBus } from './hid/hid-device.js';
import type { SimSerialBus } from './serial/sim-bus.js';
import { baseDriver, type BridgeDeviceConfig } from './config.js';

export function simPath(d: BridgeDeviceConfig): string { return d.path ?? `sim:${d.id}`; }

export function addDefaultSimulator(d: BridgeDeviceConfig, serial: SimSerialBus, hid: SimHidBus): void {
  const path = simPath(d);
  const info = { path, vendorId: d.vendorId, productId: d.productId, serialNumber: d.serialNumber };
  const base = baseDriver(d.driver);
  if (base === 'hid') {
    if (!hid.has(path)) hid.add({ ...info, vendorId: parseInt(d.vendorId ?? '0', 16), productId: parseInt(d.productId ?? '0', 16) });
    return;
  }
  if (serial.has(path)) return;
  serial.add(info, base === 'firmata' ? new FakeFirmata() : new LedBoardSim(d.led?.lines ?? 2));
}
