/**
 * The page behind a ticket's QR code (`/t/:ref`, the ticket id and its unguessable token), on the citizen's phone,
 * without login: the ticket's live position (status, people ahead, expected wait) and the number each of its
 * counters is serving. Polls `/api/tickets/:ref` every few seconds (`?every=N` seconds, default 5) while the ticket is still open.
 */
import { ApiError, getJson } from '../../web-lib/hub-client.js';
import { hubNow, startHubTime } from '../../web-lib/hub-time.js';
import { fmtDate, fmtTime, h, mount } from './shared/dom.js';
import { I18n, type Key } from './shared/i18n.js';
import type { OfficeInfo, TicketView } from './kiosk/types.js';
import { waitLine } from '../../protocol/wait-text.js';

const i18n = new I18n();
const t = i18n.t.bind(i18n);
const FINAL = new Set(['done', 'no_show', 'voided', 'expired']);

function statusText(v: TicketView): string {
  return t(`st_${v.status}` as Key, { n: v.counterNumber ?? '' });
}

function render(root: HTMLElement, office: OfficeInfo | null, v: TicketView, stale: boolean): void {
  const field = office?.fields.find((f) => f.id === v.fieldId);
  const fieldName = i18n.lang === 'en' && field?.nameEn ? field.nameEn : v.fieldName;
  mount(root,
    h('header', { class: 'top' }, h('span', {}, office?.office.shortName ?? ''),
      h('button', { type: 'button', class: 'lang', onclick: () => { i18n.lang = i18n.lang === 'vi' ? 'en' : 'vi'; render(root, office, v, stale); } }, t('switchLang'))),
    h('p', { class: 'label' }, t('ticketTitle')),
    h('p', { class: 'number', 'data-role': 'number' }, v.number),
    h('p', { class: 'field' }, fieldName),
    h('p', { class: `status status-${v.status}`, 'data-role': 'status', 'data-status': v.status }, statusText(v)),
    v.estimate ? h('ul', { class: 'facts', 'data-role': 'estimate' },
      h('li', {}, t('ahead', { n: v.estimate.ahead })), h('li', { 'data-role': 'wait' }, waitLine(v.estimate, i18n.lang))) : null,
    v.fieldOpen && !v.fieldOpen.open && v.fieldOpen.nextDay && v.fieldOpen.nextStart && !FINAL.has(v.status)
      ? h('p', { class: 'field-next', 'data-role': 'field-next' }, t('fieldNext', { time: v.fieldOpen.nextStart, day: fmtDate(v.fieldOpen.nextDay) })) : null,
    v.paper ? h('p', { class: 'paper-note', 'data-role': 'paper-note' }, t('paperNote', { cutoff: v.paper.cutoff, day: fmtDate(v.paper.processDay) })) : null,
    v.counters.length ? h('section', { class: 'counters' }, h('h2', {}, t('servingNow')),
      h('ul', {}, ...v.counters.map((c) => h('li', { 'data-counter': c.number },
        h('span', {}, t('counterN', { n: c.number })), h('strong', {}, c.serving ?? t('nobodyServed')))))) : null,
    h('p', { class: `updated${stale ? ' stale' : ''}`, 'data-role': 'updated' }, stale ? t('connectionLost') : t('updatedAt', { time: fmtTime(hubNow(), office?.office.timezone) })));
}

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const q = new URLSearchParams(location.search);
  if (q.get('lang') === 'en') i18n.lang = 'en';
  const every = Math.max(1, Number(q.get('every') ?? '5') || 5) * 1000;
  const office = await getJson<OfficeInfo>('/api/office').catch(() => null);
  await startHubTime();
  let last: TicketView | null = null;
  const tick = async (): Promise<void> => {
    try {
      last = await getJson<TicketView>(`/api/tickets/${encodeURIComponent(id)}`);
      render(root, office, last, false);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) { mount(root, h('p', { class: 'status status-voided', role: 'alert', 'data-role': 'status' }, t('unknownTicket'))); return; }
      if (last) render(root, office, last, true);
    }
    if (!last || !FINAL.has(last.status)) setTimeout(() => void tick(), every);
  };
  await tick();
}

void main();
