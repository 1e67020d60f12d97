/**
 * Wait forecasts by simulating the office forward (issue 23), pure and deterministic given a seed. From the
 * current state, each run plays the rest of the day with the queue core's own selection (`pickNext`): the counters
 * with a clerk (every counter during a break or before opening), what each has already spent on its citizen, its
 * sessions (a counter calls nobody between sessions), service times drawn from the office's history (per clerk
 * when enough), priority arrivals by hour that jump ahead, and absent citizens. A ticket's forecast is the 10th,
 * 50th and 90th percentile of its call time over the runs. "Newcomers", one per field, are added to every run
 * without taking a counter's time: their call time is what a citizen taking a number now would get.
 */
import type { CounterConfig, OfficeConfig, SessionConfig } from '../../config/types.js';
import type { WaitForecast } from '../../protocol/messages.js';
import { isWorkingDay, localTime, toMinutes, weekdayOf } from './calendar.js';
import { fieldSessions } from './field-calendar.js';
import { businessDay, calendarOf } from './core.js';
import { hasHistory, noShowRate, serviceSamples, type ForecastModel } from './forecast-model.js';
import { buildLines, deskOf, RunLines, type Desk, type Lines } from './forecast-lines.js';
import { openTickets, type QueueState, type Ticket } from './types.js';

/** A ticket's (or newcomer's) call time: instants (ms); null when past today's last session in that share of runs. */
export interface CallForecast { lo: number | null; mid: number | null; hi: number | null }

export interface OfficeForecast {
  at: number;
  /** 'none': no service time in the history yet, so no figure is given (the first ticket of a new office). */
  basis: 'history' | 'none';
  tickets: Map<string, CallForecast>;
  /** Per field: a citizen who takes a number now. */
  newcomers: Map<string, CallForecast>;
  /** Session starts of the day after `at` (ms, 'HH:MM'), the office's and each field's, to tell "after 13:00". */
  laterStarts: { at: number; hhmm: string }[];
  fieldStarts: Map<string, { at: number; hhmm: string }[]>;
}

export interface ForecastOptions { seed?: number; runs?: number }

/** The wait a person is told (the contract's type): minutes from now, its range, or the session after a break. */
export type { WaitForecast };

const GHOST = '~newcomer:';
/** Runs × tickets per forecast: 200 runs up to 100 tickets, never fewer than 40. */
const WORK_BUDGET = 20_000;
/** A counter without a clerk, when its field has no other: the clerk is expected within this (uniformly). */
const ABSENT_MS = 45 * 60_000;

/** mulberry32: small, fast, good enough for Monte-Carlo draws, and the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Offset of the office's local time from UTC at `now` (ms). */
export function tzOffsetMs(now: number, tz: string): number {
  const lt = localTime(now, tz);
  const utcMin = Math.floor(now / 60_000) % 1440;
  let d = lt.minutes - utcMin;
  if (d > 840) d -= 1440;
  if (d < -720) d += 1440;
  return d * 60_000;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const instants = (ss: SessionConfig[], midnight: number): [number, number][] =>
  ss.map((s) => [midnight + toMinutes(s.start) * 60_000, midnight + toMinutes(s.end) * 60_000]);

/**
 * A counter's sessions on `day` as instants: its own weekday rule when it has hours (none that day if no rule
 * names it), else those of its fields (field-calendar.ts); for `null`, the office's (none on a day off).
 */
function counterSessions(cfg: OfficeConfig, c: CounterConfig | null, day: string, midnight: number): [number, number][] {
  if (!c) return instants(isWorkingDay(day, calendarOf(cfg)) ? cfg.calendar.sessions : [], midnight);
  if (c.hours.length) return instants(c.hours.find((h) => h.weekdays.includes(weekdayOf(day)))?.sessions ?? [], midnight);
  const all = c.fields.flatMap((f) => instants(fieldSessions(cfg, f, day), midnight)).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of all) { const last = merged.at(-1); if (last && a <= last[1]) last[1] = Math.max(last[1], b); else merged.push([a, b]); }
  return merged;
}

/** The first instant ≥ t inside a session, or Infinity. */
function inSession(ss: [number, number][], t: number): number {
  for (const [a, b] of ss) { if (t < a) return a; if (t < b) return t; }
  return Infinity;
}

function draw(xs: number[], r: () => number): number {
  return xs[Math.floor(r() * xs.length)] ?? 0;
}

/** Time left for a citizen already served `elapsed` ms: a past service longer than that, less what is spent. */
function remaining(xs: number[], elapsed: number, r: () => number): number {
  const longer = xs.filter((x) => x > elapsed);
  if (longer.length >= 3) return draw(longer, r) - elapsed;
  return 30_000 + r() * 0.5 * Math.max(elapsed, 60_000);
}

