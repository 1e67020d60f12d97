/** The admin pages in real Chromium against a running hub: provisioning with a pairing QR, live config edits with
 * errors next to the field, refusals that keep working data, roles, the audit log, login refusal and rate limit. */
import t from 'tap';
import { VirtualPrinter } from '../../printer/index.js';
import { screenshot } from '../helpers/browser.js';
import { atMs, connect, staffFetch, TEST_DAY } from '../helpers/hub.js';
import { adminRig, card, MANAGER, openAdmin, TECH } from './setup.js';

/** A holiday added in the calendar card: the last day of the suite's year. */
const HOLIDAY = `${TEST_DAY.slice(0, 4)}-12-31`;

t.test('a technician provisions a device and sees its pairing data once, as text and QR', async (t) => {
  const rig = await adminRig(t);
  const page = await openAdmin(t, rig, TECH);
  await page.fill('#dev-id', 'kiosk-sanh');
  await page.selectOption('#dev-kind', 'kiosk');
  await page.fill('#dev-name', 'Kiốt sảnh chính');
  await page.click('[data-action="add-device"]');
  await page.waitForSelector('#pairing [data-testid="pairing-qr"] svg');
  const secret = (await page.textContent('[data-testid="secret"]'))?.trim() ?? '';
  t.match(secret, /^[A-Za-z0-9_-]{24,}$/, 'the secret is shown');
  t.match(await page.textContent('#pairing pre'), new RegExp(`"deviceId":"kiosk-sanh".*"secret":"${secret}"`), 'the QR text carries the pairing JSON');
  await page.waitForSelector('tr[data-device="kiosk-sanh"]');
  t.match(await page.textContent('tr[data-device="kiosk-sanh"]'), /Kiốt sảnh chính[\s\S]*Kiốt tra cứu[\s\S]*Mất kết nối/);
  await screenshot(page, 'admin-pairing');
  const c = await connect(rig.th.hub.brokerUrl, { clientId: 'kiosk-sanh', username: 'kiosk-sanh', password: secret });
  t.ok(c.connected, 'the device joins with the secret the page showed');
  await c.endAsync();
  await page.click('[data-action="close-pairing"]');
  t.equal(await page.locator('[data-testid="secret"]').count(), 0, 'the secret is gone once closed');

  // bad input: an id with capitals and diacritics is refused with a message
  await page.fill('#dev-id', 'Kiốt 2');
  await page.evaluate(() => (document.getElementById('dev-id') as HTMLInputElement).removeAttribute('pattern'));
  await page.click('[data-action="add-device"]');
  await page.waitForSelector('#add-device .alert:not([hidden])');
  t.match(await page.textContent('#add-device .alert'), /không hợp lệ/);
  t.notOk(rig.th.hub.registry.get('Kiốt 2'));
});

t.test('a printer that runs out of paper shows the fault in the device list', async (t) => {
  const vp = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  await vp.start();
  t.teardown(() => vp.stop());
  const rig = await adminRig(t);
  const page = await openAdmin(t, rig, TECH);
  await page.selectOption('#dev-kind', 'printer');
  await page.fill('#dev-id', 'may-in-1');
  await page.fill('#dev-host', '127.0.0.1');
  await page.fill('#dev-port', String(vp.port));
  await page.click('[data-action="add-device"]');
  await page.waitForSelector('tr[data-device="may-in-1"]');
  vp.setState('paper_out');
  await page.waitForSelector('tr[data-device="may-in-1"] .faults:has-text("Hết giấy")', { timeout: 15_000 });
  await screenshot(page, 'admin-devices-paper-out');
  t.pass('paper out is shown');
});

