import { indexOpen, isOpen, type CounterState, type QueueEvent, type QueueState, type Ticket } from './types.js';

const KEEP_SERVICE_TIMES = 20;

function counter(s: QueueState, id: string): CounterState {
  let c = s.counters.get(id);
  if (!c) { c = { id, clerkId: null, ticketId: null, rating: null }; s.counters.set(id, c); }
  return c;
}

function t(s: QueueState, id: string): Ticket {
  const x = s.tickets.get(id);
  if (!x) throw new Error(`apply: unknown ticket ${id}`);
  return x;
}

function freeCounterOf(s: QueueState, tk: Ticket): void {
  if (!tk.counterId) return;
  const c = s.counters.get(tk.counterId);
  if (c && c.ticketId === tk.id) c.ticketId = null;
}

export function recordServiceTime(s: QueueState, fieldId: string, ms: number): void {
  const xs = s.serviceTimes.get(fieldId) ?? [];
  xs.push(ms);
  if (xs.length > KEEP_SERVICE_TIMES) xs.shift();
  s.serviceTimes.set(fieldId, xs);
}

/**
 * Fold one event into the state (mutating it). Returns the ids of tickets and counters it touched,
 * so the store can write exactly those projection rows. The open-ticket index follows the touched tickets.
 */
export function apply(s: QueueState, e: QueueEvent): { tickets: string[]; counters: string[] } {
  const touched = fold(s, e);
  for (const id of touched.tickets) {
    const tk = s.tickets.get(id);
    if (tk) indexOpen(s, tk);
  }
  return touched;
}

function fold(s: QueueState, e: QueueEvent): { tickets: string[]; counters: string[] } {
  switch (e.type) {
    case 'day.opened': s.day = e.data.day; return { tickets: [], counters: [] };
    case 'ticket.issued': {
      const tk = { ...e.data.ticket };
      tk.series ??= tk.fieldId; // events written before tickets carried their series: it was the field at issue
      s.tickets.set(tk.id, tk);
      s.lastSeq.set(`${tk.day}|${tk.series}`, tk.seq);
      s.serial = Math.max(s.serial, tk.serial);
      return { tickets: [tk.id], counters: [] };
    }
    case 'ticket.printed': t(s, e.data.ticketId).status = 'waiting'; return { tickets: [e.data.ticketId], counters: [] };
    case 'ticket.voided': case 'ticket.expired': {
      const tk = t(s, e.data.ticketId);
      tk.status = e.type === 'ticket.voided' ? 'voided' : 'expired';
      freeCounterOf(s, tk);
      return { tickets: [tk.id], counters: tk.counterId ? [tk.counterId] : [] };
    }
    case 'ticket.called': case 'ticket.resumed': {
      const tk = t(s, e.data.ticketId);
      Object.assign(tk, { status: 'called', counterId: e.data.counterId, clerkId: e.data.clerkId, targetCounterId: null });
      if (e.type === 'ticket.called') tk.calledAt = e.at;
      counter(s, e.data.counterId).ticketId = tk.id;
      return { tickets: [tk.id], counters: [e.data.counterId] };
    }
    case 'ticket.recalled': t(s, e.data.ticketId).recalls = e.data.count; return { tickets: [e.data.ticketId], counters: [] };
    case 'ticket.no_show': case 'ticket.held': {
      const tk = t(s, e.data.ticketId);
      tk.status = e.type === 'ticket.no_show' ? 'no_show' : 'held';
      counter(s, e.data.counterId).ticketId = null;
      return { tickets: [tk.id], counters: [e.data.counterId] };
    }
    case 'ticket.transferred': {
      const tk = t(s, e.data.ticketId);
      Object.assign(tk, { status: 'waiting', fieldId: e.data.toFieldId, targetCounterId: e.data.toCounterId, orderAt: e.data.orderAt, serial: e.data.serial, recalls: 0 });
      s.serial = Math.max(s.serial, e.data.serial);
      counter(s, e.data.fromCounterId).ticketId = null;
      return { tickets: [tk.id], counters: [e.data.fromCounterId] };
    }
    case 'ticket.finished': {
      const tk = t(s, e.data.ticketId);
      Object.assign(tk, { status: 'done', outcome: e.data.outcome, dossierCode: e.data.dossierCode, finishedAt: e.at });
      if (tk.calledAt !== null) recordServiceTime(s, tk.fieldId, e.at - tk.calledAt);
      const c = counter(s, e.data.counterId);
      c.ticketId = null;
      c.rating = { ticketId: tk.id, clerkId: e.data.clerkId, until: e.data.ratingUntil };
      return { tickets: [tk.id], counters: [c.id] };
    }
    case 'clerk.signed_in': counter(s, e.data.counterId).clerkId = e.data.clerkId; return { tickets: [], counters: [e.data.counterId] };
    case 'clerk.signed_out': {
      const c = counter(s, e.data.counterId);
      c.clerkId = null;
      c.rating = null;
      return { tickets: [], counters: [c.id] };
    }
    case 'rating.recorded': {
      t(s, e.data.ticketId).rating = e.data.level; // the counter's window stays, so a second press says "already rated"
      return { tickets: [e.data.ticketId], counters: [] };
    }
  }
}

/** Forget finished days: tickets (and their number series) of days before `day` that are closed. Memory stays bounded. */
export function pruneBefore(s: QueueState, day: string): void {
  for (const [id, t] of s.tickets) if (t.day < day && !isOpen(t)) s.tickets.delete(id);
  for (const k of s.lastSeq.keys()) if (k.slice(0, 10) < day) s.lastSeq.delete(k);
}
