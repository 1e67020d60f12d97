/**
 * Check-in of a booking on arrival: the booking code typed on the code keyboard, or the booking QR held under the 2D
 * scanner (keyboard mode). The hub prints the ticket on the kiosk's printer and places it by the office's policy; a
 * late arrival is queued as a walk-in, and every refusal (wrong code, another day, too early) is said in plain words.
 */
import { h, mount } from '../shared/dom.js';
import { createKeyboard } from '../shared/keyboard.js';
import type { KioskApp } from './app.js';
import { listenForScans } from './scanner.js';
import { showTicket } from './take-number.js';
import { KioskError, type TicketView } from './types.js';

let stopScans: (() => void) | null = null;
let homeListening = false;

/** A booking QR scanned on the home screen goes straight to check-in (the citizen need not find the button). */
export function checkInFromHome(k: KioskApp): void {
  if (homeListening) return;
  homeListening = true;
  listenForScans((text) => {
    if (k.screenName !== 'home' || !/[?&]code=/.test(text)) return;
    checkInScreen(k);
    const out = document.querySelector<HTMLElement>('[data-role="checkin-result"]');
    if (out) void checkIn(k, text, out);
  });
}

export function checkInScreen(k: KioskApp): void {
  const box = h('div', { class: 'search-box code-box', 'data-role': 'code' });
  const out = h('div', { class: 'dossier-out', 'data-role': 'checkin-result', 'aria-live': 'polite' });
  const renderBox = (v: string): void => mount(box, v ? h('span', { class: 'typed' }, v) : h('span', { class: 'placeholder' }, 'ABCD-2345'), h('span', { class: 'caret', 'aria-hidden': 'true' }));
  const kb = createKeyboard('code', k.i18n, (v) => { renderBox(v); mount(out); }, 12);
  const go = h('button', { class: 'btn btn-primary btn-go', type: 'button', 'data-action': 'check-in', onclick: () => void checkIn(k, kb.value.trim(), out) }, k.t('checkInGo'));
  renderBox('');
  stopScans?.();
  const stop = listenForScans((text) => {
    if (k.screenName !== 'check-in') { stop(); return; }
    void checkIn(k, text, out); // the QR's text (the booking page's address) goes to the hub, which reads the code from it
  });
  stopScans = stop;
  k.show('check-in', h('div', { class: 'dossier' },
    h('p', { class: 'lead' }, k.t('enterBookingCode')),
    h('p', { class: 'scan-hint', 'data-role': 'scan-hint' }, k.t('bookingScanHint')),
    h('div', { class: 'code-row' }, box, go), out, kb.el), k.t('checkIn'));
}

async function checkIn(k: KioskApp, code: string, out: HTMLElement): Promise<void> {
  if (!code) return;
  mount(out, h('p', { class: 'wait' }, k.t('printing')));
  try {
    const r = (await k.request('checkIn', { code })) as unknown as TicketView & { booking: { codeShown: string; slot: string; late: boolean } };
    stopScans?.();
    showTicket(k, r, k.t(r.booking.late ? 'checkInLate' : 'checkInBooked', { code: r.booking.codeShown, slot: r.booking.slot }));
  } catch (e) {
    const err = e instanceof KioskError ? e : new KioskError('MC_ERR_INTERNAL', String(e));
    mount(out, h('p', { class: 'alert', role: 'alert', 'data-error': err.code }, err.message));
  }
}
