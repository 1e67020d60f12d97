/**
 * PrinterLink over any byte stream (TCP socket, serial port): writes with a deadline, status via
 * DLE EOT with a deadline, automatic reconnect on the next call after the stream dropped.
 */
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { McError } from '../protocol/errors.js';
import { DEFAULT_TIMEOUTS, SerialQueue, type LinkTimeouts, type PrinterLink } from './link.js';
import { STATUS_REQUESTS, StatusReader, type PrinterStatus } from './status.js';

export interface StreamLinkOptions extends LinkTimeouts {
  logger?: Logger;
}

type Drainable = Duplex & { drain?: (cb: (err?: Error | null) => void) => void };

export function offline(detail: string, cause?: unknown): McError {
  return new McError('MC_ERR_PRINTER_OFFLINE', detail, cause instanceof Error ? { cause: cause.message } : undefined);
}

export abstract class StreamPrinterLink implements PrinterLink {
  protected readonly t: Required<LinkTimeouts>;
  protected readonly log: Logger | undefined;
  private stream: Drainable | null = null;
  private readonly reader = new StatusReader();
  private readonly queue = new SerialQueue();

  constructor(opts: StreamLinkOptions) {
    this.t = {
      openTimeoutMs: opts.openTimeoutMs ?? DEFAULT_TIMEOUTS.openTimeoutMs,
      writeTimeoutMs: opts.writeTimeoutMs ?? DEFAULT_TIMEOUTS.writeTimeoutMs,
      statusTimeoutMs: opts.statusTimeoutMs ?? DEFAULT_TIMEOUTS.statusTimeoutMs,
    };
    this.log = opts.logger;
  }

  /** Open the underlying stream; reject with McError MC_ERR_PRINTER_OFFLINE on failure/timeout. */
  protected abstract connect(timeoutMs: number): Promise<Duplex>;

  open(): Promise<void> {
    return this.queue.run(async () => { await this.ensure(); });
  }

  write(b: Uint8Array): Promise<void> {
    return this.queue.run(async () => {
      const s = await this.ensure();
      this.log?.debug({ bytes: b.length }, 'printer write');
      await this.writeWithDeadline(s, b);
    });
  }

  status(): Promise<PrinterStatus> {
    return this.queue.run(async () => {
      let s: Drainable;
      try { s = await this.ensure(); } catch { return 'offline'; }
      const reply = this.reader.expect(this.t.statusTimeoutMs);
      try {
        await this.writeWithDeadline(s, STATUS_REQUESTS);
      } catch {
        this.reader.abort();
        return 'offline';
      }
      const st = await reply;
      if (st === 'offline') this.drop(s); // a late reply must not answer the next request
      return st;
    });
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      const s = this.stream;
      this.stream = null;
      if (!s || s.destroyed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { s.destroy(); resolve(); }, this.t.openTimeoutMs);
        s.once('close', () => { clearTimeout(timer); resolve(); });
        this.shutdown(s);
      });
    });
  }

  /** Close the stream gracefully (sockets: end(); serial ports override with close()). */
  protected shutdown(s: Duplex): void { s.end(); }

  private async ensure(): Promise<Drainable> {
    if (this.stream && !this.stream.destroyed) return this.stream;
    const s = (await this.connect(this.t.openTimeoutMs)) as Drainable;
    this.stream = s;
    s.on('data', (chunk: Buffer) => { if (this.stream === s) this.reader.onData(chunk); });
    s.on('error', (err: Error) => this.log?.warn({ err: err.message }, 'printer link error'));
    s.on('close', () => {
      if (this.stream !== s) return;
      this.stream = null;
      this.reader.abort();
      this.log?.info('printer link closed');
    });
    return s;
  }

  private drop(s: Drainable): void {
    if (this.stream === s) this.stream = null;
    s.destroy();
  }

  private writeWithDeadline(s: Drainable, b: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error | null): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        s.off('close', onClose);
        if (err) reject(err instanceof McError ? err : offline('Write failed.', err));
        else resolve();
      };
      const onClose = (): void => settle(offline('Connection closed during write.'));
      const timer = setTimeout(() => {
        settle(offline(`Write not accepted within ${this.t.writeTimeoutMs} ms.`));
        this.drop(s);
      }, this.t.writeTimeoutMs);
      s.once('close', onClose);
      s.write(b, (err) => {
        if (err) return settle(err);
        if (typeof s.drain === 'function') s.drain((e) => settle(e));
        else settle();
      });
    });
  }
}
