/**
 * Debian's Mosquitto and PostgreSQL started on loopback ports in a directory of their own, for the province tests,
 * the benchmark and `motcua demo --with-province` (never for production: see docs/install.md §9). Mosquitto is
 * restartable on the same port with its persistence file, so a restart keeps persistent sessions like a production
 * broker; PostgreSQL is initdb'd into the directory (kept if it is already there) and run as the unprivileged
 * `postgres` user when started as root.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export const MOSQUITTO_BIN = '/usr/sbin/mosquitto';

function pgBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const v = readdirSync(base).filter((d) => existsSync(join(base, d, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(base, v, 'bin') : null;
}
export const PG_BIN = pgBin();
export const HAVE_ENGINES = existsSync(MOSQUITTO_BIN) && PG_BIN !== null;
export const NO_ENGINES = HAVE_ENGINES ? false : 'mosquitto or postgresql not installed (scripts/setup.sh installs both)';

/** uid/gid of a system user, or null (not root, or no such user). */
function ids(user: string): [number, number] | null {
  if (process.getuid?.() !== 0) return null;
  try { return [Number(execFileSync('id', ['-u', user], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }))]; } catch { return null; }
}

function giveTo(user: string, dir: string): void {
  chmodSync(dir, 0o755);
  const id = ids(user);
  if (id) chownSync(dir, id[0], id[1]);
}

async function waitFor(child: ChildProcess, re: RegExp, what: string, out: { text: string }): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${what} did not start: ${out.text}`)); }, 20_000);
    const on = (d: Buffer) => { out.text += d.toString(); if (re.test(out.text)) { clearTimeout(timer); resolve(); } };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited ${code}: ${out.text}`)); });
  });
}

async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), 8000);
  await gone;
  clearTimeout(t);
}

export interface Broker { port: number; url: string; start(): Promise<void>; stop(): Promise<void>; log(): string; /** Forget everything (sessions, queued messages): a broker node replaced by a fresh one. */ wipe(): void }

/**
 * Mosquitto with persistence on a fixed loopback port; `extra` config lines (default: anonymous allowed). The queue
 * limits are lifted as the province's broker must be configured (docs/province.md): a consumer that stops acking
 * while its database is down must not make the broker drop messages.
 */
export async function mosquitto(dir: string, extra: string[] = ['allow_anonymous true']): Promise<Broker> {
  const port = await freePort();
  const data = join(dir, 'mosq');
  mkdirSync(data, { recursive: true });
  chmodSync(dir, 0o755);
  giveTo('mosquitto', data);
  const conf = join(data, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'persistence true', `persistence_location ${data}/`, 'autosave_interval 1',
    'max_queued_messages 0', 'max_inflight_messages 100', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information', ...extra, ''].join('\n'), { mode: 0o644 });
  let child: ChildProcess | null = null;
  const out = { text: '' };
  const b: Broker = {
    port, url: `mqtt://127.0.0.1:${port}`, log: () => out.text,
    async start() {
      out.text = '';
      child = spawn(MOSQUITTO_BIN, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], cwd: data });
      await waitFor(child, /mosquitto version \S+ running/, 'mosquitto', out);
    },
    async stop() { await stopChild(child); child = null; },
    wipe() { rmSync(join(data, 'mosquitto.db'), { force: true }); },
  };
  await b.start();
  return b;
}

export interface Postgres { port: number; url: string; start(): Promise<void>; stop(): Promise<void>; log(): string }

/** A fresh PostgreSQL cluster in `dir` (trust on loopback: a test database nobody else can reach), started. */
export async function postgres(dir: string): Promise<Postgres> {
  const bin = PG_BIN;
  if (!bin) throw new Error('postgresql not installed');
  const port = await freePort();
  const run = join(dir, 'pgrun');
  const data = join(run, 'data');
  mkdirSync(data, { recursive: true });
  chmodSync(dir, 0o755);
  giveTo('postgres', run);
  giveTo('postgres', data);
  chmodSync(data, 0o700);
  // as root the server runs as the unprivileged user the Debian package creates
  const id = ids('postgres');
  const as = id ? { uid: id[0], gid: id[1], cwd: run } : { cwd: run };
  if (!existsSync(join(data, 'PG_VERSION'))) execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], { stdio: 'pipe', ...as });
  let child: ChildProcess | null = null;
  const out = { text: '' };
  const p: Postgres = {
    port, url: `postgres://postgres@127.0.0.1:${port}/postgres`, log: () => out.text,
    async start() {
      out.text = '';
      child = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', run, '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=32MB', '-c', 'max_connections=60'], { stdio: ['ignore', 'pipe', 'pipe'], ...as });
      await waitFor(child, /ready to accept connections/, 'postgres', out);
    },
    // "fast" shutdown: running sessions are ended, as when a database server is stopped for maintenance
    async stop() { await stopChild(child, 'SIGINT'); child = null; },
  };
  await p.start();
  return p;
}

/** Mosquitto with a given configuration file (e.g. one `motcua province` generated), run in `cwd`; resolves once it listens. */
export async function mosquittoWith(conf: string, cwd: string): Promise<{ stop(): Promise<void>; log(): string }> {
  giveTo('mosquitto', cwd);
  const out = { text: '' };
  const child = spawn(MOSQUITTO_BIN, ['-c', conf, '-v'], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  await waitFor(child, /mosquitto version \S+ running/, 'mosquitto', out);
  return { stop: () => stopChild(child), log: () => out.text };
}
