/** The tables and figure cards of the reports page. */
import { clerkColumns, minutes, reportColumns, type Column } from '../../../protocol/report-columns.js';
import type { ClerkMonth, Report } from '../../../protocol/reports.js';

const fmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const show = (v: string | number | null): string => (v === null ? '—' : typeof v === 'number' ? fmt.format(v) : v);

function table<T>(host: HTMLTableElement, cols: Column<T>[], rows: T[], rowClass: (r: T, i: number) => string = () => ''): void {
  const thead = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const c of cols) { const th = document.createElement('th'); th.textContent = c.header; hr.append(th); }
  thead.append(hr);
  const tbody = document.createElement('tbody');
  rows.forEach((r, i) => {
    const tr = document.createElement('tr');
    const cls = rowClass(r, i);
    if (cls) tr.className = cls;
    for (const c of cols) { const td = document.createElement('td'); td.textContent = show(c.get(r)); tr.append(td); }
    tbody.append(tr);
  });
  host.replaceChildren(thead, tbody);
}

export function reportTable(host: HTMLTableElement, r: Report): void {
  const rows = r.groupBy === 'office' ? r.rows : [...r.rows, r.total];
  table(host, reportColumns(r), rows, (_x, i) => (r.groupBy !== 'office' && i === rows.length - 1 ? 'total' : ''));
}

export function clerkTable(host: HTMLTableElement, m: ClerkMonth, levels: { key: string; label: string }[]): void {
  const rows = m.clerks.filter((c) => c.sessions || c.called || c.ratings.count);
  table(host, clerkColumns(levels), rows, (c) => (c.flagged ? 'flagged' : ''));
  host.querySelectorAll('tr.flagged td:last-child').forEach((td) => td.classList.add('flag'));
}

export function cards(host: HTMLElement, r: Report): void {
  const t = r.total;
  const items: [string, string][] = [
    ['Số đã phát', show(t.issued)], ['Đã phục vụ', show(t.served)], ['Vắng mặt', show(t.noShows)],
    ['Chờ trung vị (phút)', show(minutes(t.wait.median))], ['Phục vụ trung vị (phút)', show(minutes(t.service.median))],
    ['Điểm hài lòng', t.ratings.score === null ? '—' : `${show(t.ratings.score)}/100`],
  ];
  host.replaceChildren(...items.map(([label, value]) => {
    const d = document.createElement('div');
    d.className = 'kpi';
    const b = document.createElement('b'); b.textContent = value;
    const s = document.createElement('span'); s.textContent = label;
    d.append(b, s);
    return d;
  }));
}
