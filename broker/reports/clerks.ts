import type { OfficeConfig } from '../../config/types.js';
import { ratingFigures } from './compute.js';
import { F, type ClerkEvent, type Facts } from './repo.js';
import { dayStart } from './localtime.js';
import { durations, SERVICE_BUCKETS } from './stats.js';
import type { ClerkMonth, ClerkSummary, Durations, Period, RatingFigures } from '../../protocol/reports.js';

export type { ClerkMonth, ClerkSummary };

/** A clerk must have at least this many ratings in the month before a low score flags them (fairness). */
export const MIN_RATINGS_TO_FLAG = 5;

interface Sess { count: number; ms: number; counters: Set<string> }

/** Pair sign-ins with the next sign-out of the same clerk; a session left open ends at the end of its local day. */
export function sessions(evs: ClerkEvent[], tz: string, now: number): Map<string, Sess> {
  const out = new Map<string, Sess>();
  const open = new Map<string, ClerkEvent>();
  const s = (k: string) => { let x = out.get(k); if (!x) { x = { count: 0, ms: 0, counters: new Set() }; out.set(k, x); } return x; };
  const close = (e: ClerkEvent, at: number) => { const x = s(e.clerkId); x.ms += Math.max(0, at - e.at); };
  for (const e of evs) {
    const prev = open.get(e.clerkId);
    if (e.type === 'clerk.signed_in') {
      if (prev) close(prev, e.at);
      open.set(e.clerkId, e);
      const x = s(e.clerkId);
      x.count++;
      x.counters.add(e.counterId);
    } else if (prev) { close(prev, e.at); open.delete(e.clerkId); }
  }
  for (const e of open.values()) close(e, Math.min(now, dayStart(nextDay(e.day), tz)));
  return out;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Pure: a month's summary per clerk for the sending agencies. */
export function clerkMonth(f: Facts, evs: ClerkEvent[], o: { cfg: OfficeConfig; period: Period; now: number }): ClerkMonth {
  const { cfg } = o;
  const levels = cfg.rating.levels.map((l) => l.key);
  const sess = sessions(evs, cfg.office.timezone, o.now);
  const acc = new Map<string, { called: number; served: number; noShows: number; services: number[]; rated: number; ratedServed: number; scoreSum: number; perLevel: Record<string, number> }>();
  const get = (k: string) => { let a = acc.get(k); if (!a) { a = { called: 0, served: 0, noShows: 0, services: [], rated: 0, ratedServed: 0, scoreSum: 0, perLevel: {} }; acc.set(k, a); } return a; };
  for (let i = 0; i < f.n; i++) {
    const k = f.clerk[i];
    if (!k) continue;
    const a = get(k);
    const fl = f.flags[i] ?? 0;
    if (fl & F.called) a.called++;
    if (fl & F.noShow) a.noShows++;
    if (fl & F.served) { a.served++; const s = f.service[i]; if (s !== null && s !== undefined) a.services.push(s); }
    const lv = f.level[i];
    if (lv) { a.rated++; a.scoreSum += f.score[i] ?? 0; a.perLevel[lv] = (a.perLevel[lv] ?? 0) + 1; if (fl & F.served) a.ratedServed++; }
  }
  const ids = [...new Set([...cfg.clerks.map((c) => c.id), ...acc.keys(), ...sess.keys()])];
  const clerks = ids.map((id): ClerkSummary => {
    const c = cfg.clerks.find((x) => x.id === id);
    const a = get(id);
    const s = sess.get(id);
    const ratings = ratingFigures(a, levels);
    return { clerkId: id, name: c?.name ?? id, title: c?.title ?? '', agency: c?.agency ?? '', workField: c?.workField ?? '',
      sessions: s?.count ?? 0, signedInMinutes: Math.round((s?.ms ?? 0) / 60_000), counters: [...(s?.counters ?? [])],
      called: a.called, served: a.served, noShows: a.noShows, service: durations(a.services, SERVICE_BUCKETS), ratings,
      flagged: ratings.count >= MIN_RATINGS_TO_FLAG && ratings.score !== null && ratings.score < cfg.rating.lowThreshold };
  });
  return { office: { id: cfg.office.id, name: cfg.office.name }, period: o.period, lowThreshold: cfg.rating.lowThreshold, minRatings: MIN_RATINGS_TO_FLAG, clerks, generatedAt: o.now };
}
