/**
 * The build that `bin/motcua.js` runs: esbuild bundles the hub into dist/<build>/, dist/CURRENT names it, a source
 * newer than the build triggers a rebuild, old builds are pruned, and an unbuildable checkout falls back to tsx.
 * Runs on a small copy of the layout in a temp dir (the real dist/ is in use by the other test files).
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '../helpers/hub.js';
import { run } from '../helpers/cli.js';
import { build, currentEntry, ensureBuilt, isStale } from '../../scripts/build.mjs';

type Main = { main: (argv: string[]) => Promise<number> };

function layout(): string {
  const root = tempDir();
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'motcua-hub', type: 'module' }));
  mkdirSync(join(root, 'broker'));
  writeFileSync(join(root, 'broker', 'answer.ts'), 'export const answer: number = 41;\n');
  writeFileSync(join(root, 'broker', 'cli.ts'), "import { answer } from './answer.js';\nexport async function main(argv: string[]): Promise<number> { return answer + argv.length; }\n");
  mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(process.cwd(), 'node_modules', '.bin', 'esbuild'), join(root, 'node_modules', '.bin', 'esbuild'));
  return root;
}

t.test('builds once, rebuilds when a source is newer, and the new build runs the new code', async (t) => {
  const root = layout();
  t.equal(isStale(root), true, 'nothing built yet');
  const first = ensureBuilt(root) as string;
  t.ok(first && first.endsWith('cli.js'), 'an entry module');
  t.equal(isStale(root), false, 'fresh after the build');
  t.equal(ensureBuilt(root), first, 'not rebuilt while nothing changed');
  t.equal(await ((await import(pathToFileURL(first).href)) as Main).main(['x']), 42, 'the bundle runs the TypeScript');

  writeFileSync(join(root, 'broker', 'answer.ts'), 'export const answer: number = 99;\n');
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'broker', 'answer.ts'), later, later);
  t.equal(isStale(root), true, 'an edited source makes the build stale');
  const second = ensureBuilt(root) as string;
  t.not(second, first, 'a new build folder');
  t.equal(currentEntry(root), second, 'dist/CURRENT names the new build');
  t.equal(await ((await import(pathToFileURL(second).href)) as Main).main([]), 99, 'the new build has the edit');
  t.equal(readFileSync(join(root, 'dist', 'CURRENT'), 'utf8').trim(), second.split('/').at(-2));
});

t.test('old builds are pruned, the newest few and any younger than an hour kept for hubs still running them', async (t) => {
  const root = layout();
  for (let i = 0; i < 6; i++) build(root);
  const builds = () => readdirSync(join(root, 'dist')).filter((n) => n.startsWith('b'));
  t.equal(builds().length, 6, 'young builds are all kept');
  const old = new Date(Date.now() - 2 * 3600_000);
  for (const n of builds()) utimesSync(join(root, 'dist', n), old, old);
  build(root);
  t.equal(builds().length, 4, 'the current build and the three newest before it');
  t.ok(builds().includes((currentEntry(root) as string).split('/').at(-2) as string));
});

t.test('processes started together build once and all run it', async (t) => {
  const root = layout();
  const script = `const m = await import(${JSON.stringify(pathToFileURL(join(process.cwd(), 'scripts', 'build.mjs')).href)});
    const e = m.ensureBuilt(${JSON.stringify(root)}); const { main } = await import(e); console.log(await main([]), e);`;
  const outs = await Promise.all(Array.from({ length: 6 }, () => new Promise<{ code: number | null; out: string }>((resolve) => {
    const c = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    c.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    c.on('exit', (code) => resolve({ code, out }));
  })));
  t.same(outs.map((o) => o.code), [0, 0, 0, 0, 0, 0], outs.map((o) => o.out).join('\n'));
  t.ok(outs.every((o) => o.out.startsWith('41 ')), 'every process ran the bundle');
  t.equal(new Set(outs.map((o) => o.out.split(' ')[1])).size, 1, 'one build, shared');
  t.equal(readdirSync(join(root, 'dist')).filter((n) => n.startsWith('b')).length, 1);
});

t.test('a checkout that cannot be built falls back to the sources, with a warning', async (t) => {
  const root = layout();
  writeFileSync(join(root, 'broker', 'cli.ts'), 'export const broken = ;\n');
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  t.equal(ensureBuilt(root), null, 'no entry: the caller runs the sources');
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarning);
  t.match(warnings.join('\n'), /could not build the hub into dist\//);
  t.equal(currentEntry(root), null, 'no half build left as current');
});

t.test('the motcua command runs from the sources too (MOTCUA_FROM_SOURCE=1)', async (t) => {
  const r = await run(['--version'], { env: { MOTCUA_FROM_SOURCE: '1' } });
  t.equal(r.code, 0);
  t.match(r.out, /^\d+\.\d+\.\d+/);
});

t.test('motcua doctor says whether the build is current, and how to rebuild', async (t) => {
  const { checkBuild } = await import('../../broker/admin/doctor.js');
  const root = layout();
  t.match(checkBuild(root), { state: 'fail', detail: /no build/, fix: /npm run build/ });
  build(root);
  t.match(checkBuild(root), { state: 'ok', detail: /is current/ });
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'broker', 'answer.ts'), later, later);
  t.match(checkBuild(root), { state: 'fail', detail: /older than the sources/, fix: /npm run build/ });
});
