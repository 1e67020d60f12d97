/**
 * The sections of the live ticket page. Each section is built from the part of the view it shows and rebuilt only
 * when that part changes (a phone number being typed survives the updates). The wait section is a list of lines
 * (`waitLines`) so that further lines (the wait range of issue 23) add one entry there.
 */
import { waitLine } from '../../../protocol/wait-text.js';
import { fmtDate, h } from '../shared/dom.js';
import type { I18n, Key } from '../shared/i18n.js';
import type { OfficeInfo, TicketView } from '../kiosk/types.js';

export interface LiveTicket extends TicketView {
  messages?: { offered: boolean; phone: string | null; keepDays: number };
  rating?: { rated: boolean; open: boolean; forS: number } | null;
}

export const FINAL = new Set(['done', 'no_show', 'voided', 'expired']);

export interface Actions {
  toggleLang(): void;
  enableSound(): void;
  subscribe(phone: string): void;
  unsubscribe(): void;
  rate(level: string): void;
}

export interface PageState { office: OfficeInfo | null; soundReady: boolean; msgError: string; rateError: string; rateDone: boolean; phoneDraft: string }

export function header(i18n: I18n, st: PageState, a: Actions): HTMLElement {
  return h('header', { class: 'top' }, h('span', {}, st.office?.office.shortName ?? ''),
    h('button', { type: 'button', class: 'lang', onclick: () => a.toggleLang() }, i18n.t('switchLang')));
}

export function identity(i18n: I18n, st: PageState, v: LiveTicket): HTMLElement {
  const field = st.office?.fields.find((f) => f.id === v.fieldId);
  return h('div', {}, h('p', { class: 'label' }, i18n.t('ticketTitle')), h('p', { class: 'number', 'data-role': 'number' }, v.number),
    h('p', { class: 'field' }, i18n.lang === 'en' && field?.nameEn ? field.nameEn : v.fieldName));
}

/** The status; when called, the call itself in large words; when absent, what to do next. */
export function status(i18n: I18n, v: LiveTicket): HTMLElement {
  const n = v.counterNumber ?? '';
  return h('div', {},
    h('p', { class: `status status-${v.status}`, 'data-role': 'status', 'data-status': v.status }, i18n.t(`st_${v.status}` as Key, { n })),
    v.status === 'called' ? h('div', { class: 'called', role: 'alert', 'data-role': 'called' },
      h('p', { class: 'called-words' }, i18n.t('calledBanner', { n })), h('p', {}, i18n.t('calledHint', { number: v.number }))) : null,
    v.status === 'no_show' ? h('div', { class: 'noshow', role: 'alert', 'data-role': 'no-show' },
      h('p', { class: 'noshow-title' }, i18n.t('noShowTitle')), h('p', {}, i18n.t('noShowAdvice', { n }))) : null);
}

/** The lines about the wait; a new line (a range, a forecast) is one more entry here. */
export function waitLines(i18n: I18n, v: LiveTicket): HTMLElement[] {
  if (!v.estimate) return [];
  // the forecast's range (protocol/wait-text.ts: the same words as the paper, the kiosk and the hall)
  return [h('li', { 'data-line': 'ahead' }, i18n.t('ahead', { n: v.estimate.ahead })), h('li', { 'data-line': 'minutes', 'data-role': 'wait' }, waitLine(v.estimate, i18n.lang))];
}

export function wait(i18n: I18n, v: LiveTicket): HTMLElement | null {
  const lines = waitLines(i18n, v);
  return h('div', {},
    lines.length ? h('ul', { class: 'facts', 'data-role': 'estimate' }, ...lines) : null,
    v.fieldOpen && !v.fieldOpen.open && v.fieldOpen.nextDay && v.fieldOpen.nextStart && !FINAL.has(v.status)
      ? h('p', { class: 'field-next', 'data-role': 'field-next' }, i18n.t('fieldNext', { time: v.fieldOpen.nextStart, day: fmtDate(v.fieldOpen.nextDay) })) : null,
    v.paper ? h('p', { class: 'paper-note', 'data-role': 'paper-note' }, i18n.t('paperNote', { cutoff: v.paper.cutoff, day: fmtDate(v.paper.processDay) })) : null);
}

