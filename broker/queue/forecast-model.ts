/**
 * What the wait forecaster learns from the office's own recent days (issue 23), pure: service durations per field
 * and per clerk, priority arrivals per field and hour of the day, and how often a called citizen does not come
 * (with the time a counter loses on it). Built from plain history rows (the store reads them from SQLite) and
 * kept up to date as the day goes on by `observe*`.
 */
import type { QueueEvent, Ticket } from './types.js';

/** One past ticket, as the store reads it. Times are ms since the epoch; `noShowAt` when it was marked absent. */
export interface HistoryRow {
  day: string; fieldId: string; clerkId: string | null; priority: boolean; status: string;
  issuedAt: number; calledAt: number | null; finishedAt: number | null; noShowAt: number | null;
}

export interface ForecastModel {
  /** Service durations (ms) per field, newest last. */
  service: Map<string, number[]>;
  /** Service durations (ms) per `${clerkId}|${fieldId}`, newest last: used once there are MIN_CLERK_SAMPLES. */
  clerkService: Map<string, number[]>;
  /** Every service duration, for a field that has none of its own. */
  pooled: number[];
  /** Mean priority arrivals per hour of the day (24 slots, local time) per field, over the days seen. */
  priorityPerHour: Map<string, number[]>;
  /** Calls seen, and how many of them ended absent; the ms a counter spent on each absent citizen. */
  calls: number;
  noShows: number;
  noShowMs: number[];
  /** Distinct days the history covers. */
  days: number;
}

export const MIN_CLERK_SAMPLES = 12;
const KEEP_FIELD = 300;
const KEEP_CLERK = 120;
const KEEP_POOLED = 600;
const KEEP_NO_SHOW = 100;

export function emptyModel(): ForecastModel {
  return { service: new Map(), clerkService: new Map(), pooled: [], priorityPerHour: new Map(), calls: 0, noShows: 0, noShowMs: [], days: 0 };
}

function push(m: Map<string, number[]>, k: string, x: number, keep: number): void {
  const xs = m.get(k) ?? [];
  xs.push(x);
  if (xs.length > keep) xs.shift();
  m.set(k, xs);
}

/** A finished service: `ms` from call to finish, at `clerkId`'s counter, in `fieldId`. */
export function observeService(m: ForecastModel, fieldId: string, clerkId: string | null, ms: number): void {
  if (!(ms > 0) || ms > 4 * 3_600_000) return; // a ticket left open over the break is not a service time
  push(m.service, fieldId, ms, KEEP_FIELD);
  if (clerkId) push(m.clerkService, `${clerkId}|${fieldId}`, ms, KEEP_CLERK);
  m.pooled.push(ms);
  if (m.pooled.length > KEEP_POOLED) m.pooled.shift();
}

/** A call (first call of a ticket); `absentMs` when it ended with the citizen marked absent after that long. */
export function observeCall(m: ForecastModel, absentMs: number | null): void {
  m.calls++;
  if (absentMs !== null) observeAbsent(m, absentMs);
}

function observeAbsent(m: ForecastModel, absentMs: number): void {
  m.noShows++;
  if (absentMs >= 0 && absentMs < 30 * 60_000) { m.noShowMs.push(absentMs); if (m.noShowMs.length > KEEP_NO_SHOW) m.noShowMs.shift(); }
}

/** Keep the model current during the day: a first call, a finished service, a citizen marked absent. */
export function observeEvent(m: ForecastModel, e: QueueEvent, t: Ticket | undefined): void {
  if (!t) return;
  if (e.type === 'ticket.called') m.calls++;
  else if (e.type === 'ticket.finished' && t.calledAt !== null) observeService(m, t.fieldId, e.data.clerkId, e.at - t.calledAt);
  else if (e.type === 'ticket.no_show' && t.calledAt !== null) observeAbsent(m, e.at - t.calledAt);
}

/**
 * Learn from past tickets. `tzOffsetMs`: the office's offset from UTC (local = UTC + offset), for the hour of day.
 * Rows should come oldest first, so the newest durations are the ones kept.
 */
export function learnModel(rows: Iterable<HistoryRow>, tzOffsetMs: number): ForecastModel {
  const m = emptyModel();
  const days = new Set<string>();
  const prio = new Map<string, number[]>();
  for (const r of rows) {
    days.add(r.day);
    if (r.priority) {
      const hour = Math.floor((((r.issuedAt + tzOffsetMs) % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000);
      const xs = prio.get(r.fieldId) ?? new Array<number>(24).fill(0);
      xs[hour] = (xs[hour] ?? 0) + 1;
      prio.set(r.fieldId, xs);
    }
    if (r.calledAt === null) continue;
    if (r.status === 'done' && r.finishedAt !== null) observeService(m, r.fieldId, r.clerkId, r.finishedAt - r.calledAt);
    observeCall(m, r.status === 'no_show' && r.noShowAt !== null ? r.noShowAt - r.calledAt : null);
  }
  m.days = days.size;
  for (const [f, xs] of prio) m.priorityPerHour.set(f, xs.map((x) => x / Math.max(1, days.size)));
  return m;
}

/** Whether the model has any service time at all: without one, no honest figure can be given. */
export function hasHistory(m: ForecastModel): boolean {
  return m.pooled.length > 0;
}

/** The durations to draw a service at `clerkId`'s counter in `fieldId` from: the clerk's own, the field's, or all. */
export function serviceSamples(m: ForecastModel, fieldId: string, clerkId: string | null): number[] {
  const own = clerkId ? m.clerkService.get(`${clerkId}|${fieldId}`) : undefined;
  if (own && own.length >= MIN_CLERK_SAMPLES) return own;
  const f = m.service.get(fieldId);
  return f && f.length >= 3 ? f : m.pooled;
}

/** Share of calls that end with the citizen absent (a small prior while few calls are seen). */
export function noShowRate(m: ForecastModel): number {
  return (m.noShows + 0.5) / (m.calls + 10);
}