t.test('config edits: a renamed field is live, an invalid edit shows the error next to the field, a serving counter cannot be removed', async (t) => {
  const rig = await adminRig(t);
  const { th } = rig;
  const page = await openAdmin(t, rig, TECH);
  await page.click('[data-tab="quay"]');
  const name = `${card('fields')} input[data-path="fields[0].name"]`;
  await page.fill(name, 'Hộ tịch – Chứng thực');
  await page.click(`${card('fields')} [data-action="save"]`);
  await page.waitForSelector(`${card('fields')} .note`);
  const office = (await (await fetch(`${th.url}/api/office`)).json()) as { fields: { id: string; name: string }[] };
  t.same(office.fields[0], { id: 'hotich', name: 'Hộ tịch – Chứng thực', nameEn: 'Civil status' }, 'the new name is live, the id (and its history) kept');

  await page.fill(`${card('fields')} input[data-path="fields[1].numbering.end"]`, '5');
  await page.fill(`${card('fields')} input[data-path="fields[2].name"]`, '   ');
  await page.click(`${card('fields')} [data-action="save"]`);
  const err = `${card('fields')} [data-error-for="fields[1].numbering.end"]`;
  await page.waitForSelector(err);
  t.match(await page.textContent(err), /Số cuối phải lớn hơn hoặc bằng số đầu \(2001\)/);
  t.equal(await page.getAttribute(`${card('fields')} input[data-path="fields[1].numbering.end"]`, 'aria-invalid'), 'true', 'the input is marked');
  t.ok(await page.isVisible(`${card('fields')} [data-error-for="fields[2].name"]`), 'an empty name is refused too');
  await screenshot(page, 'admin-invalid-edit');
  t.equal(th.hub.cfg.fields[1]?.numbering.end, 2999, 'nothing was applied');

  // a clerk is serving a ticket at counter 1: removing the counter is refused with the reason
  const api = await staffFetch(th.url, TECH.username, TECH.password);
  t.equal((await api('/api/counters/q1/signin', { body: { clerkId: 'nv-lan' } })).status, 200);
  t.equal((await api('/api/counters/q1/issue', { body: { fieldId: 'hotich' } })).status, 200);
  t.equal((await api('/api/counters/q1/next', { body: {} })).status, 200);
  await page.click(`${card('counters')} tr[data-row="0"] [data-action="remove-row"]`);
  await page.click(`${card('counters')} [data-action="save"]`);
  await page.waitForSelector(`${card('counters')} [data-error-for="counters"]`);
  t.match(await page.textContent(`${card('counters')} [data-error-for="counters"]`), /Quầy 1 \(q1\) đang phục vụ hoặc giữ một số thứ tự/);
  await screenshot(page, 'admin-counter-refused');
  t.ok(th.hub.cfg.counters.some((c) => c.id === 'q1'), 'the counter is still there');

  // texts on tickets: edited, applied, and the print preview redrawn with them
  await page.click('[data-tab="noi-dung"]');
  await page.fill(`${card('texts')} input[data-path="texts.ticketFooter"]`, 'Cảm ơn ông/bà đã đến làm việc!');
  await page.click(`${card('texts')} [data-action="save"]`);
  await page.waitForSelector(`${card('texts')} .note`);
  t.equal(th.hub.cfg.texts.ticketFooter, 'Cảm ơn ông/bà đã đến làm việc!');
  await page.waitForFunction(() => { const i = document.getElementById('ticket-preview') as HTMLImageElement | null; return !!i && i.complete && i.naturalWidth >= 576; });
  await page.locator('#ticket-preview').scrollIntoViewIfNeeded();
  await screenshot(page, 'admin-ticket-preview');

  // the audit log lists the changes
  await page.click('[data-tab="nhat-ky"]');
  await page.waitForSelector('#audit tr[data-action="config.fields"]');
  t.match(await page.textContent('#audit tr[data-action="config.fields"]'), /kythuat[\s\S]*Sửa lĩnh vực[\s\S]*hotich — name: «Hộ tịch» → «Hộ tịch – Chứng thực»/);
  t.match(await page.textContent('#audit tr[data-action="config.texts"]'), /ticketFooter: «.*» → «Cảm ơn ông\/bà đã đến làm việc!»/);
  t.equal(await page.locator('#audit tr[data-action="config.counters"]').count(), 0, 'the refused change left no entry');
  await screenshot(page, 'admin-audit');
});

