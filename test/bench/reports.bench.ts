import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { openDatabase, type Db } from '../../broker/db/open.js';
import { ReportService } from '../../broker/reports/service.js';
import { addDays, isWorkingDay } from '../../broker/queue/calendar.js';
import { calendarOf } from '../../broker/queue/core.js';

const OUTCOMES = ['received', 'received', 'received', 'guidance', 'supplement', 'refused', 'returned', 'returned'];

/** A deterministic pseudo-random sequence (the benchmark must be repeatable). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/**
 * Fill `db` with a year of a large office, straight into the event log in one transaction: `tickets` tickets over
 * the working days of 2026, with calls, finishes (outcomes), no-shows, voids, expiries, recalls, ratings and sign-ins.
 */
export function fillYear(db: Db, cfg: OfficeConfig, tickets = 300_000): { tickets: number; events: number } {
  const ins = db.prepare('INSERT INTO events (at, day, type, ticket_id, counter_id, clerk_id, field_id, data) VALUES (?,?,?,?,?,?,?,?)');
  const days: string[] = [];
  for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) if (isWorkingDay(d, calendarOf(cfg))) days.push(d);
  const perDay = Math.ceil(tickets / days.length);
  const r = rng(12);
  const fields = cfg.fields.map((f) => f.id);
  const counters = cfg.counters;
  let events = 0;
  let made = 0;
  const ev = (at: number, day: string, type: string, t: string | null, c: string | null, k: string | null, f: string | null, data: unknown) => {
    ins.run(at, day, type, t, c, k, f, JSON.stringify(data));
    events++;
  };
  db.transaction(() => {
    for (const day of days) {
      const open = Date.parse(`${day}T07:00:00+07:00`);
      counters.forEach((c, i) => {
        const clerk = cfg.clerks[i % cfg.clerks.length]?.id ?? 'x';
        ev(open - 60_000, day, 'clerk.signed_in', null, c.id, clerk, null, { clerkId: clerk, counterId: c.id });
        ev(open + 10 * 3600_000, day, 'clerk.signed_out', null, c.id, clerk, null, { clerkId: clerk, counterId: c.id });
      });
      for (let i = 0; i < perDay && made < tickets; i++, made++) {
        const f = fields[Math.floor(r() * fields.length)] ?? 'hotich';
        const c = counters.find((x) => x.fields.includes(f)) ?? counters[0];
        const cid = c?.id ?? 'q1';
        const clerk = cfg.clerks[counters.indexOf(c ?? counters[0]!) % cfg.clerks.length]?.id ?? 'x';
        const id = `${day}-${f}-${i + 1}`;
        const at = open + Math.floor((i / perDay) * 8 * 3600_000);
        const ticket = { id, day, fieldId: f, seq: i + 1, number: String(1000 + i), priority: null, status: 'waiting', source: 'device:disp-1', issuedAt: at, orderAt: at, serial: made,
          counterId: null, clerkId: null, targetCounterId: null, calledAt: null, finishedAt: null, recalls: 0, outcome: null, dossierCode: null, rating: null };
        ev(at, day, 'ticket.issued', id, null, null, f, { ticket });
        const x = r();
        if (x < 0.02) { ev(at + 1000, day, 'ticket.voided', id, null, null, f, { ticketId: id, reason: 'print failed' }); continue; }
        ev(at + 800, day, 'ticket.printed', id, null, null, f, { ticketId: id });
        if (x < 0.04) { ev(open + 86_400_000, day, 'ticket.expired', id, null, null, f, { ticketId: id }); continue; }
        const called = at + Math.floor(r() * 40 * 60_000);
        ev(called, day, 'ticket.called', id, cid, clerk, f, { ticketId: id, counterId: cid, clerkId: clerk });
        if (x < 0.12) { ev(called + 120_000, day, 'ticket.no_show', id, cid, clerk, f, { ticketId: id, counterId: cid, clerkId: clerk }); continue; }
        if (x < 0.2) ev(called + 30_000, day, 'ticket.recalled', id, cid, null, f, { ticketId: id, counterId: cid, count: 1 });
        const done = called + 60_000 + Math.floor(r() * 25 * 60_000);
        const outcome = OUTCOMES[Math.floor(r() * OUTCOMES.length)] ?? 'guidance';
        ev(done, day, 'ticket.finished', id, cid, clerk, f, { ticketId: id, counterId: cid, clerkId: clerk, outcome, dossierCode: outcome === 'received' ? `H01.${made}` : null, ratingUntil: done + 90_000 });
        if (r() < 0.6) {
          const lv = cfg.rating.levels[Math.floor(r() * cfg.rating.levels.length)] ?? cfg.rating.levels[0]!;
          ev(done + 5000, day, 'rating.recorded', id, cid, clerk, f, { ticketId: id, counterId: cid, clerkId: clerk, fieldId: f, level: lv.key, score: lv.score, reason: null, source: 'device:pad' });
        }
      }
    }
  })();
  return { tickets: made, events };
}

/** Time a yearly office report over a year of a large office; baseline: `SELECT COUNT(*) FROM events` in the same run. */
export async function benchReports(): Promise<{ name: string; tickets: number; events: number; ms: number; baselineMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    const cfg = loadConfigFile(DISTRICT_EXAMPLE);
    const { tickets, events } = fillYear(db, cfg);
    db.pragma('optimize');
    const t0 = performance.now();
    db.prepare('SELECT COUNT(*) AS n FROM events').get();
    const baselineMs = performance.now() - t0;
    const svc = new ReportService({ db, config: () => cfg, log: pino({ level: 'silent' }), clock: Date.now });
    const t1 = performance.now();
    const rep = svc.report({ period: 'year', date: '2026', groupBy: 'office' });
    const ms = performance.now() - t1;
    if (rep.total.issued !== tickets) throw new Error(`bench: report counted ${String(rep.total.issued)} of ${tickets} tickets`);
    return { name: 'reports: yearly office report, 300,000 tickets', tickets, events, ms: Math.round(ms), baselineMs: Math.round(baselineMs * 10) / 10 };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
