/**
 * A real hub streams a small service day through Mosquitto to the province's service, which stores it in
 * PostgreSQL; the province's page in Chromium shows the office now and its quality figures, and exports CSV.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { rootPath } from '../../broker/paths.js';
import { addStaff } from '../../province/auth.js';
import { buildProvinceWeb } from '../../province/web.js';
import { launch, newPage, screenshot } from '../helpers/browser.js';
import { startHub, testClock, testConfig, TEST_DAY, atMs } from '../helpers/hub.js';
import { NO_ENGINES } from '../helpers/services.js';
import { ingest, offices, rig, until } from './rig.js';

t.test('province page: every office now, quality per center and clerk, CSV, roles', { skip: NO_ENGINES }, async (t) => {
  const r = await rig(t);
  const clock = testClock(atMs('08:00'));
  await offices(r.db, [['phuong-an-phu', 'tt-an-phu'], ['xa-binh-my', 'tt-binh-my']]);
  await r.db.query("UPDATE offices SET name = 'Trung tâm Phục vụ hành chính công phường An Phú' WHERE id = 'phuong-an-phu'");
  await addStaff(r.db, { username: 'so-noi-vu', role: 'province', centerId: null, password: 'mat-khau-tinh-1' });
  await addStaff(r.db, { username: 'tt-binh-my', role: 'center', centerId: 'tt-binh-my', password: 'mat-khau-tt-2' });
  const ing = await ingest(t, r, { clock: clock.now });
  const web = await buildProvinceWeb({ db: r.db, clock: clock.now, stats: () => ing.stats });
  t.teardown(() => web.close());
  await web.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(web.server.address() as { port: number }).port}`;

  const cfg = testConfig(rootPath('config/examples/commune.yaml'), (c) => { c.onestop.mqttUrl = r.mq.url; });
  const th = await startHub({ cfg, clock: clock.now });
  t.teardown(th.stop);
  const q = th.hub.queue;
  const run = (cmd: Parameters<typeof q.execute>[0]) => q.execute(cmd, { source: 'test' });
  run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  for (let i = 0; i < 6; i++) run({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false });
  const levels = ['very_satisfied', 'unsatisfied', 'satisfied', 'very_satisfied'];
  for (let i = 0; i < 4; i++) {
    clock.advance(10 * 60_000);
    const counterId = i % 2 ? 'q2' : 'q1';
    run({ op: 'next', counterId });
    clock.advance(5 * 60_000);
    run({ op: 'finish', counterId, outcome: 'received', dossierCode: `000.00.12.H01-${TEST_DAY.slice(2).replace(/-/g, '')}-000${i + 1}` });
    run({ op: 'rate', counterId, level: levels[i] as string, source: 'pad' });
  }
  th.hub.link.mqtt?.snapshot(); // the minute's health snapshot, now
  const last = (th.hub.db.prepare('SELECT max(seq) AS s FROM events').get() as { s: number }).s;
  await until('every event of the day stored', async () => Number((await r.db.query("SELECT count(*) AS n FROM events WHERE office_id = 'phuong-an-phu'")).rows[0].n) === last);
  await until('the health snapshot', async () => (await r.db.query("SELECT 1 FROM office_state WHERE office_id = 'phuong-an-phu' AND health IS NOT NULL AND online")).rowCount === 1);

  const browser = await launch();
  t.teardown(() => browser.close());
  const { page } = await newPage(browser, { width: 1366, height: 768 });
  await page.goto(`${base}/tinh`);
  await page.locator('#username').fill('so-noi-vu');
  await page.locator('#password').fill('sai-mat-khau');
  await page.locator('#login button').click();
  await page.locator('#login-error').filter({ hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
  await page.locator('#password').fill('mat-khau-tinh-1');
  await page.locator('#login button').click();
  const row = page.locator('tr[data-office="phuong-an-phu"]');
  await row.waitFor();
  const text = (await row.innerText()).normalize('NFC');
  t.match(text, /Trực tuyến/, 'the office is online');
  t.match(text, /\t2\t/, 'two citizens waiting (6 issued, 4 served)');
  t.match(text, /thông suốt|chưa cấu hình/, 'the provincial link as the hub reports it');
  t.match((await page.locator('tr[data-office="xa-binh-my"]').innerText()).normalize('NFC'), /Chưa kết nối/, 'an office that never connected says so');
  t.match((await page.locator('#cards').innerText()).normalize('NFC'), /1\/2\s*cơ quan trực tuyến/);
  await screenshot(page, 'province-now-1366');

  await page.locator('#tab-quality').click();
  await page.locator('#from').fill(TEST_DAY);
  await page.locator('#to').fill(TEST_DAY);
  await page.locator('#by').selectOption('clerk');
  await page.locator('#qform button').click();
  await page.locator('#qtable tbody tr').filter({ hasText: 'Nguyễn Thị Lan' }).waitFor();
  const lan = (await page.locator('#qtable tbody tr').filter({ hasText: 'Nguyễn Thị Lan' }).innerText()).normalize('NFC');
  // nv-lan served tickets 1 and 3: ratings very_satisfied and satisfied, two dossiers, none dissatisfied
  t.match(lan, /\t2\t2\t0\t/, 'two served by nv-lan, none absent');
  t.match(lan, /100%$/, 'Decision 766 figure 100% for nv-lan');
  const hung = (await page.locator('#qtable tbody tr').filter({ hasText: 'Trần Văn Hùng' }).innerText()).normalize('NFC');
  t.match(hung, /50%$/, 'one of nv-hung\'s two dossiers rated dissatisfied: 50%');
  await screenshot(page, 'province-quality-1366');
  await page.locator('#by').selectOption('center');
  await page.locator('#qform button').click();
  await page.locator('#qtable tbody tr').filter({ hasText: 'tt-an-phu' }).waitFor();
  const href = await page.locator('#csv').getAttribute('href');
  const csv = await page.evaluate(async (u) => (await fetch(u as string)).text(), href);
  const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
  t.match(lines[0] ?? '', /^"Trung tâm","Số phiếu cấp","Đã phục vụ"/, 'CSV in Vietnamese for Excel');
  t.match(lines[1] ?? '', /^"tt-an-phu",6,4,0,/, 'six tickets, four served at the center');
  t.match(lines[1] ?? '', /,4,1,75$/, 'four dossiers, one dissatisfied: 75%');

  // a center's account sees its own center only, and cannot ask for another
  const { page: p2 } = await newPage(browser, { width: 1920, height: 1080 });
  await p2.goto(`${base}/tinh`);
  await p2.locator('#username').fill('tt-binh-my');
  await p2.locator('#password').fill('mat-khau-tt-2');
  await p2.locator('#login button').click();
  await p2.locator('tr[data-office="xa-binh-my"]').waitFor();
  t.equal(await p2.locator('tr[data-office="phuong-an-phu"]').count(), 0, 'another center\'s office is not shown');
  const other = await p2.evaluate(async () => (await fetch('/api/quality?from=2020-01-01&to=2030-01-01&center=tt-an-phu')).status);
  t.equal(other, 403, 'another center\'s figures are refused');
  await screenshot(p2, 'province-center-1920');
  t.equal((await fetch(`${base}/api/offices`)).status, 401, 'nothing without a login');
  const cross = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example' }, body: JSON.stringify({ username: 'so-noi-vu', password: 'mat-khau-tinh-1' }) });
  t.equal(cross.status, 403, 'a login sent from another site is refused');
  t.ok(readFileSync(rootPath('province/web/tinh.html'), 'utf8').includes('lang="vi"'));
});
