/**
 * Rating station mode (`/kiosk?rating=1`): the citizen picks the number just served (tickets called recently, from
 * the retained hall state, kept when the hub says they are finished), chooses a level of the office's scale,
 * optionally a reason after a low level, and the kiosk sends `rate {ticketId, level, reason}` as a device. The hub
 * decides the rules: one rating per service, within the rating window; its refusals are shown as they are.
 * A kiosk with a barcode scanner (USB, keyboard mode: it types what it reads, then Enter) lets the citizen scan the
 * QR code of their own ticket instead: the surer way to rate one's own service, not a number seen on the hall.
 */
import { getJson } from '../../../web-lib/hub-client.js';
import { hubNow } from '../../../web-lib/hub-time.js';
import { h } from '../shared/dom.js';
import { listenForScans } from './scanner.js';
import type { KioskApp } from './app.js';
import { KioskError, type CallView, type TicketView } from './types.js';

/** The recent calls whose service is finished, as the hub says (`/api/calls/recent`): one button each, newest first,
 * each marked when it has already been rated, so the citizen learns it before choosing a level, not after. */
export async function finishedTickets(recent: CallView[]): Promise<CallView[]> {
  const r = await getJson<{ calls: { ticketId: string; done: boolean; rated?: boolean }[] }>('/api/calls/recent').catch(() => ({ calls: [] }));
  const done = new Map(r.calls.filter((c) => c.done).map((c) => [c.ticketId, c.rated === true]));
  const seen = new Set<string>();
  return recent.filter((c) => !seen.has(c.ticketId) && seen.add(c.ticketId) && done.has(c.ticketId)).map((c) => ({ ...c, rated: done.get(c.ticketId) }));
}

/** The ticket's public reference in what a scanner read from its QR code (`https://…/t/{id}.{token}`), or null. */
export function scannedTicketId(text: string): string | null {
  const m = /\/t\/([A-Za-z0-9._-]{3,96})\s*$/.exec(text.trim());
  return m?.[1] ?? null;
}

/** Keys typed by the scanner while the rating screen is shown; Enter ends one reading. */
function listenForTicketScans(k: KioskApp): void {
  const stop = listenForScans((text) => {
    if (k.screenName !== 'rating') { stop(); return; }
    void scanned(k, text.slice(-200));
  }, { gapMs: Number.POSITIVE_INFINITY, minLength: 1 });
}

async function scanned(k: KioskApp, text: string): Promise<void> {
  const id = scannedTicketId(text);
  const v = id ? await getJson<TicketView>(`/api/tickets/${encodeURIComponent(id)}`).catch(() => null) : null;
  if (!id || !v) { k.message('rating-error', k.t('errorTitle'), k.t('unreadableTicket'), 'error'); return; }
  if (v.status !== 'done' || v.counterNumber === null) { k.message('rating-error', k.t('errorTitle'), k.t('notServedYet', { number: v.number }), 'error'); return; }
  if (v.rated) { alreadyRated(k, v.number, v.counterNumber); return; }
  levels(k, { ticketId: v.id, number: v.number, counterNumber: v.counterNumber, at: v.finishedAt ?? hubNow(), kind: 'call' });
}

export function ratingScreen(k: KioskApp): void {
  const list = h('div', { class: 'choices' }, h('p', { class: 'wait' }, k.t('loading')));
  k.show('rating', h('div', {}, list, h('p', { class: 'hint', 'data-role': 'scan-hint' }, k.t('scanHint'))), k.t('pickTicket'));
  listenForTicketScans(k);
  void finishedTickets(k.recent).then((done) => {
    if (k.screenName !== 'rating') return;
    if (!done.length) { list.replaceChildren(h('p', { class: 'empty' }, k.t('noFinished'))); return; }
    list.replaceChildren(...done.map((c) => h('button', { class: c.rated ? 'choice choice-done' : 'choice', type: 'button', 'data-ticket': c.number,
      ...(c.rated ? { 'data-rated': '1' } : {}), onclick: () => (c.rated ? alreadyRated(k, c.number, c.counterNumber) : levels(k, c)) },
      h('span', { class: 'choice-title' }, k.t('ticketAtCounter', { number: c.number, counter: c.counterNumber })),
      c.rated ? h('span', { class: 'choice-sub' }, k.t('ratedMark')) : null)));
  });
}

/** Said at once, before any level is chosen: one rating per service. */
function alreadyRated(k: KioskApp, number: string, counter: number): void {
  k.message('rating-error', k.t('alreadyRated'), k.t('ticketAtCounter', { number, counter }), 'info');
  document.body.dataset.error = 'MC_ERR_ALREADY_RATED';
}

function levels(k: KioskApp, c: CallView): void {
  const ls = k.office.rating.levels;
  const body = h('div', { class: 'choices choices-rating' }, ...ls.map((l, i) =>
    h('button', { class: `choice rate-${Math.round((i / Math.max(1, ls.length - 1)) * 3)}`, type: 'button', 'data-level': l.key,
      onclick: () => (i >= Math.ceil(ls.length / 2) && k.office.rating.reasons.length ? reasons(k, c, l.key) : void send(k, c, l.key, null)) },
      h('span', { class: 'choice-title' }, k.i18n.lang === 'en' ? l.labelEn : l.label))));
  k.show('rating-levels', h('div', {}, h('p', { class: 'lead' }, k.t('ticketAtCounter', { number: c.number, counter: c.counterNumber })), body), k.t('ratePrompt'));
}

function reasons(k: KioskApp, c: CallView, level: string): void {
  const body = h('div', { class: 'choices' },
    ...k.office.rating.reasons.map((r) => h('button', { class: 'choice', type: 'button', 'data-reason': r, onclick: () => void send(k, c, level, r) }, h('span', { class: 'choice-title' }, r))),
    h('button', { class: 'choice choice-regular', type: 'button', 'data-action': 'skip', onclick: () => void send(k, c, level, null) }, h('span', { class: 'choice-title' }, k.t('skip'))));
  k.show('rating-reasons', body, k.t('reasonPrompt'));
}

async function send(k: KioskApp, c: CallView, level: string, reason: string | null): Promise<void> {
  try {
    await k.request('rate', { ticketId: c.ticketId, level, ...(reason ? { reason } : {}) });
    k.message('rating-thanks', k.t('thanks'), k.t('ticketAtCounter', { number: c.number, counter: c.counterNumber }), 'ok');
  } catch (e) {
    const err = e instanceof KioskError ? e : new KioskError('MC_ERR_INTERNAL', String(e));
    const text = err.code === 'MC_ERR_ALREADY_RATED' ? k.t('alreadyRated') : err.code === 'MC_ERR_RATING_CLOSED' ? k.t('ratingClosed') : err.message;
    k.message('rating-error', k.t('errorTitle'), text, 'error');
    document.body.dataset.error = err.code;
  }
}
