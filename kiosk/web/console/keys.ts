/**
 * Keyboard shortcuts of the clerk console, numeric-keypad friendly: digits type a number to call, Enter calls it
 * (or, with nothing typed, finishes the citizen being served and calls the next), + recalls, − marks absent
 * (asks first), * holds, / opens the transfer panel, Esc closes a panel. Shown on screen in the same words.
 */
import { h } from '../shared/dom.js';

export type KeyAction = 'finishNext' | 'callTyped' | 'recall' | 'skip' | 'hold' | 'transfer' | 'escape' | 'backspace';

export const SHORTCUTS: [string, string][] = [
  ['Enter', 'Xong & gọi tiếp'], ['0–9 rồi Enter', 'Gọi số đã gõ'], ['+', 'Gọi lại'], ['−', 'Vắng mặt'], ['*', 'Tạm giữ'], ['/', 'Chuyển'], ['Esc', 'Đóng / Huỷ'],
];

/** What a key means, or null (typing in a text box is left alone by the caller). */
export function keyAction(e: KeyboardEvent, typed: string): KeyAction | { digit: string } | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (/^[0-9]$/.test(e.key)) return { digit: e.key };
  // a keypad with Num Lock off sends End, ↓, PgDn… for its digits: at a counter they still mean digits
  const pad = /^Numpad([0-9])$/.exec(e.code)?.[1];
  if (pad) return { digit: pad };
  switch (e.key) {
    case 'Enter': return typed ? 'callTyped' : 'finishNext';
    case '+': return 'recall';
    case '-': return 'skip';
    case '*': return 'hold';
    case '/': return 'transfer';
    case 'Escape': return 'escape';
    case 'Backspace': return typed ? 'backspace' : null;
    default: return null;
  }
}

/** Whether the key was pressed while typing in a text box (the dossier code): then it is not a shortcut. */
export function typingInField(e: KeyboardEvent): boolean {
  const t = e.target;
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
}

export function shortcutLegend(): HTMLElement {
  return h('section', { class: 'keys card', 'data-role': 'shortcuts', 'aria-label': 'Phím tắt' },
    h('h2', {}, 'Phím tắt (dùng được bàn phím số)'),
    h('ul', {}, ...SHORTCUTS.map(([k, what]) => h('li', {}, h('kbd', {}, k), ' ', what))));
}
