/**
 * USB printer through the Linux kernel's usblp driver (/dev/usb/lp0 …): a character device, no
 * native module. Opened non-blocking so a printer that stops taking data (paper out, jammed,
 * unplugged) can never block a libuv thread: a write that gets EAGAIN past its deadline rejects.
 *
 * Status: usblp's paper/select/error bits are only reachable through an ioctl (LPGETSTATUS), which
 * Node cannot issue without a native addon, so status() reports presence only: 'ok' when the device
 * node exists and is writable, 'offline' when not, 'error' after a write that failed until a write
 * succeeds again. Use TCP or serial models where paper-out must be detected before printing.
 */
import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { DEFAULT_TIMEOUTS, SerialQueue, type PrinterLink } from './link.js';
import type { PrinterStatus } from './status.js';
import { offline } from './stream-link.js';

export interface UsbLpPrinterLinkOptions {
  /** e.g. '/dev/usb/lp0'. */
  path: string;
  writeTimeoutMs?: number;
  /** Pause between retries while the device buffer is full (default 5 ms). */
  retryMs?: number;
  logger?: Logger;
}

export class UsbLpPrinterLink implements PrinterLink {
  private fh: FileHandle | null = null;
  private lastWriteFailed = false;
  private readonly queue = new SerialQueue();
  private readonly writeTimeoutMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: UsbLpPrinterLinkOptions) {
    this.writeTimeoutMs = opts.writeTimeoutMs ?? DEFAULT_TIMEOUTS.writeTimeoutMs;
    this.retryMs = opts.retryMs ?? 5;
  }

  open(): Promise<void> {
    return this.queue.run(async () => { await this.ensure(); });
  }

  write(b: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      const fh = await this.ensure();
      const deadline = Date.now() + this.writeTimeoutMs;
      let off = 0;
      try {
        while (off < b.length) {
          off += await writeSome(fh, b, off, deadline, this.retryMs);
        }
        this.lastWriteFailed = false;
      } catch (err) {
        this.lastWriteFailed = true;
        await this.drop();
        throw err;
      }
    });
  }

  status(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      try {
        await fsp.access(this.opts.path, constants.W_OK);
      } catch {
        return 'offline';
      }
      return this.lastWriteFailed ? 'error' : 'ok';
    });
  }

  close(): Promise<void> {
    return this.queue.run(() => this.drop());
  }

  private async ensure(): Promise<FileHandle> {
    if (this.fh) return this.fh;
    try {
      this.fh = await fsp.open(this.opts.path, constants.O_WRONLY | constants.O_NONBLOCK);
      return this.fh;
    } catch (err) {
      this.opts.logger?.warn({ path: this.opts.path, err: (err as Error).message }, 'usblp open failed');
      throw offline(`Cannot open ${this.opts.path}.`, err);
    }
  }

  private async drop(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => undefined);
  }
}

async function writeSome(fh: FileHandle, b: Uint8Array, off: number, deadline: number, retryMs: number): Promise<number> {
  for (;;) {
    try {
      const { bytesWritten } = await fh.write(b, off, b.length - off, null);
      if (bytesWritten > 0) return bytesWritten;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw offline('Write to USB printer failed.', err);
    }
    if (Date.now() >= deadline) throw offline('USB printer stopped taking data.');
    // The device node offers no readiness event to await; poll until the deadline.
    await delay(retryMs);
  }
}
