/** The clerk console's inline panels: finish with an outcome (and Mã số hồ sơ), transfer, and the absence confirmation. */
import { h } from '../shared/dom.js';
import type { CounterConsole } from './counter-view.js';

export const OUTCOMES: [string, string][] = [
  ['received', 'Đã tiếp nhận hồ sơ'], ['guidance', 'Hướng dẫn'], ['supplement', 'Yêu cầu bổ sung (Mẫu 02)'],
  ['refused', 'Từ chối (Mẫu 03)'], ['returned', 'Trả kết quả'],
];

export function finishPanel(c: CounterConsole): HTMLElement {
  const code = h('input', { id: 'dossier-code', name: 'dossierCode', placeholder: 'VD: 000.00.12.H01-261120-0001', maxlength: 40, autocomplete: 'off' });
  const finish = (outcome: string): void => {
    const dossierCode = code.value.trim();
    void c.act('finish', { outcome, ...(dossierCode ? { dossierCode } : {}) }, outcome);
  };
  return h('div', { class: 'panel', 'data-role': 'finish-panel' },
    h('h3', {}, 'Kết thúc phục vụ — kết quả'),
    h('label', { for: 'dossier-code' }, 'Mã số hồ sơ (bắt buộc khi đã tiếp nhận hồ sơ)'), code,
    h('div', { class: 'actions' }, ...OUTCOMES.map(([k, label]) => h('button', { class: 'btn', type: 'button', 'data-outcome': k, onclick: () => finish(k) }, label))));
}

export function transferPanel(c: CounterConsole): HTMLElement {
  const others = c.office.counters.filter((k) => k.id !== c.counterId);
  return h('div', { class: 'panel', 'data-role': 'transfer-panel' },
    h('h3', {}, 'Chuyển công dân'),
    h('p', {}, 'Đến quầy:'),
    h('div', { class: 'actions' }, ...others.map((k) => h('button', { class: 'btn', type: 'button', 'data-to-counter': k.id,
      onclick: () => void c.act('transfer', { toCounterId: k.id }, `c-${k.id}`) }, `Quầy ${k.number}${k.name && k.name !== `Quầy ${k.number}` ? ` (${k.name})` : ''}`))),
    h('p', {}, 'Sang lĩnh vực:'),
    h('div', { class: 'actions' }, ...c.office.fields.map((f) => h('button', { class: 'btn', type: 'button', 'data-to-field': f.id,
      onclick: () => void c.act('transfer', { toFieldId: f.id }, `f-${f.id}`) }, f.name))),
    h('div', { class: 'actions' }, h('button', { class: 'btn btn-quiet', type: 'button', 'data-op': 'transfer-cancel', onclick: () => c.openPanel(null) }, 'Huỷ', h('kbd', {}, 'Esc'))));
}

/** "Vắng mặt" ends the citizen's turn: ask first (Enter confirms, Esc cancels). */
export function skipPanel(c: CounterConsole, number: string): HTMLElement {
  return h('div', { class: 'panel panel-warn', 'data-role': 'skip-panel', role: 'alertdialog', 'aria-label': 'Xác nhận vắng mặt' },
    h('h3', {}, `Công dân số ${number} vắng mặt?`),
    h('p', {}, 'Số này sẽ chuyển sang danh sách vắng mặt; có thể gọi lại trong ngày nếu công dân quay lại.'),
    h('div', { class: 'actions' },
      h('button', { class: 'btn btn-danger', type: 'button', 'data-op': 'skip-confirm', onclick: () => void c.act('skip') }, 'Xác nhận vắng mặt', h('kbd', {}, 'Enter')),
      h('button', { class: 'btn btn-quiet', type: 'button', 'data-op': 'skip-cancel', onclick: () => c.openPanel(null) }, 'Huỷ', h('kbd', {}, 'Esc'))));
}
