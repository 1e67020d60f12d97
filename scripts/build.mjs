// Builds the hub's TypeScript sources into plain ES modules with esbuild: dist/<build>/cli.js plus the chunks that
// are loaded only on use (the firmware bridge, the provincial simulator, ...); npm packages stay external.
// dist/CURRENT names the build in use. `bin/motcua.js` calls ensureBuilt() on every start and rebuilds only when a
// source is newer than dist/CURRENT (about 100 ms), so an edited checkout never runs stale code.
// Run by hand: `npm run build`.
// Why a bundle: running the sources through tsx costs the hub ~40 MB (loader thread, per-file transforms) and
// start-up time; the mini-PC runs the hub for years. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (root) => join(root, 'dist');
const current = (root) => join(root, 'dist', 'CURRENT');
/**
 * Builds kept besides the current one: a hub still running an older build may yet load one of its chunks.
 * Younger ones are never removed, whatever their number.
 */
const KEEP = 3;
const KEEP_YOUNGER_MS = 3600_000;
/** How long a process waits for another one's build, and when a lock is taken as abandoned. */
const LOCK_WAIT_MS = 60_000;
const LOCK_STALE_MS = 30_000;
let builds = 0;
const SOURCES = ['protocol', 'broker', 'province', 'config', 'printer', 'firmware-bridge', 'display-driver', 'kiosk', 'scripts'];
/** Browser code (bundled separately by the hub for the pages) and shipped assets never go into the hub bundle. */
const SKIP = new Set(['node_modules', 'web', 'clips', 'examples']);

function newestSource(dir, newest = 0) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return newest; }
  for (const e of entries) {
    if (e.isDirectory()) { if (!SKIP.has(e.name)) newest = newestSource(join(dir, e.name), newest); }
    else if (e.name.endsWith('.ts') || e.name.endsWith('.mjs')) newest = Math.max(newest, statSync(join(dir, e.name)).mtimeMs);
  }
  return newest;
}

/** The entry module of the current build, or null if there is none. */
export function currentEntry(root = ROOT) {
  try {
    const entry = join(dist(root), readFileSync(current(root), 'utf8').trim(), 'cli.js');
    return existsSync(entry) ? entry : null;
  } catch { return null; }
}

/** True when there is no build or one of the hub's source files is newer than it. */
export function isStale(root = ROOT) {
  if (!currentEntry(root)) return true;
  const built = statSync(current(root)).mtimeMs;
  const newest = Math.max(...SOURCES.map((d) => newestSource(join(root, d))), statSync(join(root, 'package.json')).mtimeMs);
  return newest > built;
}

/**
 * Builds into a new folder, then renames a pointer file over dist/CURRENT: a rename is atomic, so hubs started at
 * the same moment (the tests start many) each load one whole build, never a half-written one.
 */
export function build(root = ROOT) {
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  const DIST = dist(root);
  mkdirSync(DIST, { recursive: true });
  const name = `b${Date.now().toString(36)}-${process.pid}-${(++builds).toString(36)}`;
  const out = join(DIST, name);
  const started = new Date();
  try {
    execFileSync(esbuild, [join(root, 'broker', 'cli.ts'), '--bundle', '--splitting', '--platform=node', '--format=esm', '--target=node20', '--packages=external',
      `--outdir=${out}`, '--sourcemap=linked', '--sources-content=false', '--log-level=error', '--legal-comments=none'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const tmp = join(DIST, `.CURRENT-${name}`);
    writeFileSync(tmp, name + '\n');
    utimesSync(tmp, started, started); // a source saved while esbuild ran is newer than the build: rebuilt next time
    renameSync(tmp, current(root));
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
  prune(DIST, name);
  return join(out, 'cli.js');
}

/** Removes all but the newest builds (and the one just made). */
function prune(DIST, keep) {
  const now = Date.now();
  const builds = readdirSync(DIST).filter((n) => /^b[0-9a-z]+-\d+-[0-9a-z]+$/.test(n) && n !== keep)
    .map((n) => ({ n, t: statSync(join(DIST, n)).mtimeMs })).sort((a, b) => b.t - a.t);
  for (const { n, t } of builds.slice(KEEP)) if (now - t > KEEP_YOUNGER_MS) rmSync(join(DIST, n), { recursive: true, force: true });
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * One builder at a time: processes started together (a systemd restart with the CLI, the test suite) find the
 * build stale at the same moment; the first takes dist/.lock and builds, the others wait and use its build.
 */
function withLock(root, fn) {
  mkdirSync(dist(root), { recursive: true });
  const lock = join(dist(root), '.lock');
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      try { if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) { rmSync(lock, { force: true }); continue; } } catch { continue; }
      if (Date.now() > until) throw new Error(`another process holds ${lock}`);
      sleep(50);
    }
  }
  try { return fn(); } finally { rmSync(lock, { force: true }); }
}

/** The built entry module, rebuilt first if a source changed; null if it cannot be built here (then run the sources). */
export function ensureBuilt(root = ROOT) {
  try {
    if (!isStale(root)) return currentEntry(root);
    // stale: build under the lock, unless the process that held it has just built
    return withLock(root, () => (isStale(root) ? build(root) : currentEntry(root)));
  } catch (e) {
    const why = e && typeof e === 'object' && 'stderr' in e && e.stderr ? String(e.stderr).trim() : String(e);
    process.emitWarning(`motcua: could not build the hub into dist/, running the TypeScript sources (${why.split('\n')[0]})`);
    return null;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const t0 = performance.now();
    const entry = withLock(ROOT, () => build());
    console.log(`built ${entry} in ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    console.error(e && typeof e === 'object' && 'stderr' in e ? String(e.stderr) : e);
    process.exit(1);
  }
}
