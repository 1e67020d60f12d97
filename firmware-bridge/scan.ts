/** Discovery for technicians (`motcua devices scan`): serial ports and HID devices, and which configured device each is. */
import { matches } from './match.js';
import { normId, realSerial, type SerialOpener } from './serial/link.js';
import { realHid, type HidBackend } from './hid/hid-device.js';
import { baseDriver, type BridgeConfig } from './config.js';

export interface ScannedDevice {
  bus: 'serial' | 'hid';
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
  description?: string | undefined;
  /** Ids of configured bridge devices that would use this one. */
  matches: string[];
}

export interface ScanOptions { serial?: SerialOpener; hid?: HidBackend }

export async function scanDevices(cfg?: BridgeConfig, opts: ScanOptions = {}): Promise<ScannedDevice[]> {
  const serial = opts.serial ?? realSerial;
  const hid = opts.hid ?? realHid;
  const [ports, hids] = await Promise.all([
    serial.list().catch(() => []),
    hid.devices().catch(() => []),
  ]);
  const configured = cfg?.devices ?? [];
  const match = (bus: 'serial' | 'hid', d: { path: string; vendorId?: string | number | undefined; productId?: string | number | undefined; serialNumber?: string | undefined }) =>
    configured.filter((c) => (baseDriver(c.driver) === 'hid') === (bus === 'hid') && !c.driver.startsWith('sim-') && matches(c, d)).map((c) => c.id);
  return [
    ...ports.map((p) => ({ bus: 'serial' as const, path: p.path, vendorId: normId(p.vendorId), productId: normId(p.productId), serialNumber: p.serialNumber, description: p.manufacturer, matches: match('serial', p) })),
    ...hids.map((h) => ({ bus: 'hid' as const, path: h.path, vendorId: normId(h.vendorId), productId: normId(h.productId), serialNumber: h.serialNumber, description: [h.manufacturer, h.product].filter(Boolean).join(' ') || undefined, matches: match('hid', h) })),
  ];
}

export function formatScan(list: ScannedDevice[]): string {
  if (!list.length) return 'Không tìm thấy thiết bị nối tiếp hoặc HID nào. (No serial or HID devices found.)';
  return list.map((d) => [d.bus, d.path, `${d.vendorId ?? '????'}:${d.productId ?? '????'}`, d.serialNumber ?? '-', d.matches.length ? `→ ${d.matches.join(', ')}` : '(chưa cấu hình / not configured)', d.description ?? ''].join('\t')).join('\n');
}