/** A counter in a run: free from `freeAt`, or (before the run starts) serving a citizen of `busyField` for `busyFor` ms. */
interface SimCounter { c: CounterConfig; desk: Desk; samples: Map<string, number[]>; clerkId: string | null; freeAt: number; sessions: [number, number][]; busyFor: number | null; busyField: string; absent: boolean }
interface Setup { today: string; end: number; counters: SimCounter[]; waiting: Ticket[]; ghosts: Ticket[]; serial: number; lines: Lines }

function setup(s: QueueState, cfg: OfficeConfig, m: ForecastModel, now: number): Setup & { midnight: number } {
  const tz = cfg.office.timezone;
  const today = businessDay(s, now, tz);
  const midnight = Date.parse(`${today}T00:00:00Z`) - tzOffsetMs(now, tz);
  const officeOpen = inSession(counterSessions(cfg, null, today, midnight), now) === now;
  // a ticket being printed (pending) is forecast as the waiting ticket it becomes
  const waiting = [...openTickets(s)].filter((t) => (t.status === 'waiting' || t.status === 'pending') && t.day === today)
    .map((t) => (t.status === 'pending' ? { ...t, status: 'waiting' as const } : t));
  const ghosts = cfg.fields.filter((f) => !f.hidden).map((f, i): Ticket => ({ ...ghostBase, id: GHOST + f.id, fieldId: f.id, day: today, orderAt: now, serial: s.serial + 1 + i }));
  const lines = buildLines([...waiting, ...ghosts], cfg.counters, (f) => instants(fieldSessions(cfg, f, today), midnight));
  const fieldIds = cfg.fields.map((f) => f.id);
  const counters: SimCounter[] = [];
  const staffed = cfg.counters.filter((c) => s.counters.get(c.id)?.clerkId);
  for (const c of cfg.counters) {
    const st = s.counters.get(c.id);
    // during a session only counters with a clerk call, except that a field nobody staffed serves waits for its
    // counters' clerks (expected within ABSENT_MS); in a break or before opening, every counter is expected
    const alone = c.fields.some((f) => !staffed.some((k) => k.fields.includes(f)));
    if (!st?.clerkId && officeOpen && !alone) continue;
    const sessions = counterSessions(cfg, c, today, midnight);
    const cur = st?.ticketId ? s.tickets.get(st.ticketId) : undefined;
    const busy = cur?.status === 'called';
    const clerkId = st?.clerkId ?? null;
    // the service times each counter draws from, per field (its clerk's own when enough are on record)
    const samples = new Map(fieldIds.map((f) => [f, serviceSamples(m, f, clerkId)]));
    counters.push({ c, desk: deskOf(c, cfg, lines), samples, clerkId, freeAt: now, sessions, busyFor: busy ? Math.max(0, now - (cur.calledAt ?? now)) : null, busyField: cur?.fieldId ?? '',
      absent: !st?.clerkId && officeOpen });
  }
  const end = Math.max(now, ...counters.flatMap((k) => k.sessions.map(([, b]) => b)));
  return { today, end, counters, waiting, ghosts, serial: s.serial + ghosts.length + 1, midnight, lines };
}

const ghostBase: Ticket = {
  id: '', day: '', fieldId: '', series: '', seq: 0, number: '', priority: null, status: 'waiting', source: 'forecast', issuedAt: 0, orderAt: 0, serial: 0,
  counterId: null, clerkId: null, targetCounterId: null, calledAt: null, finishedAt: null, recalls: 0, outcome: null, dossierCode: null, rating: null,
};

/** Priority arrivals of one run, by hour (Poisson), from `now` to `end`, oldest first. */
function arrivals(m: ForecastModel, today: string, midnight: number, now: number, end: number, serial: number, r: () => number): Ticket[] {
  const out: Ticket[] = [];
  for (const [fieldId, perHour] of m.priorityPerHour) {
    let t = now;
    while (t < end) {
      const hour = Math.floor((t - midnight) / 3_600_000);
      const rate = perHour[hour] ?? 0;
      const hourEnd = midnight + (hour + 1) * 3_600_000;
      if (rate <= 0) { t = hourEnd; continue; }
      const next = t - Math.log(1 - r()) * 3_600_000 / rate;
      if (next >= hourEnd) { t = hourEnd; continue; }
      t = next;
      if (t < end) out.push({ ...ghostBase, id: `~arrival:${out.length}`, fieldId, day: today, priority: 'elderly', orderAt: t, serial: serial + out.length });
    }
  }
  return out.sort((a, b) => a.orderAt - b.orderAt);
}

