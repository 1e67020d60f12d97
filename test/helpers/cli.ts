/** Run the `motcua` command as a process (the way a technician and scripts do) and an office file in a temp dir. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { migrateConfig } from '../../config/migrate.js';
import { DISTRICT_EXAMPLE } from './hub.js';

const BIN = join(process.cwd(), 'bin/motcua.js');

export interface Run { code: number | null; out: string; err: string; kill: () => void; exited: Promise<number | null> }

export function run(args: string[], o: { until?: RegExp; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    let settled = false;
    const done = (code: number | null) => { if (settled) return; settled = true; resolve({ code, out, err, kill: () => child.kill('SIGTERM'), exited }); };
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (o.until?.test(out)) done(null); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    void exited.then((code) => { clearTimeout(timer); done(code); });
  });
}

/** The district example with loopback ports and the data dir in `dir`. */
export function officeFile(dir: string, patch: (c: Record<string, any>) => void = () => undefined): string {
  const c = migrateConfig(parse(readFileSync(DISTRICT_EXAMPLE, 'utf8')) as Record<string, any>) as Record<string, any>; // written at the current version: loads without migration warnings
  c.hub = { ...c.hub, host: '127.0.0.1', port: 0, mqttHost: '127.0.0.1', mqttPort: 0, dataDir: dir, logLevel: 'warn' };
  patch(c);
  const f = join(dir, 'office.yaml');
  writeFileSync(f, stringify(c));
  return f;
}


/** An office file of a running test hub (its config, its data dir), for commands run beside it. */
export function officeFileOf(hub: { cfg: Record<string, any> }, dir: string): string {
  const f = join(dir, 'office.yaml');
  writeFileSync(f, stringify({ ...hub.cfg, hub: { ...hub.cfg.hub, dataDir: dir } }));
  return f;
}
