/**
 * One counter's console: the ticket being served and its actions, the waiting list of the counter's fields
 * (held tickets included, with "call back"), clerk-issued numbers, sign out. Live: the retained MQTT state of
 * the counter (`hub/counter/{id}`) and the queue (`hub/queue`) trigger a refetch of the waiting list, no reload.
 */
import { ApiError, HubClient, hubTopic, staffCredentials, type Status } from '../../../web-lib/hub-client.js';
import { fmtTime, h, mount } from '../shared/dom.js';
import type { OfficeInfo } from '../kiosk/types.js';
import { get, post, token, type CounterView, type Me, type WaitingTicket } from './api.js';
import { finishPanel, transferPanel } from './panels.js';

const PRIORITY: Record<string, string> = { elderly: 'Người cao tuổi', pregnant: 'Phụ nữ mang thai', disabled: 'Người khuyết tật' };
const STATUS: Record<string, string> = { called: 'Đang phục vụ', held: 'Tạm giữ', waiting: 'Đang chờ' };

export class CounterConsole {
  private view: CounterView | null = null;
  private waiting: WaitingTicket[] = [];
  private busy = false;
  private seen = token();
  private panel: 'finish' | 'transfer' | null = null;
  /** Kept across renders so a live update never wipes (or unfocuses) a dossier code being typed. */
  private finishEl: HTMLElement | null = null;
  private error = '';
  private notice = '';
  private status: Status = 'connecting';
  private client: HubClient | null = null;
  private stopped = false;

  constructor(private readonly root: HTMLElement, readonly me: Me, readonly office: OfficeInfo, readonly counterId: string, private readonly onLeave: () => void) {}

  async start(): Promise<void> {
    await this.refresh();
    const creds = await staffCredentials();
    this.client = new HubClient(creds);
    this.client.onStatus = (s) => { this.status = s; if (s === 'online') void this.refresh(); else this.render(); };
    this.client.subscribe(hubTopic.counter(creds.office, this.counterId), (p) => { this.view = p as CounterView; this.seen = token(); void this.loadWaiting(); });
    this.client.subscribe(hubTopic.queue(creds.office), () => { void this.loadWaiting(); });
    this.client.connect();
  }

  /** Leave this counter's screen: no more updates, and a late answer never paints over the next screen. */
  stop(): void { this.stopped = true; this.client?.end(); this.client = null; }

  private async refresh(): Promise<void> {
    try {
      const all = await get<{ counters: CounterView[] }>('/api/counters');
      this.view = all.counters.find((c) => c.counterId === this.counterId) ?? null;
    } catch (e) { this.error = (e as Error).message; }
    await this.loadWaiting();
  }

  private async loadWaiting(): Promise<void> {
    try { this.waiting = (await get<{ tickets: WaitingTicket[] }>(`/api/counters/${this.counterId}/waiting`)).tickets; } catch (e) { this.error = (e as Error).message; }
    this.render();
  }

