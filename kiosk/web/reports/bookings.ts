/** The bookings table of the reports page (issue 22): bookings by status and channel, and the waits of walk-ins,
 * checked-in bookings and numbers from phones side by side (`GET /api/reports/bookings`). Hidden when nobody booked
 * or took a number from a phone in the period. */
import type { BookingFigures } from '../../../protocol/reports.js';

const STATUSES: [keyof BookingFigures['bookings'], string][] = [['total', 'Lịch hẹn'], ['checkedIn', 'Đã đến đúng hẹn'], ['late', 'Đến muộn'],
  ['noShow', 'Không đến'], ['cancelled', 'Đã hủy'], ['booked', 'Chưa đến ngày / giờ']];
const WAITS: [keyof BookingFigures['waits'], string][] = [['walkIn', 'Đến trực tiếp'], ['booking', 'Có lịch hẹn'], ['remote', 'Lấy số từ xa']];
const num = (n: number | null): string => (n === null ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: 1 }));

function row(cells: string[], tag: 'td' | 'th'): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) { const el = document.createElement(tag); el.textContent = c; tr.append(el); }
  return tr;
}

export function bookingsTables(section: HTMLElement, statusHost: HTMLTableElement, waitHost: HTMLTableElement, b: BookingFigures | null): void {
  const used = !!b && (b.bookings.total > 0 || b.waits.remote.called > 0);
  section.hidden = !used;
  if (!b || !used) { statusHost.replaceChildren(); waitHost.replaceChildren(); return; }
  const channels = Object.entries(b.byChannel).map(([c, n]) => `${c === 'web' ? 'trang đặt lịch' : c}: ${n}`).join(' · ');
  const sHead = document.createElement('thead');
  sHead.append(row(STATUSES.map(([, l]) => l), 'th'));
  const sBody = document.createElement('tbody');
  sBody.append(row(STATUSES.map(([k]) => num(b.bookings[k])), 'td'));
  const caption = document.createElement('caption');
  caption.textContent = channels ? `Theo kênh: ${channels}` : '';
  statusHost.replaceChildren(caption, sHead, sBody);
  const wHead = document.createElement('thead');
  wHead.append(row(['Cách lấy số', 'Được gọi', 'Chờ – trung vị (phút)', 'Chờ – 90% (phút)'], 'th'));
  const wBody = document.createElement('tbody');
  for (const [k, l] of WAITS) { const w = b.waits[k]; wBody.append(row([l, num(w.called), num(w.medianMin), num(w.p90Min)], 'td')); }
  waitHost.replaceChildren(wHead, wBody);
}
