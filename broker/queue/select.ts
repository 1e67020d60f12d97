import type { CounterConfig, OfficeConfig } from '../../config/types.js';
import { openOf, type QueueState, type Ticket } from './types.js';

/** Whether `t` may be called at counter `c` under the office's priority mode. */
export function eligible(t: Ticket, c: CounterConfig, cfg: OfficeConfig, today: string): boolean {
  if (t.status !== 'waiting' || t.day !== today) return false;
  if (t.targetCounterId) return t.targetCounterId === c.id;
  if (!c.fields.includes(t.fieldId)) return false;
  if (cfg.queue.priorityMode === 'dedicated' && t.priority && !c.priority) return false;
  return true;
}

function priorityFirst(c: CounterConfig, cfg: OfficeConfig): boolean {
  switch (cfg.queue.priorityMode) {
    case 'none': return false;
    case 'first': return c.acceptsPriority || c.priority;
    case 'dedicated': return c.priority;
  }
}

/**
 * A booking checked in under the 'slot-first' policy carries its slot's start (`slotAt`): from `booking.windowMinutes`
 * before it, the ticket is called before every walk-in. `now` unknown (Infinity): every such ticket counts as due.
 */
function due(t: Ticket, windowMs: number, now: number): boolean {
  return typeof t.slotAt === 'number' && now >= t.slotAt - windowMs;
}

/** Sort key comparison: a due booking (earliest slot first), then priority (if the counter serves it first), then place in line. */
export function compareAt(c: CounterConfig, cfg: OfficeConfig, now = Infinity): (a: Ticket, b: Ticket) => number {
  const pf = priorityFirst(c, cfg);
  const windowMs = cfg.booking.windowMinutes * 60_000;
  return (a, b) => {
    const da = due(a, windowMs, now);
    if (da !== due(b, windowMs, now)) return da ? -1 : 1;
    if (da && a.slotAt !== b.slotAt) return (a.slotAt as number) - (b.slotAt as number);
    if (pf && !!a.priority !== !!b.priority) return a.priority ? -1 : 1;
    return a.orderAt - b.orderAt || a.serial - b.serial;
  };
}

/** The ticket counter `c` calls next, or null. Oldest waiting first, priority rules applied. */
export function pickNext(state: QueueState, c: CounterConfig, cfg: OfficeConfig, today: string, now = Infinity): Ticket | null {
  const cmp = compareAt(c, cfg, now);
  let best: Ticket | null = null;
  const consider = (t: Ticket) => { if (eligible(t, c, cfg, today) && (!best || cmp(t, best) < 0)) best = t; };
  for (const f of c.fields) for (const t of openOf(state, f)) consider(t);
  // tickets sent to this counter by a transfer, whatever their field
  for (const [f, m] of state.openByField) if (!c.fields.includes(f)) for (const t of m.values()) if (t.targetCounterId === c.id) consider(t);
  return best;
}

export interface WaitEstimate { ahead: number; minutes: number }

function avgServiceMs(state: QueueState, fieldId: string, cfg: OfficeConfig): number {
  const xs = state.serviceTimes.get(fieldId);
  if (!xs || xs.length === 0) return cfg.queue.defaultServiceMinutes * 60_000;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function servingCounters(state: QueueState, fieldId: string, cfg: OfficeConfig): CounterConfig[] {
  return cfg.counters.filter((c) => c.fields.includes(fieldId));
}

/**
 * People ahead of a waiting ticket and the expected minutes: people ahead at the counters that serve its
 * field, times the recent average service time, divided by the counters with a clerk signed in (at least one).
 * The people ahead are what a ticket says; the wait it tells comes from forecast.ts (issue 23): these minutes are
 * kept as the benchmark's "today's estimator".
 */
export function estimateTicket(state: QueueState, t: Ticket, cfg: OfficeConfig): WaitEstimate {
  const counters = servingCounters(state, t.fieldId, cfg);
  const ref = counters[0];
  let ahead = 0;
  if (ref) {
    const cmp = compareAt(ref, cfg);
    for (const o of openOf(state, t.fieldId)) {
      if (o !== t && (o.status === 'waiting' || o.status === 'pending') && o.day === t.day && o.fieldId === t.fieldId && !o.targetCounterId && cmp(o, t) < 0) ahead++;
    }
  }
  const open = Math.max(1, counters.filter((c) => state.counters.get(c.id)?.clerkId).length);
  return { ahead, minutes: Math.ceil(((ahead + 1) * avgServiceMs(state, t.fieldId, cfg)) / open / 60_000) };
}

/** Expected minutes for a newcomer to a field with `ahead` people waiting. */
export function estimateMinutes(state: QueueState, fieldId: string, ahead: number, cfg: OfficeConfig): number {
  const open = Math.max(1, servingCounters(state, fieldId, cfg).filter((c) => state.counters.get(c.id)?.clerkId).length);
  return Math.ceil((ahead * avgServiceMs(state, fieldId, cfg)) / open / 60_000);
}
