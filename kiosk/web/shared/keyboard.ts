/**
 * On-screen keyboards for the touchscreen: `telex` (Vietnamese letters typed with Telex, for the procedure
 * search) and `code` (digits, capital letters, "." and "-", for the Mã số hồ sơ). Keys are big buttons; the
 * keyboard keeps the text and calls `onChange` after every key.
 */
import { h } from './dom.js';
import type { I18n } from './i18n.js';
import { telexKey } from './telex.js';

export type KeyboardMode = 'telex' | 'code';

const ROWS: Record<KeyboardMode, string[]> = {
  telex: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  code: ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL.', 'ZXCVBNM-'],
};

export interface Keyboard { el: HTMLElement; value: string; set(v: string): void }

export function createKeyboard(mode: KeyboardMode, i18n: I18n, onChange: (v: string) => void, maxLength = 60): Keyboard {
  const kb: Keyboard = { el: h('div', { class: `keyboard keyboard-${mode}`, role: 'group', 'aria-label': 'Bàn phím' }), value: '', set: (v) => { kb.value = v; onChange(v); } };
  const type = (k: string): void => {
    if (kb.value.length >= maxLength) return;
    kb.set(mode === 'telex' ? telexKey(kb.value, k) : kb.value + k);
  };
  const key = (label: string, action: () => void, cls = 'key', aria?: string): HTMLButtonElement =>
    h('button', { class: cls, type: 'button', 'aria-label': aria ?? label, 'data-key': aria ?? label, onclick: () => action() }, label);
  for (const [i, row] of ROWS[mode].entries()) {
    const r = h('div', { class: 'key-row' });
    for (const ch of row) r.append(key(ch, () => type(ch)));
    if (i === ROWS[mode].length - 1) r.append(key('⌫', () => kb.set([...kb.value].slice(0, -1).join('')), 'key key-wide', 'backspace'));
    kb.el.append(r);
  }
  const last = h('div', { class: 'key-row' }, key(i18n.t('keyClear'), () => kb.set(''), 'key key-wide', 'clear'));
  if (mode === 'telex') last.append(key(i18n.t('keySpace'), () => type(' '), 'key key-space', 'space'));
  kb.el.append(last);
  if (mode === 'telex') kb.el.append(h('p', { class: 'key-hint' }, 'aa → â · aw → ă · ee → ê · oo → ô · ow → ơ · uw → ư · dd → đ — dấu: s sắc, f huyền, r hỏi, x ngã, j nặng, z bỏ dấu'));
  return kb;
}
