/** Read-mostly panels: the provincial link, the audit log, the ticket print preview. */
import { describe, get, post } from './api.js';
import { fmtDateTime, h, mount } from './dom.js';
import { ACTIONS } from './labels.js';

interface Uplink { connected: boolean; ackedSeq: number; confirmedSeq: number | null; lastSeq: number; backlog: number; lastAckAt: number | null; resends: number }
interface LinkStatus { configured: boolean; label: string; backlog: number; oldestUnsentAt: number | null; lastSuccessAt: number | null; lastError: string | null; lastErrorAt: number | null; consecutiveFailures: number; nextRetryAt: number | null; parked: number; uplink?: Uplink | null }

/** The stream of events and device health to the province's MQTT broker (docs/province.md), when configured. */
function uplinkSection(u: Uplink, tz: string): HTMLElement {
  return h('section', { class: 'card', id: 'uplink' }, h('h2', {}, 'Gửi dữ liệu về máy chủ của tỉnh (MQTT)'),
    h('p', { class: u.connected ? 'note' : 'warn' }, u.connected ? 'Đang kết nối.' : 'Chưa kết nối được; sự kiện được giữ trong cơ sở dữ liệu và gửi khi có kết nối. Việc phục vụ công dân không bị ảnh hưởng.'),
    h('dl', { class: 'kv' },
      h('dt', {}, 'Sự kiện chờ gửi'), h('dd', { 'data-testid': 'uplink-backlog' }, String(u.backlog)),
      h('dt', {}, 'Máy chủ MQTT đã nhận đến sự kiện số'), h('dd', {}, String(u.ackedSeq)),
      h('dt', {}, 'Tỉnh đã lưu đủ đến sự kiện số'), h('dd', {}, u.confirmedSeq === null ? '— (tỉnh chưa xác nhận)' : String(u.confirmedSeq)),
      h('dt', {}, 'Nhận lần cuối'), h('dd', {}, fmtDateTime(u.lastAckAt, tz)),
      h('dt', {}, 'Số lần gửi lại'), h('dd', {}, String(u.resends))));
}
interface ParkedEvent { id: number; idemKey: string; type: string; createdAt: number; parkedAt: number; error: string }

export async function linkPanel(el: HTMLElement, tz: string, isTech = false): Promise<void> {
  try {
    const s = await get<LinkStatus>('/api/link');
    const ok = s.configured && !s.lastError;
    mount(el, h('section', { class: 'card', id: 'link' }, h('h2', {}, `Liên thông: ${s.label}`),
      h('p', { class: ok ? 'note' : 'warn' }, !s.configured ? 'Chưa cấu hình địa chỉ hệ thống của tỉnh: sự kiện được giữ lại trong hàng đợi gửi.' : ok ? 'Kết nối bình thường.' : 'Đang có lỗi kết nối; sự kiện được giữ lại và gửi lại tự động.'),
      h('dl', { class: 'kv' },
        h('dt', {}, 'Sự kiện chờ gửi'), h('dd', { 'data-testid': 'backlog' }, String(s.backlog)), h('dt', {}, 'Sự kiện cũ nhất chưa gửi'), h('dd', {}, fmtDateTime(s.oldestUnsentAt, tz)),
        h('dt', {}, 'Gửi thành công lần cuối'), h('dd', {}, fmtDateTime(s.lastSuccessAt, tz)), h('dt', {}, 'Lỗi gần nhất'), h('dd', {}, s.lastError ? `${s.lastError} (${fmtDateTime(s.lastErrorAt, tz)})` : '—'),
        h('dt', {}, 'Số lần lỗi liên tiếp'), h('dd', {}, String(s.consecutiveFailures ?? 0)), h('dt', {}, 'Thử lại lúc'), h('dd', {}, fmtDateTime(s.nextRetryAt, tz)),
        h('dt', {}, 'Sự kiện bị từ chối (để riêng)'), h('dd', { 'data-testid': 'parked' }, String(s.parked ?? 0)))),
      s.uplink ? uplinkSection(s.uplink, tz) : null,
      s.parked > 0 ? await parkedSection(el, tz, isTech) : null);
  } catch (e) { mount(el, h('p', { class: 'alert', role: 'alert' }, describe(e))); }
}

