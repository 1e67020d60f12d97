/**
 * Figure `waitEstimate` (issue 23): replayed office days (wait-replay.ts, a model that is not the forecaster's),
 * each ticket forecast when it is issued and compared with when it was really called. Four predictors on the same
 * tickets: the forecaster (broker/queue/forecast.ts), today's estimator (select.ts `estimateTicket`), Erlang C
 * (M/M/c) per field, and "last to enter service" (LES). Also the forecaster's cost per recompute against today's
 * estimator over the same states. `node --import tsx test/bench/wait-estimate.ts [--short]` runs it alone.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { COMMUNE_EXAMPLE, DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { apply, recordServiceTime } from '../../broker/queue/apply.js';
import { rootPath } from '../../broker/paths.js';
import { fieldOpenState } from '../../broker/queue/field-calendar.js';
import { addDays, isWorkingDay, toMinutes } from '../../broker/queue/calendar.js';
import { calendarOf, decide } from '../../broker/queue/core.js';
import { emptyModel, learnModel, observeEvent, observeService, type HistoryRow } from '../../broker/queue/forecast-model.js';
import { forecastOffice, tzOffsetMs } from '../../broker/queue/forecast.js';
import { estimateMinutes, estimateTicket } from '../../broker/queue/select.js';
import { emptyState, openTickets, type QueueState, type Ticket } from '../../broker/queue/types.js';
import { erlangC, meanBy, Tally } from './wait-baselines.js';
import { replayDay, type Scenario } from './wait-replay.js';
import { figure, pct, round, type Figure } from './stats.js';

const MIN = 60_000;

function scenarios(): Scenario[] {
  const commune = loadConfigFile(COMMUNE_EXAMPLE);
  const district = (patch?: (c: OfficeConfig) => void) => { const c = loadConfigFile(DISTRICT_EXAMPLE); patch?.(c); return c; };
  const clerks = ['nv-lan', 'nv-hung', 'nv-minh', 'nv-hoa', 'nv-duc', 'nv-thu', 'nv-an', 'nv-ngoc'];
  const speeds = [1.0, 0.85, 1.25, 1.1, 0.9, 1.3, 0.95, 1.0];
  const province = {
    fieldShare: { hotich: 0.25, datdai: 0.22, tuphap: 0.12, kinhdoanh: 0.12, xaydung: 0.1, ldtbxh: 0.12, huongdan: 0.07 },
    serviceMin: { hotich: 6, datdai: 10, tuphap: 5, kinhdoanh: 8, xaydung: 9, ldtbxh: 6, huongdan: 3 }, sigma: 0.5, priorityShare: 0.1, noShow: 0.06,
  };
  const staff = (late: string, early?: string) => clerks.map((clerkId, i) => ({ counterId: `q${i + 1}`, clerkId, speed: speeds[i] ?? 1,
    ...(`q${i + 1}` === late ? { signInAt: '08:20' } : {}), ...(`q${i + 1}` === early ? { signOutAt: '15:00' } : {}) }));
  return [
    { name: 'small commune center (2 counters, 3 fields, ~70 citizens, a clerk 40 min late)', cfg: commune, perDay: 70,
      fieldShare: { hotich: 0.5, datdai: 0.3, ldtbxh: 0.2 }, serviceMin: { hotich: 5, datdai: 9, ldtbxh: 7 }, sigma: 0.5,
      staffing: [{ counterId: 'q1', clerkId: 'cc-tuan', speed: 1 }, { counterId: 'q2', clerkId: 'cc-mai', speed: 1.3, signInAt: '07:40' }], priorityShare: 0.08, noShow: 0.05 },
    { name: 'busy province center (8 counters shared by 7 fields, ~400 citizens, a clerk late)', cfg: district(), perDay: 400, ...province, staffing: staff('q5') },
    { name: 'a counter closing early (land counter q2 until 15:00, ~330 citizens)', perDay: 330, ...province, staffing: staff('q4', 'q2'),
      cfg: district((c) => { const q2 = c.counters.find((k) => k.id === 'q2'); if (q2) q2.hours = [{ weekdays: [1, 2, 3, 4, 5], sessions: [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '15:00' }] }]; }) },
  ];
}

function workingDays(cfg: OfficeConfig, from: string, n: number): string[] {
  const out: string[] = [];
  for (let d = from; out.length < n; d = addDays(d, 1)) if (isWorkingDay(d, calendarOf(cfg))) out.push(d);
  return out;
}

/** Per field: arrivals per hour of the day (24 slots) and mean service (ms), from history: Erlang C's inputs. */
function rates(rows: HistoryRow[], tzOff: number) {
  const days = new Set(rows.map((r) => r.day)).size || 1;
  const perHour = new Map<string, number[]>();
  for (const r of rows) {
    const xs = perHour.get(r.fieldId) ?? new Array<number>(24).fill(0);
    const h = Math.floor(((r.issuedAt + tzOff) % 86_400_000) / 3_600_000);
    xs[h] = (xs[h] ?? 0) + 1 / days;
    perHour.set(r.fieldId, xs);
  }
  const service = meanBy(rows.filter((r) => r.status === 'done' && r.calledAt !== null && r.finishedAt !== null), (r) => r.fieldId, (r) => (r.finishedAt as number) - (r.calledAt as number));
  return { perHour, service };
}

