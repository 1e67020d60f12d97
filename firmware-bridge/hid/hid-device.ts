/**
 * USB HID behind a small interface: list devices, open one. The real backend is node-hid; the
 * simulated device has the same surface as node-hid's HID (`on('data')`, `on('error')`, `write`,
 * `close`) and emits real report bytes.
 */
import { EventEmitter } from 'node:events';
import HID from 'node-hid';

export interface HidInfo { path: string; vendorId: number; productId: number; serialNumber?: string | undefined; product?: string | undefined; manufacturer?: string | undefined }

export interface HidDevice extends EventEmitter {
  write(data: number[] | Buffer): number;
  close(): void;
}

export interface HidBackend {
  devices(): Promise<HidInfo[]>;
  open(path: string): Promise<HidDevice>;
}

export const realHid: HidBackend = {
  async devices() {
    return (await HID.devicesAsync()).filter((d): d is HID.Device & { path: string } => typeof d.path === 'string');
  },
  async open(path) { return new HID.HID(path) as unknown as HidDevice; },
};

export class SimHidDevice extends EventEmitter implements HidDevice {
  readonly written: Buffer[] = [];
  open = false;
  write(data: number[] | Buffer): number { if (!this.open) throw new Error('device closed'); this.written.push(Buffer.from(data)); return data.length; }
  close(): void { this.open = false; }
  /** The device sends one input report. */
  report(bytes: Buffer | number[]): void { if (this.open) this.emit('data', Buffer.from(bytes)); }
}

/** Simulated USB: devices that can be plugged and unplugged. Unplug errors the open handle like node-hid does. */
export class SimHidBus implements HidBackend {
  private readonly entries = new Map<string, { info: HidInfo; dev: SimHidDevice; plugged: boolean }>();

  add(info: HidInfo, dev = new SimHidDevice()): SimHidDevice {
    this.entries.set(info.path, { info, dev, plugged: true });
    return dev;
  }

  has(path: string): boolean { return this.entries.has(path); }

  async devices(): Promise<HidInfo[]> {
    return [...this.entries.values()].filter((e) => e.plugged).map((e) => ({ ...e.info }));
  }

  async open(path: string): Promise<HidDevice> {
    const e = this.entries.get(path);
    if (!e?.plugged) throw new Error(`cannot open device with path ${path}`);
    e.dev.open = true;
    return e.dev;
  }

  unplug(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    e.plugged = false;
    if (e.dev.open) { e.dev.open = false; e.dev.emit('error', new Error('could not read from HID device')); }
  }

  plug(path: string): void { const e = this.entries.get(path); if (e) e.plugged = true; }
}
