/**
 * Payload types of the protocol (JSON, UTF-8; every JSON payload carries `v`). `map.ts` says which topic carries
 * which of them; `schemas.ts` holds the JSON schemas that check them on the wire.
 */
import type { Availability, CallKind, DeviceKind, Outcome, PrinterStatus, Priority, RatingResult, TicketStatus } from './enums.js';
import type { ErrorCode } from './errors.js';

export type { Availability };

/** A ticket as the hub keeps it and answers it (`result` of `issue`, `next`, ...). */
export interface Ticket {
  id: string;
  day: string;
  /** The field it is waiting for or served in (a transfer to a field changes it). */
  fieldId: string;
  /** The field whose number series gave this ticket `seq` and `number`: never changes. */
  series: string;
  seq: number;
  number: string;
  priority: Priority | null;
  status: TicketStatus;
  source: string;
  issuedAt: number;
  /** Place in line: [time, serial]. A transfer that does not keep the place renews it. */
  orderAt: number;
  serial: number;
  counterId: string | null;
  clerkId: string | null;
  targetCounterId: string | null;
  calledAt: number | null;
  finishedAt: number | null;
  recalls: number;
  outcome: Outcome | null;
  dossierCode: string | null;
  rating: string | null;
  /** A booking checked in under the 'slot-first' policy: its slot's start (ms); called before walk-ins from its window. */
  slotAt?: number | null;
}

/** What citizens' pages and devices are told about a ticket. */
export type PublicTicket = Pick<Ticket, 'id' | 'day' | 'fieldId' | 'number' | 'priority' | 'status' | 'counterId' | 'clerkId' | 'issuedAt' | 'calledAt' | 'finishedAt' | 'outcome' | 'dossierCode'>;
/**
 * A wait as forecast by simulating the office forward (issue 23): minutes from now, central (median) and range
 * (10th–90th percentile); `afterBreak` 'HH:MM' when it cannot be reached before the break (or opening);
 * `basis: 'none'` when the office has no service history yet, and then no figure at all.
 */
export interface WaitForecast {
  basis: 'history' | 'none';
  minutes: number | null; low: number | null; high: number | null;
  afterBreak: string | null;
  /** Most simulated days do not reach it before the last session ends. */
  beyondToday: boolean;
}
/** A ticket with its live position: the answer to `issue` and the QR page. */
export interface TicketView extends PublicTicket {
  fieldName: string;
  counterNumber: number | null;
  estimate: ({ ahead: number } & WaitForecast) | null;
  counters: { counterId: string; number: number; name: string; serving: string | null }[];
}

/** Device → hub on `request`. The flat wire form (checked by `requestSchema`); `DeviceRequest` is the typed one. */
export interface WireRequest {
  v: number;
  id: string;
  op: RequestOp;
  fieldId?: string;
  priority?: Priority | null;
  level?: string;
  ticketId?: string;
  reason?: string;
  outcome?: Outcome;
  dossierCode?: string;
  clerkCode?: string;
  toCounter?: number;
  code?: string;
  card?: string;
}

/** The arguments of each operation (beside `v`, `id`, `op`). */
export interface RequestArgsMap {
  /** `card`: the text of a chip ID card's QR code (age priority, per-person limit); the hub keeps none of it. */
  issue: { fieldId: string; priority?: Priority | null; card?: string };
  /** A booking's code, typed or scanned (the booking QR's text): the ticket is printed and placed by the office's policy. */
  checkIn: { code: string };
  rate: { level: string; ticketId?: string; reason?: string };
  next: Record<never, never>;
  recall: Record<never, never>;
  skip: Record<never, never>;
  hold: Record<never, never>;
  /** Call back the oldest held ticket of the counter, or `ticketId`. */
  resume: { ticketId?: string };
  /** To another counter by its number (a keypad types digits). */
  transfer: { toCounter: number };
  /** `outcome` may be left out: the counter's default outcome (`guidance`) is used. */
  finish: { outcome?: Outcome; dossierCode?: string };
  /** A clerk signs in at the keypad's counter with their keypad code. */
  signIn: { clerkCode: string };
  signOut: Record<never, never>;
}
export type RequestOp = keyof RequestArgsMap;
export const REQUEST_OPS = ['issue', 'checkIn', 'rate', 'next', 'recall', 'skip', 'hold', 'resume', 'transfer', 'finish', 'signIn', 'signOut'] as const satisfies readonly RequestOp[];
export type DeviceRequest<O extends RequestOp = RequestOp> = { [K in O]: { v: number; id: string; op: K } & RequestArgsMap[K] }[O];

