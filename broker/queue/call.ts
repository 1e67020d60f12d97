/**
 * What a clerk sees and calls by choice, pure: the waiting list in the order Next calls it, the citizens marked
 * absent today (who may come back), and calling one ticket by its id: a number typed at the console, or a
 * no-show called back. Next itself stays in select.ts (`pickNext`); the list below uses the same ordering.
 */
import type { CounterConfig, OfficeConfig } from '../../config/types.js';
import { McError } from '../../protocol/errors.js';
import { compareAt, eligible } from './select.js';
import { openTickets, type QueueEvent, type QueueState, type Ticket } from './types.js';

/** Whether counter `c` serves `t`'s field (or `t` was sent to it). */
function servedAt(t: Ticket, c: CounterConfig): boolean {
  return t.targetCounterId ? t.targetCounterId === c.id : c.fields.includes(t.fieldId);
}

/** The tickets Next would call at `c`, in the order it calls them, then the tickets held at `c`. */
export function waitingOrder(s: QueueState, c: CounterConfig, cfg: OfficeConfig, today: string): Ticket[] {
  const open = [...openTickets(s)];
  const next = open.filter((t) => eligible(t, c, cfg, today)).sort(compareAt(c, cfg));
  const held = open.filter((t) => t.status === 'held' && t.counterId === c.id && t.day === today).sort((a, b) => a.orderAt - b.orderAt || a.serial - b.serial);
  return [...next, ...held];
}

/** Today's citizens marked absent at `c` or in its fields, the latest first: they may be called back. */
export function missedAt(s: QueueState, c: CounterConfig, today: string): Ticket[] {
  const out: Ticket[] = [];
  for (const t of s.tickets.values()) {
    if (t.status === 'no_show' && t.day === today && (t.counterId === c.id || c.fields.includes(t.fieldId))) out.push(t);
  }
  return out.sort((a, b) => (b.calledAt ?? 0) - (a.calledAt ?? 0) || b.serial - a.serial);
}

/** Whether the clerk at `c` may call `t` by choice: waiting for this counter, or absent earlier today here. */
export function callableAt(t: Ticket, c: CounterConfig, today: string): boolean {
  if (t.day !== today) return false;
  if (t.status === 'waiting') return servedAt(t, c);
  if (t.status === 'no_show') return t.counterId === c.id || c.fields.includes(t.fieldId);
  return false;
}

/** The ticket a typed number means at `c`: a waiting one first, else an absent one; null if none. */
export function findCallable(s: QueueState, c: CounterConfig, today: string, number: string): Ticket | null {
  const want = number.trim();
  let missed: Ticket | null = null;
  for (const t of s.tickets.values()) {
    if (t.number !== want || !callableAt(t, c, today)) continue;
    if (t.status === 'waiting') return t;
    missed ??= t;
  }
  return missed;
}

/** The event of calling ticket `ticketId` at counter `c` by choice (the counter must be free). */
export function decideCall(s: QueueState, c: CounterConfig, clerkId: string, cur: Ticket | null, ticketId: string, at: number, today: string): QueueEvent[] {
  if (cur && cur.status === 'called') throw new McError('MC_ERR_COUNTER_BUSY');
  const t = s.tickets.get(ticketId);
  if (!t) throw new McError('MC_ERR_UNKNOWN_TICKET', ticketId);
  if (!callableAt(t, c, today)) throw new McError('MC_ERR_WRONG_STATE', `ticket ${t.number} is ${t.status}: only a ticket waiting for this counter, or absent today, can be called`);
  return [{ type: 'ticket.called', at, data: { ticketId: t.id, counterId: c.id, clerkId } }];
}
