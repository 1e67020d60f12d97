/**
 * Dossier status by Mã số hồ sơ, typed on the code keyboard: status, appointment date, on time / overdue, where
 * to collect. Nothing personal is shown (the hub never has it). Unknown code (404), provincial system unreachable
 * (503) and too many lookups (429, the hub limits each address) each get their own plain message.
 */
import { ApiError, getJson } from '../../../web-lib/hub-client.js';
import { hubNow } from '../../../web-lib/hub-time.js';
import { fmtDate, h, mount } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import { createKeyboard } from '../shared/keyboard.js';
import { dossierCodeFromQr } from '../../../protocol/dossier-code.js';
import type { KioskApp } from './app.js';
import { listenForScans } from './scanner.js';
import type { DossierAnswer } from './types.js';

const CODE_RE = /^[A-Za-z0-9._/-]{3,40}$/;
const ERRORS: Record<string, Key> = { MC_ERR_UNKNOWN_DOSSIER: 'unknownDossier', MC_ERR_UPLINK_DOWN: 'uplinkDown', MC_ERR_RATE_LIMITED: 'tooMany', MC_ERR_BAD_REQUEST: 'badCode' };

/** The scanner listener of the dossier screen last shown (one at a time, however often the screen is opened). */
let stopScans: (() => void) | null = null;
/** The dossier screen's key-burst listener last registered (replaced when the screen is opened again). */
let stopBurst: (() => void) | null = null;

export function dossierScreen(k: KioskApp): void {
  const box = h('div', { class: 'search-box code-box', 'data-role': 'code' });
  const out = h('div', { class: 'dossier-out', 'data-role': 'dossier-result', 'aria-live': 'polite' });
  const renderBox = (v: string): void => mount(box, v ? h('span', { class: 'typed' }, v) : h('span', { class: 'placeholder' }, '000.00.12.H01-…'), h('span', { class: 'caret', 'aria-hidden': 'true' }));
  // the code as it was before the latest burst of keys: a scanner's keys reach the code box too, and a QR that is
  // not a receipt must leave the code read before as it was (registered before the keyboard's own listener)
  let before = '';
  let lastKey = 0;
  const burst = (): void => {
    const now = performance.now();
    if (now - lastKey > 60) before = kb.value;
    lastKey = now;
  };
  if (stopBurst) document.removeEventListener('keydown', stopBurst);
  stopBurst = burst; // one at a time, however often the screen is opened
  document.addEventListener('keydown', burst);
  const search = (): void => void lookup(k, kb.value.trim(), out).then((found) => showKb(!found));
  const kb = createKeyboard('code', k.i18n, (v) => { renderBox(v); mount(out); }, 40, search);
  // a found dossier replaces the keyboard; touching the code box brings it back
  const showKb = (on: boolean): void => { kb.el.hidden = !on; };
  box.addEventListener('click', () => showKb(true));
  const go = h('button', { class: 'btn btn-primary btn-go', type: 'button', 'data-action': 'lookup', onclick: search }, k.t('lookUp'));
  renderBox('');
  stopScans?.();
  const stop = listenForScans((text) => {
    if (k.screenName !== 'dossier') { stop(); return; }
    const code = dossierCodeFromQr(text, k.office.dossierCodePattern ?? ''); // the QR's other contents go no further
    // the scanner's keys also reached the code box: what stays there is the code read, or what was there before
    if (!code) { kb.set(before); mount(out, h('p', { class: 'alert', role: 'alert', 'data-error': 'MC_ERR_NOT_A_RECEIPT' }, k.t('notReceipt'))); return; }
    kb.value = code;
    renderBox(code);
    void lookup(k, code, out).then((found) => showKb(!found));
  });
  stopScans = stop;
  const body = h('div', { class: 'dossier' },
    h('p', { class: 'lead' }, k.t('enterCode')),
    h('p', { class: 'scan-hint', 'data-role': 'scan-hint' }, k.t('receiptScanHint')),
    h('div', { class: 'code-row' }, box, go),
    out, kb.el);
  k.show('dossier', body, k.t('dossier'));
}

async function lookup(k: KioskApp, code: string, out: HTMLElement): Promise<boolean> {
  if (!CODE_RE.test(code)) { mount(out, h('p', { class: 'alert', role: 'alert', 'data-error': 'MC_ERR_BAD_REQUEST' }, k.t('badCode'))); return false; }
  mount(out, h('p', { class: 'wait' }, k.t('looking')));
  let r: DossierAnswer;
  try { r = await getJson<DossierAnswer>(`/api/dossiers/${encodeURIComponent(code)}`); } catch (e) {
    const code = e instanceof ApiError ? e.code : 'MC_ERR_INTERNAL';
    const key = ERRORS[code];
    mount(out, h('p', { class: 'alert', role: 'alert', 'data-error': code }, key ? k.t(key) : (e as Error).message));
    return false;
  }
  const d = r.dossier;
  const row = (label: Key, value: Node | string, name: string): HTMLElement => h('div', { class: 'fact', 'data-fact': name }, h('dt', {}, k.t(label)), h('dd', {}, value));
  const badge = d.overdue ? h('span', { class: 'badge badge-bad' }, k.t('overdue')) : h('span', { class: 'badge badge-good' }, k.t('onTime'));
  mount(out, h('dl', { class: 'dossier-card' },
    row('dossierCode', d.code, 'code'),
    row('procedureName', d.procedureName, 'procedure'),
    row('status', h('strong', {}, d.status), 'status'),
    row('receivedAt', fmtDate(d.receivedAt), 'received'),
    row('appointment', h('span', {}, fmtDate(d.appointmentDate), ' ', badge), 'appointment'),
    row('collectAt', d.collectAt, 'collect')),
    r.cached ? h('p', { class: 'cached' }, k.t('catalogCached', { time: fmtDate(hubNow() - r.ageMs) })) : null);
  return true;
}
