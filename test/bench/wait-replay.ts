/**
 * Office days for the wait-forecast benchmark (issue 23), generated from a model that is NOT the forecaster's:
 * arrivals by hour with a morning peak (Poisson), per-field shares, log-normal service times with clerk speed
 * differences, a share of priority citizens, no-shows (recalled, then skipped after 2 minutes), a clerk who signs
 * in late, the lunch break of the calendar, and optionally a counter whose hours end early. Each day is played
 * through the real pure queue core (decide/apply) with a simulated clock; `onIssue` is asked right after each
 * ticket is issued, and every ticket's real first call time is recorded.
 */
import type { OfficeConfig } from '../../config/types.js';
import { apply } from '../../broker/queue/apply.js';
import { decide, rollover } from '../../broker/queue/core.js';
import { isWorkingDay, toMinutes, weekdayOf } from '../../broker/queue/calendar.js';
import { calendarOf } from '../../broker/queue/core.js';
import { prng, tzOffsetMs } from '../../broker/queue/forecast.js';
import type { HistoryRow } from '../../broker/queue/forecast-model.js';
import { emptyState, type Command, type QueueEvent, type QueueState, type Ticket } from '../../broker/queue/types.js';

export interface Scenario {
  name: string;
  cfg: OfficeConfig;
  /** Citizens a day, and the share of each field. */
  perDay: number;
  fieldShare: Record<string, number>;
  /** Median service minutes per field; every clerk's speed factor (1 = typical). */
  serviceMin: Record<string, number>;
  sigma: number;
  staffing: { counterId: string; clerkId: string; speed: number; signInAt?: string; signOutAt?: string }[];
  priorityShare: number;
  noShow: number;
}

/** Arrival weight by local hour (07–16): a morning peak, nothing over the break (11–13), a quiet end. */
const PROFILE: Record<number, number> = { 7: 1.0, 8: 1.7, 9: 1.5, 10: 0.9, 13: 1.0, 14: 1.1, 15: 0.8, 16: 0.4 };
const LAST_ARRIVAL: Record<number, number> = { 10: 45, 16: 30 };

export interface Replayed { ticket: Ticket; issuedAt: number; calledAt: number | null }
export type OnIssue = (s: QueueState, t: Ticket, now: number) => void;
export type OnEvent = (e: QueueEvent, t: Ticket | undefined) => void;

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function pickShare(share: Record<string, number>, r: () => number): string {
  const total = Object.values(share).reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (const [k, v] of Object.entries(share)) { x -= v; if (x < 0) return k; }
  return Object.keys(share)[0] ?? '';
}