t.test('roles: a manager reads devices but cannot add them; the last technician cannot be disabled', async (t) => {
  const rig = await adminRig(t);
  const mgr = await openAdmin(t, rig, MANAGER);
  t.equal(await mgr.locator('#add-device').count(), 0, 'no add form for a manager');
  t.equal(await mgr.locator('[data-action="rotate"]').count(), 0);
  const api = await staffFetch(rig.th.url, MANAGER.username, MANAGER.password);
  const r = await api('/api/devices', { body: { id: 'lau', kind: 'display' } });
  t.equal(r.status, 403, 'the server refuses a manager too');
  t.equal(r.body.code, 'MC_ERR_FORBIDDEN');
  await mgr.click('[data-tab="cong-chuc"]');
  await mgr.fill(`${card('clerks')} input[data-path="clerks[0].phone"]`, '0274 3800 999');
  await mgr.click(`${card('clerks')} [data-action="save"]`);
  await mgr.waitForSelector(`${card('clerks')} .note`);
  t.equal(rig.th.hub.cfg.clerks[0]?.phone, '0274 3800 999', 'a manager edits published clerk details');
  await mgr.click('[data-tab="quay"]');
  t.equal(await mgr.locator(`${card('fields')} [data-action="save"]`).count(), 0, 'fields are read-only for a manager');
  await screenshot(mgr, 'admin-manager-fields');

  const tech = await openAdmin(t, rig, TECH);
  await tech.click('[data-tab="tai-khoan"]');
  await tech.click('tr[data-user="kythuat"] [data-action="disable-user"]');
  await tech.waitForSelector('main .alert');
  t.match(await tech.textContent('main .alert'), /tài khoản kỹ thuật viên cuối cùng/);
  t.notOk(rig.th.hub.staff.list().find((u) => u.username === 'kythuat')?.disabled, 'still enabled');
  await screenshot(tech, 'admin-last-technician');
});

t.test('a clerk account has no access to the admin pages', async (t) => {
  const rig = await adminRig(t);
  await rig.th.hub.staff.add('lan', 'cong-chuc-lan', 'clerk', 'nv-lan');
  const { context, page } = await (await import('../helpers/browser.js')).newPage(rig.browser);
  t.teardown(() => context.close());
  await page.goto(`${rig.th.url}/admin`);
  await page.fill('#username', 'lan');
  await page.fill('#password', 'cong-chuc-lan');
  await page.click('[data-action="login"]');
  await page.waitForSelector('.login .alert:has-text("không có quyền quản trị")');
  t.equal(await page.locator('[data-testid="who"]').count(), 0);
  const api = await staffFetch(rig.th.url, 'lan', 'cong-chuc-lan');
  for (const path of ['/api/admin/config', '/api/devices', '/api/users', '/api/audit']) t.equal((await api(path)).status, 403, `${path} refused`);
});

