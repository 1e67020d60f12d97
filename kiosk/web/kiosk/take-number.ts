/**
 * Take a number: field → (priority, when the office serves priority tickets) → `issue` over MQTT as the kiosk
 * device → the number large on screen with people ahead, expected wait and counters. The hub prints the
 * ticket on the kiosk's printer (device option `printerId`) before it answers; a printer fault voids the number.
 */
import { getJson } from '../../../web-lib/hub-client.js';
import { fmtDate, h } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import type { KioskApp } from './app.js';
import { KioskError, type FieldWait, type OpenState, type TicketView } from './types.js';

import { PRIORITIES, type Priority } from '../../../protocol/enums.js';
import { listenForScans } from './scanner.js';

/**
 * The chip ID card's QR text, scanned on the field or priority screen, for the next number only: sent with `issue`
 * (the hub reads the age and the per-person limit from it and keeps none of it), then forgotten here too.
 */
let card: string | null = null;
let stopCardScans: (() => void) | null = null;
const CARD_RE = /^\d{12}\|/;
/** Refusals of a number asked with the ID card: its daily limit, an age under the priority threshold, an unreadable card. */
const CARD_REFUSALS = new Set(['MC_ERR_PERSON_LIMIT', 'MC_ERR_CARD_UNDER_AGE', 'MC_ERR_CARD_UNREADABLE']);
import { waitLine } from '../../../protocol/wait-text.js';

export function takeNumberScreen(k: KioskApp): void {
  // many fields (a province center has about twenty): a denser grid, so that most fit without scrolling
  const list = h('div', { class: `choices choices-fields${k.office.fields.length > 8 ? ' choices-many' : ''}` });
  const render = (waits: FieldWait[]): void => {
    list.replaceChildren(...k.office.fields.map((f) => {
      const w = waits.find((x) => x.fieldId === f.id);
      const open = k.office.fieldsOpen?.[f.id];
      const closed = open && !open.open ? closedHint(k, open) : '';
      const count = w ? (w.waiting > 0 ? k.t('waitingCount', { n: w.waiting }) : k.t('noneWaiting')) : '';
      return h('button', { class: `choice${closed ? ' choice-closed' : ''}`, type: 'button', 'data-field': f.id, ...(closed ? { disabled: '', 'aria-disabled': 'true' } : {}), onclick: () => afterField(k, f.id) },
        h('span', { class: 'choice-title' }, k.i18n.lang === 'en' && f.nameEn ? f.nameEn : f.name),
        closed || count ? h('span', { class: 'choice-hint', 'data-role': closed ? 'next-open' : 'waiting' }, closed || count) : null,
        // the wait a citizen taking a number now would be told (issue 23), before taking it
        !closed && w ? h('span', { class: 'choice-hint choice-wait', 'data-role': 'wait' }, waitLine(w, k.i18n.lang)) : null);
    }));
  };
  render([]);
  card = null;
  const cardNote = h('p', { class: 'scan-hint', 'data-role': 'card-hint' }, k.t('cardHint'));
  stopCardScans?.();
  const stop = listenForScans((text) => {
    if (k.screenName !== 'fields' && k.screenName !== 'priority') { stop(); card = null; return; }
    if (!CARD_RE.test(text)) return;
    card = text;
    cardNote.textContent = k.t('cardRead');
    cardNote.dataset.role = 'card-read';
  }, { minLength: 20 });
  stopCardScans = stop;
  k.show('fields', h('div', {}, cardNote, list), k.t('chooseField'));
  void getJson<{ fields: FieldWait[] }>('/api/queue').then((r) => { if (k.screenName === 'fields') render(r.fields); }).catch(() => undefined);
}

/** "Opens again at 07:30 on 07/12/2026" for a field outside its sessions. */
function closedHint(k: KioskApp, o: OpenState): string {
  return !o.open && o.nextDay && o.nextStart ? k.t('fieldNext', { time: o.nextStart, day: fmtDate(o.nextDay) }) : k.t('fieldClosed');
}

