/** The home screen (three or four big choices) and the closed screen shown outside office hours. */
import { fmtDate, h } from '../shared/dom.js';
import type { Key } from '../shared/i18n.js';
import type { KioskApp } from './app.js';
import { dossierScreen } from './dossier.js';
import { proceduresScreen } from './procedures.js';
import { ratingScreen } from './rating.js';
import { takeNumberScreen } from './take-number.js';
import { checkInFromHome, checkInScreen } from './checkin.js';

function tile(k: KioskApp, action: string, icon: string, title: Key, hint: Key, go: () => void, primary = false): HTMLElement {
  return h('button', { class: `tile${primary ? ' tile-primary' : ''}`, type: 'button', 'data-action': action, onclick: go },
    h('span', { class: 'tile-icon', 'aria-hidden': 'true' }, icon),
    h('span', { class: 'tile-text' }, h('span', { class: 'tile-title' }, k.t(title)), h('span', { class: 'tile-hint' }, k.t(hint))));
}

/** The office's own notice is written in Vietnamese only: in English, the kiosk says so rather than leave it unexplained. */
function officeNotice(k: KioskApp): HTMLElement {
  return h('p', { class: 'notice', lang: 'vi', 'data-role': 'notice' },
    k.i18n.lang === 'en' ? h('span', { class: 'notice-lang', lang: 'en', 'data-role': 'notice-lang' }, `${k.t('noticeInVietnamese')}: `) : null,
    k.office.texts.notice);
}

export function homeScreen(k: KioskApp): HTMLElement {
  const body = h('div', { class: 'tiles' },
    tile(k, 'take-number', '#', 'takeNumber', 'takeNumberHint', () => takeNumberScreen(k), true),
    tile(k, 'check-in', '✓', 'checkIn', 'checkInHint', () => checkInScreen(k)),
    tile(k, 'procedures', '☰', 'procedures', 'proceduresHint', () => proceduresScreen(k)),
    tile(k, 'dossier', '⌕', 'dossier', 'dossierHint', () => dossierScreen(k)),
    k.params.rating ? tile(k, 'rate', '☺', 'rate', 'rateHint', () => ratingScreen(k)) : null);
  const notice = k.office.texts.notice ? officeNotice(k) : null;
  const wrap = h('div', { class: 'home' }, h('h1', { class: 'welcome' }, k.office.office.name), body, h('section', { class: 'points', id: 'points', hidden: true }), notice);
  k.show('home', wrap);
  checkInFromHome(k);
  renderPoints(k);
  return wrap;
}

/** The center's other reception points on the home screen, so a citizen can go where the line is shorter. */
export function renderPoints(k: KioskApp): void {
  const box = document.getElementById('points');
  if (!box) return;
  const p = k.points;
  box.hidden = !p;
  if (!p) return;
  box.replaceChildren(...[h('h2', { class: 'points-title' }, k.t('otherPoints')),
    h('ul', { class: 'points-list' }, ...p.others.map((x) => h('li', { class: x.stale ? 'point stale' : 'point' }, h('span', { class: 'point-name' }, x.name), ' ',
      h('span', { class: 'point-figure' }, x.stale || p.link === 'down' ? k.t('otherPointStale') : x.minutes === null ? k.t('otherPointCount', { waiting: String(x.waiting) }) : k.t('otherPointLine', { waiting: String(x.waiting), minutes: String(x.minutes) }))))),
    p.link === 'down' ? h('p', { class: 'points-down', role: 'status' }, k.t('pointsDown')) : null].filter((x): x is HTMLHeadingElement | HTMLUListElement => x !== null));
}

export function closedScreen(k: KioskApp): HTMLElement {
  const o = k.office.open;
  const next = !o.open && o.nextDay && o.nextStart ? k.t('closedNext', { time: o.nextStart, day: fmtDate(o.nextDay) }) : '';
  const wrap = h('div', { class: 'home closed' },
    h('section', { class: 'closed-box', role: 'status' },
      h('div', { class: 'closed-icon', 'aria-hidden': 'true' }, '☾'),
      h('h1', { class: 'closed-title' }, k.t('closedTitle')),
      next ? h('p', { class: 'closed-next' }, next) : null,
      k.office.texts.notice ? officeNotice(k) : null,
      h('p', { class: 'closed-hint' }, k.t('closedHint'))),
    h('div', { class: 'tiles' },
      tile(k, 'procedures', '☰', 'procedures', 'proceduresHint', () => proceduresScreen(k)),
      tile(k, 'dossier', '⌕', 'dossier', 'dossierHint', () => dossierScreen(k))));
  k.show('closed', wrap);
  return wrap;
}
