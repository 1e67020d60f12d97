/**
 * One counter's console: the ticket being served and its actions ("Xong & gọi tiếp" in one key), the waiting list
 * in the order Next calls it with each wait, today's absent citizens (call back), calling a typed number,
 * clerk-issued numbers, sign out. Live: the retained MQTT state of the counter (`hub/counter/{id}`) and the
 * queue (`hub/queue`) trigger a refetch of the lists, no reload. Keys: see console/keys.ts.
 */
import { ApiError, HubClient, hubTopic, staffCredentials, type Status } from '../../../web-lib/hub-client.js';
import { startHubTime } from '../../../web-lib/hub-time.js';
import { h, mount } from '../shared/dom.js';
import type { OfficeInfo } from '../kiosk/types.js';
import { get, post, token, type CounterView, type Me, type WaitingTicket } from './api.js';
import { keyAction, typingInField } from './keys.js';
import { ageCells } from './lists.js';
import { drawConsole } from './view.js';

/** The outcome "Xong & gọi tiếp" records: guidance needs no dossier code (a received dossier is finished with its code). */
export const DEFAULT_OUTCOME = 'guidance';
type Step = [op: string, body: Record<string, unknown>];

export class CounterConsole {
  view: CounterView | null = null;
  waiting: WaitingTicket[] = [];
  missed: WaitingTicket[] = [];
  busy = false;
  private seen = token();
  panel: 'finish' | 'transfer' | 'skip' | null = null;
  /** Kept across renders so a live update never wipes (or unfocuses) what is being typed. */
  finishEl: HTMLElement | null = null;
  readonly callInput = h('input', { id: 'call-number', name: 'callNumber', inputmode: 'numeric', maxlength: 12, autocomplete: 'off', placeholder: 'VD: 1005', 'aria-label': 'Số cần gọi' });
  error = '';
  notice = '';
  status: Status = 'connecting';
  private client: HubClient | null = null;
  private stopped = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onKey = (e: KeyboardEvent): void => this.key(e);

  constructor(private readonly root: HTMLElement, readonly me: Me, readonly office: OfficeInfo, readonly counterId: string, readonly onLeave: () => void) {
    this.callInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void this.callTyped(); } });
  }

  async start(): Promise<void> {
    await Promise.all([startHubTime(), this.refresh()]);
    const creds = await staffCredentials();
    this.client = new HubClient(creds);
    this.client.onStatus = (s) => { this.status = s; if (s === 'online') void this.refresh(); else this.render(); };
    this.client.subscribe(hubTopic.counter(creds.office, this.counterId), (p) => { this.view = p as CounterView; this.seen = token(); void this.loadLists(); });
    this.client.subscribe(hubTopic.queue(creds.office), () => { void this.loadLists(); });
    this.client.connect();
    document.addEventListener('keydown', this.onKey);
    this.timer = setInterval(() => ageCells(this.root), 5000);
  }

  /** Leave this counter's screen: no more updates, and a late answer never paints over the next screen. */
  stop(): void {
    this.stopped = true;
    this.client?.end();
    this.client = null;
    document.removeEventListener('keydown', this.onKey);
    if (this.timer) clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      const all = await get<{ counters: CounterView[] }>('/api/counters');
      this.view = all.counters.find((c) => c.counterId === this.counterId) ?? null;
    } catch (e) { this.error = (e as Error).message; }
    await this.loadLists();
  }

  private async loadLists(): Promise<void> {
    try {
      const [w, m] = await Promise.all([get<{ tickets: WaitingTicket[] }>(`/api/counters/${this.counterId}/waiting`), get<{ tickets: WaitingTicket[] }>(`/api/counters/${this.counterId}/missed`)]);
      this.waiting = w.tickets;
      this.missed = m.tickets;
    } catch (e) { this.error = (e as Error).message; }
    this.render();
  }

  get serving(): boolean { return this.view?.ticket?.status === 'called'; }
  get mine(): boolean { const v = this.view; return !!v?.clerk && (this.me.role !== 'clerk' || v.clerk.id === this.me.clerkId); }

  /** One click → one counter operation with its idempotency key; errors show the hub's Vietnamese message. */
  async act(op: string, body: Record<string, unknown> = {}, target = ''): Promise<void> { await this.run([[op, body]], target); }

  /** Finish the citizen being served with the default outcome, then call the next: one key, one click. */
  async finishNext(): Promise<void> {
    await this.run(this.serving ? [['finish', { outcome: DEFAULT_OUTCOME }], ['next', {}]] : [['next', {}]], 'fn');
  }

  async callTyped(): Promise<void> {
    const number = this.callInput.value.trim();
    if (!number) return;
    await this.run([['call', { number }]], `n${number}`);
    if (!this.error) this.callInput.value = '';
  }

  private async run(steps: Step[], target: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    this.notice = '';
    this.render();
    try {
      for (const [op, body] of steps) await this.step(op, body, target);
      this.panel = null;
      this.finishEl = null;
    } catch (e) {
      const finished = steps.length > 1 && e instanceof ApiError && e.code === 'MC_ERR_QUEUE_EMPTY';
      if (finished) { this.notice = `Đã xong. ${e.message}`; this.panel = null; } else this.error = e instanceof ApiError ? e.message : 'Không kết nối được hệ thống.';
    } finally {
      this.busy = false;
      this.seen = token();
    }
    if (steps.some(([op]) => op === 'signout') && !this.error) { this.stop(); this.onLeave(); return; }
    await this.loadLists();
  }

  private async step(op: string, body: Record<string, unknown>, target: string): Promise<void> {
    const key = `${op}-${target}-${this.seen}`.slice(0, 64);
    const r = await post<{ counter?: CounterView; ticket?: { number?: string } }>(`/api/counters/${this.counterId}/${op}`, body, key);
    if (r.counter) this.view = r.counter;
    if (op === 'issue' && r.ticket?.number) this.notice = `Đã cấp số ${r.ticket.number}`;
  }

  /** Reprint the ticket being served (a citizen lost it): printed again on its dispenser's printer, marked as a copy. */
  async reprint(): Promise<void> {
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

  openPanel(p: 'finish' | 'transfer' | 'skip' | null): void {
    this.panel = this.panel === p ? null : p;
    if (p === 'finish') this.finishEl = null;
    this.render();
  }

  private key(e: KeyboardEvent): void {
    if (this.stopped || typingInField(e)) return;
    const a = keyAction(e, this.callInput.value);
    if (!a) return;
    e.preventDefault();
    if (typeof a === 'object') { this.callInput.value += a.digit; return; }
    const can = this.mine && !this.busy;
    switch (a) {
      case 'finishNext': if (this.panel === 'skip') { if (can) void this.act('skip'); } else if (can) void this.finishNext(); return;
      case 'callTyped': if (can) void this.callTyped(); return;
      case 'backspace': this.callInput.value = this.callInput.value.slice(0, -1); return;
      case 'recall': if (can && this.serving) void this.act('recall'); return;
      case 'skip': if (can && this.serving) this.openPanel('skip'); return;
      case 'hold': if (can && this.serving) void this.act('hold'); return;
      case 'transfer': if (can && this.serving) this.openPanel('transfer'); return;
      case 'escape': this.callInput.value = ''; if (this.panel) this.openPanel(null); return;
    }
  }

  render(): void {
    if (this.stopped) return;
    const active = document.activeElement;
    mount(this.root, ...drawConsole(this));
    if (active instanceof HTMLInputElement && active.isConnected && document.activeElement !== active) active.focus();
  }
}
