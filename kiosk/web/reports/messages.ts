/** The messages table of the reports page: per kind, sent, refused, too late, cancelled, still waiting (issue 22b). */
import type { Report } from '../../../protocol/reports.js';

const KINDS: Record<string, string> = { booking_confirmed: 'Xác nhận đặt lịch', reminder: 'Nhắc lịch hẹn', ahead: 'Sắp đến lượt', called: 'Mời đến quầy', otp: 'Mã xác thực' };
const STATUSES: [string, string][] = [['sent', 'Đã gửi'], ['failed', 'Không gửi được'], ['expired', 'Quá hạn, không gửi'], ['cancelled', 'Đã hủy'], ['pending', 'Đang chờ gửi']];

export function messagesTable(section: HTMLElement, host: HTMLTableElement, r: Report): void {
  const m = r.messages;
  const kinds = Object.keys(m?.byKind ?? {});
  section.hidden = !m || kinds.length === 0;
  if (!m || kinds.length === 0) { host.replaceChildren(); return; }
  const tr = (cells: string[], tag: 'td' | 'th', cls = ''): HTMLTableRowElement => {
    const row = document.createElement('tr');
    if (cls) row.className = cls;
    for (const c of cells) { const el = document.createElement(tag); el.textContent = c; row.append(el); }
    return row;
  };
  const thead = document.createElement('thead');
  thead.append(tr(['Loại tin nhắn', ...STATUSES.map(([, label]) => label)], 'th'));
  const tbody = document.createElement('tbody');
  for (const k of kinds) tbody.append(tr([KINDS[k] ?? k, ...STATUSES.map(([s]) => String(m.byKind[k]?.[s] ?? 0))], 'td'));
  const total = (s: string): number => kinds.reduce((n, k) => n + (m.byKind[k]?.[s] ?? 0), 0);
  tbody.append(tr(['Tổng cộng', ...STATUSES.map(([s]) => String(total(s)))], 'td', 'total'));
  host.replaceChildren(thead, tbody);
}
