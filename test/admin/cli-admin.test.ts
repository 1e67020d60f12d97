/** The `motcua` admin commands as processes: init, devices (QR, rotate, disable), users, doctor, backup and restore. */
import t from 'tap';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../../broker/db/open.js';
import { DeviceRegistry } from '../../broker/devices/registry.js';
import { StaffDirectory } from '../../broker/staff/users.js';
import { loadConfigFile } from '../../config/load.js';
import { VirtualPrinter } from '../../printer/index.js';
import { tempDir } from '../helpers/hub.js';
import { officeFile, run } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';

const clean = (dir: string) => () => rmSync(dir, { recursive: true, force: true });

t.test('every admin command answers --help with exit 0', async (t) => {
  const cmds = [['init'], ['doctor'], ['backup'], ['restore'], ['users'], ['devices'], ['devices', 'show'], ['devices', 'scan'], ['config']];
  const runs = await Promise.all(cmds.map((cmd) => run([...cmd, '--help'])));
  runs.forEach((r, i) => {
    t.equal(r.code, 0, `${cmds[i]?.join(' ')} --help`);
    t.match(r.out, /Usage: motcua/);
  });
  const top = await run(['--help']);
  t.match(top.out, /init --template commune\|province\|reception-point[\s\S]*doctor[\s\S]*backup[\s\S]*restore/);
});

t.test('init writes a valid office, its data dir and a first technician whose password is printed once', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const out = join(dir, 'etc', 'office.yaml');
  const r = await run(['init', '--template', 'commune', '--out', out, '--name', 'Bộ phận Một cửa xã Tân Lập', '--id', 'xa-tan-lap']);
  t.equal(r.code, 0, r.err);
  t.match(r.err, /✔ cấu hình hợp lệ[\s\S]*✔ đã ghi[\s\S]*✔ cơ sở dữ liệu/, 'progress of each step');
  const pw = /password \(shown once, write it down\): (\S+)/.exec(r.out)?.[1] ?? '';
  t.match(pw, /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
  const cfg = loadConfigFile(out);
  t.equal(cfg.office.id, 'xa-tan-lap');
  t.equal(cfg.office.name, 'Bộ phận Một cửa xã Tân Lập');
  t.equal(cfg.office.level, 'commune');
  t.same(cfg.clerks, [], 'no fictional sample clerks');
  t.equal(cfg.hub.dataDir, join(dir, 'etc', 'data'), 'an absolute data dir beside the config');
  const check = await run(['config', 'check', out]);
  t.equal(check.code, 0);
  const db = openDatabase(join(cfg.hub.dataDir, 'motcua.db'));
  const staff = new StaffDirectory(db, Date.now);
  t.match(await staff.login('kythuat', pw, 'test'), { staff: { role: 'technician' } }, 'the printed password logs in');
  db.close();

  const again = await run(['init', '--template', 'commune', '--out', out]);
  t.equal(again.code, 73, 'an existing file is never overwritten without --force');
  t.match(again.err, /already exists/);
  const bad = await run(['init', '--template', 'commune', '--out', join(dir, 'x.yaml'), '--id', 'Xã Có Dấu']);
  t.equal(bad.code, 78);
  t.match(bad.err, /office\.id/);
  t.notOk(existsSync(join(dir, 'x.yaml')), 'nothing written for an invalid office');
  t.equal((await run(['init', '--template', 'city', '--out', join(dir, 'y.yaml')])).code, 64, 'unknown template');
  t.equal((await run(['init', '--out', join(dir, 'y.yaml')])).code, 64, 'missing --template');
});

