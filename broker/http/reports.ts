import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import type { QueueService } from '../queue/service.js';
import type { StaffDirectory } from '../staff/users.js';
import { clerksCsv, reportCsv, reportXlsx, type CsvStyle } from '../reports/export.js';
import { ReportService } from '../reports/service.js';
import { GROUP_BYS, PERIOD_KINDS, type GroupBy, type PeriodKind } from '../../protocol/reports.js';
import { requireStaff } from './auth.js';
import { errorSchema } from './errors.js';
import { bookingReportAnswer, clerksAnswer, reportAnswer } from './responses.js';
import { bookingFigures } from '../reports/bookings.js';
import { resolvePeriod } from '../reports/period.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
const csvSep = { type: 'string', enum: ['semicolon', 'comma'], default: 'semicolon',
  description: 'CSV only: semicolon-separated with decimal commas (Excel set to Vietnamese, the default), or comma-separated with decimal points (RFC 4180, scripts)' } as const;
const reportQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    period: { type: 'string', enum: PERIOD_KINDS as unknown as string[], description: 'day | month | quarter | year | range' },
    date: { type: 'string', maxLength: 10, description: 'day: YYYY-MM-DD, month: YYYY-MM, quarter: YYYY-Qn, year: YYYY' },
    from: { type: 'string', maxLength: 10, description: 'range: first local day YYYY-MM-DD' },
    to: { type: 'string', maxLength: 10, description: 'range: last local day YYYY-MM-DD (included)' },
    groupBy: { type: 'string', enum: GROUP_BYS as unknown as string[], default: 'office' },
    clerks: { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'xlsx only: add the clerk summary sheet of this month' },
    sep: csvSep,
  },
} as const;
const monthQuery = { type: 'object', additionalProperties: false, required: ['month'], properties: { month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, sep: csvSep } } as const;
interface RQ { period?: PeriodKind; date?: string; from?: string; to?: string; groupBy?: GroupBy; clerks?: string; sep?: 'semicolon' | 'comma' }
/** CSV only: `semicolon` (default) for Excel set to Vietnamese ("95,5"); `comma` for scripts and English settings ("95.5"). */
const csvStyle = (sep: string | undefined): CsvStyle => (sep === 'comma' ? 'comma' : 'vi');

const fileName = (kind: string, from: string, to: string, ext: string) => `bao-cao-${kind}-${from}${to === from ? '' : `_${to}`}.${ext}`;

/** Reports for office heads (technician and manager accounts): JSON, CSV (UTF-8 with BOM) and Excel. */
export interface ReportDeps { db: Db; queue: QueueService; log: Logger; clock: () => number; staff: StaffDirectory }

/** (A Fastify plugin.) */
export async function reportRoutes(app: FastifyInstance, hub: ReportDeps): Promise<void> {
  const reports = new ReportService({ db: hub.db, config: () => hub.queue.config, log: hub.log.child({ mod: 'reports' }), clock: hub.clock });
  const pre = requireStaff(hub.staff, ['technician', 'manager']);
  const tags = ['reports'];

  app.get<{ Querystring: RQ }>('/api/reports', { onRequest: pre, schema: { tags, summary: 'Report of a period by office, field, counter or clerk', querystring: reportQuery,
    response: { 200: reportAnswer, ...errors } } }, async (req) => reports.report(req.query));

  app.get<{ Querystring: RQ }>('/api/reports/export.csv', { onRequest: pre, schema: { tags, summary: 'The report as CSV (UTF-8 with BOM; semicolons and decimal commas for Excel set to Vietnamese, or sep=comma)', querystring: reportQuery,
    response: { 200: { type: 'string' }, ...errors } } }, async (req, reply) => {
    const r = reports.report(req.query);
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(r.groupBy, r.period.from, r.period.to, 'csv')}"`).send(reportCsv(r, csvStyle(req.query.sep)));
  });

  app.get<{ Querystring: RQ }>('/api/reports/export.xlsx', { onRequest: pre, schema: { tags, summary: 'The report as an Excel workbook', querystring: reportQuery,
    response: { ...errors } } }, async (req, reply) => {
    const r = reports.report(req.query);
    const body = await reportXlsx(r, req.query.clerks ? reports.clerks(req.query.clerks) : undefined);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName(r.groupBy, r.period.from, r.period.to, 'xlsx')}"`).send(body);
  });

  app.get<{ Querystring: RQ }>('/api/reports/bookings', { onRequest: pre, schema: { tags, summary: 'Bookings (by status and channel), check-ins, no-shows, and the waits of walk-ins, bookings and numbers from phones',
    querystring: reportQuery, response: { 200: bookingReportAnswer, ...errors } } }, async (req) => {
    const p = resolvePeriod(req.query);
    return bookingFigures(hub.db, p.from, p.to);
  });

  app.get<{ Querystring: { month: string } }>('/api/reports/clerks', { onRequest: pre, schema: { tags, summary: 'Monthly summary per clerk for the sending agencies',
    querystring: monthQuery, response: { 200: clerksAnswer, ...errors } } }, async (req) => reports.clerks(req.query.month));

  app.get<{ Querystring: { month: string; sep?: string } }>('/api/reports/clerks.csv', { onRequest: pre, schema: { tags, summary: 'Monthly clerk summary as CSV',
    querystring: monthQuery, response: { 200: { type: 'string' }, ...errors } } }, async (req, reply) => {
    const m = reports.clerks(req.query.month);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="cong-chuc-${req.query.month}.csv"`)
      .send(clerksCsv(m, hub.queue.config.rating.levels, csvStyle(req.query.sep)));
  });
}
