/**
 * The hub as a separate process (`node bin/motcua.js hub --config …`), for the crash test and the benchmark:
 * an office file on fixed free loopback ports (so devices reconnect to the same address after a restart),
 * start that resolves on the "hub started" log line, SIGKILL, SIGTERM, and a guard that kills every child on exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { migrateConfig } from '../../config/migrate.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';

export const BIN = join(process.cwd(), 'bin/motcua.js');

export interface OfficeFileOpts { dir: string; port: number; mqttPort: number; onestopUrl?: string; logLevel?: string; patch?: (c: Record<string, any>) => void }

/** Write an office config (district example, open around the clock) into `dir`; returns its path. */
export function writeOfficeFile(o: OfficeFileOpts): string {
  const c = migrateConfig(parse(readFileSync(DISTRICT_EXAMPLE, 'utf8')) as Record<string, any>) as Record<string, any>; // written at the current version: loads without migration warnings
  c.hub = { ...c.hub, host: '127.0.0.1', port: o.port, mqttHost: '127.0.0.1', mqttPort: o.mqttPort, dataDir: o.dir, logLevel: o.logLevel ?? 'info' };
  c.calendar = { ...c.calendar, weekdays: [1, 2, 3, 4, 5, 6, 7], sessions: [{ start: '00:00', end: '24:00' }], holidays: [] };
  if (o.onestopUrl) c.onestop = { ...c.onestop, url: o.onestopUrl, timeoutMs: 2000 };
  o.patch?.(c);
  const f = join(o.dir, 'office.yaml');
  writeFileSync(f, stringify(c));
  return f;
}

const children = new Set<ChildProcess>();
let guarded = false;
/** Kill every hub child if this process exits or is interrupted (no leftover processes). */
function guard(): void {
  if (guarded) return;
  guarded = true;
  const killAll = () => { for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } } };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => { killAll(); process.exit(130); });
  }
}

/** One hub process. `start()` resolves when it logged "hub started" (with the ms it took). */
export class HubProcess {
  child: ChildProcess | null = null;
  out = '';
  err = '';
  starts = 0;
  constructor(readonly configFile: string, private readonly env: NodeJS.ProcessEnv = {}) {}

  get pid(): number | undefined { return this.child?.pid; }
  get running(): boolean { return !!this.child && this.child.exitCode === null && this.child.signalCode === null; }

  async start(timeoutMs = 30_000): Promise<{ ms: number; http: number; mqtt: number }> {
    guard();
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'hub', '--config', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...this.env } });
    this.child = child;
    children.add(child);
    child.on('exit', () => children.delete(child));
    this.starts++;
    let buf = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`hub did not start in ${timeoutMs} ms: ${this.err.slice(-2000)}`)); }, timeoutMs);
      child.stdout?.on('data', (d: Buffer) => {
        const s = d.toString();
        this.out = (this.out + s).slice(-200_000);
        buf += s;
        const m = /"http":(\d+),"mqtt":("[^"]*"|\d+)[^\n]*"msg":"hub started"/.exec(buf);
        // an external broker is logged as its URL: mqtt is then 0
        if (m) { clearTimeout(timer); buf = ''; resolve({ ms: performance.now() - t0, http: Number(m[1]), mqtt: Number(m[2]) || 0 }); }
      });
      child.stderr?.on('data', (d: Buffer) => { this.err = (this.err + d.toString()).slice(-50_000); });
      child.once('exit', (code, sig) => { clearTimeout(timer); reject(new Error(`hub exited (${code ?? sig}) before it started: ${this.err.slice(-2000)}`)); });
    });
  }

  /** SIGKILL: no shutdown code runs; resolves once the process is gone. */
  async kill(): Promise<void> { await this.signal('SIGKILL'); }

  /** SIGTERM (graceful stop); resolves with the exit code. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    const c = this.child;
    if (!c || !this.running) return c?.exitCode ?? null;
    const t = setTimeout(() => c.kill('SIGKILL'), timeoutMs);
    await this.signal('SIGTERM');
    clearTimeout(t);
    return c.exitCode;
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const c = this.child;
    if (!c || !this.running) return;
    const gone = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill(sig);
    await gone;
  }

  /** The hub's resident memory (kB) from /proc, or null. */
  rssKb(): number | null {
    if (!this.pid) return null;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch { return null; }
  }
}

/** Hub log lines (JSON) of a process, parsed; non-JSON lines skipped. */
export function logLines(out: string): Record<string, unknown>[] {
  return out.split('\n').flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });
}