/** Events the provincial system refused for good: what they are, why, and (technician) a button to send them again. */
async function parkedSection(el: HTMLElement, tz: string, isTech: boolean): Promise<HTMLElement> {
  const { total, events } = await get<{ total: number; events: ParkedEvent[] }>('/api/link/parked');
  const msg = h('p', { class: 'muted', role: 'status' });
  const retry = async () => {
    try {
      const r = await post<{ requeued: number }>('/api/link/parked/retry');
      msg.textContent = `Đã đưa ${r.requeued} sự kiện trở lại hàng đợi gửi.`;
      setTimeout(() => void linkPanel(el, tz, isTech), 1500);
    } catch (e) { msg.textContent = describe(e); }
  };
  return h('section', { class: 'card', id: 'parked' }, h('h2', {}, `Sự kiện bị hệ thống của tỉnh từ chối: ${total}`),
    h('p', { class: 'warn' }, 'Các sự kiện này được để riêng để những sự kiện sau vẫn được gửi. Khi phía tỉnh đã sửa lỗi, bấm «Gửi lại» để gửi lại chúng.'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Tạo lúc'), h('th', {}, 'Loại'), h('th', {}, 'Mã'), h('th', {}, 'Lý do'))),
      h('tbody', {}, ...events.map((e) => h('tr', { 'data-parked': e.idemKey }, h('td', {}, fmtDateTime(e.createdAt, tz)), h('td', {}, e.type), h('td', {}, e.idemKey), h('td', { style: 'word-break:break-word' }, e.error))))),
    isTech ? h('button', { class: 'btn', 'data-action': 'retry-parked', onclick: () => void retry() }, 'Gửi lại') : null, msg);
}

interface AuditEntry { id: number; at: number; actor: string; action: string; detail: unknown }

const q = (v: unknown): string => (typeof v === 'string' ? `«${v}»` : JSON.stringify(v));
const isChange = (v: unknown): v is { before: unknown; after: unknown } => !!v && typeof v === 'object' && 'before' in v && 'after' in v;

/** "hotich — name: «Hộ tịch» → «Hộ tịch – Chứng thực»; thêm: q9" */
function changes(o: Record<string, unknown>): string[] {
  return Object.entries(o).map(([k, v]) => (isChange(v) ? `${k}: ${q(v.before)} → ${q(v.after)}` : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`));
}

function detailText(d: unknown): string {
  if (!d || typeof d !== 'object') return String(d ?? '');
  const x = d as Record<string, unknown>;
  if ('changed' in x && 'added' in x) {
    const parts: string[] = [];
    if (Array.isArray(x.added) && x.added.length) parts.push(`thêm: ${x.added.join(', ')}`);
    if (Array.isArray(x.removed) && x.removed.length) parts.push(`xóa: ${x.removed.join(', ')}`);
    for (const [id, c] of Object.entries((x.changed ?? {}) as Record<string, Record<string, unknown>>)) parts.push(`${id} — ${changes(c).join(', ')}`);
    return parts.join('; ') || 'không đổi';
  }
  return changes(x).join('; ');
}

export async function auditPanel(el: HTMLElement, tz: string): Promise<void> {
  const filter = h('input', { id: 'audit-filter', placeholder: 'Lọc theo loại (vd: device. hoặc config.)', style: 'max-width:420px' });
  const body = h('tbody');
  const load = async () => {
    try {
      const q = filter.value.trim() ? `&action=${encodeURIComponent(filter.value.trim())}` : '';
      const { entries } = await get<{ entries: AuditEntry[] }>(`/api/audit?limit=200${q}`);
      mount(body, ...(entries.length ? entries.map((e) => h('tr', { 'data-action': e.action }, h('td', {}, fmtDateTime(e.at, tz)), h('td', {}, e.actor),
        h('td', {}, ACTIONS[e.action] ?? e.action, h('div', { class: 'muted' }, e.action)), h('td', { style: 'word-break:break-word' }, detailText(e.detail)))) : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, 'Chưa có thay đổi nào.'))]));
    } catch (e) { mount(body, h('tr', {}, h('td', { colspan: 4, class: 'alert' }, describe(e)))); }
  };
  mount(el, h('section', { class: 'card', id: 'audit' }, h('h2', {}, 'Nhật ký thay đổi'), h('p', { class: 'hint' }, 'Ai đã thay đổi gì, lúc nào (mới nhất trước).'),
    h('div', { class: 'actions' }, filter, h('button', { class: 'btn', onclick: () => void load() }, 'Lọc')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Thời gian'), h('th', {}, 'Người thực hiện'), h('th', {}, 'Thay đổi'), h('th', {}, 'Chi tiết'))), body)));
  await load();
}

/** The ticket as the printer would print it, with the texts in force. */
export function previewPanel(fields: () => { id: string; name: string }[]): (root: HTMLElement) => void {
  return (root) => {
    const sel = h('select', { id: 'preview-field' }, ...fields().map((f) => h('option', { value: f.id }, f.name)));
    const paper = h('select', { id: 'preview-paper' }, h('option', { value: '80' }, 'Giấy 80 mm'), h('option', { value: '58' }, 'Giấy 58 mm'));
    const img = h('img', { alt: 'Xem trước phiếu', id: 'ticket-preview' });
    const load = () => { img.src = `/api/admin/ticket-preview.png?fieldId=${encodeURIComponent(sel.value)}&paper=${paper.value}&t=${Date.now()}`; };
    sel.onchange = load;
    paper.onchange = load;
    root.append(h('div', { class: 'preview' }, h('h3', {}, 'Xem trước phiếu in'), h('div', { class: 'actions' }, sel, paper, h('button', { class: 'btn btn-small', type: 'button', onclick: load }, 'Làm mới')), img));
    load();
  };
}
