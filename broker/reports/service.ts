import type { Logger } from 'pino';
import type { OfficeConfig } from '../../config/types.js';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import { clerkMonth, type ClerkMonth } from './clerks.js';
import { buildReport, members } from './compute.js';
import { satisfaction766 } from './satisfaction766.js';
import { messageFigures } from './messages.js';
import { dayStart } from './localtime.js';
import { resolvePeriod, type PeriodQuery } from './period.js';
import { ReportRepo } from './repo.js';
import { GROUP_BYS, type GroupBy, type Report } from '../../protocol/reports.js';

export interface ReportServiceOptions { db: Db; config: () => OfficeConfig; log: Logger; clock: () => number }

/** The reports' shell: reads the folded event log (ReportRepo) and runs the pure computations. */
export class ReportService {
  readonly repo: ReportRepo;
  constructor(private readonly o: ReportServiceOptions) {
    this.repo = new ReportRepo(o.db);
  }

  report(q: PeriodQuery & { groupBy?: GroupBy | undefined }): Report {
    const t0 = performance.now();
    const groupBy = q.groupBy ?? 'office';
    if (!GROUP_BYS.includes(groupBy)) throw new McError('MC_ERR_BAD_REQUEST', `groupBy: one of ${GROUP_BYS.join(', ')}`);
    const period = resolvePeriod(q);
    const facts = this.repo.facts(period.from, period.to);
    const cfg = this.o.config();
    const r = buildReport(facts, { cfg, period, groupBy, now: this.o.clock() });
    const satisfaction = satisfaction766(this.repo.dossierFacts(period.from, period.to), { dissatisfiedLevels: cfg.rating.dissatisfiedLevels,
      officeName: cfg.office.name, fields: members(cfg, 'field'), clerks: members(cfg, 'clerk') });
    const ms = Math.round(performance.now() - t0);
    this.o.log.info({ period: `${period.from}..${period.to}`, groupBy, tickets: facts.n, ms }, 'report computed');
    return { ...r, satisfaction766: satisfaction, messages: messageFigures(this.o.db, period.from, period.to), ms };
  }

  /** A month's summary per clerk (sessions, service, ratings, low-score flag). `month`: YYYY-MM. */
  clerks(month: string): ClerkMonth {
    const cfg = this.o.config();
    const period = resolvePeriod({ period: 'month', date: month });
    const tz = cfg.office.timezone;
    const evs = this.repo.clerkEvents(period.from, period.to, dayStart(period.from, tz) - 86_400_000, dayStart(period.to, tz) + 2 * 86_400_000);
    return clerkMonth(this.repo.facts(period.from, period.to), evs, { cfg, period, now: this.o.clock() });
  }
}
