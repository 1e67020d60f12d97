/** The province's page: login, every office now (refreshed every 15 s), quality figures with CSV export. */
interface Fault { id: string; name: string; kind: string; problem: string }
interface Office {
  id: string; name: string; centerId: string; online: boolean | null; lastEventAt: number | null; events: number; missing: number;
  clockSkewMs: number; clockWrong: boolean; healthAt: number | null; waiting: number | null; fields: { name: string; waiting: number; minutes: number }[];
  faults: Fault[]; devices: number | null; link: { configured: boolean; backlog: number; failures: number; parked: number; lastError: string | null } | null;
}
interface Row { key: string; name: string; issued: number; served: number; noShow: number; avgWaitMin: number | null; p90WaitMin: number | null; calledWithinTarget: number | null; ratings: number; avgScore: number | null; dossiers: number; dissatisfied: number; s766: number | null }

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const el = (tag: string, text = '', cls = ''): HTMLElement => { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; };
const TZ = 'Asia/Ho_Chi_Minh';
const time = (ms: number): string => new Date(ms).toLocaleString('vi-VN', { timeZone: TZ, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
const dayOf = (ms: number): string => new Date(ms).toLocaleDateString('sv-SE', { timeZone: TZ });
const PROBLEMS: Record<string, string> = { offline: 'mất kết nối', paper_out: 'hết giấy', paper_low: 'sắp hết giấy', cover_open: 'mở nắp', error: 'lỗi' };
const KINDS: Record<string, string> = { kiosk: 'Ki-ốt', printer: 'Máy in', display: 'Màn hình', keypad: 'Bàn phím', rating: 'Thiết bị đánh giá', led: 'Bảng LED', speaker: 'Loa' };
let serverNow = 0;

async function api<T>(path: string, init?: { method: string; body?: unknown }): Promise<T> {
  const r = await fetch(path, { method: init?.method ?? 'GET', headers: init?.body ? { 'content-type': 'application/json' } : {}, body: init?.body ? JSON.stringify(init.body) : undefined });
  const body = await r.json() as T & { message?: string };
  if (r.status === 401) { showLogin(); throw new Error(body.message ?? 'Cần đăng nhập.'); }
  if (!r.ok) throw new Error(body.message ?? `Lỗi ${r.status}`);
  return body;
}

function showLogin(): void { $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true; $('who').textContent = ''; }

function showApp(user: { username: string; role: string; centerId: string | null }, now: number): void {
  serverNow = now;
  $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
  $('who').textContent = `${user.username} — ${user.role === 'province' ? 'toàn tỉnh' : `trung tâm ${user.centerId ?? ''}`}`;
  const today = dayOf(now);
  if (!$<HTMLInputElement>('from').value) { $<HTMLInputElement>('from').value = `${today.slice(0, 8)}01`; $<HTMLInputElement>('to').value = today; }
  void refresh();
}

function card(label: string, value: string, cls = ''): HTMLElement {
  const c = el('div', '', 'card');
  c.append(el('b', value, cls), el('span', label));
  return c;
}

async function refresh(): Promise<void> {
  const r = await api<{ now: number; offices: Office[] }>('/api/offices');
  serverNow = r.now;
  const offices = [...r.offices].sort((a, b) => score(b) - score(a) || a.centerId.localeCompare(b.centerId) || a.name.localeCompare(b.name, 'vi'));
  const online = offices.filter((o) => o.online).length;
  const faults = offices.reduce((n, o) => n + o.faults.length, 0);
  $('cards').replaceChildren(card('cơ quan trực tuyến', `${online}/${offices.length}`, online < offices.length ? 'bad' : 'ok'),
    card('công dân đang chờ', String(offices.reduce((n, o) => n + (o.waiting ?? 0), 0))), card('thiết bị có lỗi', String(faults), faults ? 'bad' : 'ok'),
    card('cơ quan lệch đồng hồ', String(offices.filter((o) => o.clockWrong).length), offices.some((o) => o.clockWrong) ? 'warn' : 'ok'));
  const tbody = $('offices').querySelector('tbody') as HTMLElement;
  tbody.replaceChildren(...offices.map(row));
  $('updated').textContent = `Cập nhật lúc ${time(r.now)}; tự làm mới mỗi 15 giây.`;
}

/** Offices with problems first. */
function score(o: Office): number { return (o.online ? 0 : 4) + (o.faults.length ? 2 : 0) + (o.clockWrong || o.missing ? 1 : 0); }

function row(o: Office): HTMLElement {
  const tr = el('tr');
  tr.dataset.office = o.id;
  const stale = o.healthAt === null || serverNow - o.healthAt > 5 * 60_000;
  tr.append(el('td', o.centerId), el('td', o.name));
  tr.append(o.online ? el('td', 'Trực tuyến', 'ok') : el('td', o.online === false ? 'Mất kết nối' : 'Chưa kết nối', 'bad'));
  const w = el('td', o.waiting === null ? '—' : String(o.waiting), 'n');
  if (o.fields.length) w.title = o.fields.map((f) => `${f.name}: ${f.waiting} người, khoảng ${f.minutes} phút`).join('\n');
  tr.append(w);
  const f = el('td');
  if (o.faults.length) for (const x of o.faults) f.append(el('div', `${KINDS[x.kind] ?? x.kind} ${x.name || x.id}: ${PROBLEMS[x.problem] ?? x.problem}`, 'bad'));
  else f.append(el('span', o.devices === null ? 'chưa có số liệu' : `${o.devices} thiết bị bình thường`, o.devices === null ? 'muted' : 'ok'));
  if (stale && o.healthAt !== null) f.append(el('div', `số liệu lúc ${time(o.healthAt)}`, 'muted'));
  tr.append(f);
  const l = o.link;
  tr.append(!l ? el('td', '—', 'muted opt') : !l.configured ? el('td', 'chưa cấu hình', 'muted opt')
    : l.failures || l.parked ? el('td', `lỗi: ${l.lastError ?? ''}${l.parked ? `; ${l.parked} bản tin bị từ chối` : ''}; chờ gửi ${l.backlog}`, 'bad opt')
    : el('td', l.backlog ? `đang gửi, còn ${l.backlog}` : 'thông suốt', 'ok opt'));
  const c = el('td', '', 'opt');
  if (o.clockWrong) c.append(el('div', `Đồng hồ lệch ${Math.round(Math.abs(o.clockSkewMs) / 60_000)} phút (${o.clockSkewMs > 0 ? 'chậm' : 'nhanh'})`, 'warn'));
  if (o.missing) c.append(el('div', `thiếu ${o.missing} sự kiện, đang chờ gửi lại`, 'warn'));
  c.append(el('div', o.lastEventAt ? `sự kiện cuối ${time(o.lastEventAt)}` : 'chưa có sự kiện', 'muted'));
  tr.append(c);
  return tr;
}

function query(): string {
  const p = new URLSearchParams({ from: $<HTMLInputElement>('from').value, to: $<HTMLInputElement>('to').value, by: $<HTMLSelectElement>('by').value, target: $<HTMLInputElement>('target').value || '30' });
  return p.toString();
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`);
const num = (x: number | null): string => (x === null ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: 1 }));

async function loadQuality(): Promise<void> {
  const q = query();
  $<HTMLAnchorElement>('csv').href = `/api/quality.csv?${q}`;
  const r = await api<{ rows: Row[] }>(`/api/quality?${q}`);
  const by = $<HTMLSelectElement>('by');
  const head = el('tr');
  for (const [h, n] of [[by.options[by.selectedIndex]?.text ?? '', false], ['Số phiếu', true], ['Đã phục vụ', true], ['Vắng mặt', true], ['Chờ TB (phút)', true], ['Chờ P90 (phút)', true],
    [`Gọi trong ${$<HTMLInputElement>('target').value} phút`, true], ['Đánh giá', true], ['Điểm TB', true], ['Hồ sơ', true], ['Không hài lòng', true], ['Chỉ số QĐ 766', true]] as [string, boolean][]) head.append(el('th', h, n ? 'n' : ''));
  ($('qtable').querySelector('thead') as HTMLElement).replaceChildren(head);
  const body = $('qtable').querySelector('tbody') as HTMLElement;
  if (!r.rows.length) { const tr = el('tr'); const td = el('td', 'Không có số liệu trong khoảng thời gian này.', 'muted'); td.setAttribute('colspan', '12'); tr.append(td); body.replaceChildren(tr); return; }
  body.replaceChildren(...r.rows.map((x) => {
    const tr = el('tr');
    tr.append(el('td', x.name), ...[String(x.issued), String(x.served), String(x.noShow), num(x.avgWaitMin), num(x.p90WaitMin), pct(x.calledWithinTarget), String(x.ratings), num(x.avgScore), String(x.dossiers), String(x.dissatisfied), pct(x.s766)].map((v) => el('td', v, 'n')));
    return tr;
  }));
}

function tab(which: 'now' | 'quality'): void {
  $('now').hidden = which !== 'now'; $('quality').hidden = which !== 'quality';
  $('tab-now').setAttribute('aria-selected', String(which === 'now')); $('tab-quality').setAttribute('aria-selected', String(which === 'quality'));
  if (which === 'quality') void loadQuality().catch(showError);
}

function showError(e: unknown): void { $('updated').textContent = (e as Error).message; }

$('login').addEventListener('submit', (ev) => {
  ev.preventDefault();
  api<{ user: { username: string; role: string; centerId: string | null }; now: number }>('/api/auth/login', { method: 'POST', body: { username: $<HTMLInputElement>('username').value, password: $<HTMLInputElement>('password').value } })
    .then((r) => { $('login-error').textContent = ''; showApp(r.user, r.now); }, (e: unknown) => { $('login-error').textContent = (e as Error).message; $('login').hidden = false; $('app').hidden = true; });
});
$('logout').addEventListener('click', () => { void api('/api/auth/logout', { method: 'POST', body: {} }).finally(showLogin); });
$('tab-now').addEventListener('click', () => tab('now'));
$('tab-quality').addEventListener('click', () => tab('quality'));
$('qform').addEventListener('submit', (ev) => { ev.preventDefault(); void loadQuality().catch(showError); });
setInterval(() => { if (!$('app').hidden && !$('now').hidden) void refresh().catch(showError); }, 15_000);
api<{ user: { username: string; role: string; centerId: string | null }; now: number }>('/api/auth/me').then((r) => showApp(r.user, r.now), () => showLogin());
