/**
 * On-screen keyboards for the touchscreen: `telex` (Vietnamese letters typed with Telex, for the procedure
 * search) and `code` (digits, capital letters, "." and "-", for the Mã số hồ sơ). Keys are big buttons; the
 * keyboard keeps the text and calls `onChange` after every key.
 * A physical keyboard (a kiosk with a keyboard tray, a technician's USB keyboard) types into the same text while the
 * on-screen keyboard is on the page: letters through Telex in `telex` mode (letters already accented by the
 * system's input method go in as they are), Backspace, Escape clears, Enter calls `onEnter`. Keys a barcode scanner
 * types also arrive here; the screen that listens for scans decides what stays.
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

const CODE_KEY = /^[0-9A-Za-z.\-]$/;
/** The physical-key listener of the keyboard last created: one screen shows one keyboard, so a new one replaces it
 * (a kiosk touched all day without a key pressed would otherwise gather one listener per visit). */
let physicalListener: ((e: KeyboardEvent) => void) | null = null;

export function createKeyboard(mode: KeyboardMode, i18n: I18n, onChange: (v: string) => void, maxLength = 60, onEnter?: () => void): Keyboard {
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
  const physical = (e: KeyboardEvent): void => {
    if (!kb.el.isConnected) return; // its screen is gone (the next keyboard replaces this listener)
    if (kb.el.hidden || e.ctrlKey || e.altKey || e.metaKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if (e.key === 'Backspace') { e.preventDefault(); kb.set([...kb.value].slice(0, -1).join('')); return; }
    if (e.key === 'Escape') { kb.set(''); return; }
    // after the scanner's listener has had its say: a scan's Enter is not a person's
    if (e.key === 'Enter') { if (onEnter) setTimeout(() => { if (!e.defaultPrevented) onEnter(); }, 0); return; }
    if ([...e.key].length !== 1) return;
    if (mode === 'code') { if (CODE_KEY.test(e.key)) { e.preventDefault(); type(e.key.toUpperCase()); } return; }
    e.preventDefault();
    if (/^[A-Za-z]$/.test(e.key)) type(e.key.toLowerCase());
    else if (e.key === ' ') type(' ');
    else if (kb.value.length < maxLength) kb.set((kb.value + e.key).normalize('NFC')); // already accented, or a digit
  };
  if (physicalListener) document.removeEventListener('keydown', physicalListener);
  physicalListener = physical;
  document.addEventListener('keydown', physical);
  return kb;
}
