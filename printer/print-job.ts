/**
 * One print job, all or nothing, for the hub: check the printer, send the bytes, confirm it still
 * answers and is fine. Any failure throws an McError so the caller voids the ticket:
 *  - MC_ERR_PRINTER_OFFLINE: the printer was not ready, nothing was sent (details.status says why);
 *  - MC_ERR_PRINT_FAILED: sending failed or the printer stopped during the job.
 */
import { PRINTABLE_STATUSES } from '../protocol/enums.js';
import { McError, isMcError } from '../protocol/errors.js';
import type { PrinterLink } from './link.js';
import type { PrinterStatus } from './status.js';

export interface PrintJobOptions {
  /** Ask the printer before sending (default true). Skip when a fresh status is already known. */
  precheck?: boolean;
  /** Ask again after sending: the reply proves the printer took every byte before it (default true). */
  confirm?: boolean;
  clock?: () => number;
}

export interface PrintJobResult {
  /** Last known printer status ('ok' or 'paper_low'). */
  status: PrinterStatus;
  /** Clock time when the last byte left this process. */
  sentAt: number;
}

const PRINTABLE: ReadonlySet<PrinterStatus> = new Set(PRINTABLE_STATUSES);

export async function printJob(link: PrinterLink, bytes: Uint8Array, opts: PrintJobOptions = {}): Promise<PrintJobResult> {
  const clock = opts.clock ?? Date.now;
  let status: PrinterStatus = 'ok';
  if (opts.precheck ?? true) {
    status = await link.status();
    if (!PRINTABLE.has(status)) throw new McError('MC_ERR_PRINTER_OFFLINE', `Printer status: ${status}.`, { status });
  }
  try {
    await link.write(bytes);
  } catch (err) {
    throw new McError('MC_ERR_PRINT_FAILED', isMcError(err) ? err.message : String(err), { status: 'offline' });
  }
  const sentAt = clock();
  if (opts.confirm ?? true) {
    status = await link.status();
    if (!PRINTABLE.has(status)) throw new McError('MC_ERR_PRINT_FAILED', `Printer status after the job: ${status}.`, { status });
  }
  return { status, sentAt };
}