/** The day's arrivals (instants, field, priority), oldest first. */
function arrivals(sc: Scenario, midnight: number, r: () => number): { at: number; fieldId: string; priority: boolean }[] {
  const weight = Object.entries(PROFILE).reduce((a, [h, w]) => a + w * (LAST_ARRIVAL[Number(h)] ?? 60) / 60, 0);
  const out: { at: number; fieldId: string; priority: boolean }[] = [];
  for (const [h, w] of Object.entries(PROFILE)) {
    const minutes = LAST_ARRIVAL[Number(h)] ?? 60;
    const rate = (sc.perDay * w) / weight; // per hour
    let t = 0;
    for (;;) {
      t += (-Math.log(1 - r()) / rate) * 60;
      if (t >= minutes) break;
      out.push({ at: midnight + (Number(h) * 60 + t) * 60_000, fieldId: pickShare(sc.fieldShare, r), priority: r() < sc.priorityShare });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

interface Desk { counterId: string; clerkId: string; speed: number; signInAt: number; signOutAt: number; sessions: [number, number][]; freeAt: number; staffed: boolean; then: 'finish' | 'skip' | null }

/** Play one day; returns every ticket with its real first call (null: never called) and the history rows. */
export function replayDay(sc: Scenario, day: string, seed: number, hooks: { onIssue?: OnIssue; onEvent?: OnEvent; prepare?: (s: QueueState) => void } = {}): { tickets: Replayed[]; history: HistoryRow[] } {
  const cfg = sc.cfg;
  const r = prng(seed);
  const midnight = Date.parse(`${day}T00:00:00Z`) - tzOffsetMs(Date.parse(`${day}T12:00:00Z`), cfg.office.timezone);
  if (!isWorkingDay(day, calendarOf(cfg))) throw new Error(`${day} is not a working day`);
  const at = (hhmm: string) => midnight + toMinutes(hhmm) * 60_000;
  const s = emptyState(day);
  hooks.prepare?.(s);
  const called = new Map<string, number>();
  const absentAt = new Map<string, number>();
  const run = (cmd: Command, now: number): QueueEvent[] => {
    for (const e of rollover(s, now, cfg)) apply(s, e);
    const evs = decide(s, cmd, { now, cfg });
    for (const e of evs) {
      apply(s, e);
      const id = (e.data as { ticketId?: string }).ticketId;
      if (e.type === 'ticket.called' && id && !called.has(id)) called.set(id, e.at);
      if (e.type === 'ticket.no_show' && id) absentAt.set(id, e.at);
      hooks.onEvent?.(e, id ? s.tickets.get(id) : undefined);
    }
    return evs;
  };
  const desks: Desk[] = sc.staffing.map((x) => {
    const c = cfg.counters.find((k) => k.id === x.counterId);
    const own = c?.hours.find((h) => h.weekdays.includes(weekdayOf(day)))?.sessions;
    const sessions = (own ?? cfg.calendar.sessions).map((q): [number, number] => [at(q.start), at(q.end)]);
    const signInAt = at(x.signInAt ?? '07:00');
    return { ...x, signInAt, signOutAt: x.signOutAt ? at(x.signOutAt) : Infinity, sessions, freeAt: signInAt, staffed: false, then: null };
  });
  const coming = arrivals(sc, midnight, r);
  let ai = 0;
  const end = Math.max(...desks.flatMap((d) => d.sessions.map(([, b]) => b)));
  for (let guard = 0; guard < 200_000; guard++) {
    const d = desks.reduce<Desk | null>((a, x) => (x.freeAt < (a?.freeAt ?? Infinity) ? x : a), null);
    const nextArrival = coming[ai]?.at ?? Infinity;
    if (nextArrival <= (d?.freeAt ?? Infinity)) {
      if (nextArrival === Infinity) break;
      const a = coming[ai++] as (typeof coming)[number];
      const e = run({ op: 'issue', fieldId: a.fieldId, priority: a.priority ? 'elderly' : null, source: 'bench', awaitPrint: false }, a.at)[0];
      const t = e?.type === 'ticket.issued' ? s.tickets.get(e.data.ticket.id) : undefined;
      if (t) hooks.onIssue?.(s, t, a.at);
      continue;
    }
    if (!d) break;
    const now = d.freeAt;
    if (d.then) { run(d.then === 'finish' ? { op: 'finish', counterId: d.counterId, outcome: 'guidance' } : { op: 'skip', counterId: d.counterId }, now); d.then = null; }
    if (!d.staffed && now >= d.signInAt) { run({ op: 'signIn', counterId: d.counterId, clerkId: d.clerkId }, now); d.staffed = true; }
    if (now >= d.signOutAt || now >= end) { if (d.staffed) run({ op: 'signOut', counterId: d.counterId }, now); d.freeAt = Infinity; continue; }
    const session = d.sessions.find(([, b]) => now < b);
    if (!session) { d.freeAt = Infinity; continue; }
    if (now < session[0]) { d.freeAt = session[0]; continue; }
    let evs: QueueEvent[];
    try { evs = run({ op: 'next', counterId: d.counterId }, now); } catch {
      // nobody for this counter: it waits for the next citizen (or its next session)
      d.freeAt = nextArrival < session[1] ? Math.max(nextArrival, now + 1) : d.sessions.find(([a]) => a > now)?.[0] ?? Infinity;
      continue;
    }
    const t = s.tickets.get((evs[0]?.data as { ticketId: string }).ticketId) as Ticket;
    if (r() < sc.noShow) { d.then = 'skip'; d.freeAt = now + 2 * 60_000; continue; }
    const median = (sc.serviceMin[t.fieldId] ?? 6) * d.speed;
    d.then = 'finish';
    d.freeAt = now + Math.max(0.5, median * Math.exp(sc.sigma * normal(r))) * 60_000;
  }
  const tickets = [...s.tickets.values()].map((t) => ({ ticket: t, issuedAt: t.issuedAt, calledAt: called.get(t.id) ?? null }));
  const history = tickets.map(({ ticket: t }) => ({ day, fieldId: t.fieldId, clerkId: t.clerkId, priority: t.priority !== null, status: t.status,
    issuedAt: t.issuedAt, calledAt: called.get(t.id) ?? null, finishedAt: t.finishedAt, noShowAt: absentAt.get(t.id) ?? null }));
  return { tickets, history };
}
