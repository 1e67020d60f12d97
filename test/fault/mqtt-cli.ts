/** Debian's mosquitto clients (mosquitto_pub / mosquitto_sub) run against a broker, bounded in time. */
import { spawn } from 'node:child_process';

export const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
export const MOSQUITTO_SUB = '/usr/bin/mosquitto_sub';

export interface CliResult { code: number | null; out: string; err: string }

export interface CliAuth { port: number; id?: string; user?: string; password?: string }

function authArgs(a: CliAuth): string[] {
  return ['-h', '127.0.0.1', '-p', String(a.port), '-V', 'mqttv311', ...(a.id ? ['-i', a.id] : []), ...(a.user ? ['-u', a.user] : []), ...(a.password ? ['-P', a.password] : [])];
}

/** Run a mosquitto client; killed after `timeoutMs`. */
export function runCli(bin: string, args: string[], timeoutMs = 8000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
  });
}

/** mosquitto_pub one message (QoS 1: it waits for the broker's PUBACK). */
export function mosquittoPub(a: CliAuth, topic: string, message: string, timeoutMs = 8000): Promise<CliResult> {
  return runCli(MOSQUITTO_PUB, [...authArgs(a), '-q', '1', '-t', topic, '-m', message], timeoutMs);
}

/** mosquitto_sub until `count` messages arrived or `waitS` seconds passed (-W); prints "topic payload" lines. */
export function mosquittoSub(a: CliAuth, topics: string[], o: { count?: number; waitS?: number } = {}): Promise<CliResult> {
  return runCli(MOSQUITTO_SUB, [...authArgs(a), '-q', '1', '-v', '-C', String(o.count ?? 1), '-W', String(o.waitS ?? 3), ...topics.flatMap((t) => ['-t', t])], ((o.waitS ?? 3) + 5) * 1000);
}

/**
 * A mosquitto_sub kept running (debug output on): `ready` resolves on its SUBACK (so a test publishes only once it
 * listens), `done` when it exits after `count` messages or `waitS` seconds. `lines` are its "topic payload" lines.
 */
export function startSub(a: CliAuth, topic: string, o: { count?: number; waitS?: number } = {}): { ready: Promise<boolean>; done: Promise<CliResult>; lines: () => string[] } {
  // stdbuf: mosquitto_sub's stdout is block-buffered on a pipe; line buffering lets us see its SUBACK at once
  const child = spawn('stdbuf', ['-oL', MOSQUITTO_SUB, ...authArgs(a), '-d', '-q', '1', '-v', '-C', String(o.count ?? 1), '-W', String(o.waitS ?? 5), '-t', topic], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((r) => { onReady = r; });
  const timer = setTimeout(() => child.kill('SIGKILL'), ((o.waitS ?? 5) + 5) * 1000);
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (/received SUBACK/.test(out)) onReady(true); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => { clearTimeout(timer); onReady(false); resolve({ code, out, err }); }));
  const lines = () => out.split('\n').filter((l) => l.startsWith(`${topic.split('/')[0] ?? ''}/`));
  return { ready, done, lines };
}
