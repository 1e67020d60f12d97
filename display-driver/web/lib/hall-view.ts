/**
 * Renders the retained hall state into the page. Cheap on purpose: the DOM skeleton of the counters is built
 * once per set of counters, then each message only sets text and classes.
 */
import { columnsFor, type HallFilter } from './hall-filter.js';
import { counterLabel, type CallMessage, type HallCounter, type HallState } from './types.js';
import { waitLine, waitPhrase } from '../../../protocol/wait-text.js';

export type Layout = 'district' | 'commune';

const $ = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
};

function el(tag: string, cls: string, text = ''): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  if (text) e.textContent = text;
  return e;
}

const nf = new Intl.NumberFormat('vi-VN');

/** District (a grid of many counters) or commune (one shared screen, two large counters); `?layout=` overrides. */
export function chooseLayout(s: HallState, override: string | null): Layout {
  if (override === 'district' || override === 'commune') return override;
  // the large two-counter layout fits a reception point or any office of 3 counters or fewer; a commune-level center of 2026 has 6–10
  return s.office.level === 'reception_point' || s.counters.length <= 3 ? 'commune' : 'district';
}

interface Tile { root: HTMLElement; number: HTMLElement; state: HTMLElement; clerk: HTMLElement; shown: string }

/** Shrinks a block of lines (a long field list) until it fits its box: a few steps, never below 60 %. */
function fitBlock(e: HTMLElement): void {
  e.style.fontSize = '';
  for (let i = 0; i < 6 && e.scrollHeight > e.clientHeight + 1; i++) e.style.fontSize = `${parseFloat(getComputedStyle(e).fontSize) * 0.92}px`;
}

/** Shrinks a number's type until it fits its box (only when the text changed: one layout read). */
function fit(e: HTMLElement): void {
  e.style.fontSize = '';
  if (!e.textContent || e.scrollWidth <= e.clientWidth) return;
  const size = parseFloat(getComputedStyle(e).fontSize);
  e.style.fontSize = `${Math.floor(size * (e.clientWidth / e.scrollWidth) * 0.97)}px`;
}

export class HallView {
  private tiles = new Map<string, Tile>();
  private shape = '';
  private notice = '';
  private calling: string | null = null;
  private kept: HallCounter[] = [];
  constructor(private readonly filter: HallFilter | null = null) {
    window.addEventListener('resize', () => { this.shape = ''; if (this.last) this.render(this.last.s, this.last.layout); });
  }
  private last: { s: HallState; layout: Layout } | null = null;

  /** Whether a call belongs on this screen (a sector display shows only its counters' calls). */
  shows(call: CallMessage): boolean { return !this.filter || this.filter.call(call, this.kept); }

  render(s: HallState, layout: Layout): void {
    this.last = { s, layout };
    document.body.dataset.layout = layout;
    $('office-name').textContent = this.filter ? `${s.office.name} — ${this.filter.label}` : s.office.name;
    this.kept = this.filter ? s.counters.filter((c) => this.filter?.counter(c)) : s.counters;
    this.renderCounters(this.kept);
    this.renderRecent(s.recent.filter((c) => this.shows(c)), layout === 'commune' ? 6 : 4);
    this.renderWaiting(s);
    this.renderFigures(s);
    this.renderPoints(s);
    if (s.notice !== this.notice) {
      this.notice = s.notice;
      $('notice-text').textContent = s.notice;
      $('notice').hidden = !s.notice;
    }
  }

