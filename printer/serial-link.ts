/**
 * Printer on a serial port (RS-232 or USB-serial), via serialport@13. Status uses the same DLE EOT
 * requests as TCP; the port must be wired for both directions (TX and RX).
 */
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { offline, StreamPrinterLink, type StreamLinkOptions } from './stream-link.js';

/** What the link needs from a port: SerialPort and SerialPortMock both fit. */
export type SerialPortLike = Duplex & {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): void;
  drain(cb: (err?: Error | null) => void): void;
};

export type SerialPrinterLinkOptions = StreamLinkOptions & (
  | { path: string; baudRate?: number; port?: undefined }
  /** A port created with autoOpen: false (e.g. a SerialPortMock in tests). */
  | { port: SerialPortLike; path?: undefined }
);

export class SerialPrinterLink extends StreamPrinterLink {
  private readonly make: () => SerialPortLike;
  private current: SerialPortLike | null = null;

  constructor(opts: SerialPrinterLinkOptions) {
    super(opts);
    const given = opts.port;
    if (given) this.make = () => given;
    else {
      const { path, baudRate } = opts;
      this.make = () => new SerialPort({ path, baudRate: baudRate ?? 19200, autoOpen: false }) as unknown as SerialPortLike;
    }
  }

  protected connect(timeoutMs: number): Promise<Duplex> {
    // A closed SerialPort stream cannot be reused; a fresh one is made unless the caller gave one.
    const port = this.current && !this.current.destroyed ? this.current : this.make();
    this.current = port;
    if (port.isOpen) return Promise.resolve(port);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(offline(`Serial port did not open within ${timeoutMs} ms.`)), timeoutMs);
      port.open((err) => {
        clearTimeout(timer);
        if (err) reject(offline('Cannot open serial port.', err));
        else resolve(port);
      });
    });
  }

  protected override shutdown(s: Duplex): void {
    const port = s as SerialPortLike;
    if (port.isOpen) port.close(() => undefined);
    else port.destroy();
  }
}
