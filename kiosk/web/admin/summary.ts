/**
 * The admin home's summary card: devices by state with the offline ones named first, printers with paper low or
 * out, the provincial link, free disk and the hub's clock. Ages use the hub's clock (`hubNow()`).
 */
import { describe, get, post } from './api.js';
import { ago, fmtDateTime, h, mount } from './dom.js';
import { KINDS } from './labels.js';
import { hubNow } from '../../../web-lib/hub-time.js';

interface Alert { id: string; kind: string; text: string; raisedAt: number; cleared: boolean }
interface Summary {
  now: number; timezone: string; alerts: Alert[];
  devices: { total: number; online: number; offline: number; disabled: number };
  offline: { id: string; name: string; kind: string; lastSeen: number | null }[];
  paper: { id: string; name: string; paper: 'low' | 'out' }[];
  link: { configured: boolean; label: string; backlog: number; lastSuccessAt: number | null; lastError: string | null; failures: number; parked: number };
  disk: { freeBytes: number; totalBytes: number } | null;
}

const nf = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const gb = (b: number): string => `${nf.format(b / 1024 ** 3)} GB`;
const named = (d: { id: string; name: string }): string => (d.name && d.name !== d.id ? `${d.name} (${d.id})` : d.id);

function tile(label: string, value: string, state: 'ok' | 'bad' | 'warn' | 'off', role: string): HTMLElement {
  return h('div', { class: `sum-tile sum-${state}`, 'data-summary': role }, h('span', { class: 'sum-value' }, value), h('span', { class: 'sum-label' }, label));
}

function linkLine(l: Summary['link'], tz: string): string {
  if (!l.configured) return 'Chưa cấu hình liên thông với hệ thống của tỉnh.';
  const last = l.lastSuccessAt ? `gửi thành công lần cuối ${fmtDateTime(l.lastSuccessAt, tz)}` : 'chưa gửi được lần nào';
  return `${l.label}: ${l.failures ? `lỗi ${l.failures} lần liên tiếp` : 'hoạt động bình thường'}, ${l.backlog} sự kiện chờ gửi, ${last}.`;
}

function alertList(el: HTMLElement, s: Summary): HTMLElement {
  if (!s.alerts.length) return h('p', { class: 'sum-line', 'data-role': 'no-alerts' }, 'Không có cảnh báo nào cần xử lý.');
  return h('ul', { class: 'alerts', 'data-role': 'alerts' }, ...s.alerts.map((a) => h('li', { class: a.cleared ? 'alert-cleared' : 'alert-open', 'data-alert': a.id },
    h('span', {}, `${a.text} — từ ${fmtDateTime(a.raisedAt, s.timezone)}${a.cleared ? ' (đã hết, chờ xác nhận)' : ''}`),
    h('button', { class: 'btn btn-small', type: 'button', 'data-action': 'ack', onclick: () => void post(`/api/admin/alerts/${encodeURIComponent(a.id)}/ack`).then(() => loadSummary(el)) }, 'Đã xử lý'))));
}

export function renderSummary(el: HTMLElement, s: Summary): void {
  const linkBad = s.link.configured && (s.link.failures > 0 || s.link.parked > 0);
  const diskLow = !!s.disk && s.disk.freeBytes < 0.1 * s.disk.totalBytes;
  mount(el, h('h2', {}, 'Tổng quan giám sát'),
    h('div', { class: 'sum-tiles' },
      tile('Mất kết nối', String(s.devices.offline), s.devices.offline ? 'bad' : 'ok', 'offline'),
      tile('Trực tuyến', String(s.devices.online), 'ok', 'online'),
      tile('Đã khóa', String(s.devices.disabled), 'off', 'disabled'),
      tile('Máy in thiếu giấy', String(s.paper.length), s.paper.length ? 'warn' : 'ok', 'paper'),
      tile('Liên thông tỉnh', !s.link.configured ? 'Chưa có' : linkBad ? 'Có lỗi' : 'Tốt', !s.link.configured ? 'off' : linkBad ? 'bad' : 'ok', 'link'),
      tile('Ổ đĩa còn trống', s.disk ? gb(s.disk.freeBytes) : '—', diskLow ? 'bad' : 'ok', 'disk'),
      tile('Giờ máy chủ', fmtDateTime(s.now, s.timezone), 'ok', 'clock')),
    s.offline.length ? h('p', { class: 'sum-line', 'data-summary-list': 'offline' }, h('strong', {}, 'Mất kết nối: '),
      s.offline.map((d) => `${named(d)} — ${KINDS[d.kind] ?? d.kind}, ${d.lastSeen ? ago(d.lastSeen, hubNow()) : 'chưa từng kết nối'}`).join('; ')) : null,
    s.paper.length ? h('p', { class: 'sum-line', 'data-summary-list': 'paper' }, h('strong', {}, 'Giấy in: '),
      s.paper.map((p) => `${named(p)} — ${p.paper === 'out' ? 'Hết giấy' : 'Sắp hết giấy'}`).join('; ')) : null,
    h('p', { class: 'sum-line muted' }, linkLine(s.link, s.timezone)),
    h('h3', {}, `Cảnh báo (${s.alerts.length})`), alertList(el, s));
}

export async function loadSummary(el: HTMLElement): Promise<void> {
  try { renderSummary(el, await get<Summary>('/api/admin/summary')); } catch (e) { mount(el, h('p', { class: 'alert', role: 'alert' }, describe(e))); }
}
