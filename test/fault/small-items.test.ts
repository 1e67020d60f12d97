/**
 * The smaller findings of issue 19 (finding 10): no 500 on odd app paths, names that show nothing refused,
 * length limits on configuration strings, `staff-*` device ids refused, `hub.trustProxy` (Secure cookie,
 * /metrics and the login limits see the real client behind a TLS proxy), the database path not public.
 */
import t from 'tap';
import { connect, DISTRICT_EXAMPLE, OPEN_AT, staffFetch, startHub, testClock, testConfig } from '../helpers/hub.js';
import { hashSecret } from '../../broker/devices/registry.js';

t.test('odd addresses under /app answer 404, never 500', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  for (const path of ['/app/kiosk/', '/app/__proto__/x', '/app/constructor/x', '/app/toString/', '/app/display/clips']) {
    t.equal((await fetch(`${th.url}${path}`)).status, 404, path);
  }
});

t.test('names of zero-width or direction-override characters, over-long strings and staff-* device ids are refused', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  const api = await staffFetch(th.url, 'kythuat', 'mat-khau-kt');
  const cfg = th.hub.cfg;
  const withField = (name: string) => cfg.fields.map((f, i) => (i === 0 ? { ...f, name } : f));
  for (const name of ['\u200B\u200B', '\u2060\uFEFF', ' \u200D ', '\u202Egnohk\u202C', 'Hộ tịch\u202E']) {
    const r = await api('/api/admin/config/fields', { method: 'PUT', body: { value: withField(name) } });
    t.match(r, { status: 400, body: { code: 'MC_ERR_CONFIG_INVALID', details: { problems: [{ path: 'fields[0].name' }] } } }, `field name ${JSON.stringify(name)} refused`);
  }
  const clerk = await api('/api/admin/config/clerks', { method: 'PUT', body: { value: cfg.clerks.map((c, i) => (i === 0 ? { ...c, name: '\u200C' } : c)) } });
  t.match(clerk, { status: 400, body: { details: { problems: [{ path: 'clerks[0].name' }] } } }, 'an invisible clerk name refused');
  t.equal(th.hub.cfg.fields[0]?.name, 'Hộ tịch', 'nothing applied');

  const notice = await api('/api/admin/config/texts', { method: 'PUT', body: { value: { ...cfg.texts, notice: 'Thông báo. '.repeat(20_000) } } });
  t.match(notice, { status: 400, body: { code: 'MC_ERR_CONFIG_INVALID', details: { problems: [{ path: /texts.*notice/ }] } } }, 'a 200 KB notice refused');
  const footer = await api('/api/admin/config/texts', { method: 'PUT', body: { value: { ...cfg.texts, ticketFooter: 'x'.repeat(501) } } });
  t.equal(footer.status, 400, 'a 501-character footer refused');
  t.equal((await api('/api/admin/config/texts', { method: 'PUT', body: { value: { ...cfg.texts, notice: 'Thông báo mới.' } } })).status, 200, 'a normal notice applies');

  t.match(await api('/api/devices', { body: { id: 'staff-abc', kind: 'display' } }), { status: 400, body: { messageEn: /staff-/ } }, 'a staff-* device id refused');
  t.match(await api('/api/devices', { body: { id: 'disp-z', kind: 'dispenser', name: '\u200B' } }), { status: 400 }, 'an invisible device name refused');
  // a staff-* device written into the database before this rule cannot log in (its id is a staff page's client id)
  th.hub.db.prepare("INSERT INTO devices (id, kind, name, secret_hash, created_at, options) VALUES ('staff-old', 'display', '', ?, 0, '{}')").run(hashSecret('bi-mat-cu-cua-thiet-bi'));
  th.hub.registry.reload();
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-old', username: 'staff-old', password: 'bi-mat-cu-cua-thiet-bi' }), /Bad username or password/i, 'an old staff-* device is refused');
});

t.test('/api/health shows the database path to technicians and managers only', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  const anon = (await (await fetch(`${th.url}/api/health`)).json()) as { database: Record<string, unknown> };
  t.notOk('file' in anon.database, 'not to anyone');
  t.notOk(JSON.stringify(anon).includes(th.dir), 'no path of the data directory at all');
  const api = await staffFetch(th.url, 'kythuat', 'mat-khau-kt');
  t.match((await api('/api/health')).body, { database: { file: th.dbFile } }, 'a technician sees it');
});

t.test('hub.trustProxy: behind a TLS proxy the cookie is Secure, /metrics and the login limit see the real client', async (t) => {
  const behind = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(DISTRICT_EXAMPLE, (c) => { c.hub.trustProxy = '127.0.0.1'; }) });
  const direct = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(async () => { await behind.stop(); await direct.stop(); });
  for (const th of [behind, direct]) await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  const login = (url: string, pw: string, from: string) => fetch(`${url}/api/auth/login`, { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'kythuat', password: pw }) });
  t.match((await login(behind.url, 'mat-khau-kt', '10.0.0.9')).headers.get('set-cookie'), /; Secure/i, 'Secure behind the proxy');
  t.notMatch((await login(direct.url, 'mat-khau-kt', '10.0.0.9')).headers.get('set-cookie'), /; Secure/i, 'not Secure over plain HTTP without a proxy (headers ignored)');

  t.equal((await fetch(`${behind.url}/metrics`, { headers: { 'x-forwarded-for': '10.0.0.7' } })).status, 401, '/metrics refuses an office machine coming through the proxy');
  t.equal((await fetch(`${direct.url}/metrics`, { headers: { 'x-forwarded-for': '10.0.0.7' } })).status, 200, 'while without a proxy the header is not believed (loopback)');

  for (let i = 0; i < 5; i++) t.equal((await login(behind.url, `sai-${i}`, '10.0.0.1')).status, 401);
  t.equal((await login(behind.url, 'sai-5', '10.0.0.1')).status, 429, 'the sixth guess from one client is refused');
  t.equal((await login(behind.url, 'mat-khau-kt', '10.0.0.2')).status, 200, 'another client behind the same proxy signs in');
});
