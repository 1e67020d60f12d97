/**
 * The kiosk's frame: header (office, clock, language switch), one screen at a time, a footer with the way home,
 * the connection to the hub as a `kiosk` device, the office facts (refreshed), and the return home after
 * inactivity. Screens are functions that build an element from this context.
 */
import type { CenterPoints, ErrorBody, RequestArgsMap, Response } from '../../../protocol/messages.js';
import { getJson, HubClient, hubTopic, type Status } from '../../../web-lib/hub-client.js';
import { hubNow, startHubTime } from '../../../web-lib/hub-time.js';
import { fmtTime, h, mount } from '../shared/dom.js';
import { I18n, type Lang } from '../shared/i18n.js';
import { renderPoints } from './home.js';
import { IdleTimer } from './lockdown.js';
import { KioskError, type CallView, type OfficeInfo } from './types.js';

export interface KioskParams { idleMs: number; rating: boolean; lang: Lang; refreshMs: number }

export function readParams(search: string): KioskParams {
  const q = new URLSearchParams(search);
  const idle = Number(q.get('idle') ?? '60');
  if (q.has('rating')) localStorage.setItem('motcua.kiosk.rating', q.get('rating') === '0' ? '0' : '1');
  const stored = localStorage.getItem('motcua.kiosk.rating');
  return {
    idleMs: Math.max(1, Number.isFinite(idle) ? idle : 60) * 1000,
    rating: q.has('rating') ? q.get('rating') !== '0' : stored === '1',
    lang: q.get('lang') === 'en' ? 'en' : 'vi',
    refreshMs: 30_000,
  };
}

export type Screen = (k: KioskApp) => HTMLElement;

export class KioskApp {
  readonly i18n = new I18n();
  office!: OfficeInfo;
  client: HubClient | null = null;
  recent: CallView[] = [];
  /** The center's other reception points (hall state), when this point shares its figures. */
  points: CenterPoints | null = null;
  screenName = '';
  private readonly main = h('main', { id: 'screen' });
  private readonly header = h('header', { class: 'bar' });
  private readonly footer = h('footer', { class: 'bar' });
  private readonly banner = h('div', { class: 'banner', hidden: true, role: 'status' });
  /** Shown when the screen's content goes below the fold: says how much more there is; a touch scrolls to it. */
  private readonly more = h('button', { class: 'more-below', type: 'button', hidden: true, 'data-role': 'more-below',
    onclick: () => this.main.scrollBy({ top: Math.round(this.main.clientHeight * 0.8), behavior: 'smooth' }) });
  private status: Status = 'connecting';
  private idle: IdleTimer;

  constructor(readonly params: KioskParams, private readonly root: HTMLElement, private readonly screens: { home: Screen; closed: Screen }) {
    this.i18n.lang = params.lang;
    this.idle = new IdleTimer(params.idleMs, () => {
      // the next citizen starts on the home screen, in the kiosk's own language
      if (this.i18n.lang !== params.lang) this.setLang(params.lang);
      else if (this.screenName !== 'home' && this.screenName !== 'closed') this.home();
    });
  }

  t: I18n['t'] = (k, v) => this.i18n.t(k, v);

  async start(device: { id: string; secret: string } | null): Promise<void> {
    mount(this.root, this.header, this.banner, this.main, this.more, this.footer);
    this.main.addEventListener('scroll', () => this.checkMore(), { passive: true });
    window.addEventListener('resize', () => this.checkMore());
    new MutationObserver(() => requestAnimationFrame(() => this.checkMore())).observe(this.main, { childList: true, subtree: true });
    this.office = await getJson<OfficeInfo>('/api/office');
    await startHubTime();
    document.title = `${this.t('appTitle')} — ${this.office.office.shortName}`;
    if (device) {
      this.client = new HubClient({ username: device.id, password: device.secret, clientId: device.id }, { office: this.office.office.id, kind: 'kiosk', id: device.id });
      this.client.onStatus = (s) => { this.status = s; this.renderBanner(); };
      this.client.subscribe(hubTopic.hall(this.office.office.id), (p) => {
        const hall = p as { recent?: CallView[]; points?: CenterPoints };
        this.recent = hall.recent ?? [];
        this.points = hall.points ?? null;
        renderPoints(this);
      });
      this.client.connect();
    }
    this.idle.start();
    setInterval(() => { void this.refreshOffice(); this.renderHeader(); }, this.params.refreshMs);
    this.home();
  }

  get isOpen(): boolean { return this.office.open.open; }

