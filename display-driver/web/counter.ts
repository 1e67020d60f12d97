/**
 * The counter display ("màn hình hiển thị thông tin cá nhân"): the number being served at one counter and the
 * signed-in clerk's published details (họ tên, chức danh, lĩnh vực công tác, số điện thoại); "Quầy tạm ngừng
 * tiếp nhận" while no clerk is signed in. Paired as a `counter` device bound to the counter; it reads only
 * the retained `hub/counter/{its counter}`.
 */
import { hubTopic } from '../../web-lib/hub-client.js';
import { connectDisplay } from './lib/connection.js';
import { counterLabel, type CounterState } from './lib/types.js';

declare global { interface Window { __counterState?: CounterState | null } }

const $ = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
};

/** The counter id: from /display/counter/{id}, else `?counter=`. */
function counterIdFromAddress(): string | null {
  const m = /\/display\/counter\/([a-z0-9_-]+)/i.exec(location.pathname);
  return m?.[1] ?? new URLSearchParams(location.search).get('counter');
}

/**
 * A number just called: "Mời công dân số …" (highlighted) for `?invite=` seconds (default 15), then "Đang phục vụ
 * số". A duration measured in the page, so the browser's own timer is right here (docs/displays.md).
 */
const INVITE_MS = Math.max(1, Number(new URLSearchParams(location.search).get('invite')) || 15) * 1000;
let shownTicket: string | null | undefined;
let inviteTimer: ReturnType<typeof setTimeout> | null = null;

function caption(s: CounterState): string {
  const id = s.ticket?.ticketId ?? null;
  if (id !== shownTicket) {
    const first = shownTicket === undefined; // a page opened mid-service shows the serving state at once
    shownTicket = id;
    if (inviteTimer) clearTimeout(inviteTimer);
    inviteTimer = null;
    if (id && !first) inviteTimer = setTimeout(() => { inviteTimer = null; if (window.__counterState) render(window.__counterState); }, INVITE_MS);
  }
  document.body.classList.toggle('inviting', !!inviteTimer);
  if (!s.ticket) return 'Sẵn sàng tiếp nhận';
  return inviteTimer ? 'Mời công dân số' : 'Đang phục vụ số';
}

function render(s: CounterState): void {
  const { label, extra } = counterLabel(s.counterNumber, s.counterName);
  $('c-label').textContent = label;
  $('c-extra').textContent = extra;
  document.title = `${label} — Trung tâm Phục vụ hành chính công`;
  $('c-fields').textContent = s.fields.length ? `Lĩnh vực: ${s.fields.join(' · ')}` : '';
  const open = s.open && !!s.clerk;
  $('c-open').hidden = !open;
  $('c-closed').hidden = open;
  document.body.classList.toggle('closed', !open);
  if (!open || !s.clerk) return;
  $('c-caption').textContent = caption(s);
  $('c-number').textContent = s.ticket?.number ?? '—';
  const field = $('c-field');
  field.textContent = s.ticket?.fieldName ?? '';
  if (s.ticket?.priority) {
    const p = document.createElement('span');
    p.className = 'c-priority';
    p.textContent = 'Ưu tiên';
    field.append(p);
  }
  $('c-clerk-name').textContent = s.clerk.name;
  $('c-clerk-title').textContent = s.clerk.title ? `Chức danh: ${s.clerk.title}` : '';
  $('c-clerk-field').textContent = s.clerk.workField ? `Lĩnh vực công tác: ${s.clerk.workField}` : '';
  $('c-clerk-phone').textContent = s.clerk.phone ? `Điện thoại: ${s.clerk.phone}` : '';
}

async function main(): Promise<void> {
  window.__counterState = null;
  const counterId = counterIdFromAddress();
  const link = await connectDisplay('counter', 'motcua.display.counter');
  if (!link || !counterId) return;
  link.client.subscribe(hubTopic.counter(link.office, counterId), (p) => {
    const s = p as CounterState;
    window.__counterState = s;
    render(s);
    link.fresh();
  });
  link.client.connect();
}

void main();
