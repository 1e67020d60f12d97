/**
 * The booking page (/booking) on a citizen's phone: choose a field (and a procedure), a day and a slot, prove the phone
 * with a one-time code, and get a booking code with its QR code; look a booking up by code (or open its QR), cancel it or
 * move it; take a number for today when the office allows it. No framework: the page stays under 100 KB for slow 3G.
 */
import { weekdayOf } from '../../protocol/days.js';
import { h, mount } from './shared/dom.js';
import { api, ApiError, getJson, type Booking, type Options, type Procedure, type Slot } from './booking/api.js';
import { phoneStep } from './booking/phone.js';
import { Texts, type Key } from './booking/texts.js';

const tx = new Texts();
const t = tx.t.bind(tx);
const root = document.getElementById('app') as HTMLElement;
const st = { opts: null as Options | null, office: '', fieldId: '', procedureId: '', day: '', slot: '', slots: [] as Slot[], procs: [] as Procedure[],
  booking: null as Booking | null, moving: false, error: null as { code: string; message: string } | null, number: null as { ref: string; url: string; number: string } | null };

const vnDay = (d: string): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const fieldName = (f: { name: string; nameEn: string }): string => (tx.lang === 'en' && f.nameEn ? f.nameEn : f.name);

function fail(e: unknown): void {
  st.error = e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'MC_ERR_INTERNAL', message: t('error') };
  render();
}
async function run(f: () => Promise<void>): Promise<void> { st.error = null; try { await f(); } catch (e) { fail(e); return; } render(); }

function chips<T>(items: T[], sel: (x: T) => boolean, label: (x: T) => Node | string, attrs: (x: T) => Record<string, string>, pick: (x: T) => void, disabled = (_: T) => false): HTMLElement {
  return h('div', { class: 'chips' }, ...items.map((x) => h('button', { type: 'button', class: `chip${sel(x) ? ' on' : ''}`, ...attrs(x), ...(disabled(x) ? { disabled: true } : {}),
    'aria-pressed': sel(x) ? 'true' : 'false', onclick: () => pick(x) }, label(x))));
}

function daySlotPickers(o: Options): HTMLElement[] {
  const days = chips(o.days, (d) => d === st.day, (d) => h('span', {}, h('b', {}, d === o.days[0] ? t('today') : t(`wd${weekdayOf(d)}` as Key)), h('small', {}, vnDay(d).slice(0, 5))),
    (d) => ({ 'data-day': d }), (d) => void run(async () => { st.day = d; st.slot = ''; st.slots = await api.slots(st.fieldId, d); }), (d) => o.closedDays.includes(d));
  const open = st.slots.filter((s) => s.open);
  const slots = st.day ? (open.length ? chips(open, (s) => s.slot === st.slot, (s) => h('span', {}, h('b', {}, s.slot), h('small', {}, s.free > 0 ? t('freeN', { n: s.free }) : t('full'))),
    (s) => ({ 'data-slot': s.slot }), (s) => { st.slot = s.slot; render(); }, (s) => s.free <= 0) : h('p', { class: 'hint' }, t('noSlots'))) : null;
  return [h('section', { class: 'step', 'data-step': 'day' }, h('h2', {}, t('day')), days), st.day ? h('section', { class: 'step', 'data-step': 'slot' }, h('h2', {}, t('slot')), slots) : h('span')];
}

function bookingForm(o: Options): HTMLElement {
  const fields = chips(o.fields, (f) => f.id === st.fieldId, fieldName, (f) => ({ 'data-field': f.id }),
    (f) => void run(async () => { st.fieldId = f.id; st.day = ''; st.slot = ''; st.procedureId = ''; st.procs = await api.procedures(f.id); }));
  const procs = st.procs.length ? h('label', { class: 'proc' }, t('procedure'), h('select', { 'data-role': 'procedure', onchange: (e: Event) => { st.procedureId = (e.target as HTMLSelectElement).value; } },
    h('option', { value: '' }, t('anyProcedure')), ...st.procs.map((p) => h('option', { value: p.id, ...(p.id === st.procedureId ? { selected: true } : {}) }, p.name)))) : null;
  const book = async (phone: string, proof: string): Promise<void> => run(async () => {
    st.booking = await api.book({ fieldId: st.fieldId, day: st.day, slot: st.slot, phone, proof, ...(st.procedureId ? { procedureId: st.procedureId } : {}) });
    history.replaceState(null, '', `/booking?code=${st.booking.code}`);
  });
  return h('div', {}, h('section', { class: 'step', 'data-step': 'field' }, h('h2', {}, t('field')), fields, procs),
    ...(st.fieldId ? daySlotPickers(o) : []), st.slot ? phoneStep(tx, t('confirm'), o.phoneRetentionDays, book, fail) : null);
}

