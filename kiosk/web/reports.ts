/** The reports page (/reports): staff sign-in, period picker, tables, inline SVG charts, exports and a print view. */
import type { BookingFigures, ClerkMonth, Report } from '../../protocol/reports.js';
import { ApiError, getJson, postJson } from '../../web-lib/hub-client.js';
import { hubTimezone, hubToday, startHubTime } from '../../web-lib/hub-time.js';
import { arrivalsChart, ratingsChart, waitsChart } from './reports/charts.js';
import { cards, clerkTable, reportTable } from './reports/tables.js';
import { table766 } from './reports/table766.js';
import { messagesTable } from './reports/messages.js';
import { bookingsTables } from './reports/bookings.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('controls');
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

/** Today in the office, by the hub's clock (the PC showing this page may be set to another day or zone). */
const today = hubToday;

/** The form from the address (?period=&date=&from=&to=&groupBy=), defaulting to today. */
function fillForm(q: URLSearchParams): void {
  const period = q.get('period') ?? (q.get('from') ? 'range' : 'day');
  const date = q.get('date') ?? '';
  const day = period === 'day' && date ? date : today();
  field('period').value = period;
  field('day').value = day;
  field('month').value = period === 'month' && date ? date : day.slice(0, 7);
  field('year').value = /^\d{4}/.exec(date)?.[0] ?? day.slice(0, 4);
  field('quarter').value = period === 'quarter' ? date.slice(-1) : String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
  field('from').value = q.get('from') ?? day;
  field('to').value = q.get('to') ?? day;
  field('groupBy').value = q.get('groupBy') ?? 'office';
  showInputs();
}

function showInputs(): void {
  const p = field('period').value;
  form.querySelectorAll<HTMLElement>('label[data-for]').forEach((l) => { l.hidden = !(l.dataset.for ?? '').split(' ').includes(p); });
}

/** The query of the chosen period, for the API and the address bar. */
function query(): URLSearchParams {
  const p = field('period').value;
  const q = new URLSearchParams({ period: p });
  if (p === 'day') q.set('date', field('day').value);
  if (p === 'month') q.set('date', field('month').value);
  if (p === 'quarter') q.set('date', `${field('year').value}-Q${field('quarter').value}`);
  if (p === 'year') q.set('date', field('year').value);
  if (p === 'range') { q.set('from', field('from').value); q.set('to', field('to').value); }
  q.set('groupBy', field('groupBy').value);
  return q;
}

async function load(): Promise<void> {
  const q = query();
  history.replaceState(null, '', `/reports?${q.toString()}`);
  const status = $('status');
  status.textContent = 'Đang tính số liệu…';
  try {
    const r = await getJson<Report>(`/api/reports?${q.toString()}`);
    render(r);
    const month = r.period.from.slice(0, 7);
    $<HTMLAnchorElement>('csv').href = `/api/reports/export.csv?${q.toString()}`;
    $<HTMLAnchorElement>('xlsx').href = `/api/reports/export.xlsx?${q.toString()}&clerks=${month}`;
    const m = await getJson<ClerkMonth>(`/api/reports/clerks?month=${month}`);
    $('clerk-month').textContent = `— ${m.period.label.toLowerCase()}`;
    $('clerk-rule').textContent = `Công chức có điểm hài lòng dưới ${m.lowThreshold}/100 với ít nhất ${m.minRatings} lượt đánh giá trong tháng được đánh dấu “Dưới ngưỡng”.`;
    $<HTMLAnchorElement>('clerks-csv').href = `/api/reports/clerks.csv?month=${month}`;
    clerkTable($<HTMLTableElement>('clerk-table'), m, r.levels);
    const bq = new URLSearchParams(q);
    bq.delete('groupBy');
    const b = await getJson<BookingFigures>(`/api/reports/bookings?${bq.toString()}`).catch(() => null);
    bookingsTables($('bookings'), $<HTMLTableElement>('table-bookings'), $<HTMLTableElement>('table-booking-waits'), b);
    status.textContent = `${r.total.issued ?? 0} số thứ tự trong kỳ · tính trong ${r.ms} ms`;
  } catch (e) {
    status.textContent = e instanceof ApiError ? e.message : 'Không tải được báo cáo.';
    if (e instanceof ApiError && e.status === 401) showLogin();
  }
}

function render(r: Report): void {
  $('office').textContent = r.office.name;
  $('period-label').textContent = `— ${r.period.label}`;
  document.title = `Báo cáo ${r.period.label} — ${r.office.name}`;
  // in the office's time zone (the hub's), like every other time on the page, whatever the browser's zone
  $('generated').textContent = new Date(r.generatedAt).toLocaleString('vi-VN', { timeZone: hubTimezone() });
  cards($('cards'), r);
  reportTable($<HTMLTableElement>('report-table'), r);
  arrivalsChart($('chart-arrivals'), r);
  waitsChart($('chart-waits'), r);
  ratingsChart($('chart-ratings'), r);
  table766($<HTMLTableElement>('table-766'), $('note-766'), r);
  messagesTable($('messages'), $<HTMLTableElement>('table-messages'), r);
}

function showLogin(): void {
  $('main').hidden = true;
  $('login').hidden = false;
}

async function start(): Promise<void> {
  await startHubTime();
  fillForm(new URLSearchParams(location.search));
  field('period').addEventListener('change', showInputs);
  form.addEventListener('submit', (e) => { e.preventDefault(); void load(); });
  $('print').addEventListener('click', () => window.print());
  const login = $<HTMLFormElement>('login');
  login.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(login);
    postJson('/api/auth/login', { username: data.get('username'), password: data.get('password') })
      .then(() => enter())
      .catch((err: unknown) => { $('login-error').textContent = err instanceof ApiError ? err.message : 'Không đăng nhập được.'; });
  });
  await enter();
}

/** Signed in as a technician or manager: show the report; otherwise the sign-in form. */
async function enter(): Promise<void> {
  const login = $<HTMLFormElement>('login');
  try {
    const me = await getJson<{ user: { username: string; role: string } }>('/api/auth/me');
    if (me.user.role === 'clerk') { $('login-error').textContent = 'Tài khoản công chức không xem được báo cáo.'; showLogin(); return; }
    $('who').textContent = `Đăng nhập: ${me.user.username}`;
    login.hidden = true;
    $('main').hidden = false;
    await load();
  } catch {
    showLogin();
  }
}

void start();