t.test('devices export-mosquitto: the devices, and the hub\'s own account from the office config', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const f = officeFile(dir);
  t.equal((await run(['devices', 'add', '--config', f, '--id', 'disp-1', '--kind', 'dispenser'])).code, 0);
  const bare = await run(['devices', 'export-mosquitto', '--config', f, '--out', join(dir, 'm1')]);
  t.equal(bare.code, 0);
  t.match(bare.err, /hub\.externalBrokerPassword is empty/, 'says the hub account is missing, and why');
  t.notMatch(readFileSync(join(dir, 'm1', 'passwd'), 'utf8'), /^hub/m);
  const ext = officeFile(dir, (c) => { c.hub.externalBrokerUrl = 'mqtt://127.0.0.1:1883'; c.hub.externalBrokerUsername = 'hub-hoabinh'; c.hub.externalBrokerPassword = 'mat-khau-hub-dai-du'; });
  const full = await run(['devices', 'export-mosquitto', '--config', ext, '--out', join(dir, 'm2')]);
  t.equal(full.code, 0, full.err);
  t.match(full.out, /account "hub-hoabinh" is included/);
  const passwd = readFileSync(join(dir, 'm2', 'passwd'), 'utf8');
  t.match(passwd, /^hub-hoabinh:\$6\$/m, 'the hub account, hashed');
  t.notMatch(passwd, /mat-khau-hub-dai-du/, 'never the password itself');
  t.match(readFileSync(join(dir, 'm2', 'acl'), 'utf8'), /user hub-hoabinh\ntopic readwrite motcua\/hoa-binh\/#/);
});