  private async refreshOffice(): Promise<void> {
    const wasOpen = this.isOpen;
    try { this.office = await getJson<OfficeInfo>('/api/office'); } catch { return; }
    if (wasOpen !== this.isOpen && (this.screenName === 'home' || this.screenName === 'closed')) this.home();
  }

  /** Show a screen; `name` is set on the page (data-screen) so tests and styles can find it. */
  show(name: string, body: HTMLElement, title?: string): void {
    this.screenName = name;
    document.body.dataset.screen = name;
    delete document.body.dataset.error;
    mount(this.main, title ? h('h1', { class: 'screen-title' }, title) : null, body);
    this.main.scrollTop = 0;
    this.renderHeader();
    this.renderFooter();
    requestAnimationFrame(() => this.checkMore());
  }

  /** Whether the screen scrolls and there is more below: then say so, with how many choices are out of sight.
   * Screens that scroll a list of their own (the procedures) handle it there; this is for the screen as a whole. */
  private checkMore(): void {
    const m = this.main;
    const below = m.scrollHeight - m.clientHeight - m.scrollTop > 4;
    if (!below) { if (!this.more.hidden) { this.more.hidden = true; delete document.body.dataset.more; } return; }
    const bottom = m.getBoundingClientRect().bottom;
    const hidden = [...m.querySelectorAll('.choice, .result')].filter((el) => el.getBoundingClientRect().bottom > bottom + 1).length;
    const key = this.screenName === 'fields' ? 'moreFields' : 'moreItems';
    this.more.textContent = `▼ ${hidden ? this.t(key, { n: hidden }) : this.t('moreBelow')}`;
    this.more.hidden = false;
    document.body.dataset.more = String(hidden);
  }

  home(): void {
    const s = this.isOpen ? this.screens.home : this.screens.closed;
    s(this);
  }

  setLang(l: Lang): void { this.i18n.lang = l; document.documentElement.lang = l; this.home(); }

  private renderHeader(): void {
    const other: Lang = this.i18n.lang === 'vi' ? 'en' : 'vi';
    mount(this.header,
      h('div', { class: 'office' }, h('strong', {}, this.office.office.shortName), h('span', {}, this.t('appTitle'))),
      h('div', { class: 'clock' }, fmtTime(hubNow(), this.office.office.timezone)),
      h('button', { class: 'lang', type: 'button', 'data-action': 'lang', onclick: () => this.setLang(other) }, this.t('switchLang')));
  }

  private renderFooter(): void {
    const atHome = this.screenName === 'home' || this.screenName === 'closed';
    mount(this.footer, atHome ? h('p', { class: 'hint' }, this.t('touchToStart'))
      : h('button', { class: 'btn home-btn', type: 'button', 'data-action': 'home', onclick: () => this.home() }, `⌂ ${this.t('home')}`));
  }

  private renderBanner(): void {
    const off = this.status === 'offline';
    this.banner.hidden = !off;
    this.banner.textContent = off ? this.t('offline') : '';
  }

  /** A device request to the hub (`issue`, `rate`); throws KioskError with the hub's message on refusal. */
  async request<O extends 'issue' | 'checkIn' | 'rate'>(op: O, args: RequestArgsMap[O]): Promise<Record<string, unknown>> {
    if (!this.client) throw new KioskError('NO_DEVICE', this.t('noDevice'));
    let r: Response;
    try { r = await this.client.request(op, args); } catch { throw new KioskError('TIMEOUT', this.t('timeout')); }
    if (r.ok) return (r.result ?? {}) as Record<string, unknown>;
    const e: Partial<ErrorBody> = r.error ?? {};
    const msg = this.i18n.lang === 'en' ? (e.messageEn ?? e.message) : e.message;
    throw new KioskError(e.code ?? 'MC_ERR_INTERNAL', msg ?? this.t('errorTitle'));
  }

  /** A full-screen message with a way back (errors, thanks). */
  message(name: string, title: string, text: string, kind: 'error' | 'ok' | 'info', again?: () => void, againLabel?: string): void {
    this.show(name, h('section', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
      h('div', { class: 'message-icon', 'aria-hidden': 'true' }, kind === 'error' ? '!' : kind === 'info' ? 'i' : '✓'),
      h('h2', { class: 'message-title' }, title),
      h('p', { class: 'message-text' }, text),
      h('div', { class: 'row' },
        again ? h('button', { class: 'btn btn-primary', type: 'button', 'data-action': 'again', onclick: () => again() }, againLabel ?? this.t('tryAgain')) : null,
        h('button', { class: 'btn', type: 'button', 'data-action': 'done', onclick: () => this.home() }, this.t('done')))));
  }
}
