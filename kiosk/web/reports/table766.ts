/** The Decision 766/QĐ-TTg table of the reports page: per center, field and clerk, next to the configured scale. */
import type { Report, Satisfaction766 } from '../../../protocol/reports.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`);
const HEAD = ['', 'Hồ sơ', 'Không hài lòng', 'Bị phản ánh, kiến nghị', 'Quá hạn', 'Bị trừ', 'Có trạng thái từ tỉnh', 'Tỷ lệ hài lòng (QĐ 766)'];

function row(s: Satisfaction766, cls: string): HTMLTableRowElement {
  const tr = document.createElement('tr');
  if (cls) tr.className = cls;
  tr.dataset.key = s.key;
  for (const v of [s.name, s.dossiers, s.dissatisfied, s.complained, s.overdue, s.excluded, s.statusKnown, pct(s.figure)]) {
    const td = document.createElement('td');
    td.textContent = String(v);
    tr.append(td);
  }
  return tr;
}

export function table766(host: HTMLTableElement, note: HTMLElement, r: Report): void {
  const s = r.satisfaction766;
  if (!s) { host.replaceChildren(); return; }
  const thead = document.createElement('thead');
  const hr = document.createElement('tr');
  for (const h of HEAD) { const th = document.createElement('th'); th.textContent = h; hr.append(th); }
  thead.append(hr);
  const tbody = document.createElement('tbody');
  tbody.append(row(s.office, 'total'), ...s.byField.filter((x) => x.dossiers).map((x) => row(x, 'field')), ...s.byClerk.filter((x) => x.dossiers).map((x) => row(x, 'clerk')));
  host.replaceChildren(thead, tbody);
  const levels = r.levels.filter((l) => s.dissatisfiedLevels.includes(l.key)).map((l) => `"${l.label}"`).join(', ');
  note.textContent = `Tỷ lệ = (số hồ sơ − hồ sơ bị đánh giá ${levels}, bị phản ánh hoặc quá hạn) ÷ số hồ sơ. `
    + `Đánh giá không gắn hồ sơ (chỉ hướng dẫn): ${s.ratingsWithoutDossier} lượt, báo cáo riêng, không tính vào tỷ lệ.`;
}
