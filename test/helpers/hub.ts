import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { loadConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { Hub, type HubOptions } from '../../broker/app.js';
import { DISTRICT_EXAMPLE, COMMUNE_EXAMPLE } from '../../broker/demo.js';
import { TEST_DAY, at, atMs } from './days.js';

export { DISTRICT_EXAMPLE, COMMUNE_EXAMPLE };

/** A controllable clock: tests move time, never sleep for it. */
export function testClock(start: string | number): { now: () => number; set: (t: string | number) => void; advance: (ms: number) => void } {
  let t = typeof start === 'number' ? start : Date.parse(start);
  return { now: () => t, set: (x) => { t = typeof x === 'number' ? x : Date.parse(x); }, advance: (ms) => { t += ms; } };
}

/** The suite's working Tuesday (2026-11-24 unless MC_TEST_DAY moves it) at 09:00 in Hà Nội time: the office is open. */
export const OPEN_AT = at('09:00');
export { TEST_DAY, at, atMs };

export function tempDir(prefix = 'motcua-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testConfig(file = DISTRICT_EXAMPLE, patch?: (c: OfficeConfig) => void): OfficeConfig {
  const cfg = loadConfigFile(file);
  cfg.hub = { ...cfg.hub, host: '127.0.0.1', port: 0, mqttHost: '127.0.0.1', mqttPort: 0, logLevel: 'silent' };
  patch?.(cfg);
  return cfg;
}

export interface TestHub { hub: Hub; dir: string; dbFile: string; stop: () => Promise<void>; url: string }

/** Start a real hub on free loopback ports with a fresh SQLite file. */
export async function startHub(o: { cfg?: OfficeConfig; clock?: () => number; dir?: string; opts?: Partial<HubOptions> } = {}): Promise<TestHub> {
  const dir = o.dir ?? tempDir();
  const cfg = o.cfg ?? testConfig();
  cfg.hub.dataDir = dir;
  const log = pino({ level: process.env.MC_TEST_LOG ?? 'silent' });
  const hub = new Hub({ cfg, log, clock: o.clock, dbFile: join(dir, 'motcua.db'), ...o.opts });
  await hub.start();
  return {
    hub, dir, dbFile: join(dir, 'motcua.db'), url: `http://127.0.0.1:${hub.httpPort}`,
    stop: async () => { await hub.stop(); if (!o.dir) rmSync(dir, { recursive: true, force: true }); },
  };
}

/** Connect an MQTT client; rejects with the broker's refusal. */
export async function connect(url: string, o: { clientId: string; username?: string; password?: string; will?: boolean }): Promise<MqttClient> {
  const c = mqtt.connect(url, { clientId: o.clientId, username: o.username, password: o.password, reconnectPeriod: 0, connectTimeout: 5000 });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', (e) => { c.end(true); reject(e); });
    c.once('close', () => reject(new Error('closed before connect')));
  });
  return c;
}

/** A provisioned device connected to the hub, with request/response helpers. */
export class TestDevice {
  private seq = 0;
  readonly responses: Record<string, unknown>[] = [];
  private waiters = new Map<string, ((r: Record<string, unknown>) => void)[]>();
  constructor(readonly client: MqttClient, readonly office: string, readonly kind: string, readonly id: string) {
    client.on('message', (topic, payload) => {
      if (!topic.endsWith(`/${id}/response`)) return;
      const r = JSON.parse(payload.toString()) as Record<string, unknown>;
      this.responses.push(r);
      const ws = this.waiters.get(String(r.id));
      const w = ws?.shift();
      if (ws && ws.length === 0) this.waiters.delete(String(r.id));
      w?.(r);
    });
  }

  static async create(th: TestHub, id: string, kind: string, counterId: string | null = null, options: Record<string, unknown> = {}): Promise<TestDevice> {
    const { secret } = th.hub.registry.add({ id, kind, counterId, options }, th.hub.cfg.counters.map((c) => c.id));
    const c = await connect(th.hub.brokerUrl, { clientId: id, username: id, password: secret });
    const d = new TestDevice(c, th.hub.cfg.office.id, kind, id);
    await c.subscribeAsync(d.topic('response'), { qos: 1 });
    return d;
  }

  topic(ch: string): string { return `motcua/${this.office}/${this.kind}/${this.id}/${ch}`; }

  /** Send a request and wait for its answer. */
  request(op: string, args: Record<string, unknown> = {}, id = `r${++this.seq}-${Math.random().toString(36).slice(2, 8)}`): Promise<Record<string, unknown>> {
    const p = new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no answer to ${op} ${id}`)), 10_000);
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), (r) => { clearTimeout(t); resolve(r); }]);
    });
    this.client.publish(this.topic('request'), JSON.stringify({ v: 1, id, op, ...args }), { qos: 1 });
    return p;
  }

  /** Publish raw bytes on the request topic and wait for the next answer (for malformed input). */
  raw(payload: string | Buffer): Promise<Record<string, unknown>> {
    const n = this.responses.length;
    this.client.publish(this.topic('request'), payload, { qos: 1 });
    return waitFor(() => this.responses[n]);
  }

  end(): Promise<void> { return this.client.endAsync(); }
}

/** Poll a condition (bounded) for state that arrives over a socket. */
export async function waitFor<T>(f: () => T | undefined | null | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Log in as staff and return a fetch bound to the session cookie. */
export async function staffFetch(url: string, username: string, password: string): Promise<(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<{ status: number; body: Record<string, unknown> }>> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login failed ${r.status}: ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (path, init = {}) => {
    const res = await fetch(`${url}${path}`, { method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { cookie, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}
