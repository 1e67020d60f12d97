import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { TcpPrinterLink } from '../../printer/index.js';
import { currentEntry, isStale } from '../../scripts/build.mjs';
import { ROOT } from '../paths.js';
import { lanAddress, mqttBindHost, publicBaseUrl, unreachablePublicAddress } from '../address.js';

/** `warn`: works here, but something people rely on will not (not counted as a failure). */
export type CheckState = 'ok' | 'fail' | 'skip' | 'warn';
export interface CheckResult { name: string; state: CheckState; detail: string; fix?: string }

const MIN_FREE_BYTES = 500 * 1024 * 1024;
const TIMEOUT_MS = 3000;

const ok = (name: string, detail: string): CheckResult => ({ name, state: 'ok', detail });
const fail = (name: string, detail: string, fix: string): CheckResult => ({ name, state: 'fail', detail, fix });
const skip = (name: string, detail: string): CheckResult => ({ name, state: 'skip', detail });

/** Run every check of an office; each check is independent, and all of them run even when one fails. */
export async function runDoctor(configFile: string, report: (r: CheckResult) => void): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const add = (r: CheckResult) => { out.push(r); report(r); };
  let cfg: OfficeConfig;
  try {
    cfg = loadConfigFile(configFile);
    add(ok('Cấu hình / config', `${cfg.office.name} (${cfg.office.id})`));
  } catch (e) {
    add(fail('Cấu hình / config', e instanceof ConfigError ? e.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : String(e), `fix ${configFile} (motcua config check ${configFile})`));
    return out;
  }
  const dataDir = resolve(cfg.hub.dataDir);
  add(checkDataDir(dataDir));
  add(checkDatabase(join(dataDir, 'motcua.db')));
  const running = await hubAnswers(cfg);
  add(await checkPort('Cổng HTTP / HTTP port', cfg.hub.host, cfg.hub.port, running, 'hub.port'));
  if (!cfg.hub.externalBrokerUrl) add(await checkPort('Cổng MQTT / MQTT port', mqttBindHost(cfg), cfg.hub.mqttPort, running, 'hub.mqttPort'));
  add(await checkBroker(cfg, running));
  add(checkPublicAddress(cfg));
  for (const r of await checkPrinters(join(dataDir, 'motcua.db'))) add(r);
  add(checkBuild());
  add(checkClock(cfg, Date.now()));
  add(checkClockSteps(join(dataDir, 'motcua.db'), cfg.office.timezone));
  add(await checkUplink(cfg));
  return out;
}