/** The sound for the call (browsers play it only after a tap), while the ticket is open. */
export function soundSection(i18n: I18n, st: PageState, v: LiveTicket, a: Actions): HTMLElement | null {
  if (FINAL.has(v.status)) return null;
  return h('div', { class: 'sound' }, st.soundReady ? h('p', { class: 'note', 'data-role': 'sound-ready' }, i18n.t('soundReady'))
    : h('button', { type: 'button', class: 'secondary', 'data-action': 'sound', onclick: () => a.enableSound() }, i18n.t('soundOn')));
}

/** The opt-in for messages (while the ticket is open and the office sends messages). */
export function messagesSection(i18n: I18n, st: PageState, v: LiveTicket, a: Actions): HTMLElement | null {
  const m = v.messages;
  if (FINAL.has(v.status) || !m) return null;
  if (m.phone) {
    return h('section', { class: 'card', 'data-role': 'messages-on' }, h('p', {}, i18n.t('msgOn', { phone: m.phone })),
      h('button', { type: 'button', class: 'link', 'data-action': 'unsubscribe', onclick: () => a.unsubscribe() }, i18n.t('msgStop')));
  }
  if (!m.offered) return null;
  const input = h('input', { type: 'tel', inputmode: 'tel', autocomplete: 'tel', maxlength: 20, id: 'phone', name: 'phone', placeholder: '0912 345 678',
    value: st.phoneDraft, oninput: () => { st.phoneDraft = input.value; } }); // what was typed survives a rebuild (an error shown)
  return h('form', { class: 'card optin', 'data-role': 'optin', onsubmit: (e: Event) => { e.preventDefault(); a.subscribe(input.value); } },
    h('h2', {}, i18n.t('msgTitle')), h('p', { class: 'note' }, i18n.t('msgHint', { days: m.keepDays })),
    h('label', { for: 'phone' }, i18n.t('phoneLabel')), input,
    st.msgError ? h('p', { class: 'error', role: 'alert', 'data-role': 'msg-error' }, st.msgError) : null,
    h('button', { type: 'submit', 'data-action': 'subscribe' }, i18n.t('msgSubmit')));
}

/** After the service: the office's satisfaction scale (Decision 766), once. */
export function ratingSection(i18n: I18n, st: PageState, v: LiveTicket, a: Actions): HTMLElement | null {
  const r = v.rating;
  if (!r) return null;
  if (r.rated || st.rateDone) return h('section', { class: 'card', 'data-role': 'rated' }, h('p', {}, st.rateError || i18n.t('rated')));
  if (!r.open) return h('section', { class: 'card', 'data-role': 'rating-closed' }, h('p', {}, i18n.t('ratingClosed')));
  const levels = st.office?.rating.levels ?? [];
  return h('section', { class: 'card rating', 'data-role': 'rating' }, h('h2', {}, i18n.t('ratePrompt')),
    h('div', { class: 'levels' }, ...levels.map((l) => h('button', { type: 'button', class: `level level-${l.key}`, 'data-level': l.key, onclick: () => a.rate(l.key) },
      i18n.lang === 'en' && l.labelEn ? l.labelEn : l.label))),
    st.rateError ? h('p', { class: 'error', role: 'alert', 'data-role': 'rate-error' }, st.rateError) : null,
    h('p', { class: 'note' }, i18n.t('rateWithin', { n: Math.max(1, Math.ceil(r.forS / 60)) })));
}

export function counters(i18n: I18n, v: LiveTicket): HTMLElement | null {
  if (!v.counters.length || FINAL.has(v.status)) return null;
  return h('section', { class: 'counters' }, h('h2', {}, i18n.t('servingNow')),
    h('ul', {}, ...v.counters.map((c) => h('li', { 'data-counter': c.number },
      h('span', {}, i18n.t('counterN', { n: c.number })), h('strong', {}, c.serving ?? i18n.t('nobodyServed'))))));
}