  private renderCounters(cs: HallCounter[]): void {
    const shape = cs.map((c) => `${c.counterId}|${c.counterNumber}|${c.counterName}|${c.fields.join(',')}`).join(';');
    const grid = $('counters');
    if (shape !== this.shape) {
      this.shape = shape;
      this.tiles.clear();
      grid.replaceChildren();
      grid.style.setProperty('--cols', String(columnsFor(cs.length, innerHeight > innerWidth)));
      // many counters on one screen: fewer lines per tile (a sector display, ?sector= or ?counters=, shows them all)
      document.body.dataset.density = cs.length > 16 ? 'dense' : cs.length > 8 ? 'medium' : 'normal';
      for (const c of cs) {
        const { label, extra } = counterLabel(c.counterNumber, c.counterName);
        const root = el('section', 'counter');
        root.dataset.counter = c.counterId;
        const head = el('header', 'counter-head');
        head.append(el('span', 'counter-label', label));
        if (extra) head.append(el('span', 'counter-extra', extra));
        const t: Tile = { root, number: el('div', 'counter-number'), state: el('div', 'counter-state'), clerk: el('div', 'counter-clerk'), shown: '' };
        const fields = el('div', 'counter-fields', c.fields.join(' · '));
        root.append(head, t.number, t.state, fields, t.clerk);
        grid.append(root);
        requestAnimationFrame(() => fitBlock(fields));
        this.tiles.set(c.counterId, t);
      }
    }
    for (const c of cs) {
      const t = this.tiles.get(c.counterId);
      if (!t) continue;
      t.root.classList.toggle('closed', !c.open);
      const shown = c.open ? (c.number ?? '—') : '';
      if (shown !== t.shown || !t.number.style.fontSize) {
        t.shown = shown;
        t.number.textContent = shown;
        fit(t.number);
      }
      t.state.textContent = c.open ? (c.number ? 'Đang phục vụ' : 'Sẵn sàng tiếp nhận') : 'Tạm ngừng tiếp nhận';
      t.clerk.textContent = c.open && c.clerkName ? c.clerkName : '';
    }
    this.markCalling();
  }

  private renderRecent(recent: CallMessage[], max: number): void {
    const list = $('recent-list');
    const items = recent.slice(0, max).map((c) => {
      const li = el('li', 'recent');
      li.append(el('span', 'recent-number', c.number), el('span', 'recent-arrow', '→'), el('span', 'recent-counter', `Quầy ${c.counterNumber}`));
      return li;
    });
    list.replaceChildren(...items);
    $('recent-empty').hidden = items.length > 0;
  }

  private renderWaiting(s: HallState): void {
    const items = s.waiting.map((w) => {
      const li = el('li', 'wait');
      li.append(el('span', 'wait-name', w.name), el('span', 'wait-count', `${nf.format(w.waiting)}`));
      li.dataset.field = w.fieldId;
      // where people wait, a newcomer's forecast wait with its range (issue 23), short to fit a crowded hall;
      // nothing when the office has no history yet
      if (w.basis === 'history' && w.waiting > 0) li.append(el('span', 'wait-time', waitPhrase(w, 'vi', true)));
      li.title = `${w.waiting} người đang chờ. ${waitLine(w)}`;
      return li;
    });
    const list = $('waiting-list');
    list.replaceChildren(...items);
    requestAnimationFrame(() => fitBlock(list));
  }

  private renderFigures(s: HallState): void {
    const box = $('figures');
    box.hidden = !s.figures;
    if (!s.figures) return;
    $('fig-ontime').textContent = nf.format(s.figures.onTime);
    $('fig-overdue').textContent = nf.format(s.figures.overdue);
  }

  /** The center's other reception points: waiting and estimated wait at each, or that this point serves alone. */
  private renderPoints(s: HallState): void {
    const box = $('points');
    box.hidden = !s.points;
    if (!s.points) return;
    const items = s.points.others.map((p) => {
      const li = el('li', p.stale ? 'point stale' : 'point');
      const fig = el('span', 'point-figure');
      if (p.stale || s.points?.link === 'down') fig.textContent = 'chưa có số liệu mới';
      else { fig.append(el('b', '', nf.format(p.waiting)), document.createTextNode(p.minutes === null ? ' người chờ' : ` người chờ · khoảng ${nf.format(p.minutes)} phút`)); }
      li.append(el('span', 'point-name', p.name), fig);
      return li;
    });
    $('points-list').replaceChildren(...items);
    $('points-down').hidden = s.points.link === 'up';
  }

  /** The highlight card: the call being announced (active) or the last one, calm. */
  showCall(call: CallMessage, active: boolean): void {
    const card = $('now-calling');
    card.classList.toggle('active', active);
    card.classList.toggle('recall', call.kind === 'recall');
    card.hidden = false;
    const num = $('now-number');
    num.textContent = call.number;
    fit(num);
    $('now-counter').textContent = `Quầy ${call.counterNumber}`;
    $('now-title').textContent = call.kind === 'recall' ? 'Mời lại số' : 'Mời công dân có số';
    this.calling = active ? call.counterId : null;
    this.markCalling();
  }

  private markCalling(): void {
    for (const [id, t] of this.tiles) t.root.classList.toggle('calling', id === this.calling);
  }
}