t.test('every tab renders for a technician (calendar, rating scale, office, provincial link)', async (t) => {
  const rig = await adminRig(t);
  const page = await openAdmin(t, rig, TECH);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const [tab, sel] of [['lich', card('calendar')], ['danh-gia', card('rating')], ['bo-phan', card('office')], ['cong-chuc', card('clerks')], ['lien-thong', '#link']] as const) {
    await page.click(`[data-tab="${tab}"]`);
    await page.waitForSelector(sel);
    await screenshot(page, `admin-tab-${tab}`);
  }
  t.match(await page.textContent('#link'), /Chưa cấu hình địa chỉ hệ thống của tỉnh/);
  // the calendar: a session that ends before it starts is refused next to it
  await page.click('[data-tab="lich"]');
  await page.fill(`${card('calendar')} input[data-path="calendar.sessions[1].end"]`, '12:00');
  await page.click(`${card('calendar')} [data-action="save"]`);
  await page.waitForSelector(`${card('calendar')} [data-error-for="calendar.sessions[1]"]`);
  t.match(await page.textContent(`${card('calendar')} [data-error-for="calendar.sessions[1]"]`), /Giờ kết thúc phải sau giờ bắt đầu/);
  await screenshot(page, 'admin-calendar-invalid');
  // a holiday added applies at once
  await page.fill(`${card('calendar')} input[data-path="calendar.sessions[1].end"]`, '17:00');
  await page.fill(`${card('calendar')} textarea[data-path="calendar.holidays"]`, HOLIDAY);
  await page.click(`${card('calendar')} [data-action="save"]`);
  await page.waitForSelector(`${card('calendar')} .note`);
  t.same(rig.th.hub.cfg.calendar.holidays, [HOLIDAY]);
  t.same(errors, [], 'no script errors');
});

t.test('a wrong password is refused, and after 5 tries the login is rate-limited', async (t) => {
  const rig = await adminRig(t);
  const { context, page } = await (await import('../helpers/browser.js')).newPage(rig.browser);
  t.teardown(() => context.close());
  await page.goto(`${rig.th.url}/admin`);
  for (let i = 0; i < 5; i++) {
    await page.fill('#username', MANAGER.username);
    await page.fill('#password', `sai-mat-khau-${i}`);
    await page.click('[data-action="login"]');
    await page.waitForSelector('.login .alert:not([hidden])');
    t.match(await page.textContent('.login .alert'), /Sai tên đăng nhập hoặc mật khẩu/);
    await page.evaluate(() => document.querySelector('.login .alert')?.setAttribute('hidden', '')); // the next answer shows it again
  }
  await page.fill('#username', MANAGER.username);
  await page.fill('#password', MANAGER.password);
  await page.click('[data-action="login"]');
  await page.waitForSelector('.login .alert:not([hidden])');
  t.match(await page.textContent('.login .alert'), /Thao tác quá nhanh/, 'even the right password waits now');
  await screenshot(page, 'admin-login-rate-limited');
  t.equal(await page.locator('[data-testid="who"]').count(), 0, 'not signed in');
});

t.test('provincial link: events the province refused are listed with their reason, and a technician sends them again', async (t) => {
  const rig = await adminRig(t);
  const db = rig.th.hub.db;
  db.prepare("INSERT INTO outbox (idem_key, type, payload, created_at, parked_at, attempts, last_error) VALUES ('hoa-binh:7', 'ticket.finished', '{}', ?, ?, 3, 'MC_ERR_UPLINK_DOWN HTTP 422 invalid_event')")
    .run(atMs('08:00'), atMs('08:05'));
  const page = await openAdmin(t, rig, TECH);
  await page.click('[data-tab="lien-thong"]');
  await page.waitForSelector('#parked');
  t.equal(await page.textContent('[data-testid="parked"]'), '1');
  t.match(await page.textContent('#parked'), /Sự kiện bị hệ thống của tỉnh từ chối: 1/);
  t.match(await page.textContent('[data-parked="hoa-binh:7"]'), /ticket\.finished[\s\S]*HTTP 422 invalid_event/);
  await screenshot(page, 'admin-link-parked');
  await page.click('[data-action="retry-parked"]');
  await page.waitForSelector('#parked [role="status"]:has-text("Đã đưa 1 sự kiện trở lại hàng đợi gửi")');
  t.equal((db.prepare('SELECT count(*) AS n FROM outbox WHERE parked_at IS NOT NULL').get() as { n: number }).n, 0, 'back in line');
  t.equal(rig.th.hub.link.status().backlog, 1);
  const audit = db.prepare("SELECT actor, detail FROM audit WHERE action = 'link.retry_parked'").get() as { actor: string; detail: string };
  t.same(JSON.parse(audit.detail), { events: 1 });
});
