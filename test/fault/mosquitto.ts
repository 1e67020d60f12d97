/** Debian's Mosquitto on a loopback port with a generated config (password + ACL files), for tests and the benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const MOSQUITTO = '/usr/sbin/mosquitto';

export interface Mosquitto { port: number; child: ChildProcess; log: () => string; stop: () => Promise<void> }

/** Let user `mosquitto` (which the broker becomes when started as root) reach and use `dir`. */
function openToMosquitto(dir: string): void {
  chmodSync(dir, 0o755);
  try {
    const uid = Number(execFileSync('id', ['-u', 'mosquitto'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'mosquitto'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  } catch { /* not root or no such user: mosquitto runs as us */ }
}

/** Start mosquitto with `allow_anonymous false`, the given password and ACL files; resolves once it listens. */
export async function startMosquitto(o: { dir: string; port: number; passwordFile: string; aclFile: string; maxConnections?: number }): Promise<Mosquitto> {
  const run = join(o.dir, 'run');
  mkdirSync(run, { recursive: true });
  openToMosquitto(o.dir);
  openToMosquitto(run);
  const conf = join(o.dir, 'mosquitto.conf');
  writeFileSync(conf, [
    `listener ${o.port} 127.0.0.1`, 'allow_anonymous false', `password_file ${o.passwordFile}`, `acl_file ${o.aclFile}`,
    'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information',
    `max_connections ${o.maxConnections ?? -1}`, 'max_queued_messages 10000', '',
  ].join('\n'), { mode: 0o644 });
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], cwd: run });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`mosquitto did not start: ${out}`)); }, 10_000);
    const on = (d: Buffer) => { out += d.toString(); if (/running|Opening ipv4 listen socket/.test(out)) { clearTimeout(timer); resolve(); } };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`mosquitto exited ${code}: ${out}`)); });
  });
  return {
    port: o.port, child, log: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(t);
    },
  };
}
