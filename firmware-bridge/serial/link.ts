/** The serial transport as a small promise interface: list ports, open one. Real and simulated. */
import { SerialPort } from 'serialport';
import type { EventEmitter } from 'node:events';

export interface PortInfoLite {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
}

/** What drivers use of an open port (a serialport stream satisfies it). */
export interface SerialStream extends EventEmitter {
  readonly isOpen: boolean;
  write(data: Buffer | number[], cb?: (err?: Error | null) => void): boolean;
  close(cb?: (err?: Error | null) => void): void;
}

export interface SerialOpener {
  list(): Promise<PortInfoLite[]>;
  open(path: string, baudRate: number): Promise<SerialStream>;
}

export const realSerial: SerialOpener = {
  list: () => SerialPort.list(),
  open: (path, baudRate) => new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((err) => (err ? reject(err) : resolve(port as unknown as SerialStream)));
  }),
};

/** Let queued writes reach the device, close the port and wait; never throws (it may already be gone). */
export async function closePort(port: SerialStream): Promise<void> {
  const drain = (port as { drain?(cb: (err?: Error | null) => void): void }).drain;
  if (port.isOpen && drain) await new Promise<void>((resolve) => drain.call(port, () => resolve()));
  await new Promise<void>((resolve) => {
    if (!port.isOpen) return resolve();
    port.close(() => resolve());
  });
}

/** Hex-normalised id for matching (`0x2341`, `2341`, 9025 all equal). */
export function normId(id: string | number | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  const n = typeof id === 'number' ? id : parseInt(id.replace(/^0x/i, ''), 16);
  return Number.isFinite(n) ? n.toString(16).padStart(4, '0') : undefined;
}
