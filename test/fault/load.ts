/**
 * Load clients for the fault suites: real MQTT devices that survive a hub restart. A request is re-sent with the
 * SAME id after a reconnect (or a rate-limit answer) until the hub answers it, so the hub's idempotency per
 * (device, request id) is what keeps a press from becoming two tickets.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import { loadConfigFile } from '../../config/load.js';
import { openDatabase } from '../../broker/db/open.js';
import { DeviceRegistry } from '../../broker/devices/registry.js';
import { QueueService } from '../../broker/queue/service.js';
import { fixedConfig } from '../../broker/live-config.js';
import { OPEN_AT } from '../helpers/hub.js';

/** Office time that moves with real time from a Tuesday 09:00 (open; the gateway's rate limiter needs time to pass). */
export function movingClock(from = OPEN_AT): () => number {
  const start = Date.now();
  const at = Date.parse(from);
  return () => at + (Date.now() - start);
}

export type Answer = { v: number; id: string | null; ok: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } };

export interface DeviceSpec { id: string; kind: string; counterId?: string | null; options?: Record<string, unknown> }

/** Provision devices and sign clerks in, straight in the data dir's database (before the hub process starts). */
export function provision(officeFile: string, dbFile: string, devices: DeviceSpec[], signIns: [string, string][] = []): Map<string, string> {
  const cfg = loadConfigFile(officeFile);
  const db = openDatabase(dbFile);
  try {
    const reg = new DeviceRegistry(db);
    const secrets = new Map<string, string>();
    for (const d of devices) secrets.set(d.id, reg.add({ id: d.id, kind: d.kind, counterId: d.counterId ?? null, options: d.options ?? {} }, cfg.counters.map((c) => c.id)).secret);
    const q = new QueueService(db, fixedConfig(cfg), Date.now, pino({ level: 'silent' }));
    q.start();
    for (const [counterId, clerkId] of signIns) q.execute({ op: 'signIn', counterId, clerkId }, { source: 'test' });
    return secrets;
  } finally { db.close(); }
}

let seq = 0;
export const newId = (p: string): string => `${p}-${Date.now().toString(36)}-${(++seq).toString(36)}`;

/** A device that keeps reconnecting; `call()` retries one request (same id) until it is answered. */
export class LoadDevice {
  readonly client: MqttClient;
  private readonly waiters = new Map<string, (a: Answer) => void>();
  resends = 0;
  answers = 0;
  constructor(readonly url: string, readonly office: string, readonly kind: string, readonly id: string, secret: string) {
    this.client = mqtt.connect(url, { clientId: id, username: id, password: secret, reconnectPeriod: 150, connectTimeout: 3000, clean: true });
    this.client.on('error', () => undefined);
    this.client.on('message', (topic, payload) => {
      if (topic !== this.topic('response')) return;
      let a: Answer;
      try { a = JSON.parse(payload.toString()) as Answer; } catch { return; }
      this.answers++;
      const w = a.id ? this.waiters.get(a.id) : undefined;
      if (w && a.id) { this.waiters.delete(a.id); w(a); }
    });
    this.client.on('connect', () => { void this.client.subscribeAsync(this.topic('response'), { qos: 1 }).catch(() => undefined); });
  }

  topic(ch: string): string { return `motcua/${this.office}/${this.kind}/${this.id}/${ch}`; }

  private async connected(deadline: number): Promise<void> {
    while (!this.client.connected) {
      if (Date.now() > deadline) throw new Error(`${this.id}: not connected in time`);
      await new Promise<void>((r) => {
        const on = () => { clearTimeout(t); r(); };
        const t = setTimeout(() => { this.client.off('connect', on); r(); }, 250);
        this.client.once('connect', on);
      });
    }
  }

  /** Send one request and retry it with the same id until a final answer (not rate-limited) arrives. */
  async call(op: string, args: Record<string, unknown> = {}, id = newId(this.id), deadlineMs = 60_000, attemptMs = 1000): Promise<Answer> {
    const deadline = Date.now() + deadlineMs;
    const body = JSON.stringify({ v: 1, id, op, ...args });
    for (let attempt = 0; ; attempt++) {
      await this.connected(deadline);
      // subscribe (again) before sending: after a hub restart the broker forgot the session
      await this.client.subscribeAsync(this.topic('response'), { qos: 1 }).catch(() => undefined);
      if (attempt > 0) this.resends++;
      const answer = new Promise<Answer | null>((resolve) => {
        const timer = setTimeout(() => done(null), attemptMs);
        const onClose = () => done(null);
        const done = (a: Answer | null) => { clearTimeout(timer); this.client.off('close', onClose); this.waiters.delete(id); resolve(a); };
        this.waiters.set(id, (a) => done(a));
        this.client.once('close', onClose);
      });
      this.client.publish(this.topic('request'), body, { qos: 1 }, () => undefined);
      const a = await answer;
      if (a && a.error?.code !== 'MC_ERR_RATE_LIMITED') return a;
      if (Date.now() > deadline) throw new Error(`${this.id}: no answer to ${op} ${id}`);
      if (a) await new Promise((r) => setTimeout(r, 200));
    }
  }

  end(): Promise<void> { return this.client.endAsync(true).then(() => undefined); }
}