t.test('devices: add with a QR, show without the secret, rotate, disable', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const f = officeFile(dir);
  const add = await run(['devices', 'add', '--config', f, '--id', 'kiosk-1', '--kind', 'kiosk', '--name', 'Kiốt sảnh', '--qr']);
  t.equal(add.code, 0, add.err);
  const json = JSON.parse(add.out.slice(0, add.out.indexOf('\n}\n') + 2)) as { id: string; secret: string; pairing: Record<string, unknown> };
  t.match(json, { id: 'kiosk-1', pairing: { office: 'hoa-binh', deviceId: 'kiosk-1', kind: 'kiosk', mqttUrl: /^mqtt:\/\//, secret: json.secret } });
  t.match(add.out, /[▀▄█]{10}/, 'a terminal QR code');
  t.match(add.out, new RegExp(`QR: \\{.*"secret":"${json.secret}"`));

  const show = await run(['devices', 'show', '--config', f, '--id', 'kiosk-1', '--qr']);
  t.equal(show.code, 0);
  t.notMatch(show.out, new RegExp(json.secret), 'show prints no secret');
  t.notMatch(show.out, /"secret"/);
  t.match(show.out, /[▀▄█]{10}[\s\S]*QR: \{"v":1,"office":"hoa-binh","deviceId":"kiosk-1"/);

  const rot = await run(['devices', 'show', '--config', f, '--id', 'kiosk-1', '--rotate']);
  t.equal(rot.code, 0);
  const secret2 = (JSON.parse(rot.out) as { secret: string }).secret;
  t.not(secret2, json.secret);
  const rot3 = await run(['devices', 'rotate', '--config', f, '--id', 'kiosk-1']);
  const secret3 = (JSON.parse(rot3.out) as { secret: string }).secret;
  const check = (s: string) => { const db = openDatabase(join(dir, 'motcua.db')); try { return new DeviceRegistry(db).verify('kiosk-1', s) !== null; } finally { db.close(); } };
  t.notOk(check(json.secret), 'the first secret stopped working');
  t.notOk(check(secret2));
  t.ok(check(secret3), 'the last one works');

  t.equal((await run(['devices', 'disable', '--config', f, '--id', 'kiosk-1'])).code, 0);
  t.notOk(check(secret3), 'a disabled device is refused');
  const list = await run(['devices', 'list', '--config', f]);
  t.match(list.out, /kiosk-1\tkiosk\t-\tdisabled\tKiốt sảnh/);

  const unknown = await run(['devices', 'show', '--config', f, '--id', 'ghost']);
  t.equal(unknown.code, 1);
  t.match(unknown.err, /no device "ghost"/);
  const kind = await run(['devices', 'add', '--config', f, '--id', 'x1', '--kind', 'toaster']);
  t.equal(kind.code, 1);
  t.match(kind.err, /unknown device kind "toaster" \(one of dispenser, printer/);
  t.equal((await run(['devices', 'add', '--config', f, '--kind', 'kiosk'])).code, 64, 'missing --id');
  t.equal((await run(['devices', 'add', '--config', f, '--id', 'p9', '--kind', 'printer', '--options', '{bad'])).code, 64, 'options must be JSON');
  const db = new Database(join(dir, 'motcua.db'), { readonly: true });
  t.same(db.prepare("SELECT action FROM audit WHERE action LIKE 'device.%' ORDER BY id").all().map((r) => (r as { action: string }).action),
    ['device.add', 'device.rotate', 'device.rotate', 'device.disable'], 'every change is audited');
  db.close();
});

t.test('users: add, passwd, and the last technician cannot be disabled', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const f = officeFile(dir);
  t.equal((await run(['users', 'add', '--config', f, '--username', 'kythuat', '--role', 'technician', '--password', 'mat-khau-dau'])).code, 0);
  const mgr = await run(['users', 'add', '--config', f, '--username', 'truongbp', '--role', 'manager']);
  t.equal(mgr.code, 0);
  const pw1 = /password \(shown once\): (\S+)/.exec(mgr.out)?.[1] ?? '';
  t.ok(pw1.length >= 16, 'a generated password is printed');
  const clerk = await run(['users', 'add', '--config', f, '--username', 'lan', '--role', 'clerk', '--clerk', 'nv-ghost']);
  t.equal(clerk.code, 1);
  t.match(clerk.err, /unknown clerk "nv-ghost"/);
  t.equal((await run(['users', 'add', '--config', f, '--username', 'x', '--role', 'boss'])).code, 64);
  const short = await run(['users', 'add', '--config', f, '--username', 'hoa', '--role', 'manager', '--password', 'ngan']);
  t.equal(short.code, 1);
  t.match(short.err, /at least 8 characters/);

  const pass = await run(['users', 'passwd', '--config', f, '--username', 'truongbp']);
  t.equal(pass.code, 0);
  const pw2 = /\(shown once\): (\S+)/.exec(pass.out)?.[1] ?? '';
  const db = openDatabase(join(dir, 'motcua.db'));
  const staff = new StaffDirectory(db, Date.now);
  await t.rejects(staff.login('truongbp', pw1, 'a'), { code: 'MC_ERR_BAD_LOGIN' }, 'the old password no longer works');
  t.ok((await staff.login('truongbp', pw2, 'b')).token, 'the new one does');
  db.close();

  const last = await run(['users', 'disable', '--config', f, '--username', 'kythuat']);
  t.equal(last.code, 1);
  t.match(last.err, /last technician/);
  const demote = await run(['users', 'role', '--config', f, '--username', 'kythuat', '--role', 'manager']);
  t.equal(demote.code, 1);
  t.equal((await run(['users', 'disable', '--config', f, '--username', 'truongbp'])).code, 0);
  const list = await run(['users', 'list', '--config', f]);
  t.match(list.out, /kythuat\ttechnician\t-\tenabled[\s\S]*truongbp\tmanager\t-\tdisabled/);
});

t.test('doctor: every check passes on a healthy office; a busy port and a dead printer fail with what to fix', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const vp = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  await vp.start();
  t.teardown(() => vp.stop());
  const uplink = createHttpServer((_q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end('{}'); });
  await new Promise<void>((r) => uplink.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => uplink.close());
  const [http, mqtt] = [await freePort(), await freePort()];
  const f = officeFile(dir, (c) => { c.hub.port = http; c.hub.mqttPort = mqtt; c.onestop.url = `http://127.0.0.1:${(uplink.address() as { port: number }).port}/api`; });
  t.equal((await run(['devices', 'add', '--config', f, '--id', 'p1', '--kind', 'printer', '--options', JSON.stringify({ transport: 'tcp', host: '127.0.0.1', port: vp.port })])).code, 0);

  const good = await run(['doctor', '--config', f]);
  t.equal(good.code, 0, good.out);
  for (const name of ['Cấu hình', 'Thư mục dữ liệu', 'Cơ sở dữ liệu', 'Cổng HTTP', 'Cổng MQTT', 'Máy chủ MQTT', 'Máy in / printer p1', 'Bản dựng', 'Đồng hồ', 'Liên thông tỉnh']) {
    t.match(good.out, new RegExp(`✔ ${name.replace(/[/]/g, '\\/')}`), `✔ ${name}`);
  }
  t.notMatch(good.out, /✘/);

  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(http, '127.0.0.1', () => r()));
  t.teardown(() => blocker.close());
  vp.setState('paper_out');
  const bad = await run(['doctor', '--config', f]);
  t.equal(bad.code, 1);
  t.match(bad.out, new RegExp(`✘ Cổng HTTP / HTTP port: 127.0.0.1:${http} is in use by another program\\n    → stop that program .* or change hub.port`));
  t.match(bad.out, /✘ Máy in \/ printer p1: .* reports paper_out\n    → load a paper roll/);
  t.match(bad.out, /✔ Cổng MQTT/, 'the other checks still ran');
  t.match(bad.out, /✘ 2 vấn đề cần xử lý/);

  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, readFileSync(f, 'utf8').replace('id: hoa-binh', 'id: Hòa Bình'));
  const cfgBad = await run(['doctor', '--config', broken]);
  t.equal(cfgBad.code, 1);
  t.match(cfgBad.out, /✘ Cấu hình \/ config: office\.id/);
});