function afterField(k: KioskApp, fieldId: string): void {
  // with a card read, the hub decides the age priority from it: no question to ask
  if (k.office.priorityMode === 'none' || card) { void issue(k, fieldId, null); return; }
  const body = h('div', { class: 'choices choices-priority' },
    h('button', { class: 'choice choice-regular', type: 'button', 'data-priority': 'none', onclick: () => void issue(k, fieldId, null) },
      h('span', { class: 'choice-title' }, k.t('priorityNone'))),
    ...PRIORITIES.map((p) => h('button', { class: 'choice choice-priority', type: 'button', 'data-priority': p, onclick: () => void issue(k, fieldId, p) },
      h('span', { class: 'choice-title' }, k.t(`priority_${p}` as Key)))));
  k.show('priority', body, k.t('priorityQuestion'));
}

async function issue(k: KioskApp, fieldId: string, priority: Priority | null): Promise<void> {
  k.show('printing', h('section', { class: 'message message-wait', role: 'status' },
    h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('h2', { class: 'message-title' }, k.t('printing'))));
  try {
    const withCard = card;
    card = null;
    stopCardScans?.();
    const t = (await k.request('issue', { fieldId, ...(priority ? { priority } : {}), ...(withCard ? { card: withCard } : {}) })) as unknown as TicketView & { cardPriority?: boolean };
    showTicket(k, t, t.cardPriority ? k.t('cardPriority') : undefined);
  } catch (e) {
    const err = e instanceof KioskError ? e : new KioskError('MC_ERR_INTERNAL', String(e));
    const printer = err.code === 'MC_ERR_PRINTER_OFFLINE' || err.code === 'MC_ERR_PRINT_FAILED';
    if (CARD_REFUSALS.has(err.code)) {
      // the card is forgotten: trying again would quietly give an ordinary number, so the choice is said as it is
      k.message('issue-error', k.t('errorTitle'), err.message, 'error', () => void issue(k, fieldId, null), k.t('takeRegular'));
    } else {
      k.message('issue-error', printer ? k.t('printerTrouble') : k.t('errorTitle'), err.message, 'error', () => void issue(k, fieldId, priority));
    }
    document.body.dataset.error = err.code;
  }
}

/** The number large on screen with its place and wait (`note`: a line about a checked-in booking). */
export function showTicket(k: KioskApp, t: TicketView, note?: string): void {
  const field = k.office.fields.find((f) => f.id === t.fieldId);
  const fieldName = k.i18n.lang === 'en' && field?.nameEn ? field.nameEn : t.fieldName;
  const counters = t.counters.map((c) => c.number).join(', ');
  const est = t.estimate;
  const body = h('section', { class: 'ticket-result', role: 'status' },
    h('p', { class: 'ticket-label' }, k.t('yourNumber')),
    h('p', { class: 'ticket-number', 'data-number': t.number }, t.number),
    h('p', { class: 'ticket-field' }, fieldName),
    note ? h('p', { class: 'ticket-booking', 'data-role': 'booking-note' }, note) : null,
    t.priority ? h('p', { class: 'ticket-priority' }, k.t(`priority_${t.priority}` as Key)) : null,
    h('ul', { class: 'ticket-facts' },
      est ? h('li', { 'data-fact': 'ahead' }, k.t('ahead', { n: est.ahead })) : null,
      est ? h('li', { 'data-fact': 'wait' }, waitLine(est, k.i18n.lang)) : null,
      counters ? h('li', { 'data-fact': 'counters' }, k.t('servedAt', { counters: `${k.t('counterN', { n: '' }).trim()} ${counters}` })) : null),
    t.paper ? h('p', { class: 'ticket-paper', 'data-role': 'paper-note' }, k.t('paperNote', { cutoff: t.paper.cutoff, day: fmtDate(t.paper.processDay) })) : null,
    h('p', { class: 'ticket-take' }, k.t('takeTicket')),
    h('button', { class: 'btn btn-primary', type: 'button', 'data-action': 'done', onclick: () => k.home() }, k.t('done')));
  k.show('ticket', body);
}
