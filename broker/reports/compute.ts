import type { OfficeConfig } from '../../config/types.js';
import { F, type Facts } from './repo.js';
import { hourOf } from './localtime.js';
import { durations, median, percentile, SERVICE_BUCKETS, sortNumbers, WAIT_BUCKETS } from './stats.js';
import type { Figures, GroupBy, Period, RatingFigures, Report } from '../../protocol/reports.js';
import { OUTCOMES } from '../queue/types.js';

/** Pure: the figures of a period from its folded tickets. */
interface Acc {
  issued: number; called: number; served: number; noShows: number; voided: number; expired: number; transferred: number;
  waits: number[]; services: number[]; outcomes: Record<string, number>; rated: number; ratedServed: number; scoreSum: number; perLevel: Record<string, number>;
}
const acc = (): Acc => ({ issued: 0, called: 0, served: 0, noShows: 0, voided: 0, expired: 0, transferred: 0, waits: [], services: [],
  outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])), rated: 0, ratedServed: 0, scoreSum: 0, perLevel: {} });

/** Where each figure of a ticket is counted: issue-side figures by the field it was issued in, the rest where it ended. */
function keys(groupBy: GroupBy, f: Facts, i: number): [string | null, string | null] {
  switch (groupBy) {
    case 'office': return ['office', 'office'];
    case 'field': return [f.issuedField[i] ?? null, f.endField[i] ?? null];
    case 'counter': return [null, f.counter[i] ?? null];
    case 'clerk': return [null, f.clerk[i] ?? null];
  }
}

function fold(a: Acc, f: Facts, i: number, side: 'start' | 'end' | 'both' | 'endCalled'): void {
  const fl = f.flags[i] ?? 0;
  if (side === 'start' || side === 'both') {
    if (fl & F.issued) a.issued++;
    if (fl & F.called) a.called++;
    const w = f.wait[i];
    if (w !== null && w !== undefined && fl & F.called) a.waits.push(w);
    if (fl & F.transferred) a.transferred++;
  }
  if (side === 'start') return;
  if (side === 'endCalled' && fl & F.called) a.called++;
  if (fl & F.noShow) a.noShows++;
  if (fl & F.voided) a.voided++;
  if (fl & F.expired) a.expired++;
  if (fl & F.served) {
    a.served++;
    const s = f.service[i];
    if (s !== null && s !== undefined) a.services.push(s);
    const o = f.outcome[i];
    if (o) a.outcomes[o] = (a.outcomes[o] ?? 0) + 1;
  }
  const lv = f.level[i];
  if (lv) {
    a.rated++;
    if (fl & F.served) a.ratedServed++;
    a.scoreSum += f.score[i] ?? 0;
    a.perLevel[lv] = (a.perLevel[lv] ?? 0) + 1;
  }
}

export function ratingFigures(a: Pick<Acc, 'rated' | 'ratedServed' | 'scoreSum' | 'perLevel' | 'served'>, levels: string[]): RatingFigures {
  const perLevel: Record<string, number> = Object.fromEntries(levels.map((k) => [k, 0]));
  for (const [k, v] of Object.entries(a.perLevel)) perLevel[k] = v;
  return { count: a.rated, perLevel, score: a.rated ? Math.round((a.scoreSum / a.rated) * 10) / 10 : null,
    ratedShare: a.served ? Math.round((a.ratedServed / a.served) * 10_000) / 10_000 : null };
}

function figures(key: string, name: string, a: Acc, levels: string[], withIssued: boolean): Figures {
  return { key, name, issued: withIssued ? a.issued : null, called: a.called, served: a.served, noShows: a.noShows, voided: a.voided, expired: a.expired,
    transferred: a.transferred, wait: durations(a.waits, WAIT_BUCKETS), service: durations(a.services, SERVICE_BUCKETS), outcomes: a.outcomes,
    ratings: ratingFigures(a, levels) };
}

