import type { Logger } from 'pino';
import { McError } from '../../protocol/errors.js';
import type { TicketPrintInput } from './dispensing.js';

import { PRINTABLE_STATUSES, type PrinterStatus } from '../../protocol/enums.js';
export type { PrinterStatus };

/** What the hub needs of a printer: send one job's bytes; know its last status. */
export interface TicketPrinter {
  readonly id: string;
  status(): PrinterStatus;
  /** Ask the printer now (a stale fault must not refuse a citizen once paper is back). */
  refresh(): Promise<PrinterStatus>;
  /** Lay out and print one ticket; rejects (McError) when the printer did not take it all. */
  print(t: TicketPrintInput): Promise<void>;
  close(): Promise<void>;
}

/** The printers the hub drives, by device id, and their last known status (for the device list). */
export class PrinterPool {
  private readonly printers = new Map<string, TicketPrinter>();
  constructor(private readonly log: Logger, private readonly onStatus: (id: string, s: PrinterStatus) => void) {}

  add(p: TicketPrinter): void { this.printers.set(p.id, p); }
  get(id: string): TicketPrinter | undefined { return this.printers.get(id); }
  has(id: string): boolean { return this.printers.has(id); }

  /** Stop driving a printer (its device was disabled or removed). */
  async remove(id: string): Promise<void> {
    const p = this.printers.get(id);
    this.printers.delete(id);
    await p?.close().catch(() => undefined);
  }
  all(): TicketPrinter[] { return [...this.printers.values()]; }

  /** Refuse before a number is taken when the printer cannot print (its last fault is checked again first). */
  async assertReady(id: string): Promise<TicketPrinter> {
    const p = this.printers.get(id);
    if (!p) throw new McError('MC_ERR_PRINTER_OFFLINE', `printer ${id} is not configured`);
    const ok = (s: PrinterStatus) => PRINTABLE_STATUSES.includes(s);
    if (ok(p.status())) return p;
    const s = await p.refresh();
    if (!ok(s)) throw new McError('MC_ERR_PRINTER_OFFLINE', `printer ${id}: ${s}`, { status: s });
    return p;
  }

  report(id: string, s: PrinterStatus): void {
    this.log.info({ printer: id, status: s }, 'printer status');
    this.onStatus(id, s);
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((p) => p.close().catch(() => undefined)));
    this.printers.clear();
  }
}
