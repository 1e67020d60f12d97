/**
 * Another process writing to the database (finding 6 of issue 19): a technician's command commits while
 * dispensers issue tickets. Every write transaction of the hub takes the write lock first (BEGIN IMMEDIATE), so
 * it waits for the other writer (busy_timeout) instead of failing with "database is locked": no press fails.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { OPEN_AT, startHub, testClock, TestDevice } from '../helpers/hub.js';
import { officeFileOf, run } from '../helpers/cli.js';

const WRITER = join(process.cwd(), 'test/fault/other-writer.ts');

function startWriter(dbFile: string, count: number): { ready: Promise<void>; done: Promise<string>; kill: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dbFile, String(count), '20', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('ready')) resolve(); });
    child.on('exit', () => reject(new Error(`writer exited: ${err}`)));
  });
  const done = new Promise<string>((resolve) => child.on('exit', () => resolve(out + err)));
  return { ready, done, kill: () => child.kill('SIGKILL') };
}

t.test('a second process committing every 20 ms never makes an issue fail', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, opts: { ratePerSec: 10_000 } });
  t.teardown(th.stop);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const w = startWriter(th.dbFile, 100_000);
  t.teardown(w.kill);
  await w.ready;
  const failures: string[] = [];
  let ok = 0;
  for (let burst = 0; burst < 26; burst++) { // 260 presses, ten at a time
    const answers = await Promise.all(Array.from({ length: 10 }, () => d.request('issue', { fieldId: 'hotich' })));
    for (const a of answers) if (a.ok) ok++; else failures.push(JSON.stringify(a));
  }
  w.kill();
  const written = (th.hub.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE actor = 'cli:other-writer'").get() as { n: number }).n;
  t.ok(written >= 10, `the other process committed ${written} times meanwhile`);
  t.same(failures, [], 'no press failed');
  t.equal(ok, 260, 'every press got its ticket');
  const numbers = th.hub.db.prepare("SELECT COUNT(DISTINCT number) AS n, COUNT(*) AS c FROM tickets WHERE field_id = 'hotich'").get() as { n: number; c: number };
  t.same(numbers, { n: 260, c: 260 }, '260 distinct numbers');
});

t.test('the users command writes while the hub holds the database busy with presses', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, opts: { ratePerSec: 10_000 } });
  t.teardown(th.stop);
  await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const w = startWriter(th.dbFile, 100_000);
  t.teardown(w.kill);
  await w.ready;
  const cfgFile = officeFileOf(th.hub, th.dir);
  const cmds: Awaited<ReturnType<typeof run>>[] = [];
  const commands = (async () => {
    for (let i = 0; i < 4; i++) {
      cmds.push(await run(['users', i % 2 ? 'enable' : 'disable', '--config', cfgFile, '--username', 'nv-lan']));
      cmds.push(await run(['users', 'passwd', '--config', cfgFile, '--username', 'nv-lan', '--password', `matkhau-${i}xyz`]));
    }
  })();
  let running = true;
  void commands.finally(() => { running = false; });
  const answers: Record<string, unknown>[] = [];
  for (let burst = 0; burst < 150 && running; burst++) { // bounded (the series holds 999): five presses at a time while the commands run
    answers.push(...await Promise.all(Array.from({ length: 5 }, () => d.request('issue', { fieldId: 'hotich' }))));
    await new Promise((r) => setTimeout(r, 100));
  }
  await commands;
  w.kill();
  t.same(cmds.map((c) => c.code), cmds.map(() => 0), `every command succeeded: ${cmds.filter((c) => c.code !== 0).map((c) => c.err).join(' | ')}`);
  t.same(answers.filter((a) => !a.ok).slice(0, 3), [], `every one of ${answers.length} presses got its ticket`);
  t.equal(th.hub.staff.list().find((u) => u.username === 'nv-lan')?.disabled, false, 'the last command (enable) applied');
});
