/**
 * The console's two lists: the waiting list in the order Next calls it (priority at the top, as the hub's queue
 * core orders it) with each citizen's wait, and today's absent citizens, who may be called back. Waits are aged
 * by the hub's clock (`hubNow()`), never the desk PC's own. A booked citizen's ticket (checked in under the slot-first
 * policy) carries a badge "Hẹn 08:30": why it stands above people who came earlier.
 */
import { hubNow } from '../../../web-lib/hub-time.js';
import { fmtTime, h } from '../shared/dom.js';
import type { WaitingTicket } from './api.js';

export const PRIORITY: Record<string, string> = { elderly: 'Người cao tuổi', pregnant: 'Phụ nữ mang thai', disabled: 'Người khuyết tật' };
const STATUS: Record<string, string> = { called: 'Đang phục vụ', held: 'Tạm giữ', waiting: 'Đang chờ' };

/** "3 phút", "1 giờ 05 phút": how long since `since` (hub ms), by the hub's clock. */
export function age(since: number): string {
  const min = Math.max(0, Math.floor((hubNow() - since) / 60_000));
  if (min < 1) return 'dưới 1 phút';
  if (min < 60) return `${min} phút`;
  return `${Math.floor(min / 60)} giờ ${String(min % 60).padStart(2, '0')} phút`;
}

/** Refresh every wait shown (called every few seconds; no re-render, so nothing being typed is lost). */
export function ageCells(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-since]')) el.textContent = age(Number(el.dataset.since));
}

export interface ListHooks {
  fieldName(id: string): string;
  tz: string;
  button(label: string, op: string, o: { body?: Record<string, unknown>; target?: string; enabled?: boolean; cls?: string }): HTMLButtonElement;
  canCall: boolean;
}

export function waitingTable(list: WaitingTicket[], k: ListHooks): HTMLElement {
  if (!list.length) return h('p', { class: 'empty', 'data-role': 'waiting-empty' }, 'Không có công dân nào đang chờ.');
  return h('table', { 'data-role': 'waiting' },
    h('thead', {}, h('tr', {}, h('th', {}, '#'), h('th', {}, 'Số'), h('th', {}, 'Lĩnh vực'), h('th', {}, 'Lấy số lúc'), h('th', {}, 'Đã chờ'), h('th', {}, 'Trạng thái'), h('th', {}, ''))),
    h('tbody', {}, ...list.map((t, i) => h('tr', { 'data-ticket': t.number, class: t.priority ? 'prio' : '' },
      h('td', { class: 'pos' }, t.status === 'held' ? '' : String(i + 1)),
      h('td', { class: 'num' }, t.number, ...booked(t, k.tz)), h('td', {}, k.fieldName(t.fieldId)), h('td', {}, fmtTime(t.issuedAt, k.tz)),
      h('td', { class: 'wait', 'data-since': t.issuedAt }, age(t.issuedAt)),
      h('td', {}, `${STATUS[t.status] ?? t.status}${t.priority ? ` · Ưu tiên: ${PRIORITY[t.priority] ?? ''}` : ''}`),
      h('td', {}, t.status === 'held'
        ? k.button('Gọi lại số này', 'resume', { body: { ticketId: t.id }, target: t.id, enabled: k.canCall })
        : k.button('Gọi số này', 'call', { body: { ticketId: t.id }, target: t.id, enabled: k.canCall, cls: 'btn-small' }))))));
}

/** The badge of a booked ticket: its slot, in the office's time zone. */
function booked(t: WaitingTicket, tz: string): HTMLElement[] {
  if (typeof t.slotAt !== 'number') return [];
  const slot = fmtTime(t.slotAt, tz);
  return [h('span', { class: 'booked', 'data-role': 'booked', title: `Lịch hẹn lúc ${slot}: được gọi trước từ khung giờ hẹn` }, `Hẹn ${slot}`)];
}

export function missedTable(list: WaitingTicket[], k: ListHooks): HTMLElement {
  return h('section', { class: 'missed card', 'data-role': 'missed' },
    h('h2', {}, `Công dân vắng mặt hôm nay (${list.length})`),
    list.length ? h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Số'), h('th', {}, 'Lĩnh vực'), h('th', {}, 'Gọi lúc'), h('th', {}, ''))),
      h('tbody', {}, ...list.map((t) => h('tr', { 'data-missed': t.number },
        h('td', { class: 'num' }, t.number, ...booked(t, k.tz)), h('td', {}, k.fieldName(t.fieldId)), h('td', {}, t.calledAt ? fmtTime(t.calledAt, k.tz) : ''),
        h('td', {}, k.button('Gọi lại', 'call', { body: { ticketId: t.id }, target: `m-${t.id}`, enabled: k.canCall, cls: 'btn-small' }))))))
      : h('p', { class: 'empty' }, 'Không có ai vắng mặt.'));
}
