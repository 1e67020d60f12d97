/** Plain data of the queue: tickets, counters, events and commands. No I/O here. */
import type { Ticket } from '../../protocol/messages.js';
export { OUTCOMES, PRIORITIES, type Outcome, type Priority, type TicketStatus } from '../../protocol/enums.js';
import type { Outcome, Priority } from '../../protocol/enums.js';
export type { Ticket };

export interface RatingWindow { ticketId: string; clerkId: string; until: number }
export interface CounterState { id: string; clerkId: string | null; ticketId: string | null; rating: RatingWindow | null }

export interface QueueState {
  day: string;
  tickets: Map<string, Ticket>;
  /**
   * The tickets still in play (pending, waiting, called, held) by field, kept by apply(). Selection, estimates and
   * the day rollover scan these, not the whole day: a busy office issues thousands of tickets a day, with dozens
   * open. `openTickets()` gives all of them.
   */
  openByField: Map<string, Map<string, Ticket>>;
  counters: Map<string, CounterState>;
  /** Last issued seq per `${day}|${fieldId}`. */
  lastSeq: Map<string, number>;
  serial: number;
  /** Recent service durations (ms) per field, newest last, for wait estimates. */
  serviceTimes: Map<string, number[]>;
}

interface Ev<T extends string, D> { type: T; at: number; data: D }
export type QueueEvent =
  | Ev<'day.opened', { day: string }>
  | Ev<'ticket.issued', { ticket: Ticket }>
  | Ev<'ticket.printed', { ticketId: string }>
  | Ev<'ticket.voided', { ticketId: string; reason: string }>
  | Ev<'ticket.expired', { ticketId: string }>
  | Ev<'ticket.called', { ticketId: string; counterId: string; clerkId: string }>
  | Ev<'ticket.recalled', { ticketId: string; counterId: string; count: number }>
  | Ev<'ticket.no_show', { ticketId: string; counterId: string; clerkId: string }>
  | Ev<'ticket.held', { ticketId: string; counterId: string; clerkId: string }>
  | Ev<'ticket.resumed', { ticketId: string; counterId: string; clerkId: string }>
  | Ev<'ticket.transferred', { ticketId: string; fromCounterId: string; toCounterId: string | null; toFieldId: string; orderAt: number; serial: number }>
  | Ev<'ticket.finished', { ticketId: string; counterId: string; clerkId: string; outcome: Outcome; dossierCode: string | null; ratingUntil: number }>
  | Ev<'clerk.signed_in', { clerkId: string; counterId: string }>
  | Ev<'clerk.signed_out', { clerkId: string; counterId: string }>
  | Ev<'rating.recorded', { ticketId: string; counterId: string; clerkId: string; fieldId: string; level: string; score: number; reason: string | null; source: string; dossierCode?: string | null }>;
export type EventType = QueueEvent['type'];

export type Command =
  /** `orderAt`: a place in line other than now (a booking ranked by its booking time); `slotAt`: a booking called first from its window. */
  | { op: 'issue'; fieldId: string; priority?: Priority | null; source: string; awaitPrint: boolean; orderAt?: number; slotAt?: number | null }
  | { op: 'printed'; ticketId: string }
  | { op: 'void'; ticketId: string; reason: string }
  | { op: 'next'; counterId: string }
  | { op: 'recall'; counterId: string }
  | { op: 'skip'; counterId: string }
  | { op: 'hold'; counterId: string }
  | { op: 'resume'; counterId: string; ticketId: string }
  /** Call one ticket by choice: a number typed at the console, or a citizen marked absent who came back. */
  | { op: 'call'; counterId: string; ticketId: string }
  | { op: 'transfer'; counterId: string; toCounterId?: string | null; toFieldId?: string | null }
  | { op: 'finish'; counterId: string; outcome: Outcome; dossierCode?: string | null }
  | { op: 'signIn'; counterId: string; clerkId: string }
  | { op: 'signOut'; counterId: string }
  /** `windowSeconds`: how long after the service a rating by ticket is accepted (default rating.windowSeconds; the phone's page has its own). */
  | { op: 'rate'; counterId?: string | null; ticketId?: string | null; level: string; reason?: string | null; source: string; windowSeconds?: number };
export type Op = Command['op'];

/** Statuses of a ticket still in play; the others (done, no_show, voided, expired) are final. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(['pending', 'waiting', 'called', 'held']);
export const isOpen = (t: { status: string }): boolean => OPEN_STATUSES.has(t.status);

/** Put `t` in the open index if it is still in play, or take it out (wherever its field was before). */
export function indexOpen(s: QueueState, t: Ticket): void {
  for (const m of s.openByField.values()) m.delete(t.id);
  if (!isOpen(t)) return;
  let m = s.openByField.get(t.fieldId);
  if (!m) { m = new Map(); s.openByField.set(t.fieldId, m); }
  m.set(t.id, t);
}

/** The open tickets of one field. */
export function openOf(s: QueueState, fieldId: string): Iterable<Ticket> {
  return s.openByField.get(fieldId)?.values() ?? [];
}

/** Every open ticket. */
export function* openTickets(s: QueueState): Iterable<Ticket> {
  for (const m of s.openByField.values()) yield* m.values();
}

export function emptyState(day: string): QueueState {
  return { day, tickets: new Map(), openByField: new Map(), counters: new Map(), lastSeq: new Map(), serial: 0, serviceTimes: new Map() };
}
