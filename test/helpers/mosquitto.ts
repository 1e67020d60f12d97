import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './net.js';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const HAVE_MOSQUITTO = existsSync(MOSQUITTO);

/**
 * Start Debian's Mosquitto on a loopback port with `extra` config lines (default: anonymous allowed); resolves once
 * it says it is running. As root Mosquitto drops to user "mosquitto", so the directory must be readable by it.
 */
export async function startMosquitto(t: { teardown(fn: () => unknown): void }, dir: string, extra = 'allow_anonymous true'): Promise<number> {
  const port = await freePort();
  chmodSync(dir, 0o755);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\npersistence false\nlog_dest stderr\nlog_type all\n${extra}\n`, { mode: 0o644 });
  const p: ChildProcess = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.teardown(async () => { if (p.exitCode === null) { p.kill('SIGTERM'); await once(p, 'exit'); } });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mosquitto did not start: ${log}`)), 10_000);
    p.stderr?.on('data', (b: Buffer) => { log += b.toString(); if (/running/.test(log)) { clearTimeout(timer); resolve(); } });
    p.once('exit', (code) => { clearTimeout(timer); reject(new Error(`mosquitto exited (${code}): ${log}`)); });
  });
  return port;
}
