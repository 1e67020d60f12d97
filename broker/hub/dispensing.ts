import type { Logger } from 'pino';
import { McError, isMcError } from '../../protocol/errors.js';
import type { QueueService } from '../queue/service.js';
import { paperNoteText, type PaperNote } from '../queue/field-calendar.js';
import { openTickets, type Priority } from '../queue/types.js';
import type { PrinterPool } from './printing.js';
import type { TicketEstimate } from '../queue/service.js';
import type { WaitForecast } from '../../protocol/messages.js';
import type { TicketBooking } from '../../printer/layout.js';

/** Everything a ticket printer needs to lay out one ticket. */
export interface TicketPrintInput {
  /** The ticket's public reference (`{id}.{token}`): its QR code opens `/t/{ref}`. */
  ticketId: string; ref: string; number: string; fieldId: string; fieldName: string; priority: Priority | null; issuedAt: number;
  ahead: number; minutes: number; counters: string; copy: boolean;
  /** The forecast wait as the screens and the API tell it (issue 23). */
  wait?: WaitForecast;
  /** After the field's cut-off: when a paper dossier is processed (printed). */
  notice?: string;
  /** The booking checked in for this ticket (printed as "Lịch hẹn 08:30 · mã …"). */
  booking?: TicketBooking;
}

export interface IssueRequest {
  fieldId: string; priority?: Priority | null; source: string; requestId?: string | undefined; printerId: string | null;
  /** A checked-in booking's place (broker/booking/arrivals.ts): ranked by booking time, or called first from its slot's window. */
  orderAt?: number | undefined; slotAt?: number | null | undefined;
  /** Only for the paper: the booking checked in on time, whose slot and code the ticket prints. */
  booking?: TicketBooking | undefined;
}

const PRINT_TIMEOUT_MS = 8000;

/**
 * Issue → print → ack. A ticket is `pending` until its printer took every byte, then `waiting`; a failed print
 * voids it, so no number exists that nobody holds. Redelivered requests join the one in flight.
 */
export class Dispensing {
  private readonly inflight = new Map<string, Promise<Record<string, unknown>>>();
  constructor(private readonly q: QueueService, private readonly printers: PrinterPool, private readonly log: Logger, private readonly refOf: (id: string) => string) {}

  /** Tickets left pending by a crash mid-print are voided: their print was never confirmed. */
  start(): void {
    for (const t of [...openTickets(this.q.snapshot)]) {
      if (t.status === 'pending') this.q.execute({ op: 'void', ticketId: t.id, reason: 'print_unconfirmed_at_restart' }, { source: 'hub' });
    }
  }

  issue(req: IssueRequest): Promise<Record<string, unknown>> {
    const key = req.requestId ? `${req.source}\u0000${req.requestId}` : null;
    const running = key ? this.inflight.get(key) : undefined;
    if (running) return running;
    const p = this.run(req).finally(() => { if (key) this.inflight.delete(key); });
    if (key) this.inflight.set(key, p);
    return p;
  }

  private async run(req: IssueRequest): Promise<Record<string, unknown>> {
    const printer = req.printerId ? await this.printers.assertReady(req.printerId) : null;
    const place = { ...(req.orderAt !== undefined ? { orderAt: req.orderAt } : {}), ...(typeof req.slotAt === 'number' ? { slotAt: req.slotAt } : {}) };
    const res = await this.q.submit({ op: 'issue', fieldId: req.fieldId, priority: req.priority ?? null, source: req.source, awaitPrint: !!printer, ...place },
      { source: req.source, requestId: req.requestId });
    const id = String(res.ticket?.id);
    if (res.replayed) {
      const t = this.q.ticket(id);
      if (t?.status === 'voided') throw new McError('MC_ERR_PRINT_FAILED');
      return this.answer(id);
    }
    if (!printer) return this.answer(id);
    try {
      await withTimeout(printer.print(this.printInput(id, false, req.booking)), PRINT_TIMEOUT_MS);
    } catch (e) {
      this.log.warn({ ticket: id, printer: printer.id, err: (e as Error).message }, 'print failed; ticket voided');
      await this.q.submit({ op: 'void', ticketId: id, reason: `print_failed: ${(e as Error).message}`.slice(0, 200) }, { source: 'hub' });
      throw isMcError(e) && e.code === 'MC_ERR_PRINTER_OFFLINE' ? e : new McError('MC_ERR_PRINT_FAILED');
    }
    await this.q.submit({ op: 'printed', ticketId: id }, { source: 'hub' });
    return this.answer(id);
  }

  /** What the issuing device hears: the ticket with its position, and its public reference (for a QR code on screen). */
  private answer(id: string): Record<string, unknown> {
    return { ...this.q.ticketView(id), ref: this.refOf(id) };
  }

  /** Reprint a ticket (marked as a copy). */
  async reprint(ticketId: string, printerId: string): Promise<void> {
    const printer = await this.printers.assertReady(printerId);
    await withTimeout(printer.print(this.printInput(ticketId, true)), PRINT_TIMEOUT_MS);
  }

  printInput(ticketId: string, copy: boolean, booking?: TicketBooking): TicketPrintInput {
    const v = this.q.ticketView(ticketId) as { number: string; fieldId: string; fieldName: string; priority: Priority | null; issuedAt: number; estimate: TicketEstimate | null; counters: { number: number }[]; paper: PaperNote | null };
    return { ticketId, ref: this.refOf(ticketId), number: v.number, fieldId: v.fieldId, fieldName: v.fieldName, priority: v.priority, issuedAt: v.issuedAt,
      ahead: v.estimate?.ahead ?? 0, minutes: v.estimate?.minutes ?? 0, counters: `Quầy ${v.counters.map((c) => c.number).join(', ')}`, copy,
      ...(v.estimate ? { wait: waitOfEstimate(v.estimate) } : {}),
      ...(v.paper ? { notice: paperNoteText(v.paper) } : {}), ...(booking ? { booking: { slot: booking.slot, codeShown: booking.codeShown } } : {}) };
  }
}

function waitOfEstimate(e: TicketEstimate): WaitForecast {
  const { basis, minutes, low, high, afterBreak, beyondToday } = e;
  return { basis, minutes, low, high, afterBreak, beyondToday };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}
