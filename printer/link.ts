/**
 * The one interface the hub talks to, whatever cable the printer hangs on.
 */
import type { PrinterStatus } from './status.js';

export type { PrinterStatus } from './status.js';

export interface PrinterLink {
  /** Connect / open the device. Rejects (McError MC_ERR_PRINTER_OFFLINE) when it cannot. */
  open(): Promise<void>;
  /**
   * Send bytes. Resolves once the bytes have left this process (kernel / driver accepted them);
   * rejects with McError MC_ERR_PRINTER_OFFLINE within the link's write timeout if the device
   * stops taking data or the connection drops. Reopens a closed connection first.
   */
  write(b: Uint8Array): Promise<void>;
  /** Ask the printer. Never hangs: no answer within the status timeout → 'offline'. */
  status(): Promise<PrinterStatus>;
  close(): Promise<void>;
}

export interface LinkTimeouts {
  /** Connect/open timeout, ms (default 2000). */
  openTimeoutMs?: number;
  /** Write timeout, ms (default 3000). */
  writeTimeoutMs?: number;
  /** Status reply timeout, ms (default 800). */
  statusTimeoutMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<LinkTimeouts> = { openTimeoutMs: 2000, writeTimeoutMs: 3000, statusTimeoutMs: 800 };

/** Runs async jobs one at a time (status requests must not interleave with a job's bytes). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