/** The configured members of a grouping (in config order) with their display names. */
export function members(cfg: OfficeConfig, groupBy: GroupBy): [string, string][] {
  switch (groupBy) {
    case 'office': return [['office', cfg.office.name]];
    case 'field': return cfg.fields.map((f) => [f.id, f.name]);
    case 'counter': return cfg.counters.map((c) => [c.id, c.name && c.name !== `Quầy ${c.number}` ? `Quầy ${c.number} – ${c.name}` : `Quầy ${c.number}`]);
    case 'clerk': return cfg.clerks.map((k) => [k.id, k.name]);
  }
}

export function buildReport(f: Facts, o: { cfg: OfficeConfig; period: Period; groupBy: GroupBy; now: number }): Omit<Report, 'ms'> {
  const { cfg, groupBy } = o;
  const levels = cfg.rating.levels.map((l) => l.key);
  const groups = new Map<string, Acc>(members(cfg, groupBy).map(([k]) => [k, acc()]));
  const get = (k: string) => { let a = groups.get(k); if (!a) { a = acc(); groups.set(k, a); } return a; };
  const total = acc();
  const clerks = new Map<string, Acc>();
  const hour = hourOf(cfg.office.timezone);
  const arrivals = new Map<string, number[]>(cfg.fields.map((x) => [x.id, new Array<number>(24).fill(0)]));
  const waitsByHour: number[][] = Array.from({ length: 24 }, () => []);
  for (let i = 0; i < f.n; i++) {
    fold(total, f, i, 'both');
    const [start, end] = groupBy === 'office' ? [null, null] : keys(groupBy, f, i);
    if (start !== null && start === end) fold(get(start), f, i, 'both');
    else if (start !== null || end !== null) {
      if (start !== null) fold(get(start), f, i, 'start');
      if (end !== null) fold(get(end), f, i, start === null ? 'endCalled' : 'end');
    }
    const k = f.clerk[i];
    if (k && f.level[i]) fold(clerks.get(k) ?? (clerks.set(k, acc()), clerks.get(k) as Acc), f, i, 'end');
    const at = f.issuedAt[i];
    const fl = f.flags[i] ?? 0;
    if (at !== null && at !== undefined && fl & F.issued) {
      const h = hour(at);
      const field = f.issuedField[i] ?? '?';
      const row = arrivals.get(field) ?? (arrivals.set(field, new Array<number>(24).fill(0)), arrivals.get(field) as number[]);
      row[h] = (row[h] ?? 0) + 1;
      const w = f.wait[i];
      if (fl & F.called && w !== null && w !== undefined) waitsByHour[h]?.push(w);
    }
  }
  const names = new Map(members(cfg, groupBy));
  const totalFigures = figures('total', 'Tổng cộng', total, levels, true);
  const withIssued = groupBy === 'office' || groupBy === 'field';
  const fieldName = new Map(cfg.fields.map((x) => [x.id, x.name]));
  const clerkName = new Map(cfg.clerks.map((x) => [x.id, x.name]));
  return {
    office: { id: cfg.office.id, name: cfg.office.name }, period: o.period, groupBy, generatedAt: o.now,
    levels: cfg.rating.levels.map((l) => ({ key: l.key, label: l.label, score: l.score })),
    rows: groupBy === 'office' ? [{ ...totalFigures, key: 'office', name: cfg.office.name }] : [...groups].map(([k, a]) => figures(k, names.get(k) ?? k, a, levels, withIssued)),
    total: totalFigures,
    arrivals: [...arrivals].map(([id, perHour]) => ({ fieldId: id, name: fieldName.get(id) ?? id, perHour })),
    waitsByHour: waitsByHour.map((ws, h) => {
      const sorted = sortNumbers(ws);
      const m = median(sorted); const p = percentile(sorted, 90);
      return { hour: h, count: ws.length, median: m === null ? null : Math.round(m / 100) / 10, p90: p === null ? null : Math.round(p / 100) / 10 };
    }),
    clerkRatings: [...clerks].map(([id, a]) => ({ clerkId: id, name: clerkName.get(id) ?? id, count: a.rated, ...(({ perLevel, score }) => ({ perLevel, score }))(ratingFigures(a, levels)) })),
  };
}