/** One run: the call instant of every waiting ticket and newcomer (Infinity when not reached today). */
function runOnce(cfg: OfficeConfig, m: ForecastModel, now: number, su: Setup & { midnight: number }, r: () => number, out: Map<string, number[]>): void {
  const coming = arrivals(m, su.today, su.midnight, now, su.end, su.serial, r);
  const lines = new RunLines(su.lines, coming, cfg, su.today);
  let ai = 0;
  const absent = noShowRate(m);
  const ks = su.counters.map((k) => {
    if (k.absent) return { ...k, freeAt: now + r() * ABSENT_MS };
    return k.busyFor === null ? { ...k } : { ...k, freeAt: now + remaining(k.samples.get(k.busyField) ?? m.pooled, k.busyFor, r) };
  });
  let left = su.waiting.length + su.ghosts.length;
  const seen = new Map<string, number>();
  while (left > 0) {
    let k: SimCounter | undefined;
    for (const x of ks) if (!k || x.freeAt < k.freeAt) k = x;
    if (!k || k.freeAt === Infinity) break;
    const at = inSession(k.sessions, k.freeAt);
    if (at !== k.freeAt) { k.freeAt = at; continue; }
    while (ai < coming.length && (coming[ai] as Ticket).orderAt <= at) ai++;
    let t = lines.take(k.desk, at);
    // a newcomer is only looked at: noted when a counter would call it, and it takes no counter's time
    while (t && t.id.startsWith(GHOST)) { seen.set(t.id, at); left--; t = lines.take(k.desk, at); }
    // nobody to call: wait for the next priority arrival, or for one of the counter's fields to open
    if (!t) { k.freeAt = Math.min(ai < coming.length ? (coming[ai] as Ticket).orderAt : Infinity, k.desk.starts.find((x) => x > at) ?? Infinity); continue; }
    if (!t.id.startsWith('~')) { seen.set(t.id, at); left--; }
    const dur = r() < absent && m.noShowMs.length ? draw(m.noShowMs, r) : draw(k.samples.get(t.fieldId) ?? m.pooled, r);
    k.freeAt = at + Math.max(dur, 1000);
  }
  for (const t of [...su.waiting, ...su.ghosts]) out.get(t.id)?.push(seen.get(t.id) ?? Infinity);
}

function quantiles(xs: number[]): CallForecast {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number | null => { const v = s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Infinity; return Number.isFinite(v) ? v : null; };
  return { lo: q(0.1), mid: q(0.5), hi: q(0.9) };
}

/** Forecast every waiting ticket of today and a newcomer per field. Deterministic for the same state, `now` and seed. */
export function forecastOffice(s: QueueState, cfg: OfficeConfig, m: ForecastModel, now: number, o: ForecastOptions = {}): OfficeForecast {
  const su = setup(s, cfg, m, now);
  const starts = (ss: SessionConfig[]) => ss.map((x) => ({ at: su.midnight + toMinutes(x.start) * 60_000, hhmm: hhmm(toMinutes(x.start)) })).filter((x) => x.at > now);
  const fieldStarts = new Map(cfg.fields.map((f) => [f.id, starts(fieldSessions(cfg, f.id, su.today))]));
  const empty: OfficeForecast = { at: now, basis: 'none', tickets: new Map(), newcomers: new Map(), laterStarts: starts(cfg.calendar.sessions), fieldStarts };
  if (!hasHistory(m)) return empty;
  const out = new Map<string, number[]>([...su.waiting, ...su.ghosts].map((t) => [t.id, []]));
  const runs = o.runs ?? Math.max(40, Math.min(200, Math.floor(WORK_BUDGET / out.size)));
  // each run has its own stream: a newcomer's run is then the same, draw for draw, as that of the ticket it becomes
  for (let i = 0; i < runs; i++) runOnce(cfg, m, now, su, prng(Math.imul(o.seed ?? 1, 0x9e3779b1) + i), out);
  const f: OfficeForecast = { ...empty, basis: 'history' };
  for (const [id, xs] of out) {
    if (id.startsWith(GHOST)) f.newcomers.set(id.slice(GHOST.length), quantiles(xs));
    else f.tickets.set(id, quantiles(xs));
  }
  return f;
}

/** What a person is told from a call forecast made at `f.at`, seen at `now`, for a ticket of `fieldId`. */
export function waitOf(f: OfficeForecast, c: CallForecast | undefined, now: number, fieldId?: string): WaitForecast {
  if (f.basis === 'none' || !c) return { basis: 'none', minutes: null, low: null, high: null, afterBreak: null, beyondToday: false };
  const min = (x: number | null, round: (n: number) => number) => (x === null ? null : Math.max(0, round((x - now) / 60_000)));
  const later = (fieldId ? f.fieldStarts.get(fieldId) : undefined) ?? f.laterStarts;
  const brk = c.lo === null ? undefined : [...later].reverse().find((x) => (c.lo as number) >= x.at);
  return { basis: 'history', minutes: min(c.mid, Math.round), low: min(c.lo, Math.floor), high: min(c.hi, Math.ceil), afterBreak: brk?.hhmm ?? null, beyondToday: c.mid === null };
}