/** The `result` of each operation when it succeeds. */
export interface RequestResultMap {
  issue: TicketView & { cardPriority?: boolean };
  checkIn: TicketView & { booking: { code: string; codeShown: string; slot: string; late: boolean; policy: string } };
  rate: PublicTicket | null;
  next: PublicTicket | null;
  recall: PublicTicket | null;
  skip: PublicTicket | null;
  hold: PublicTicket | null;
  resume: PublicTicket | null;
  transfer: PublicTicket | null;
  finish: PublicTicket | null;
  signIn: PublicTicket | null;
  signOut: PublicTicket | null;
}

export interface ErrorBody { code: ErrorCode; message: string; messageEn: string }
/** Hub → device on `response`: always the request's `id` (a payload without a readable id is answered with `id: null`). */
export type Response<R = unknown> =
  | { v: number; id: string; ok: true; result: R }
  | { v: number; id: string | null; ok: false; error: ErrorBody };

/** Printer → hub on `state` (retained). */
export interface PrinterState { v: number; status: PrinterStatus; paper?: 'ok' | 'low' | 'out'; detail?: string; at?: number }
/** Hub → printer on its `set` channel: raw ESC/POS bytes, base64. The printer answers on `response` with the same id. */
export interface PrintJob { v: number; id: string; op: 'print'; ticketId: string; copy: boolean; data: string }
/** The print job's acknowledgement: `ok` once every byte is printed; else the printer's status says why. */
export interface PrintAck { v: number; id: string; ok: boolean; status?: PrinterStatus; detail?: string }
/** Printer → hub on its `event` channel (a device publishes only on its own availability/state/request/event). */
export type PrintAckEvent = PrintAck & { type: 'print' };

/**
 * Hub → rating pad on its `set`: light up for one ticket for `validForS` seconds (a lifetime, counted on the pad's
 * own clock: the pad's clock need not agree with the hub's), or go dark.
 */
export type RatingSet =
  | { v: number; op: 'open'; ticketId: string; validForS: number; levels: { key: string; label: string }[] }
  | { v: number; op: 'close'; ticketId: string | null; result?: RatingResult };

/** Device → hub on `state` (retained) for kinds other than printers: free-form, but JSON with `v`. */
export interface DeviceState { v: number; [key: string]: unknown }
/** Device → hub on `event`: something the device saw (button stuck, paper low...), logged by the hub. */
export interface DeviceEvent { v: number; type: string; detail?: string; at?: number }

export interface CallMessage { v: number; kind: CallKind; ticketId: string; number: string; counterId: string; counterNumber: number; fieldId: string; at: number; text: string }

export interface CounterTicket { ticketId: string; number: string; fieldName: string; status: TicketStatus; priority: Priority | null }
export interface CounterClerk { id: string; name: string; title: string; workField: string; phone: string }
/** Retained on `hub/counter/{counterId}`. */
export interface CounterMessage {
  v: number; counterId: string; counterNumber: number; counterName: string; fields: string[]; open: boolean;
  ticket: CounterTicket | null; clerk: CounterClerk | null; at: number;
}

/** A field's queue and the forecast wait of a citizen who takes a number now. */
export interface FieldWait extends WaitForecast { fieldId: string; name: string; waiting: number }
export interface OfficeFigures { onTime: number; overdue: number; inProgress?: number; asOf: number | string; cached?: boolean }
export interface HallCounter { counterId: string; counterNumber: number; counterName: string; fields: string[]; open: boolean; number: string | null; clerkName: string | null; /** A large center's area (config `sector`), for a hall display of one sector. */ sector?: string }
/** Another reception point of the same center, as it last said (`stale`: not heard from for two minutes). */
export interface PointFigure { office: string; name: string; waiting: number; /** null: no forecast yet (no history) */ minutes: number | null; at: number; stale: boolean }
/** The center's other points: `link` is this hub's link to them (down: this point serves alone, and says so). */
export interface CenterPoints { link: 'up' | 'down'; others: PointFigure[] }
/** Retained on `hub/hall`. */
export interface HallMessage {
  v: number;
  office: { name: string; shortName?: string; level: string };
  counters: HallCounter[];
  recent: CallMessage[];
  waiting: FieldWait[];
  figures: OfficeFigures | null;
  notice: string;
  voice: { enabled: boolean; volume: number };
  /** Only at a point of a center that shares its figures (config `onestop.centerId`). */
  points?: CenterPoints;
  at: number;
}
/** Retained on `hub/queue`. */
export interface QueueMessage { v: number; fields: FieldWait[]; at: number }

export interface DevicePresence { online: boolean; lastSeen: number | null; state: Record<string, unknown> | null }
/** `ageS`: seconds since the hub last heard from the device (a lifetime, not a date to compare with a device's clock). */
export interface DeviceListEntry extends DevicePresence { id: string; kind: DeviceKind; name: string; counterId: string | null; disabled: boolean; ageS: number | null }
/** Retained on `hub/devices`. */
export interface DevicesMessage { v: number; at: number; devices: DeviceListEntry[] }