t.test('backup while the hub runs; restore refused while it runs, then works when stopped and brings the data back', async (t) => {
  const dir = tempDir();
  t.teardown(clean(dir));
  const f = officeFile(dir, (c) => { c.hub.logLevel = 'info'; });
  const hub = await run(['hub', '--config', f], { until: /hub started/ });
  t.teardown(() => hub.kill());
  t.equal((await run(['devices', 'add', '--config', f, '--id', 'disp-1', '--kind', 'dispenser'])).code, 0);
  t.equal((await run(['users', 'add', '--config', f, '--username', 'kythuat', '--role', 'technician', '--password', 'mat-khau-dau'])).code, 0);

  const out = join(dir, 'backup-1.db');
  const b = await run(['backup', '--config', f, '--out', out]);
  t.equal(b.code, 0, b.err);
  t.match(b.err, /copying… 100%[\s\S]*integrity_check/, 'progress is shown');
  t.match(b.out, /✔ backup .*integrity ok, schema \d+, 0 tickets, 1 devices, 1 accounts/);
  t.equal((await run(['backup', '--config', f, '--out', out])).code, 73, 'an existing backup is never overwritten');

  const refused = await run(['restore', '--config', f, '--from', out]);
  t.equal(refused.code, 69, refused.err);
  t.match(refused.err, /the hub is running/);

  hub.kill();
  t.equal(await hub.exited, 0);
  t.equal((await run(['devices', 'remove', '--config', f, '--id', 'disp-1'])).code, 0);
  t.notMatch((await run(['devices', 'list', '--config', f])).out, /disp-1/);

  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, 'this is not a database'.repeat(100));
  const g = await run(['restore', '--config', f, '--from', garbage]);
  t.equal(g.code, 74, 'a file that is not a hub database is refused');
  t.match((await run(['devices', 'list', '--config', f])).out, /^$/, 'and the current database is untouched');

  const r = await run(['restore', '--config', f, '--from', out]);
  t.equal(r.code, 0, r.err);
  t.match(r.out, /✔ restored .* 1 devices, 1 accounts; previous database kept as .*motcua\.db\.before-restore/);
  t.ok(existsSync(join(dir, 'motcua.db.before-restore')));
  t.match((await run(['devices', 'list', '--config', f])).out, /disp-1\tdispenser/, 'the data is back');
  const db = new Database(join(dir, 'motcua.db'), { readonly: true });
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});
