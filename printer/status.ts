/**
 * Printer status over ESC/POS real-time requests (Epson "DLE EOT n"):
 *  n=1 printer status   bit3 = offline
 *  n=2 offline cause    bit2 = cover open, bit3 = paper being fed by FEED button,
 *                       bit5 = printing stopped because paper ran out, bit6 = error
 *  n=4 roll paper       bits2,3 = near-end sensor (paper low), bits5,6 = end sensor (paper out)
 * Every reply byte has bits 1 and 4 set and bits 0 and 7 clear: (b & 0x93) === 0x12.
 */
import { statusRequest } from './escpos.js';

import type { PrinterStatus } from '../protocol/enums.js';
export type { PrinterStatus };

/** The three requests a link sends for one status(): printer, offline cause, paper sensor. */
export const STATUS_REQUESTS: Uint8Array = Uint8Array.from([...statusRequest(1), ...statusRequest(2), ...statusRequest(4)]);

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Interpret the replies to DLE EOT 1, 2 and 4. */
export function parseStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  if (![printer, offlineCause, paper].every(isStatusByte)) return 'error';
  if (offlineCause & 0x04) return 'cover_open';
  if ((paper & 0x60) !== 0 || (offlineCause & 0x20) !== 0) return 'paper_out';
  if (offlineCause & 0x40) return 'error';
  if ((printer & 0x08) !== 0 && (offlineCause & 0x08) === 0) return 'error';
  if ((paper & 0x0c) !== 0) return 'paper_low';
  return 'ok';
}

/** The replies a printer in this state sends (used by the simulators). */
export function statusReplies(state: PrinterStatus): { printer: number; offlineCause: number; paper: number } {
  const base = 0x12;
  switch (state) {
    case 'cover_open': return { printer: base | 0x08, offlineCause: base | 0x04, paper: base };
    case 'paper_out': return { printer: base | 0x08, offlineCause: base | 0x20, paper: base | 0x60 };
    case 'paper_low': return { printer: base, offlineCause: base, paper: base | 0x0c };
    case 'error': return { printer: base | 0x08, offlineCause: base | 0x40, paper: base };
    default: return { printer: base, offlineCause: base, paper: base };
  }
}

/**
 * Collects the reply bytes of one status request from a byte stream. Bytes that arrive while no
 * request is pending (or that are not status bytes) are dropped, so a stray reply cannot be
 * mistaken for the answer to the next request.
 */
export class StatusReader {
  private pending: { got: number[]; resolve: (s: PrinterStatus) => void; timer: NodeJS.Timeout } | null = null;

  onData(chunk: Uint8Array): void {
    const p = this.pending;
    if (!p) return;
    for (const b of chunk) if (isStatusByte(b)) p.got.push(b);
    if (p.got.length >= 3) {
      const [a, b, c] = p.got as [number, number, number];
      this.finish(parseStatus(a, b, c));
    }
  }

  /** Start waiting for 3 reply bytes; resolves 'offline' after timeoutMs or on abort(). */
  expect(timeoutMs: number): Promise<PrinterStatus> {
    this.finish('offline');
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish('offline'), timeoutMs);
      this.pending = { got: [], resolve, timer };
    });
  }

  /** The connection went away: any pending request answers 'offline'. */
  abort(): void {
    this.finish('offline');
  }

  private finish(s: PrinterStatus): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve(s);
  }
}
