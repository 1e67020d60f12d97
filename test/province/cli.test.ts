/**
 * The province set up the way a technician does it, with the `motcua province` commands: offices and staff in
 * PostgreSQL, the provincial Mosquitto's passwd/acl/conf files, the service as a process, and a hub whose local
 * Mosquitto bridges to the province with the generated bridge section. Each office may write its own topics only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import t from 'tap';
import { officeFile, run } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { mosquittoWith, NO_ENGINES } from '../helpers/services.js';
import { MqttBridge } from '../../broker/onestop/mqtt-bridge.js';
import { runProvince } from '../../province/cli.js';
import { addEvents, bridge, count, hubDb, rig, silent, until } from './rig.js';

t.test('motcua province: --help, offices, staff, broker files, serve, bridge config, per-office ACL', { skip: NO_ENGINES }, async (t) => {
  const help = await run(['province', '--help']);
  t.equal(help.code, 0);
  for (const c of ['serve', 'db-init', 'office add', 'user add', 'broker-files', 'bridge-config', 'MOTCUA_PROVINCE_DB']) t.match(help.out, c);

  const r = await rig(t);
  await r.mq.stop(); // this test runs the broker from the files the CLI writes
  const db = ['--db', r.pg.url];
  const a = await run(['province', 'office', 'add', '--id', 'xa-a', '--name', 'UBND xã A', '--center', 'tt-1', ...db]);
  t.equal(a.code, 0, a.err);
  const pwA = /MQTT password of xa-a[^:]*: (\S+)/.exec(a.out)?.[1] ?? '';
  t.ok(pwA.length >= 20, 'a generated password, shown once');
  const b = await run(['province', 'office', 'add', '--id', 'xa-b', '--name', 'UBND xã B', '--center', 'tt-1', ...db]);
  const pwB = /MQTT password of xa-b[^:]*: (\S+)/.exec(b.out)?.[1] ?? '';
  // the other commands in this process (each process start costs seconds on a busy machine)
  const cli = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> => {
    const saved = { log: console.log, error: console.error, env: { ...process.env } };
    let out = '';
    let err = '';
    console.log = (...a: unknown[]) => { out += `${a.join(' ')}\n`; };
    console.error = (...a: unknown[]) => { err += `${a.join(' ')}\n`; };
    Object.assign(process.env, env);
    try { return { code: await runProvince(args), out, err }; } finally { console.log = saved.log; console.error = saved.error; process.env = saved.env; }
  };
  t.equal((await cli(['serve'], { MOTCUA_PROVINCE_DB: '', MOTCUA_PROVINCE_BROKER: '' })).code, 64, 'serve without a database or broker: usage');
  t.equal((await cli(['office', 'add', '--id', 'Xa B!', '--name', 'x', '--center', 'y', ...db])).code, 64, 'an id that cannot name topics is refused');
  t.match((await cli(['office', 'list', ...db])).out, /tt-1\txa-a\tUBND xã A/);
  t.equal((await cli(['user', 'add', '--username', 'so-noi-vu', '--role', 'province', ...db], { MOTCUA_PASSWORD: 'mat-khau-du-dai' })).code, 0);
  const short = await cli(['user', 'add', '--username', 'x', '--role', 'center', ...db], { MOTCUA_PASSWORD: 'mat-khau-du-dai' });
  t.equal(short.code, 1, 'a center role needs its center');
  t.match(short.err, /cần --center/);

  const port = await freePort();
  const files = join(r.dir, 'broker');
  const svcPw = 'mat-khau-dich-vu-tinh';
  const bf = await run(['province', 'broker-files', '--out', files, '--port', String(port), '--host', '127.0.0.1', ...db], { env: { MOTCUA_PROVINCE_BROKER_PASSWORD: svcPw } });
  t.equal(bf.code, 0, bf.err);
  const acl = readFileSync(join(files, 'acl'), 'utf8');
  t.match(acl, /user xa-a\ntopic write motcua\/xa-a\/events\/#/);
  t.match(readFileSync(join(files, 'province.conf'), 'utf8'), /max_queued_messages 0/);
  const mq = await mosquittoWith(join(files, 'province.conf'), files);
  t.teardown(() => mq.stop());
  const url = `mqtt://127.0.0.1:${port}`;

  const serve = await run(['province', 'serve', ...db, '--broker', url, '--http-port', '0', '--instance', 'cli', '--connections', '2'],
    { until: /listening on http/, env: { MOTCUA_PROVINCE_BROKER_PASSWORD: svcPw, MOTCUA_LOG_LEVEL: 'warn' } });
  t.teardown(async () => { serve.kill(); await serve.exited; });
  const web = /listening on (http:\/\/\S+)/.exec(serve.out)?.[1] ?? '';
  t.equal((await fetch(`${web}/api/offices`)).status, 401, 'the pages answer and need a login');

  // xa-a straight to the provincial broker with its own password
  const ha = hubDb(t, r.dir, 'a');
  addEvents(ha, 30);
  const withPw = new MqttBridge({ url, officeId: 'xa-a', username: 'xa-a', password: pwA, db: ha, clock: Date.now, log: silent, reconnectMs: 200, healthEveryMs: 0, resendAfterMs: 1000 });
  t.teardown(() => withPw.stop());
  withPw.start();
  await until('30 events of xa-a stored', async () => (await count(r.db, 'xa-a')).rows === 30);
  await until('confirmed by the province', () => withPw.status().confirmedSeq === 30);

  // xa-b may not write xa-a's topics: the broker drops them
  const spoof = await mqtt.connectAsync(url, { clientId: 'spoof', username: 'xa-b', password: pwB });
  t.teardown(() => spoof.endAsync(true));
  await spoof.publishAsync('motcua/xa-a/events/ticket.printed', JSON.stringify({ v: 1, office: 'xa-a', seq: 999, type: 'ticket.printed', at: Date.now(), day: '2026-01-02', sentAt: Date.now() }), { qos: 1 });
  const bad = await mqtt.connectAsync(url, { clientId: 'nobody', username: 'xa-a', password: 'sai-mat-khau', reconnectPeriod: 0 }).then(() => 'connected', (e: Error) => e.message);
  t.match(bad, /Not authorized|Bad username or password/, 'a wrong password is refused');

  // xa-b through its own local Mosquitto, bridged with the generated section
  const office = officeFile(r.dir, (c) => { c.office.id = 'xa-b'; c.onestop.mqttPassword = pwB; });
  const bc = await run(['province', 'bridge-config', '--config', office, '--remote', `127.0.0.1:${port}`]);
  t.equal(bc.code, 0, bc.err);
  t.match(bc.out, /remote_username xa-b/);
  const lport = await freePort();
  const localDir = join(r.dir, 'local');
  mkdirSync(localDir, { recursive: true });
  writeFileSync(join(localDir, 'local.conf'), `listener ${lport} 127.0.0.1\nallow_anonymous true\npersistence false\n${bc.out}`, { mode: 0o644 });
  const local = await mosquittoWith(join(localDir, 'local.conf'), localDir);
  t.teardown(() => local.stop());
  const hb = hubDb(t, r.dir, 'b');
  addEvents(hb, 25);
  const bb = bridge(t, hb, `mqtt://127.0.0.1:${lport}`, 'xa-b');
  await until('25 events of xa-b stored through the bridge', async () => (await count(r.db, 'xa-b')).rows === 25, 20_000);
  await until('the province\'s confirmation came back through the bridge', () => bb.status().confirmedSeq === 25, 20_000);
  t.same(await count(r.db, 'xa-a'), { rows: 30, distinct: 30 }, 'nothing written under xa-a by xa-b');
  await until('xa-b online', async () => (await r.db.query("SELECT 1 FROM office_state WHERE office_id = 'xa-b' AND online")).rowCount === 1);

  serve.kill();
  t.equal(await serve.exited, 0, 'serve stops cleanly on SIGTERM');
});
