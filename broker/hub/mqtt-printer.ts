/**
 * Printers with their own MQTT firmware (a dispenser box with a board and a printer), driven like a network printer:
 * the hub lays the ticket out, sends its ESC/POS bytes as a print job on the printer's `set`, and waits for the
 * acknowledgement on the printer's `event`; no acknowledgement, or `ok: false`, fails the job and the ticket is
 * voided. The printer's retained `state` and its availability (or its session, with the embedded broker) give the
 * status checked before a number is taken. See docs/protocol.md, "Printer".
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PrinterStatus } from '../../protocol/enums.js';
import { McError } from '../../protocol/errors.js';
import type { PrintAck, PrinterState } from '../../protocol/messages.js';
import { PROTOCOL_VERSION, ROOT, deviceTopic, parseDeviceTopic } from '../../protocol/topics.js';
import type { Bus } from './bus.js';
import type { TicketPrintInput } from './dispensing.js';
import type { TicketPrinter } from './printing.js';
import { validPrintAck, validPrinterState } from './wire-check.js';

interface Known { status: PrinterStatus | null; online: boolean }
interface Waiter { resolve(a: PrintAck): void; reject(e: Error): void; timer: NodeJS.Timeout }

/** The office's MQTT printers: one subscription for all, messages routed by device id, last status kept per id. */
export class MqttPrinters {
  private readonly printers = new Map<string, MqttTicketPrinter>();
  private readonly known = new Map<string, Known>();
  constructor(private readonly o: { office: string; bus: Bus; log: Logger; ackTimeoutMs?: number; isLive?: (id: string) => boolean }) {}

  async start(): Promise<void> {
    const base = `${ROOT}/${this.o.office}/printer/+`;
    await this.o.bus.subscribe(`${base}/state`, (t, p) => this.onState(t, p));
    await this.o.bus.subscribe(`${base}/availability`, (t, p) => this.onAvailability(t, p));
    await this.o.bus.subscribe(`${base}/event`, (t, p) => this.onEvent(t, p));
  }

  /** Drive printer `id`; `encode` gives a ticket's bytes. */
  printer(id: string, encode: (t: TicketPrintInput) => Uint8Array): MqttTicketPrinter {
    const p = new MqttTicketPrinter(id, {
      encode, status: () => this.status(id), ackTimeoutMs: this.o.ackTimeoutMs ?? 6000,
      send: (job) => this.o.bus.publish(deviceTopic(this.o.office, 'printer', id, 'set'), job, { qos: 1 }),
      closed: () => { if (this.printers.get(id) === p) this.printers.delete(id); },
    });
    this.printers.set(id, p);
    return p;
  }

  status(id: string): PrinterStatus {
    const k = this.known.get(id);
    if (!k?.online || this.o.isLive?.(id) === false) return 'offline';
    return k.status ?? 'offline';
  }

  private idOf(topic: string): string | null { return parseDeviceTopic(topic)?.id ?? null; }
  private update(id: string, f: (k: Known) => void): void {
    const k = this.known.get(id) ?? { status: null, online: true };
    f(k);
    this.known.set(id, k);
  }

  private onState(topic: string, payload: Buffer): void {
    const id = this.idOf(topic);
    const body = parse(payload);
    if (!id || !validPrinterState(body) || body.v !== PROTOCOL_VERSION) return; // the gateway logs what is wrong
    this.update(id, (k) => { k.status = (body as PrinterState).status; k.online = true; });
  }

  private onAvailability(topic: string, payload: Buffer): void {
    const id = this.idOf(topic);
    const v = payload.toString('utf8');
    if (id && (v === 'online' || v === 'offline')) this.update(id, (k) => { k.online = v === 'online' || this.o.isLive?.(id) === true; });
  }

  private onEvent(topic: string, payload: Buffer): void {
    const id = this.idOf(topic);
    const body = parse(payload) as { type?: unknown } | null;
    if (!id || body?.type !== 'print') return;
    if (!validPrintAck(body) || body.v !== PROTOCOL_VERSION) { this.o.log.warn({ printer: id }, 'print acknowledgement ignored: bad payload'); return; }
    if (body.status) this.update(id, (k) => { k.status = body.status ?? k.status; });
    this.printers.get(id)?.acknowledged(body);
  }

  close(): void { for (const p of [...this.printers.values()]) void p.close(); }
}

function parse(p: Buffer): unknown {
  try { return JSON.parse(p.toString('utf8')) as unknown; } catch { return null; }
}

/** One MQTT printer as the hub's `TicketPrinter`. */
export class MqttTicketPrinter implements TicketPrinter {
  private readonly waiting = new Map<string, Waiter>();
  constructor(readonly id: string, private readonly o: {
    encode: (t: TicketPrintInput) => Uint8Array; status: () => PrinterStatus; ackTimeoutMs: number;
    send: (job: { v: number; id: string; op: 'print'; ticketId: string; copy: boolean; data: string }) => void; closed: () => void;
  }) {}

  status(): PrinterStatus { return this.o.status(); }
  /** An MQTT printer publishes its state when it changes: the last one is the current one. */
  async refresh(): Promise<PrinterStatus> { return this.o.status(); }

  async print(t: TicketPrintInput): Promise<void> {
    const id = randomUUID();
    const data = Buffer.from(this.o.encode(t)).toString('base64');
    const ack = new Promise<PrintAck>((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new McError('MC_ERR_PRINT_FAILED', `printer ${this.id}: no acknowledgement within ${this.o.ackTimeoutMs} ms`)); }, this.o.ackTimeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
    });
    this.o.send({ v: PROTOCOL_VERSION, id, op: 'print', ticketId: t.ticketId, copy: t.copy, data });
    const a = await ack;
    if (!a.ok) throw new McError('MC_ERR_PRINT_FAILED', `printer ${this.id}: ${a.status ?? 'error'}${a.detail ? ` (${a.detail})` : ''}`, { status: a.status ?? 'error' });
  }

  acknowledged(a: PrintAck): void {
    const w = this.waiting.get(a.id);
    if (!w) return; // a repeated or late acknowledgement
    this.waiting.delete(a.id);
    clearTimeout(w.timer);
    w.resolve(a);
  }

  async close(): Promise<void> {
    for (const w of this.waiting.values()) { clearTimeout(w.timer); w.reject(new McError('MC_ERR_PRINT_FAILED', `printer ${this.id} removed`)); }
    this.waiting.clear();
    this.o.closed();
  }
}
