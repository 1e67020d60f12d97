import t from 'tap';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DISTRICT_EXAMPLE, tempDir } from '../helpers/hub.js';
import { officeFile, run } from '../helpers/cli.js';

t.test('--help and unknown commands', async (t) => {
  const h = await run(['--help']);
  t.equal(h.code, 0);
  t.match(h.out, /hub --config office.yaml/);
  const u = await run(['fly']);
  t.equal(u.code, 64);
  t.match(u.err, /unknown command "fly"/);
});

t.test('every command and subcommand answers --help with its usage, and a mistyped option is a one-line usage error', async (t) => {
  const top = await run(['--help']);
  // the commands as the main help lists them: "  devices list|add|…   …" gives devices and each of its actions
  const lines = top.out.split('\n').filter((l) => /^  [a-z]/.test(l));
  const calls: string[][] = [];
  for (const l of lines) {
    const [cmd, subs] = l.trim().split(/\s+/);
    if (!cmd) continue;
    calls.push([cmd]);
    if (subs && /^[a-z][a-z-]*(\|[a-z][a-z-]*)+$/.test(subs)) for (const s of subs.split('|')) calls.push([cmd, s]);
    else if (subs && /^[a-z][a-z-]*$/.test(subs)) calls.push([cmd, subs]);
  }
  t.ok(calls.length >= 20, `the help lists the commands (${calls.length} calls)`);
  t.ok(calls.some((c) => c[0] === 'demo'), 'demo is among them');
  for (const c of calls) {
    const r = await run([...c, '--help'], { timeoutMs: 20_000 });
    t.equal(r.code, 0, `motcua ${c.join(' ')} --help exits 0`);
    t.match(r.out, /Usage: motcua/, `motcua ${c.join(' ')} --help prints its usage`);
    t.notMatch(r.err, /\n\s+at /, `motcua ${c.join(' ')} --help prints no stack trace`);
  }
  const bad = await run(['demo', '--colour', 'red']);
  t.equal(bad.code, 64, 'an unknown option is a usage error');
  t.match(bad.err, /motcua demo: .*--colour[\s\S]*motcua demo --help/);
  t.notMatch(bad.err, /\n\s+at /, 'no stack trace');
});

t.test('a broken config stops the hub with every error listed and exit 78', async (t) => {
  const dir = tempDir();
  const f = officeFile(dir, (c) => { c.office.id = 'Có dấu'; c.counters[0].fields = ['ghost']; c.queue.recallLimit = -1; });
  const r = await run(['hub', '--config', f]);
  t.equal(r.code, 78);
  t.match(r.err, /office\.id/);
  t.match(r.err, /queue\.recallLimit/);
  t.notMatch(r.err, /at .*\.ts:\d+/, 'no stack trace');
  const c = await run(['config', 'check', DISTRICT_EXAMPLE]);
  t.equal(c.code, 0);
  t.match(c.out, /OK: Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình/);
});

t.test('a port in use gives one clear line and exit 75', async (t) => {
  const dir = tempDir();
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  t.teardown(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const f = officeFile(dir, (c) => { c.hub.port = port; });
  const r = await run(['hub', '--config', f]);
  t.equal(r.code, 75);
  const lines = r.err.trim().split('\n').filter((l) => !l.includes('Warning') && !l.includes('--trace'));
  t.equal(lines.length, 1, `one line: ${r.err}`);
  t.match(lines[0], new RegExp(`port ${port}.*already in use`));
});

t.test('a newer database refuses to start the hub and is never overwritten', async (t) => {
  const dir = tempDir();
  const dbf = join(dir, 'motcua.db');
  const raw = new Database(dbf);
  raw.exec('CREATE TABLE x (a)');
  raw.pragma('user_version = 999');
  raw.close();
  const before = readFileSync(dbf);
  const r = await run(['hub', '--config', officeFile(dir)]);
  t.equal(r.code, 74);
  t.match(r.err, /newer hub/);
  t.ok(readFileSync(dbf).equals(before));
});

t.test('SIGTERM shuts the hub down in order, exit 0, and what was written is kept', async (t) => {
  const dir = tempDir();
  const f = officeFile(dir, (c) => { c.hub.logLevel = 'info'; c.calendar.weekdays = [1, 2, 3, 4, 5, 6, 7]; c.calendar.sessions = [{ start: '00:00', end: '24:00' }]; });
  const started = await run(['hub', '--config', f], { until: /hub started/ });
  const m = /"http":(\d+)/.exec(started.out);
  t.ok(m, 'the hub logs its port');
  const base = `http://127.0.0.1:${m?.[1]}`;
  t.match(await (await fetch(`${base}/api/health`)).json(), { status: 'ok' });
  // bin/motcua.js keeps the young generation at its first size (V8 grows it to 32 MB while the hub loads)
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const young = Number(/motcua_heap_space_bytes\{space="new_space"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? NaN);
  t.ok(young > 0 && young <= 8 * 1024 * 1024, `small young generation, V8 default 32 MB (${young} bytes)`);
  const exit = started.exited;
  // a device provisioned by the CLI while the hub runs is accepted without a restart
  const add = await run(['devices', 'add', '--config', f, '--id', 'disp-9', '--kind', 'dispenser']);
  t.equal(add.code, 0);
  t.match(JSON.parse(add.out), { id: 'disp-9', secret: /.{20,}/ });
  started.kill();
  t.equal(await exit, 0);
  const db = new Database(join(dir, 'motcua.db'), { readonly: true });
  t.same(db.prepare('SELECT id FROM devices').all(), [{ id: 'disp-9' }]);
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});
