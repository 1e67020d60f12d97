/**
 * The page behind a ticket's QR code (`/t/:ref`, the ticket id and its unguessable token), on the citizen's phone,
 * without login: the ticket's live position, pushed by the hub (server-sent events; polling while the stream is
 * down, or with `?transport=poll`; `?every=N` seconds between polls, default 5). When the ticket is called the
 * phone vibrates and beeps and the page says "Mời quý vị đến Quầy 3"; an absent citizen is told what to do next;
 * the holder may ask for messages (a phone number) and, after the service, rate it once. Times shown are the hub's.
 */
import { ApiError, getJson, postJson } from '../../web-lib/http.js';
import { hubNow, startHubTime } from '../../web-lib/hub-time.js';
import { fmtTime, h, mount } from './shared/dom.js';
import { I18n } from './shared/i18n.js';
import type { OfficeInfo } from './kiosk/types.js';
import { alerts, callAlert, unlockAudio } from './ticket/alert.js';
import { TicketFeed, type FeedState } from './ticket/feed.js';
import { counters, messagesSection, soundSection, FINAL, header, identity, ratingSection, status, wait, type Actions, type LiveTicket, type PageState } from './ticket/view.js';

const i18n = new I18n();
const root = document.getElementById('app') as HTMLElement;
const ref = decodeURIComponent(location.pathname.split('/').pop() ?? '');
const api = `/api/tickets/${encodeURIComponent(ref)}`;
const st: PageState = { office: null, soundReady: false, msgError: '', rateError: '', rateDone: false, phoneDraft: '' };
let view: LiveTicket | null = null;
let feedState: FeedState = { transport: 'connecting', stale: false, gone: false };

/** What the tests read: how the page is fed, when it showed the call (performance.now()), what the phone did. */
const probe = { transport: 'connecting', views: 0, calledShownAt: 0, alerts };
(window as unknown as { ticketPage: typeof probe }).ticketPage = probe;

// the sound line sits below the form: a first tap turns the sound on and changes that line, which must not move what was tapped
const sections = ['header', 'identity', 'status', 'wait', 'messages', 'sound', 'rating', 'counters', 'updated'] as const;
const slots = new Map<string, { el: HTMLElement; key: string }>();

/** Rebuild a section only when what it shows changed. */
function patch(name: string, key: string, build: () => HTMLElement | null): void {
  const s = slots.get(name);
  if (!s || s.key === key) return;
  s.key = key;
  mount(s.el, build());
}

function render(): void {
  if (feedState.gone) { mount(root, h('p', { class: 'status status-voided', role: 'alert', 'data-role': 'status' }, i18n.t('unknownTicket'))); slots.clear(); return; }
  const v = view;
  if (!v) return;
  if (slots.size === 0) {
    mount(root);
    for (const n of sections) { const el = h('div', { 'data-section': n }); root.append(el); slots.set(n, { el, key: '' }); }
  }
  const lang = i18n.lang;
  patch('header', lang, () => header(i18n, st, actions));
  patch('identity', JSON.stringify([lang, v.number, v.fieldId]), () => identity(i18n, st, v));
  patch('status', JSON.stringify([lang, v.status, v.counterNumber]), () => status(i18n, v));
  patch('wait', JSON.stringify([lang, v.status, v.estimate, v.fieldOpen, v.paper]), () => wait(i18n, v));
  patch('sound', JSON.stringify([lang, FINAL.has(v.status), st.soundReady]), () => soundSection(i18n, st, v, actions));
  patch('messages', JSON.stringify([lang, FINAL.has(v.status), v.messages, st.msgError]), () => messagesSection(i18n, st, v, actions));
  patch('rating', JSON.stringify([lang, v.rating?.rated, v.rating?.open, st.rateDone, st.rateError]), () => ratingSection(i18n, st, v, actions));
  patch('counters', JSON.stringify([lang, v.status, v.counters]), () => counters(i18n, v));
  const live = feedState.transport === 'sse';
  patch('updated', JSON.stringify([lang, feedState, Math.floor(hubNow() / 60_000)]), () => h('p', { class: `updated${feedState.stale ? ' stale' : ''}`, 'data-role': 'updated', 'data-transport': feedState.transport },
    feedState.stale ? i18n.t('connectionLost') : `${i18n.t('updatedAt', { time: fmtTime(hubNow(), st.office?.office.timezone) })}${live ? ` · ${i18n.t('liveNote')}` : ''}`));
}

function onView(v: LiveTicket): void {
  const was = view?.status;
  view = v;
  probe.views++;
  render();
  if (v.status === 'called' && was !== 'called') {
    probe.calledShownAt = performance.now();
    if (was !== undefined) callAlert(); // seen happening, not a page opened after the call
  }
  // nothing more can change: a cancelled or expired ticket, a service rated or no longer open to rating
  if (v.status === 'voided' || v.status === 'expired' || (v.status === 'done' && v.rating && !v.rating.open)) feed.stop();
}

const actions: Actions = {
  toggleLang: () => { i18n.lang = i18n.lang === 'vi' ? 'en' : 'vi'; document.documentElement.lang = i18n.lang; render(); },
  enableSound: () => { unlockAudio(); st.soundReady = alerts.audioReady; render(); },
  subscribe: (phone) => {
    postJson(`${api}/messages`, { phone, lang: i18n.lang }).then(() => { st.msgError = ''; render(); },
      (e: unknown) => { st.msgError = e instanceof ApiError ? e.message : i18n.t('connectionLost'); render(); });
  },
  unsubscribe: () => { postJson(`${api}/messages`, {}, 'DELETE').catch(() => undefined); },
  rate: (level) => {
    postJson(`${api}/rating`, { level }).then(() => { st.rateDone = true; st.rateError = ''; render(); },
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'MC_ERR_ALREADY_RATED') st.rateDone = true;
        st.rateError = e instanceof ApiError ? e.message : i18n.t('connectionLost');
        render();
      });
  },
};

const q = new URLSearchParams(location.search);
if (q.get('lang') === 'en') i18n.lang = 'en';
const feed = new TicketFeed<LiveTicket>(ref, onView, (s) => { feedState = s; probe.transport = s.transport; render(); },
  { pollMs: Math.max(1, Number(q.get('every') ?? '5') || 5) * 1000, forcePoll: q.get('transport') === 'poll' });
// any first touch makes the call's beep audible (browsers play sound only after a gesture)
document.addEventListener('pointerdown', () => { unlockAudio(); if (!st.soundReady && alerts.audioReady) { st.soundReady = true; render(); } }, { once: true });

async function main(): Promise<void> {
  st.office = await getJson<OfficeInfo>('/api/office').catch(() => null);
  await startHubTime();
  feed.start();
  setInterval(render, 30_000); // the "updated at" minute
}

void main();
