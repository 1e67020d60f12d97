/** What the counter console draws from its state (see counter-view.ts for the behaviour). */
import { h } from '../shared/dom.js';
import type { CounterConsole } from './counter-view.js';
import { shortcutLegend } from './keys.js';
import { missedTable, PRIORITY, waitingTable, type ListHooks } from './lists.js';
import { finishPanel, skipPanel, transferPanel } from './panels.js';

const STATUS: Record<string, string> = { called: 'Đang phục vụ', held: 'Tạm giữ', waiting: 'Đang chờ' };

export function button(c: CounterConsole, label: string, op: string, o: { body?: Record<string, unknown>; target?: string; enabled?: boolean; cls?: string; run?: () => void; key?: string } = {}): HTMLButtonElement {
  return h('button', { class: `btn ${o.cls ?? ''}`, type: 'button', 'data-op': op, disabled: c.busy || o.enabled === false, 'aria-keyshortcuts': o.key,
    onclick: () => (o.run ? o.run() : void c.act(op, o.body, o.target)) }, label, o.key ? h('kbd', {}, o.key) : null);
}

function header(c: CounterConsole): HTMLElement {
  const v = c.view;
  return h('header', { class: 'top' },
    h('h1', {}, v && v.counterName !== `Quầy ${v.counterNumber}` ? `Quầy ${v.counterNumber} — ${v.counterName}` : `Quầy ${v?.counterNumber ?? c.counterId}`),
    h('span', { class: `conn conn-${c.status}`, 'data-role': 'conn' }, c.status === 'online' ? 'Trực tuyến' : 'Mất kết nối'),
    h('span', { class: 'who' }, v?.clerk ? `${v.clerk.name} · ${v.clerk.title}` : 'Chưa có công chức'),
    c.mine ? button(c, 'Rời quầy', 'signout', { cls: 'btn-quiet' }) : button(c, 'Đăng nhập vào quầy', 'signin', { cls: 'btn-primary' }),
    h('button', { class: 'btn btn-quiet', type: 'button', 'data-op': 'change', onclick: () => { c.stop(); c.onLeave(); } }, 'Đổi quầy'));
}

function current(c: CounterConsole): HTMLElement {
  const cur = c.view?.ticket ?? null;
  const { mine, serving } = c;
  return h('section', { class: 'current card', 'data-role': 'current' },
    h('div', { class: 'now' },
      h('div', {},
        h('p', { class: 'label' }, 'Đang phục vụ'),
        h('p', { class: 'number', 'data-role': 'current-number' }, cur ? cur.number : '—'),
        cur ? h('p', { class: 'sub' }, `${cur.fieldName} · ${STATUS[cur.status] ?? cur.status}${cur.priority ? ` · Ưu tiên: ${PRIORITY[cur.priority] ?? cur.priority}` : ''}`) : h('p', { class: 'sub' }, 'Chưa gọi số')),
      h('div', { class: 'call-typed' },
        h('label', { for: 'call-number' }, 'Gọi số cụ thể'), c.callInput,
        button(c, 'Gọi số', 'call-number', { enabled: mine && !serving, run: () => void c.callTyped() }))),
    h('div', { class: 'actions' },
      serving ? button(c, 'Xong & gọi tiếp', 'finish-next', { cls: 'btn-primary btn-big', enabled: mine, run: () => void c.finishNext(), key: 'Enter' })
        : button(c, 'Gọi số tiếp theo', 'next', { cls: 'btn-primary btn-big', enabled: mine, key: 'Enter' }),
      button(c, 'Gọi lại', 'recall', { enabled: mine && serving, key: '+' }),
      button(c, 'Vắng mặt…', 'skip', { enabled: mine && serving, run: () => c.openPanel('skip'), key: '−' }),
      button(c, 'Tạm giữ', 'hold', { enabled: mine && serving, key: '*' }),
      button(c, 'In lại phiếu', 'reprint', { enabled: mine && serving, run: () => void c.reprint() }),
      button(c, 'Chuyển…', 'transfer-open', { enabled: mine && serving, run: () => c.openPanel('transfer'), key: '/' }),
      button(c, 'Kết thúc với kết quả…', 'finish-open', { cls: 'btn-good', enabled: mine && serving, run: () => c.openPanel('finish') })),
    c.panel === 'skip' && serving && cur ? skipPanel(c, cur.number) : null,
    c.panel === 'finish' && serving ? (c.finishEl ??= finishPanel(c)) : null,
    c.panel === 'transfer' && serving ? transferPanel(c) : null);
}

function issueCard(c: CounterConsole): HTMLElement {
  const mine = (c.office.counters.find((k) => k.id === c.counterId)?.fields ?? []);
  return h('section', { class: 'issue card' },
    h('h2', {}, 'Cấp số tại quầy'),
    h('div', { class: 'actions' }, ...(c.view ? c.office.fields.filter((f) => mine.includes(f.id)) : [])
      .map((f) => button(c, `Cấp số — ${f.name}`, 'issue', { body: { fieldId: f.id }, target: f.id, enabled: c.mine }))));
}

export function drawConsole(c: CounterConsole): (HTMLElement | null)[] {
  const hooks: ListHooks = { fieldName: (id) => c.office.fields.find((f) => f.id === id)?.name ?? id, tz: c.office.office.timezone,
    button: (label, op, o) => button(c, label, op, o), canCall: c.mine && !c.serving };
  return [
    header(c),
    c.error ? h('p', { class: 'alert', role: 'alert', 'data-role': 'error' }, c.error) : null,
    c.notice ? h('p', { class: 'note', role: 'status', 'data-role': 'notice' }, c.notice) : null,
    h('div', { class: 'cols' },
      h('div', { class: 'main' }, current(c),
        h('section', { class: 'waiting card' }, h('h2', {}, `Danh sách chờ theo thứ tự gọi (${c.waiting.filter((t) => t.status === 'waiting').length})`), waitingTable(c.waiting, hooks))),
      h('div', { class: 'side' }, shortcutLegend(), missedTable(c.missed, hooks), issueCard(c))),
  ];
}
