import type ExcelJS from 'exceljs';
import type { ClerkMonth } from './clerks.js';
import { clerkColumns, GROUP_LABELS, reportColumns, type Column } from '../../protocol/report-columns.js';
import type { Report } from '../../protocol/reports.js';
import { S766_NOTE, s766Columns } from '../../protocol/report-766-columns.js';

/** The report table of the exports: the page's columns and the Decision 766 figures of each row. */
const exportColumns = (r: Report) => [...reportColumns(r), ...s766Columns(r)];

/**
 * How a CSV is written. `vi` (the default) is what Excel opens directly on a computer set to Vietnamese (Windows'
 * vi-VN regional format: list separator ";", decimal comma): "95,5". `comma` is RFC 4180 with a decimal point, for
 * scripts and spreadsheets set to English: "95.5". Both are UTF-8 with a byte order mark (so Excel shows
 * Vietnamese) and CRLF line ends.
 */
export type CsvStyle = 'vi' | 'comma';

function csv<T>(cols: Column<T>[], rows: T[], style: CsvStyle): string {
  const sep = style === 'vi' ? ';' : ',';
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    const s = typeof v === 'number' && style === 'vi' ? String(v).replace('.', ',') : String(v);
    return typeof v !== 'number' && /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map((c) => cell(c.header)), ...rows.map((r) => cols.map((c) => cell(c.get(r))))];
  return `\uFEFF${lines.map((l) => l.join(sep)).join('\r\n')}\r\n`;
}

export function reportCsv(r: Report, style: CsvStyle = 'vi'): string { return csv(exportColumns(r), [...r.rows, ...(r.groupBy === 'office' ? [] : [r.total])], style); }
export function clerksCsv(m: ClerkMonth, levels: { key: string; label: string }[], style: CsvStyle = 'vi'): string { return csv(clerkColumns(levels), m.clerks, style); }

function sheet<T>(wb: ExcelJS.Workbook, name: string, title: string[], cols: Column<T>[], rows: T[]): void {
  const ws = wb.addWorksheet(name);
  for (const t of title) ws.addRow([t]).font = { bold: true };
  ws.addRow([]);
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  for (const r of rows) ws.addRow(cols.map((c) => c.get(r)));
  ws.columns.forEach((c, i) => { c.width = i === 0 ? 34 : 14; });
}

/** The report as an Excel workbook: the table, arrivals per hour per field, and waits over the day. */
export async function reportXlsx(r: Report, clerks?: ClerkMonth): Promise<Buffer> {
  // loaded on first export only: exceljs costs ~12 MB of memory that a hub rarely needs
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'motcua-hub';
  wb.created = new Date(r.generatedAt);
  const title = [r.office.name, `Báo cáo theo ${GROUP_LABELS[r.groupBy]?.toLowerCase() ?? r.groupBy} — ${r.period.label}`];
  const s = r.satisfaction766;
  const note = s ? [S766_NOTE, `Đánh giá không gắn hồ sơ (chỉ hướng dẫn), báo cáo riêng, không tính vào chỉ số: ${s.ratingsWithoutDossier}`] : [];
  sheet(wb, 'Tổng hợp', [...title, ...note], exportColumns(r), [...r.rows, ...(r.groupBy === 'office' ? [] : [r.total])]);
  const hours = Array.from({ length: 24 }, (_, h) => h);
  sheet(wb, 'Lượt đến theo giờ', [...title, 'Số phát theo giờ trong ngày, theo lĩnh vực'],
    [{ header: 'Lĩnh vực', get: (a: Report['arrivals'][number]) => a.name }, ...hours.map((h) => ({ header: `${h}h`, get: (a: Report['arrivals'][number]) => a.perHour[h] ?? 0 }))], r.arrivals);
  sheet(wb, 'Thời gian chờ theo giờ', [...title, 'Thời gian chờ (phút) của các số phát trong mỗi giờ'],
    [{ header: 'Giờ', get: (w: Report['waitsByHour'][number]) => `${w.hour}h` }, { header: 'Số lượt', get: (w) => w.count },
      { header: 'Trung vị (phút)', get: (w) => (w.median === null ? null : Math.round(w.median / 6) / 10) }, { header: '90% (phút)', get: (w) => (w.p90 === null ? null : Math.round(w.p90 / 6) / 10) }],
    r.waitsByHour.filter((w) => w.count > 0));
  if (clerks) sheet(wb, 'Công chức', [r.office.name, `Tổng hợp công chức — ${clerks.period.label}`], clerkColumns(r.levels), clerks.clerks);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
