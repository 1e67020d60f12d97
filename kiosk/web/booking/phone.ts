/**
 * The phone step: the number, a one-time code sent to it, the code typed back. A verified phone's proof is kept in
 * the tab (sessionStorage) for its lifetime, counted on the page's monotonic clock, so a second booking needs no new code.
 */
import { h } from '../shared/dom.js';
import { api } from './api.js';
import type { Texts } from './texts.js';

interface Proof { phone: string; proof: string; until: number }
const KEY = 'motcua.booking.proof';
const since = performance.timeOrigin;
const digits = (p: string): string => p.replace(/\D/g, '');

export function savedProof(phone: string): string | null {
  try {
    const p = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Proof | null;
    return p && p.phone === digits(phone) && since + performance.now() < p.until ? p.proof : null;
  } catch { return null; }
}

/** The phone step; `go(phone, proof)` runs once the phone is verified (or at once when it already is). */
export function phoneStep(tx: Texts, label: string, retentionDays: number, go: (phone: string, proof: string) => Promise<void>, fail: (e: unknown) => void): HTMLElement {
  const phone = h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'tel', 'data-role': 'phone', placeholder: '09xx xxx xxx', maxlength: 15 });
  const code = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', 'data-role': 'otp', placeholder: '••••••', maxlength: 6 });
  const codeRow = h('div', { class: 'row', hidden: true });
  let otpId = '';
  const confirm = async (): Promise<void> => {
    try {
      const v = await api.verify(otpId, code.value.trim());
      sessionStorage.setItem(KEY, JSON.stringify({ phone: digits(phone.value), proof: v.proof, until: since + performance.now() + v.validForS * 1000 }));
      await go(phone.value.trim(), v.proof);
    } catch (e) { fail(e); }
  };
  const send = async (): Promise<void> => {
    const p = phone.value.trim();
    const known = savedProof(p);
    try {
      if (known) { await go(p, known); return; }
      otpId = (await api.otp(p)).otpId;
      codeRow.hidden = false;
      code.focus();
    } catch (e) { fail(e); }
  };
  codeRow.append(h('label', {}, tx.t('otp'), code), h('button', { type: 'button', class: 'btn primary', 'data-action': 'confirm', onclick: () => void confirm() }, label));
  return h('section', { class: 'step', 'data-step': 'phone' },
    h('h2', {}, tx.t('phone')), h('p', { class: 'hint' }, tx.t('phoneHint', { n: retentionDays })),
    h('div', { class: 'row' }, phone, h('button', { type: 'button', class: 'btn', 'data-action': 'send-code', onclick: () => void send() }, tx.t('sendCode'))),
    codeRow);
}