interface ScenarioResult { name: string; days: number; tickets: number; neverCalled: number; predictors: Record<string, { maeMin: number; inRange: number | null; n: number }>; costMs: number[]; baselineMs: number[] }

function runScenario(sc: Scenario, warm: number, evalDays: number): ScenarioResult {
  const days = workingDays(sc.cfg, '2026-11-02', warm + evalDays);
  const history: HistoryRow[] = [];
  const tally = { forecaster: new Tally(), today: new Tally(), erlangC: new Tally(), les: new Tally() };
  const costMs: number[] = [];
  const baselineMs: number[] = [];
  let tickets = 0;
  let never = 0;
  days.forEach((day, i) => {
    const evaluated = i >= warm;
    const tzOff = tzOffsetMs(Date.parse(`${day}T05:00:00Z`), sc.cfg.office.timezone);
    const model = learnModel(history, tzOff);
    const { perHour, service } = rates(history, tzOff);
    const lastWait = new Map<string, number>();
    const lastEnd = Date.parse(`${day}T00:00:00Z`) - tzOff + toMinutes(sc.cfg.calendar.sessions.at(-1)?.end ?? '17:00') * MIN;
    const told = new Map<string, Record<keyof typeof tally, { mid: number; lo?: number; hi?: number }>>();
    const onIssue = (s: QueueState, t: Ticket, now: number): void => {
      if (!evaluated) return;
      const t0 = performance.now();
      const f = forecastOffice(s, sc.cfg, model, now);
      const t1 = performance.now();
      for (const w of openTickets(s)) if (w.status === 'waiting') estimateTicket(s, w, sc.cfg);
      for (const x of sc.cfg.fields) estimateMinutes(s, x.id, 0, sc.cfg);
      baselineMs.push(performance.now() - t1);
      costMs.push(t1 - t0);
      const c = f.tickets.get(t.id);
      // a forecast past today's last session is scored as the end of the day
      const fc = { mid: (c?.mid ?? lastEnd) - now, lo: (c?.lo ?? lastEnd) - now, hi: (c?.hi ?? Infinity) - now };
      const staffed = sc.cfg.counters.filter((k) => k.fields.includes(t.fieldId) && s.counters.get(k.id)?.clerkId).length;
      const hour = Math.floor(((now + tzOff) % 86_400_000) / 3_600_000);
      const ec = erlangC(staffed, (perHour.get(t.fieldId)?.[hour] ?? 0) / 60, 1 / ((service.get(t.fieldId) ?? 6 * MIN) / MIN), estimateTicket(s, t, sc.cfg).ahead);
      told.set(t.id, { forecaster: fc, today: { mid: estimateTicket(s, t, sc.cfg).minutes * MIN }, erlangC: { mid: ec.mean * MIN, lo: ec.lo * MIN, hi: ec.hi * MIN },
        les: { mid: lastWait.get(t.fieldId) ?? 0 } });
    };
    const prepare = (s: QueueState): void => { for (const r of history.slice(-400)) if (r.status === 'done' && r.calledAt !== null && r.finishedAt !== null) recordServiceTime(s, r.fieldId, r.finishedAt - r.calledAt); };
    const out = replayDay(sc, day, 1000 + i * 7919 + sc.perDay, { onIssue, prepare, onEvent: (e, t) => {
      observeEvent(model, e, t);
      if (e.type === 'ticket.called' && t && t.calledAt === e.at) lastWait.set(t.fieldId, e.at - t.issuedAt);
    } });
    history.push(...out.history);
    if (!evaluated) return;
    for (const r of out.tickets) {
      tickets++;
      if (r.calledAt === null) { never++; continue; }
      const real = r.calledAt - r.issuedAt;
      const p = told.get(r.ticket.id);
      if (!p) continue;
      for (const k of Object.keys(tally) as (keyof typeof tally)[]) tally[k].add(p[k], real);
    }
  });
  const predictors = Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, v.summary()]));
  return { name: sc.name, days: evalDays, tickets, neverCalled: never, predictors, costMs, baselineMs };
}

/**
 * A large queue: the province example (every counter staffed), `n` citizens waiting spread over its fields, a
 * history of 6-minute services; the time of one forecast (median of `reps`), and of today's estimator.
 */