function bookingCard(b: Booking, o: Options): HTMLElement {
  const active = b.status === 'booked';
  const qr = h('img', { class: 'qr', alt: b.codeShown, 'data-role': 'qr', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(b.qrSvg)}` });
  const move = st.moving ? h('div', { class: 'move' }, h('h2', {}, t('moveTitle')), ...daySlotPickers(o),
    st.slot ? h('button', { type: 'button', class: 'btn primary', 'data-action': 'move-confirm', onclick: () => void run(async () => { st.booking = await api.move(b.code, st.day, st.slot); st.moving = false; }) }, t('moveConfirm')) : null) : null;
  return h('section', { class: 'card', 'data-role': 'booking', 'data-status': b.status },
    h('p', { class: 'label' }, t('yourCode')), h('p', { class: 'code', 'data-role': 'code' }, b.codeShown),
    active ? qr : null,
    h('p', { class: `badge badge-${b.status}` }, t(`status_${b.status}` as Key)),
    h('p', { class: 'big' }, b.fieldName), h('p', { class: 'big', 'data-role': 'when' }, t('when', { slot: b.slot, day: vnDay(b.day) })),
    active ? h('p', { class: 'hint' }, t('checkIn', { from: b.checkInFrom, until: b.checkInUntil })) : null,
    active && !st.moving ? h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn', 'data-action': 'move', onclick: () => void run(async () => { st.moving = true; st.fieldId = b.fieldId; st.day = b.day; st.slot = ''; st.slots = await api.slots(b.fieldId, b.day); }) }, t('move')),
      h('button', { type: 'button', class: 'btn danger', 'data-action': 'cancel', onclick: () => void run(async () => { st.booking = await api.cancel(b.code); }) }, t('cancel'))) : null,
    move, h('button', { type: 'button', class: 'btn link', 'data-action': 'new', onclick: () => { st.booking = null; st.moving = false; st.fieldId = ''; history.replaceState(null, '', '/booking'); render(); } }, t('newBooking')));
}

function lookup(): HTMLElement {
  const input = h('input', { type: 'text', 'data-role': 'lookup-code', placeholder: 'ABCD-2345', maxlength: 12, autocapitalize: 'characters' });
  return h('details', { class: 'step' }, h('summary', {}, t('lookup')),
    h('div', { class: 'row' }, input, h('button', { type: 'button', class: 'btn', 'data-action': 'find', onclick: () => void run(async () => { st.booking = await api.get(input.value.trim()); }) }, t('find'))));
}

function remote(o: Options): HTMLElement | null {
  if (!o.remoteNumbers) return null;
  if (st.number) return h('section', { class: 'card', 'data-role': 'remote-number' }, h('p', { class: 'label' }, t('yourNumber')), h('p', { class: 'code' }, st.number.number),
    h('a', { class: 'btn primary', href: st.number.url }, t('follow')));
  let fieldId = '';
  const pick = h('select', { 'data-role': 'remote-field', onchange: (e: Event) => { fieldId = (e.target as HTMLSelectElement).value; } }, h('option', { value: '' }, '—'), ...o.fields.map((f) => h('option', { value: f.id }, fieldName(f))));
  const take = async (phone: string, proof: string): Promise<void> => run(async () => { const r = await api.remote(fieldId, phone, proof); st.number = { ...r, number: r.ticket.number }; });
  return h('details', { class: 'step', 'data-role': 'remote' }, h('summary', {}, t('remote')), h('p', { class: 'hint' }, t('remoteHint')), pick, phoneStep(tx, t('takeNumber'), o.phoneRetentionDays, take, fail));
}

function render(): void {
  const o = st.opts;
  if (!o) return;
  const err = st.error ? h('p', { class: 'alert', role: 'alert', 'data-error': st.error.code }, st.error.message) : null;
  mount(root,
    h('header', { class: 'top' }, h('span', {}, st.office), h('button', { type: 'button', class: 'lang', 'data-action': 'lang', onclick: () => { tx.lang = tx.lang === 'vi' ? 'en' : 'vi'; document.documentElement.lang = tx.lang; render(); } }, t('switchLang'))),
    h('h1', {}, t('title')), st.booking ? null : h('p', { class: 'hint' }, t('titleHint')), err,
    st.booking ? bookingCard(st.booking, o) : o.enabled ? bookingForm(o) : h('p', { class: 'alert', 'data-role': 'booking-off' }, t('bookingOff')), st.booking ? null : lookup(), st.booking ? null : remote(o));
}

async function main(): Promise<void> {
  mount(root, h('p', {}, t('loading')));
  const q = new URLSearchParams(location.search);
  if (q.get('lang') === 'en') tx.lang = 'en';
  st.opts = await api.options();
  st.office = (await getJson<{ office: { shortName: string } }>('/api/office').catch(() => null))?.office.shortName ?? '';
  const code = q.get('code');
  if (code) await run(async () => { st.booking = await api.get(code); });
  else render();
}

void main();
