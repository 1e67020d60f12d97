import type { Logger } from 'pino';
import type { OfficeConfig } from '../../config/types.js';
import { encodeTicket, printJob, SerialPrinterLink, TcpPrinterLink, UsbLpPrinterLink, type PrinterLink, type PrinterProfile } from '../../printer/index.js';
import type { Device } from '../devices/registry.js';
import type { TicketPrintInput } from './dispensing.js';
import type { MqttPrinters } from './mqtt-printer.js';
import type { PrinterStatus, TicketPrinter } from './printing.js';

export interface PrinterOptions { transport: 'tcp' | 'usblp' | 'serial' | 'mqtt'; host?: string; port?: number; path?: string; baudRate?: number; paper?: 58 | 80; text?: 'raster' | 'cp1258'; model?: string }

/** One ticket's ESC/POS bytes with the office's texts, whatever carries them to the printer. */
export function ticketBytes(t: TicketPrintInput, profile: PrinterProfile, c: OfficeConfig, baseUrl: string): Uint8Array {
  return encodeTicket({
    officeName: c.office.name, address: c.office.address, fieldName: t.fieldName, number: t.number, priority: t.priority, issuedAt: t.issuedAt,
    timezone: c.office.timezone, ahead: t.ahead, minutes: t.minutes, ...(t.wait ? { wait: t.wait } : {}), counters: t.counters, guidance: c.texts.ticketGuidance, footer: c.texts.ticketFooter,
    qrUrl: `${baseUrl}/t/${t.ref}`, copy: t.copy, ...(t.notice ? { notice: t.notice } : {}), ...(t.booking ? { booking: t.booking } : {}),
  }, profile);
}

/** The paper and text mode a printer device's options ask for. */
export function profileOf(o: PrinterOptions): PrinterProfile {
  return { paper: o.paper ?? 80, text: o.text ?? 'raster', ...(o.model ? { model: o.model } : {}) };
}

/** Make the link a printer device's options name; null (with a reason) when they are incomplete. */
export function linkFor(o: PrinterOptions, log: Logger): PrinterLink | string {
  switch (o.transport) {
    case 'tcp': return o.host ? new TcpPrinterLink({ host: o.host, port: o.port ?? 9100, logger: log }) : 'options.host is required for a network printer';
    case 'usblp': return o.path ? new UsbLpPrinterLink({ path: o.path, logger: log }) : 'options.path (e.g. /dev/usb/lp0) is required';
    case 'serial': return o.path ? new SerialPrinterLink({ path: o.path, baudRate: o.baudRate ?? 19200, logger: log }) : 'options.path (e.g. /dev/ttyUSB0) is required';
    case 'mqtt': return 'an MQTT printer has no link: the hub sends it print jobs over MQTT (MqttPrinters)';
    default: return `unknown transport "${String((o as { transport?: unknown }).transport)}" (tcp, usblp or serial)`;
  }
}

/**
 * A thermal ticket printer the hub drives itself (network, USB or serial): lays the ticket out with the office's
 * texts, sends it all-or-nothing, and polls the printer's status so the device list shows paper-out at once.
 */
export class LinkTicketPrinter implements TicketPrinter {
  /** null until the first answer, so the first status is always reported. */
  private last: PrinterStatus | null = null;
  private timer: NodeJS.Timeout | null = null;
  lastSentAt = 0;
  constructor(readonly id: string, private readonly link: PrinterLink, private readonly profile: PrinterProfile,
    private readonly cfg: () => OfficeConfig, private readonly baseUrl: () => string, private readonly report: (s: PrinterStatus) => void, private readonly pollMs = 5000) {}

  start(): void {
    const poll = async () => {
      const s = await this.link.status().catch(() => 'offline' as const);
      this.set(s);
      this.timer = setTimeout(() => void poll(), this.pollMs);
      this.timer.unref();
    };
    void poll();
  }

  private set(s: PrinterStatus): void {
    if (s !== this.last) { this.last = s; this.report(s); }
  }

  status(): PrinterStatus { return this.last ?? 'ok'; }

  async refresh(): Promise<PrinterStatus> {
    this.set(await this.link.status().catch(() => 'offline' as const));
    return this.status();
  }

  encode(t: TicketPrintInput): Uint8Array { return ticketBytes(t, this.profile, this.cfg(), this.baseUrl()); }

  async print(t: TicketPrintInput): Promise<void> {
    try {
      const r = await printJob(this.link, this.encode(t));
      this.lastSentAt = r.sentAt;
      this.set(r.status);
    } catch (e) {
      const st = (e as { details?: { status?: PrinterStatus } }).details?.status;
      if (st) this.set(st);
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.link.close();
  }
}

/** The default printer factory: a printer device whose options name a transport (MQTT printers: `mqtt.printer`). */
export function printerFromDevice(d: Device, cfg: () => OfficeConfig, baseUrl: () => string, report: (s: PrinterStatus) => void, log: Logger,
  mqtt?: MqttPrinters): TicketPrinter | null {
  const o = d.options as unknown as PrinterOptions;
  if (!o.transport) return null;
  if (o.transport === 'mqtt' && mqtt) return mqtt.printer(d.id, (t) => ticketBytes(t, profileOf(o), cfg(), baseUrl()));
  const link = linkFor(o, log.child({ printer: d.id }));
  if (typeof link === 'string') { log.error({ printer: d.id }, `printer not started: ${link}`); return null; }
  const p = new LinkTicketPrinter(d.id, link, profileOf(o), cfg, baseUrl, report);
  p.start();
  return p;
}