  /** One click → one counter operation with its idempotency key; errors show the hub's Vietnamese message. */
  async act(op: string, body: Record<string, unknown> = {}, target = ''): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.render();
    const key = `${op}-${target}-${this.seen}`.slice(0, 64);
    try {
      const r = await post<{ counter?: CounterView; ticket?: { number?: string } }>(`/api/counters/${this.counterId}/${op}`, body, key);
      if (r.counter) this.view = r.counter;
      this.notice = op === 'issue' && r.ticket?.number ? `Đã cấp số ${r.ticket.number}` : '';
      this.panel = null;
      this.finishEl = null;
      if (op === 'signout') { this.stop(); this.onLeave(); return; }
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : 'Không kết nối được hệ thống.';
    } finally {
      this.busy = false;
      this.seen = token();
    }
    await this.loadWaiting();
  }

  /** Reprint the ticket being served (a citizen lost it): printed again on its dispenser's printer, marked as a copy. */
  private async reprint(): Promise<void> {
    const cur = this.view?.ticket;
    if (!cur || this.busy) return;
    this.busy = true;
    this.error = '';
    this.render();
    try {
      await post(`/api/tickets/${encodeURIComponent(cur.ticketId)}/reprint`, {});
      this.notice = `Đã in lại phiếu số ${cur.number}`;
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : 'Không kết nối được hệ thống.';
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private fieldName(id: string): string { return this.office.fields.find((f) => f.id === id)?.name ?? id; }

  private button(label: string, op: string, o: { body?: Record<string, unknown>; target?: string; enabled?: boolean; cls?: string; run?: () => void } = {}): HTMLButtonElement {
    return h('button', { class: `btn ${o.cls ?? ''}`, type: 'button', 'data-op': op, disabled: this.busy || o.enabled === false,
      onclick: () => (o.run ? o.run() : void this.act(op, o.body, o.target)) }, label);
  }

  render(): void {
    if (this.stopped) return;
    const active = document.activeElement;
    this.draw();
    if (active instanceof HTMLInputElement && active.isConnected && document.activeElement !== active) active.focus();
  }

  private draw(): void {
    const v = this.view;
    const mine = !!v?.clerk && (this.me.role !== 'clerk' || v.clerk.id === this.me.clerkId);
    const cur = v?.ticket ?? null;
    const serving = cur?.status === 'called';
    mount(this.root,
      h('header', { class: 'top' },
        h('h1', {}, v && v.counterName !== `Quầy ${v.counterNumber}` ? `Quầy ${v.counterNumber} — ${v.counterName}` : `Quầy ${v?.counterNumber ?? this.counterId}`),
        h('span', { class: `conn conn-${this.status}`, 'data-role': 'conn' }, this.status === 'online' ? 'Trực tuyến' : 'Mất kết nối'),
        h('span', { class: 'who' }, v?.clerk ? `${v.clerk.name} · ${v.clerk.title}` : 'Chưa có công chức'),
        mine ? this.button('Rời quầy', 'signout', { cls: 'btn-quiet' }) : this.button('Đăng nhập vào quầy', 'signin', { cls: 'btn-primary' }),
        h('button', { class: 'btn btn-quiet', type: 'button', 'data-op': 'change', onclick: () => { this.stop(); this.onLeave(); } }, 'Đổi quầy')),
      this.error ? h('p', { class: 'alert', role: 'alert', 'data-role': 'error' }, this.error) : null,
      this.notice ? h('p', { class: 'note', role: 'status', 'data-role': 'notice' }, this.notice) : null,
      h('section', { class: 'current card', 'data-role': 'current' },
        h('p', { class: 'label' }, 'Đang phục vụ'),
        h('p', { class: 'number', 'data-role': 'current-number' }, cur ? cur.number : '—'),
        cur ? h('p', { class: 'sub' }, `${cur.fieldName} · ${STATUS[cur.status] ?? cur.status}${cur.priority ? ` · Ưu tiên: ${PRIORITY[cur.priority] ?? cur.priority}` : ''}`) : h('p', { class: 'sub' }, 'Chưa gọi số'),
        h('div', { class: 'actions' },
          this.button('Gọi số tiếp theo', 'next', { cls: 'btn-primary btn-big', enabled: mine && !serving }),
          this.button('Gọi lại', 'recall', { enabled: mine && serving }),
          this.button('Vắng mặt', 'skip', { enabled: mine && serving }),
          this.button('Tạm giữ', 'hold', { enabled: mine && serving }),
          this.button('In lại phiếu', 'reprint', { enabled: mine && serving, run: () => void this.reprint() }),
          this.button('Chuyển…', 'transfer-open', { enabled: mine && serving, run: () => { this.panel = this.panel === 'transfer' ? null : 'transfer'; this.render(); } }),
          this.button('Kết thúc…', 'finish-open', { cls: 'btn-good', enabled: mine && serving, run: () => { this.panel = this.panel === 'finish' ? null : 'finish'; this.finishEl = null; this.render(); } })),
        this.panel === 'finish' && serving ? (this.finishEl ??= finishPanel(this)) : null,
        this.panel === 'transfer' && serving ? transferPanel(this) : null),
      h('section', { class: 'waiting card' },
        h('h2', {}, `Danh sách chờ (${this.waiting.length})`),
        this.waiting.length ? h('table', { 'data-role': 'waiting' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Số'), h('th', {}, 'Lĩnh vực'), h('th', {}, 'Lấy số lúc'), h('th', {}, 'Trạng thái'), h('th', {}, ''))),
          h('tbody', {}, ...this.waiting.map((t) => h('tr', { 'data-ticket': t.number, class: t.priority ? 'prio' : '' },
            h('td', { class: 'num' }, t.number), h('td', {}, this.fieldName(t.fieldId)), h('td', {}, fmtTime(t.issuedAt, this.office.office.timezone)),
            h('td', {}, `${STATUS[t.status] ?? t.status}${t.priority ? ` · ${PRIORITY[t.priority] ?? ''}` : ''}`),
            h('td', {}, t.status === 'held' ? this.button('Gọi lại số này', 'resume', { body: { ticketId: t.id }, target: t.id, enabled: mine && !serving }) : ''))))) 
          : h('p', { class: 'empty', 'data-role': 'waiting-empty' }, 'Không có công dân nào đang chờ.')),
      h('section', { class: 'issue card' },
        h('h2', {}, 'Cấp số tại quầy'),
        h('div', { class: 'actions' }, ...(v ? this.office.fields.filter((f) => (this.office.counters.find((c) => c.id === this.counterId)?.fields ?? []).includes(f.id)) : [])
          .map((f) => this.button(`Cấp số — ${f.name}`, 'issue', { body: { fieldId: f.id }, target: f.id, enabled: mine })))));
  }
}
