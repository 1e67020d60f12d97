/**
 * Simulated serial devices on serialport's mock binding. Each device simulator sees exactly the
 * bytes the host writes and answers with bytes, like the real board on the other end of the cable.
 * Unplug makes the open stream fail the way a real USB-serial unplug does (close with `disconnected`)
 * and hides the port from list(); plug shows it again.
 */
import { SerialPortMock } from 'serialport';
import type { PortInfoLite, SerialOpener, SerialStream } from './link.js';

/** The device side of a cable. */
export interface SerialDeviceSim {
  /** The host opened the port; `toHost` sends bytes to it. */
  attach(toHost: (bytes: Buffer) => void): void;
  /** Bytes the host wrote. */
  receive(bytes: Buffer): void;
  /** The host closed the port or the cable was pulled. */
  detach(): void;
}

interface MockBindingPort {
  isOpen: boolean;
  write(buf: Buffer): Promise<void>;
  read(buf: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
  close(): Promise<void>;
  emitData(data: Buffer): void;
  pendingRead?: ((err?: Error) => void) | null;
}

interface Entry { sim: SerialDeviceSim; info: PortInfoLite; plugged: boolean; binding: MockBindingPort | null }

export class SimSerialBus implements SerialOpener {
  private readonly entries = new Map<string, Entry>();

  /** Registers a simulated device at `info.path` (plugged in). */
  add(info: PortInfoLite, sim: SerialDeviceSim): void {
    SerialPortMock.binding.createPort(info.path, { vendorId: info.vendorId, productId: info.productId, manufacturer: info.manufacturer ?? 'motcua-sim' });
    this.entries.set(info.path, { sim, info, plugged: true, binding: null });
  }

  has(path: string): boolean { return this.entries.has(path); }

  async list(): Promise<PortInfoLite[]> {
    return [...this.entries.values()].filter((e) => e.plugged).map((e) => ({ ...e.info }));
  }

  async open(path: string, baudRate: number): Promise<SerialStream> {
    const e = this.entries.get(path);
    if (!e?.plugged) throw new Error(`${path}: no such device`);
    const port = new SerialPortMock({ path, baudRate, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((err) => (err ? rej(err) : res())));
    this.wire(e, port.port as unknown as MockBindingPort);
    port.on('close', () => { if (e.binding) { e.binding = null; e.sim.detach(); } });
    return port as unknown as SerialStream;
  }

  private wire(e: Entry, b: MockBindingPort): void {
    e.binding = b;
    const write = b.write.bind(b);
    const read = b.read.bind(b);
    b.write = async (buf) => {
      if (!e.plugged) throw new Error('device unplugged');
      await write(buf);
      e.sim.receive(Buffer.from(buf));
    };
    b.read = async (buf, offset, length) => {
      if (!e.plugged) throw new Error('device unplugged');
      return read(buf, offset, length);
    };
    e.sim.attach((bytes) => { if (e.binding === b && b.isOpen && e.plugged) b.emitData(bytes); });
  }

  /** Pull the cable: the open stream closes with a disconnect error, the port leaves list(). */
  unplug(path: string): void {
    const e = this.entries.get(path);
    if (!e) return;
    e.plugged = false;
    const b = e.binding;
    if (b) {
      e.binding = null;
      e.sim.detach();
      const pending = b.pendingRead;
      if (pending) { b.pendingRead = null; pending(new Error('device unplugged')); }
    }
  }

  plug(path: string): void {
    const e = this.entries.get(path);
    if (e) e.plugged = true;
  }
}
