/** Devices: state, last seen, version, faults (live over MQTT), and — for technicians — add, rotate, disable, remove. */
import { describe, del, get, post } from './api.js';
import { ago, fmtDateTime, h, mount } from './dom.js';
import { hubNow, observeHubTime } from '../../../web-lib/hub-time.js';
import { FAULTS, KINDS } from './labels.js';
import { loadSummary } from './summary.js';

export interface DeviceRow {
  id: string; kind: string; name: string; counterId: string | null; disabled: boolean; online: boolean; lastSeen: number | null;
  version: string | null; faults: string[]; options: Record<string, unknown>;
}
interface PairingAnswer { secret: string; pairing: Record<string, unknown>; qrText: string; qrSvg: string }
export interface DevicesCtx { isTech: boolean; counters: () => { id: string; number: number; name: string }[]; tz: string }

/** Offline devices first (what a technician must look at), then faults, then the rest; disabled ones last. */
export function sortForWatch(rows: DeviceRow[]): DeviceRow[] {
  const rank = (d: DeviceRow): number => (d.disabled ? 3 : !d.online ? 0 : d.faults.length ? 1 : 2);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

export class DevicesView {
  readonly el = h('div');
  private readonly list = h('section', { class: 'card' });
  private readonly summary = h('section', { class: 'card summary', 'data-testid': 'summary' });
  private readonly pairing = h('section', { class: 'card', id: 'pairing', hidden: true });
  private readonly msg = h('div', { 'aria-live': 'polite' });
  rows: DeviceRow[] = [];
  private readonly printerSelect = h('select', { id: 'dev-printer', name: 'printerId' });

  constructor(private readonly ctx: DevicesCtx) {
    mount(this.el, this.summary, this.pairing, this.msg, this.list, ctx.isTech ? this.addForm() : h('p', { class: 'warn' }, 'Chỉ kỹ thuật viên được thêm, khóa hoặc xóa thiết bị.'));
    // "Lần cuối" ages as time passes, by the hub's clock (not the browser's)
    setInterval(() => { if (this.el.isConnected) this.tickAges(); }, 5000);
  }

  private tickAges(): void {
    const now = hubNow();
    for (const td of this.list.querySelectorAll<HTMLElement>('td[data-last-seen]')) {
      const seen = Number(td.dataset.lastSeen);
      td.textContent = ago(seen || null, now);
    }
  }

  async refresh(): Promise<void> {
    const sentAt = Date.now();
    try { const r = await get<{ devices: DeviceRow[]; now: number }>('/api/devices'); observeHubTime(r.now, sentAt); this.rows = sortForWatch(r.devices); this.renderList(); void loadSummary(this.summary); this.fillPrinters(); } catch (e) { mount(this.msg, h('p', { class: 'alert', role: 'alert' }, describe(e))); }
  }

  private renderList(): void {
    const state = (d: DeviceRow) => d.disabled ? h('span', { class: 'badge badge-off' }, 'Đã khóa') : d.online ? h('span', { class: 'badge badge-ok' }, 'Trực tuyến') : h('span', { class: 'badge badge-bad' }, 'Mất kết nối');
    const body = this.rows.map((d) => h('tr', { 'data-device': d.id },
      h('td', {}, h('strong', {}, d.name || d.id), d.name && d.name !== d.id ? h('div', { class: 'muted' }, d.id) : null),
      h('td', {}, KINDS[d.kind] ?? d.kind, d.counterId ? h('div', { class: 'muted' }, `Quầy: ${this.counterLabel(d.counterId)}`) : null),
      h('td', {}, state(d)), h('td', { title: fmtDateTime(d.lastSeen, this.ctx.tz), 'data-last-seen': String(d.lastSeen ?? '') }, ago(d.lastSeen, hubNow())), h('td', {}, d.version ?? '—'),
      h('td', { class: 'faults' }, d.faults.length ? d.faults.map((f) => h('span', { class: 'badge badge-bad', style: 'margin-right:4px' }, FAULTS[f] ?? f)) : '—'),
      this.ctx.isTech ? h('td', {}, h('div', { class: 'actions', style: 'margin:0' },
        h('button', { class: 'btn btn-small', 'data-action': 'rotate', onclick: () => void this.act(d, 'rotate') }, 'Đổi mã'),
        h('button', { class: 'btn btn-small', 'data-action': d.disabled ? 'enable' : 'disable', onclick: () => void this.act(d, d.disabled ? 'enable' : 'disable') }, d.disabled ? 'Mở khóa' : 'Khóa'),
        h('button', { class: 'btn btn-small btn-danger', 'data-action': 'remove', onclick: () => void this.act(d, 'remove') }, 'Xóa'))) : null));
    mount(this.list, h('h2', {}, `Thiết bị (${this.rows.length})`),
      h('table', {}, h('thead', {}, h('tr', {}, ...['Thiết bị', 'Loại', 'Trạng thái', 'Lần cuối', 'Phiên bản', 'Sự cố'].map((x) => h('th', {}, x)), this.ctx.isTech ? h('th', {}, '') : null)),
        h('tbody', {}, ...(body.length ? body : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'Chưa có thiết bị nào.'))]))));
  }

  private fillPrinters(): void {
    const cur = this.printerSelect.value;
    mount(this.printerSelect, h('option', { value: '' }, '— không —'), ...this.rows.filter((d) => d.kind === 'printer').map((d) => h('option', { value: d.id, selected: d.id === cur }, d.name ? `${d.id} — ${d.name}` : d.id)));
  }

  private counterLabel(id: string): string {
    const c = this.ctx.counters().find((x) => x.id === id);
    return c ? `${c.number} — ${c.name}` : id;
  }

  private async act(d: DeviceRow, what: 'rotate' | 'disable' | 'enable' | 'remove'): Promise<void> {
    const ask = { rotate: `Đổi mã bí mật của ${d.id}? Thiết bị sẽ mất kết nối cho đến khi được ghép lại bằng mã mới.`, remove: `Xóa thiết bị ${d.id}?`, disable: null, enable: null }[what];
    if (ask && !confirm(ask)) return;
    try {
      if (what === 'remove') await del(`/api/devices/${encodeURIComponent(d.id)}`);
      else if (what === 'rotate') this.showPairing(await post<PairingAnswer>(`/api/devices/${encodeURIComponent(d.id)}/rotate`), d.id);
      else await post(`/api/devices/${encodeURIComponent(d.id)}/${what}`);
      if (what !== 'rotate') mount(this.msg, h('p', { class: 'note', role: 'status' }, { remove: `Đã xóa ${d.id}.`, disable: `Đã khóa ${d.id}.`, enable: `Đã mở khóa ${d.id}.` }[what]));
      await this.refresh();
    } catch (e) { mount(this.msg, h('p', { class: 'alert', role: 'alert' }, describe(e))); }
  }

  /** The secret is shown once, as text and as a QR code a kiosk page or device can scan. */
  private showPairing(a: PairingAnswer, id: string): void {
    const qr = h('div', { class: 'qr', 'data-testid': 'pairing-qr' });
    qr.innerHTML = a.qrSvg;
    const page = typeof a.pairing.pageUrl === 'string' ? a.pairing.pageUrl : null;
    // a kiosk may serve as the rating station (docs/kiosk.md): the same credentials, with ?rating=1
    const rating = page && /\/kiosk#/.test(page) ? page.replace('/kiosk#', '/kiosk?rating=1#') : null;
    mount(this.pairing, h('h2', {}, `Thông tin ghép nối: ${id}`),
      h('p', { class: 'warn' }, 'Mã bí mật chỉ hiện một lần. Hãy ghép thiết bị ngay (quét mã QR hoặc nhập các thông tin dưới đây), rồi đóng khung này.'),
      h('div', { class: 'pairing' }, qr, h('div', {},
        h('dl', { class: 'kv' }, h('dt', {}, 'Bộ phận'), h('dd', {}, String(a.pairing.office)), h('dt', {}, 'Mã thiết bị'), h('dd', {}, id),
          h('dt', {}, 'Mã bí mật'), h('dd', {}, h('code', { 'data-testid': 'secret' }, a.secret)), h('dt', {}, 'Máy chủ MQTT'), h('dd', {}, String(a.pairing.mqttUrl)),
          h('dt', {}, 'MQTT qua WebSocket'), h('dd', {}, String(a.pairing.wsUrl)), page ? h('dt', {}, 'Địa chỉ trang') : null, page ? h('dd', {}, h('a', { href: page, target: '_blank' }, page)) : null,
          rating ? h('dt', {}, 'Trạm đánh giá hài lòng') : null, rating ? h('dd', {}, h('a', { href: rating, target: '_blank', 'data-testid': 'rating-url' }, rating)) : null),
        h('p', { class: 'muted' }, 'Nội dung mã QR:'), h('pre', {}, a.qrText))),
      h('div', { class: 'actions' }, h('button', { class: 'btn btn-primary', 'data-action': 'close-pairing', onclick: () => { this.pairing.hidden = true; mount(this.pairing); } }, 'Đã ghép xong, đóng')));
    this.pairing.hidden = false;
    this.pairing.scrollIntoView();
  }

  private addForm(): HTMLElement {
    const err = h('p', { class: 'alert', role: 'alert', hidden: true });
    const id = h('input', { id: 'dev-id', name: 'id', required: true, placeholder: 'vd: kiosk-sanh', pattern: '[a-z0-9][a-z0-9_\\-]{0,31}' });
    const kind = h('select', { id: 'dev-kind', name: 'kind' }, ...Object.entries(KINDS).map(([k, v]) => h('option', { value: k }, v)));
    const name = h('input', { id: 'dev-name', name: 'name', placeholder: 'vd: Kiốt sảnh chính' });
    const counter = h('select', { id: 'dev-counter', name: 'counterId' }, h('option', { value: '' }, '— không gắn quầy —'), ...this.ctx.counters().map((c) => h('option', { value: c.id }, `Quầy ${c.number} — ${c.name}`)));
    const printer = this.printerSelect;
    const host = h('input', { id: 'dev-host', name: 'host', placeholder: 'vd: 192.168.1.50' });
    const port = h('input', { id: 'dev-port', name: 'port', type: 'number', value: '9100' });
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-action': 'add-device' }, 'Thêm thiết bị');
    const form = h('form', { class: 'card', id: 'add-device', onsubmit: (e: Event) => {
      e.preventDefault();
      err.hidden = true;
      const options: Record<string, unknown> = {};
      if (kind.value === 'printer' && host.value.trim()) Object.assign(options, { transport: 'tcp', host: host.value.trim(), port: Number(port.value || 9100), paper: 80 });
      if (printer.value && (kind.value === 'dispenser' || kind.value === 'kiosk')) options.printerId = printer.value;
      submit.disabled = true;
      post<PairingAnswer>('/api/devices', { id: id.value.trim(), kind: kind.value, name: name.value.trim(), counterId: counter.value || null, options })
        .then(async (a) => { this.showPairing(a, id.value.trim()); form.reset(); await this.refresh(); })
        .catch((x: unknown) => { err.textContent = describe(x); err.hidden = false; })
        .finally(() => { submit.disabled = false; });
    } },
    h('h2', {}, 'Thêm thiết bị'), err,
    h('div', { class: 'form-grid' },
      h('label', { for: 'dev-id' }, 'Mã thiết bị'), h('div', {}, id, h('p', { class: 'help' }, 'Chữ thường không dấu, số, - hoặc _ (tối đa 32 ký tự).')),
      h('label', { for: 'dev-kind' }, 'Loại'), kind, h('label', { for: 'dev-name' }, 'Tên gọi'), name,
      h('label', { for: 'dev-counter' }, 'Quầy'), h('div', {}, counter, h('p', { class: 'help' }, 'Bắt buộc với màn hình quầy, thiết bị đánh giá và bàn phím gọi số.')),
      h('label', { for: 'dev-printer' }, 'In phiếu trên máy in'), h('div', {}, printer, h('p', { class: 'help' }, 'Cho máy lấy số và kiốt.')),
      h('label', { for: 'dev-host' }, 'Địa chỉ IP máy in mạng'), h('div', {}, host, h('p', { class: 'help' }, 'Chỉ khi loại là máy in phiếu (cổng 9100).')), h('label', { for: 'dev-port' }, 'Cổng máy in'), port),
    h('div', { class: 'actions' }, submit));
    return form;
  }
}
