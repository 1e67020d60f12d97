/**
 * What the wait forecast costs issuing (issue 23), in process: a QueueService on a real SQLite file, the district
 * example with its eight counters staffed and 200 citizens waiting, each issue answered with the ticket's view (as
 * the dispenser's answer and the printed ticket are). With a history the view is forecast (one recompute per state
 * change); the baseline is the same office without history, where no simulation runs. Two ways of pressing: one
 * after the other (a recompute per press, the worst case) and bursts submitted together (one group commit, one
 * recompute shared by the whole burst).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfigFile } from '../../config/load.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { openDatabase } from '../../broker/db/open.js';
import { fixedConfig } from '../../broker/live-config.js';
import { QueueService } from '../../broker/queue/service.js';
import type { Command } from '../../broker/queue/types.js';

/** ms per press: the answer (issue committed + the ticket's view), and with the hall's read that follows it. */
interface Run { answerMs: number; withHallMs: number; burstAnswerMs: number; recomputes: number }

async function run(history: boolean, n: number, burst: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-wait-issue-'));
  const db = openDatabase(join(dir, 'motcua.db'));
  try {
    const cfg = loadConfigFile(DISTRICT_EXAMPLE);
    let now = Date.parse('2026-11-24T07:00:00+07:00');
    const q = new QueueService(db, fixedConfig(cfg), () => now, pino({ level: 'silent' }));
    q.start();
    const x = (c: Command) => q.execute(c, { source: 'bench' });
    cfg.counters.forEach((c, i) => { const k = cfg.clerks[i]; if (k) x({ op: 'signIn', counterId: c.id, clerkId: k.id }); });
    if (history) {
      for (let i = 0; i < 20; i++) { // 160 services of 6 minutes, 07:00–09:00
        for (const c of cfg.counters) {
          x({ op: 'issue', fieldId: c.fields[0] ?? '', source: 'bench', awaitPrint: false });
          x({ op: 'next', counterId: c.id });
        }
        now += 6 * 60_000;
        for (const c of cfg.counters) x({ op: 'finish', counterId: c.id, outcome: 'guidance' });
      }
    }
    now = Date.parse('2026-11-24T09:30:00+07:00');
    const fields = cfg.fields.map((f) => f.id);
    for (let i = 0; i < 200; i++) x({ op: 'issue', fieldId: fields[i % fields.length] ?? '', source: 'bench', awaitPrint: false });
    const before = q.forecastStats.runs;
    q.fieldWaits();
    let answer = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      now += 1000;
      const t0 = performance.now();
      const r = x({ op: 'issue', fieldId: fields[i % fields.length] ?? '', source: 'bench', awaitPrint: false });
      q.ticketView(String(r.ticket?.id));
      const t1 = performance.now();
      q.fieldWaits(); // the hall and queue publication that follows each change (coalesced, 30 ms later)
      answer += t1 - t0;
      total += performance.now() - t0;
    }
    let burstAnswer = 0;
    for (let b = 0; b < n / burst; b++) {
      now += 1000;
      const t0 = performance.now();
      const rs = await Promise.all(Array.from({ length: burst }, (_, i) => q.submit({ op: 'issue', fieldId: fields[i % fields.length] ?? '', source: 'bench', awaitPrint: false }, { source: 'bench' })));
      for (const r of rs) q.ticketView(String(r.ticket?.id));
      burstAnswer += performance.now() - t0;
      q.fieldWaits();
    }
    return { answerMs: answer / n, withHallMs: total / n, burstAnswerMs: burstAnswer / n, recomputes: q.forecastStats.runs - before };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ms per issue and its answer, with forecasts and without (no history), pressed one by one and in bursts. */
export async function issueWithForecast(short: boolean): Promise<{ withForecast: Run; withoutHistory: Run; n: number; burst: number; waiting: number }> {
  const n = short ? 60 : 300;
  const burst = 20;
  const withoutHistory = await run(false, n, burst);
  const withForecast = await run(true, n, burst);
  return { withForecast, withoutHistory, n, burst, waiting: 200 };
}
