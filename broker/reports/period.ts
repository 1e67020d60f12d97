import { McError } from '../../protocol/errors.js';
import { vnDay } from '../../protocol/days.js';
import { addDays } from '../queue/calendar.js';
import type { Period, PeriodKind } from '../../protocol/reports.js';

export interface PeriodQuery { period?: PeriodKind | undefined; date?: string | undefined; from?: string | undefined; to?: string | undefined }

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');
function lastDay(y: number, m: number): string { return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1); }

function valid(day: string): boolean {
  return DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

/**
 * Resolve a report period (local days, both ends included): `day` YYYY-MM-DD, `month` YYYY-MM, `quarter` YYYY-Qn,
 * `year` YYYY, or `range` from–to (at most 3 years). Throws MC_ERR_BAD_REQUEST.
 */
export function resolvePeriod(q: PeriodQuery): Period {
  const kind = q.period ?? (q.from || q.to ? 'range' : 'day');
  const d = q.date ?? '';
  const bad = (why: string) => new McError('MC_ERR_BAD_REQUEST', why);
  switch (kind) {
    case 'day':
      if (!valid(d)) throw bad('date: YYYY-MM-DD');
      return { kind, from: d, to: d, label: `Ngày ${vnDay(d)}`, labelEn: `Day ${d}` };
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(d);
      const y = Number(m?.[1]); const mo = Number(m?.[2]);
      if (!m || mo < 1 || mo > 12) throw bad('date: YYYY-MM');
      return { kind, from: `${y}-${pad(mo)}-01`, to: lastDay(y, mo), label: `Tháng ${pad(mo)}/${y}`, labelEn: `Month ${y}-${pad(mo)}` };
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/i.exec(d);
      if (!m) throw bad('date: YYYY-Qn');
      const y = Number(m[1]); const qn = Number(m[2]);
      return { kind, from: `${y}-${pad(qn * 3 - 2)}-01`, to: lastDay(y, qn * 3), label: `Quý ${['I', 'II', 'III', 'IV'][qn - 1]}/${y}`, labelEn: `Q${qn} ${y}` };
    }
    case 'year':
      if (!/^\d{4}$/.test(d)) throw bad('date: YYYY');
      return { kind, from: `${d}-01-01`, to: `${d}-12-31`, label: `Năm ${d}`, labelEn: `Year ${d}` };
    case 'range': {
      const from = q.from ?? ''; const to = q.to ?? '';
      if (!valid(from) || !valid(to)) throw bad('from, to: YYYY-MM-DD');
      if (from > to) throw bad('from is after to');
      if (to > addDays(from, 3 * 366)) throw bad('a range is at most 3 years');
      return { kind, from, to, label: from === to ? `Ngày ${vnDay(from)}` : `Từ ngày ${vnDay(from)} đến ngày ${vnDay(to)}`, labelEn: `${from} to ${to}` };
    }
  }
}