function checkDataDir(dir: string): CheckResult {
  const name = 'Thư mục dữ liệu / data dir';
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'x');
    rmSync(probe);
  } catch (e) {
    return fail(name, `${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, `sudo chown -R motcua:motcua ${dir}`);
  }
  const s = statfsSync(dir);
  const free = s.bavail * s.bsize;
  const mb = Math.round(free / 1024 / 1024);
  return free < MIN_FREE_BYTES ? fail(name, `${dir}: only ${mb} MB free`, 'free disk space (old backups, logs: journalctl --vacuum-size=200M); keep at least 500 MB')
    : ok(name, `${dir} writable, ${mb} MB free`);
}

function checkDatabase(file: string): CheckResult {
  const name = 'Cơ sở dữ liệu / database';
  if (!existsSync(file)) return ok(name, `${file} not created yet (the hub creates it on first start)`);
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: TIMEOUT_MS });
    try {
      const r = db.pragma('quick_check', { simple: true }) as string;
      const v = db.pragma('user_version', { simple: true }) as number;
      return r === 'ok' ? ok(name, `${file} opens, quick_check ok, schema ${v}`) : fail(name, `quick_check: ${r}`, 'stop the hub and restore the last backup (motcua restore --from …)');
    } finally { db.close(); }
  } catch (e) {
    return fail(name, `${file}: ${(e as Error).message}`, 'check the file permissions, or restore the last backup (motcua restore --from …)');
  }
}

/** The hub's build (dist/): current, or older than the sources (then the hub runs the sources: slower, more memory). */
export function checkBuild(root = ROOT): CheckResult {
  const name = 'Bản dựng / build';
  const entry = currentEntry(root);
  if (!entry) return fail(name, `no build in ${join(root, 'dist')}: the hub runs the TypeScript sources (slower start, ~25 MB more memory)`, `cd ${root} && sudo npm run build`);
  if (isStale(root)) return fail(name, `${entry} is older than the sources: the hub runs the sources until it is rebuilt`, `cd ${root} && sudo npm run build`);
  return ok(name, `${entry.slice(root.length).replace(/^\//, '')} is current`);
}

const localHost = (h: string) => (h === '0.0.0.0' || h === '::' ? '127.0.0.1' : h);

/** Does a hub of this office answer /api/health on the configured port? */
async function hubAnswers(cfg: OfficeConfig): Promise<boolean> {
  if (!cfg.hub.port) return false;
  try {
    const r = await fetch(`http://${localHost(cfg.hub.host)}:${cfg.hub.port}/api/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const b = (await r.json()) as { office?: string };
    return b.office === cfg.office.id;
  } catch { return false; }
}

async function checkPort(name: string, host: string, port: number, running: boolean, key: string): Promise<CheckResult> {
  if (!port) return ok(name, 'port 0: a free port is chosen at start');
  const free = await new Promise<boolean | string>((res) => {
    const s = createServer();
    s.once('error', (e: NodeJS.ErrnoException) => res(e.code === 'EADDRINUSE' ? false : `${e.code ?? e.message}`));
    s.listen(port, host, () => s.close(() => res(true)));
  });
  if (free === true) return ok(name, `${host}:${port} is free`);
  if (running) return ok(name, `${host}:${port} is used by this office's hub, which answers /api/health`);
  if (free === false) return fail(name, `${host}:${port} is in use by another program`, `stop that program (sudo ss -ltnp 'sport = :${port}') or change ${key}`);
  return fail(name, `${host}:${port}: ${free}`, `use a port above 1024 or another ${key}`);
}

function tcpReachable(host: string, port: number): Promise<true | string> {
  return new Promise((res) => {
    const s = createConnection({ host, port });
    const t = setTimeout(() => { s.destroy(); res('timeout'); }, TIMEOUT_MS);
    s.once('connect', () => { clearTimeout(t); s.end(); res(true); });
    s.once('error', (e: NodeJS.ErrnoException) => { clearTimeout(t); res(e.code ?? e.message); });
  });
}

async function checkBroker(cfg: OfficeConfig, running: boolean): Promise<CheckResult> {
  const name = 'Máy chủ MQTT / broker';
  if (!cfg.hub.externalBrokerUrl) {
    if (!running) return ok(name, 'embedded broker (starts with the hub)');
    const r = await tcpReachable(localHost(mqttBindHost(cfg)), cfg.hub.mqttPort);
    return r === true ? ok(name, `embedded broker answers on port ${cfg.hub.mqttPort}`) : fail(name, `embedded broker on port ${cfg.hub.mqttPort}: ${r}`, 'restart the hub (systemctl restart motcua-hub) and read journalctl -u motcua-hub');
  }
  let u: URL;
  try { u = new URL(cfg.hub.externalBrokerUrl); } catch { return fail(name, `bad URL ${cfg.hub.externalBrokerUrl}`, 'fix hub.externalBrokerUrl (mqtt://host:1883)'); }
  const r = await tcpReachable(u.hostname, Number(u.port || 1883));
  return r === true ? ok(name, `${u.host} reachable`) : fail(name, `${u.host}: ${r}`, 'start Mosquitto (systemctl start mosquitto) or fix hub.externalBrokerUrl');
}

async function checkPrinters(dbFile: string): Promise<CheckResult[]> {
  if (!existsSync(dbFile)) return [];
  let rows: { id: string; options: string; disabled: number }[] = [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: TIMEOUT_MS });
  try { rows = db.prepare("SELECT id, options, disabled FROM devices WHERE kind = 'printer' ORDER BY id").all() as typeof rows; } catch { rows = []; } finally { db.close(); }
  const out: CheckResult[] = [];
  for (const r of rows) {
    const o = JSON.parse(r.options) as { transport?: string; host?: string; port?: number; path?: string };
    const name = `Máy in / printer ${r.id}`;
    if (r.disabled) { out.push(skip(name, 'disabled')); continue; }
    if (o.transport !== 'tcp' || !o.host) {
      out.push(o.path ? (existsSync(o.path) ? ok(name, `${o.path} present`) : fail(name, `${o.path} not found`, 'plug the printer in; check the udev rule (docs/install.md)')) : skip(name, 'not a network printer'));
      continue;
    }
    const link = new TcpPrinterLink({ host: o.host, port: o.port ?? 9100, openTimeoutMs: TIMEOUT_MS, statusTimeoutMs: 1500 });
    try {
      const st = await link.status();
      const where = `${o.host}:${o.port ?? 9100}`;
      if (st === 'ok' || st === 'paper_low') out.push(ok(name, `${where} answers, status ${st}`));
      else if (st === 'offline') out.push(fail(name, `${where} does not answer`, 'check the printer is on, its cable, and its IP address (print its self-test page)'));
      else out.push(fail(name, `${where} reports ${st}`, st === 'paper_out' ? 'load a paper roll' : st === 'cover_open' ? 'close the printer cover' : 'power-cycle the printer'));
    } finally { await link.close().catch(() => undefined); }
  }
  return out;
}

export function checkClock(cfg: OfficeConfig, now: number): CheckResult {
  const name = 'Đồng hồ / clock';
  const year = new Date(now).getUTCFullYear();
  let local = '';
  try { local = new Intl.DateTimeFormat('vi-VN', { timeZone: cfg.office.timezone, dateStyle: 'short', timeStyle: 'short' }).format(now); } catch {
    return fail(name, `unknown time zone "${cfg.office.timezone}"`, 'set office.timezone to Asia/Ho_Chi_Minh');
  }
  if (year < 2025) return fail(name, `the clock says ${new Date(now).toISOString()}`, 'set the time: sudo timedatectl set-ntp true (or timedatectl set-time "YYYY-MM-DD HH:MM")');
  return ok(name, `${local} (${cfg.office.timezone})`);
}

/**
 * A backward step of the clock recorded by the hub fails when it is less than a week older than the hub's latest
 * clock reading (numbers continued; NTP should be made to work). Hub time only: never this machine's clock.
 */
export function checkClockSteps(dbFile: string, tz: string): CheckResult {
  const name = 'Đồng hồ lùi / clock steps';
  if (!existsSync(dbFile)) return skip(name, 'no database yet');
  let meta = new Map<string, string>();
  const db = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: TIMEOUT_MS });
  try { meta = new Map((db.prepare("SELECT key, value FROM meta WHERE key IN ('clock_step_back', 'clock_latest')").all() as { key: string; value: string }[]).map((r) => [r.key, r.value])); } catch { /* an old schema: no record */ } finally { db.close(); }
  const raw = meta.get('clock_step_back');
  if (!raw) return ok(name, 'the clock never went back');
  const s = JSON.parse(raw) as { from: number; to: number; count: number };
  const now = Number(meta.get('clock_latest') ?? s.from);
  const fmt = (t: number) => new Intl.DateTimeFormat('vi-VN', { timeZone: tz, dateStyle: 'short', timeStyle: 'medium' }).format(t);
  const what = `the clock went back ${s.count} time(s), last from ${fmt(s.from)} to ${fmt(s.to)}`;
  if (now - s.from > 7 * 86_400_000) return ok(name, `${what}, more than a week ago`);
  return fail(name, `the clock went back ${s.count} time(s), last from ${fmt(s.from)} to ${fmt(s.to)} (${Math.round((s.from - s.to) / 1000)} s); numbers continued, no day reopened`,
    'make the clock follow NTP (sudo timedatectl set-ntp true; timedatectl timesync-status) and check the mini-PC\'s RTC battery');
}

async function checkUplink(cfg: OfficeConfig): Promise<CheckResult> {
  const name = 'Liên thông tỉnh / provincial uplink';
  if (!cfg.onestop.url) return skip(name, 'not configured (events wait in the outbox)');
  try {
    const r = await fetch(cfg.onestop.url, { signal: AbortSignal.timeout(Math.min(cfg.onestop.timeoutMs, 5000)) });
    return r.status < 500 ? ok(name, `${cfg.onestop.url} answers (HTTP ${r.status})`) : fail(name, `${cfg.onestop.url}: HTTP ${r.status}`, 'the provincial system has a problem: tell its operators; events wait in the outbox');
  } catch (e) {
    return fail(name, `${cfg.onestop.url}: ${((e as Error).cause as Error | undefined)?.message ?? (e as Error).message}`, 'check the office Internet connection / VPN and onestop.url');
  }
}

/** Ticket QR codes and pairing data must carry an address phones and devices can reach, never 127.0.0.1. */
export function checkPublicAddress(cfg: OfficeConfig, lan: () => string | null = lanAddress): CheckResult {
  const name = 'Địa chỉ công khai / public address';
  const why = unreachablePublicAddress(cfg, lan);
  if (!why) return ok(name, `QR codes and pairing data point at ${publicBaseUrl(cfg, cfg.hub.port, lan)}`);
  return { name, state: 'warn', detail: `Mã QR và mã ghép nối sẽ trỏ tới 127.0.0.1 / ${why}`,
    fix: 'set hub.publicUrl to the address phones and devices use (e.g. http://192.168.1.10:8080), or bind hub.host to 0.0.0.0 on a machine with a network' };
}

export function formatCheck(r: CheckResult): string {
  const mark = r.state === 'ok' ? '✔' : r.state === 'fail' ? '✘' : r.state === 'warn' ? '⚠' : '–';
  return `${mark} ${r.name}: ${r.detail}${r.fix ? `\n    → ${r.fix}` : ''}`;
}
