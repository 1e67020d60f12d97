/**
 * Decision 766/QĐ-TTg figures as columns of the report exports (CSV, Excel), next to the configured scale: each
 * row gets its own figure (the center for the office row and the total, a field's for a field row, a clerk's for
 * a clerk row; counters have none). Formula: (dossiers − dissatisfied, complained or overdue) ÷ dossiers.
 */
import type { Column } from './report-columns.js';
import type { Figures, Report, Satisfaction766 } from './reports.js';

export const S766_NOTE = 'Chỉ số hài lòng theo Quyết định 766/QĐ-TTg = (số hồ sơ − hồ sơ bị đánh giá không hài lòng, bị phản ánh, kiến nghị hoặc quá hạn) ÷ số hồ sơ';

/** The 766 figure of a report row, or null where the grouping has none (counters, or no dossier data). */
export function s766Of(r: Pick<Report, 'groupBy' | 'satisfaction766'>, f: Figures): Satisfaction766 | null {
  const s = r.satisfaction766;
  if (!s) return null;
  if (f.key === 'total' || f.key === 'office' || r.groupBy === 'office') return s.office;
  if (r.groupBy === 'field') return s.byField.find((x) => x.key === f.key) ?? null;
  if (r.groupBy === 'clerk') return s.byClerk.find((x) => x.key === f.key) ?? null;
  return null;
}

export function s766Columns(r: Pick<Report, 'groupBy' | 'satisfaction766'>): Column<Figures>[] {
  if (!r.satisfaction766) return [];
  const col = (header: string, get: (s: Satisfaction766) => number | null): Column<Figures> =>
    ({ header, get: (f) => { const s = s766Of(r, f); return s ? get(s) : null; } });
  return [
    col('Số hồ sơ (QĐ 766)', (s) => s.dossiers),
    col('Hồ sơ không hài lòng', (s) => s.dissatisfied),
    col('Hồ sơ bị phản ánh hoặc kiến nghị', (s) => s.complained),
    col('Hồ sơ quá hạn', (s) => s.overdue),
    col('Hồ sơ bị trừ (QĐ 766)', (s) => s.excluded),
    col('Chỉ số hài lòng QĐ 766 (%)', (s) => (s.figure === null ? null : Math.round(s.figure * 10000) / 100)),
  ];
}