function bigQueue(n: number, reps: number): { waiting: number; counters: number; forecastMs: number; estimatorMs: number } {
  const cfg = loadConfigFile(rootPath('config/examples/province.yaml'));
  cfg.calendar.weekdays = [1, 2, 3, 4, 5, 6, 7];
  cfg.calendar.holidays = [];
  const now = Date.parse('2026-11-24T08:00:00+07:00');
  const s = emptyState('2026-11-24');
  const ctx = { now, cfg };
  const run = (c: Parameters<typeof decide>[1]) => { for (const e of decide(s, c, ctx)) apply(s, e); };
  cfg.counters.forEach((c, i) => { const k = cfg.clerks[i]; if (k) run({ op: 'signIn', counterId: c.id, clerkId: k.id }); });
  const fields = cfg.fields.filter((f) => !f.hidden && fieldOpenState(now, cfg, f.id).open);
  for (let i = 0; i < n; i++) run({ op: 'issue', fieldId: (fields[i % fields.length] as { id: string }).id, priority: i % 10 === 0 ? 'elderly' : null, source: 'bench', awaitPrint: false });
  const m = emptyModel();
  for (const f of cfg.fields) for (let i = 0; i < 30; i++) observeService(m, f.id, null, (3 + (i % 7)) * MIN);
  const time = (f: () => void) => { const xs: number[] = []; for (let i = 0; i < reps; i++) { const t0 = performance.now(); f(); xs.push(performance.now() - t0); } return pct(xs, 50); };
  const forecastMs = time(() => forecastOffice(s, cfg, m, now));
  const estimatorMs = time(() => { for (const w of openTickets(s)) if (w.status === 'waiting') estimateTicket(s, w, cfg); });
  return { waiting: [...openTickets(s)].length, counters: [...s.counters.values()].filter((c) => c.clerkId).length, forecastMs: round(forecastMs, 2), estimatorMs: round(estimatorMs, 3) };
}

/** The figure: the forecaster's mean absolute error (minutes, over the scenarios) next to today's estimator's. */
export function waitEstimate(short: boolean): { accuracy: Figure; cost: Figure } {
  const results = scenarios().map((sc) => runScenario(sc, short ? 2 : 4, short ? 1 : 4));
  const avg = (k: string) => results.reduce((a, r) => a + (r.predictors[k]?.maeMin ?? 0), 0) / results.length;
  const cost = results.flatMap((r) => r.costMs);
  const base = results.flatMap((r) => r.baselineMs);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const meetsIn = (r: ScenarioResult): boolean => {
    const p = r.predictors;
    const f = p.forecaster?.maeMin ?? Infinity;
    return f <= 0.5 * (p.today?.maeMin ?? 0) && f < (p.erlangC?.maeMin ?? 0) && f < (p.les?.maeMin ?? 0) && (p.forecaster?.inRange ?? 0) >= 0.75 && (p.forecaster?.inRange ?? 1) <= 0.9;
  };
  const meets = results.every(meetsIn);
  const accuracy = figure({ name: 'wait forecast: mean absolute error of the call time (mean of 3 replayed scenarios)', value: avg('forecaster'), unit: 'min',
    baseline: avg('today'), baselineName: 'today\'s estimator (same-field tickets ahead × average service ÷ staffed counters) on the same tickets',
    target: 'error ≤ ½ of today\'s estimator and below Erlang C and LES in every scenario; 75–90 % of real waits inside the range', meetsTarget: meets,
    details: { scenarios: results.map(({ costMs: _c, baselineMs: _b, ...r }) => ({ ...r, meetsTarget: meetsIn({ costMs: _c, baselineMs: _b, ...r }) })) } });
  const costFig = figure({ name: 'wait forecast: cost of one recompute (every waiting ticket and a newcomer per field)', value: mean(cost), unit: 'ms',
    baseline: mean(base), baselineName: 'today\'s estimator over the same states (every waiting ticket and every field)',
    details: { p50Ms: round(pct(cost, 50), 3), p99Ms: round(pct(cost, 99), 3), maxMs: round(Math.max(...cost), 3), recomputes: cost.length,
      largeQueues: [200, 1000].map((n) => bigQueue(n, short ? 3 : 7)) } });
  return { accuracy, cost: costFig };
}

if (process.argv[1] && /wait-estimate\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, out: { type: 'string', default: 'artifacts/bench-wait.json' } } });
  const r = waitEstimate(!!values.short);
  writeFileSync(values.out ?? 'artifacts/bench-wait.json', JSON.stringify({ waitEstimate: r.accuracy, waitForecastCost: r.cost }, null, 2) + '\n');
  console.log(JSON.stringify(r, null, 2));
}
