/**
 * Pure ticket layout: what goes on the paper, in which order and style, independent of how the
 * bytes are produced (code page text or raster). No I/O.
 */
import { McError } from '../protocol/errors.js';
import type { Align } from './escpos.js';

import { PRIORITY_LABELS as LABELS, type Priority as Prio } from '../protocol/enums.js';
import type { WaitForecast } from '../protocol/messages.js';
import { waitLine as forecastLine } from '../protocol/wait-text.js';

export type Priority = Prio | null;

export interface TicketPrintData {
  officeName: string;
  address: string;
  fieldName: string;
  number: string;
  priority: Priority;
  /** Issue time, ms since the epoch. */
  issuedAt: number;
  /** IANA zone of the office, e.g. 'Asia/Ho_Chi_Minh'. */
  timezone: string;
  ahead: number;
  minutes: number;
  /** The forecast wait with its range (issue 23); when given it is printed instead of `minutes`. */
  wait?: WaitForecast;
  /** e.g. "Quầy 1, 6, 7". */
  counters: string;
  guidance: string;
  footer: string;
  qrUrl: string;
  /** Reprint: marked "BẢN IN LẠI". */
  copy: boolean;
  /** A line about paper dossiers after the field's cut-off (issue 20). */
  notice?: string;
  /** A booking checked in on time (issue 22c): its slot and code, printed as "Lịch hẹn 08:30 · mã ABCD-EFGH". */
  booking?: TicketBooking;
  logoPng?: Uint8Array;
}

/** The booking a ticket was issued for: slot "HH:mm" and the code as shown to the citizen. */
export interface TicketBooking { slot: string; codeShown: string }

/** "Lịch hẹn 08:30 · mã ABCD-EFGH" (the middle dot is in CP1258; a long line wraps like any other). */
export function bookingLine(b: TicketBooking): string {
  return `Lịch hẹn ${b.slot} · mã ${b.codeShown}`;
}

export type TextStyle = 'office' | 'address' | 'field' | 'body' | 'small' | 'copy' | 'priority';

export type TicketElement =
  | { kind: 'logo'; png: Uint8Array }
  | { kind: 'text'; text: string; style: TextStyle; align: Align }
  | { kind: 'number'; text: string }
  | { kind: 'rule' }
  | { kind: 'qr'; data: string };

export const PRIORITY_LABELS = LABELS;

export const COPY_MARK = 'BẢN IN LẠI';
export const QR_HINT = 'Quét mã để xem lượt của bạn';

/** "dd/MM/yyyy HH:mm" in the given IANA time zone. */
export function formatDateTimeVi(ms: number, timeZone: string): string {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
  } catch {
    throw new McError('MC_ERR_CONFIG_INVALID', `Unknown time zone: ${timeZone}`);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export function waitLine(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  return m < 1 ? 'Thời gian chờ dự kiến: dưới 1 phút' : `Thời gian chờ dự kiến: khoảng ${m} phút`;
}

/** The ticket, top to bottom. */
export function ticketElements(d: TicketPrintData): TicketElement[] {
  const t = (text: string, style: TextStyle, align: Align = 'center'): TicketElement => ({ kind: 'text', text: nfc(text), style, align });
  const out: TicketElement[] = [];
  if (d.logoPng && d.logoPng.length > 0) out.push({ kind: 'logo', png: d.logoPng });
  out.push(t(d.officeName, 'office'));
  if (d.address.trim()) out.push(t(d.address, 'small'));
  if (d.copy) out.push(t(COPY_MARK, 'copy'));
  out.push({ kind: 'rule' });
  out.push(t(d.fieldName, 'field'));
  out.push({ kind: 'number', text: nfc(d.number) });
  if (d.priority) out.push(t(`ƯU TIÊN – ${PRIORITY_LABELS[d.priority]}`, 'priority'));
  if (d.booking) out.push(t(bookingLine(d.booking), 'body'));
  out.push(t(formatDateTimeVi(d.issuedAt, d.timezone), 'body'));
  out.push({ kind: 'rule' });
  out.push(t(`Số người đang chờ trước: ${Math.max(0, Math.trunc(d.ahead))}`, 'body', 'left'));
  out.push(t(d.wait ? forecastLine(d.wait) : waitLine(d.minutes), 'body', 'left'));
  if (d.counters.trim()) out.push(t(`Nơi phục vụ: ${d.counters}`, 'body', 'left'));
  if (d.notice?.trim()) out.push(t(d.notice, 'body', 'left'));
  if (d.guidance.trim()) out.push(t(d.guidance, 'small', 'left'));
  if (d.qrUrl) {
    out.push({ kind: 'qr', data: d.qrUrl });
    out.push(t(QR_HINT, 'small'));
  }
  if (d.footer.trim()) out.push(t(d.footer, 'small'));
  if (d.copy) out.push(t(COPY_MARK, 'copy'));
  return out;
}

function nfc(s: string): string {
  return s.normalize('NFC').replace(/[\r\n]+/g, ' ').trim();
}

/**
 * Greedy word wrap: every returned line fits `width` per `measure`; a word longer than a line is
 * split by characters (never by code unit, so combining/astral characters stay whole).
 */
export function wrapWords(text: string, width: number, measure: (s: string) => number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    const next = cur ? `${cur} ${word}` : word;
    if (measure(next) <= width) { cur = next; continue; }
    if (cur) lines.push(cur);
    cur = '';
    let piece = '';
    for (const ch of word) {
      if (piece && measure(piece + ch) > width) { lines.push(piece); piece = ''; }
      piece += ch;
    }
    cur = piece;
  }
  if (cur) lines.push(cur);
  return lines.length ? lines : [''];
}
