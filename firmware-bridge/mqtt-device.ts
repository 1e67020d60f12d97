/**
 * One physical (or simulated) device as its own MQTT connection: clientId = username = deviceId,
 * Last Will = retained `offline` on its availability topic, retained `online` once connected
 * (while the hardware behind it is present), requests correlated by id with a timeout.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { deviceTopic, PROTOCOL_VERSION, type DeviceKind } from '../broker/protocol/topics.js';
import { ERRORS, McError, type ErrorCode } from '../broker/errors.js';
import type { Log } from './types.js';

export interface MqttDeviceOptions {
  brokerUrl: string;
  office: string;
  kind: DeviceKind;
  id: string;
  secret: string;
  log: Log;
  /** Request timeout in ms (default 10 000). */
  timeoutMs?: number;
  /** Reconnect period in ms (default 1 000). */
  reconnectMs?: number;
  /** Start as available (hardware present). Default true; the bridge sets false until plugged. */
  available?: boolean;
}

type Json = Record<string, unknown>;
interface Pending { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }

/** Emits `response` (after a request settled) and `availability` (boolean). */
export class MqttDevice extends EventEmitter {
  private client: MqttClient | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly setHandlers: ((msg: Json) => void)[] = [];
  private readonly hubHandlers = new Map<string, ((msg: Json) => void)[]>();
  private available: boolean;
  readonly topics: { availability: string; request: string; response: string; set: string; state: string; event: string };

  constructor(private readonly opts: MqttDeviceOptions) {
    super();
    this.available = opts.available ?? true;
    const t = (ch: Parameters<typeof deviceTopic>[3]) => deviceTopic(opts.office, opts.kind, opts.id, ch);
    this.topics = { availability: t('availability'), request: t('request'), response: t('response'), set: t('set'), state: t('state'), event: t('event') };
  }

  get id(): string { return this.opts.id; }
  get connected(): boolean { return this.client?.connected ?? false; }
  /** Requests sent and not yet answered. */
  get pendingCount(): number { return this.pending.size; }

  /** Connects; resolves on the first CONNACK. Later reconnects happen by themselves. */
  async start(): Promise<void> {
    const o = this.opts;
    const client = mqtt.connect(o.brokerUrl, {
      clientId: o.id, username: o.id, password: o.secret, clean: true,
      reconnectPeriod: o.reconnectMs ?? 1000, connectTimeout: 5000,
      will: { topic: this.topics.availability, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('error', (err) => o.log.warn({ err: err.message }, 'mqtt error'));
    // no Nagle delay: a button press is one small message and a citizen is waiting for its answer
    client.on('connect', () => { (client.stream as { setNoDelay?: (b: boolean) => void }).setNoDelay?.(true); void this.onConnect(); });
    await new Promise<void>((resolve, reject) => {
      const onErr = (err: Error) => { if (!client.connected) { client.off('connect', onOk); reject(err); } };
      const onOk = () => { client.off('error', onErr); resolve(); };
      client.once('connect', onOk);
      client.once('error', onErr);
    });
  }

  private async onConnect(): Promise<void> {
    const c = this.client;
    if (!c) return;
    try {
      const topics = [this.topics.response, this.topics.set, ...this.hubHandlers.keys()];
      await c.subscribeAsync(topics, { qos: 1 });
      await this.publishAvailability();
      this.opts.log.debug('mqtt connected');
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'subscribe after connect failed');
    }
  }

  private async publishAvailability(): Promise<void> {
    const c = this.client;
    if (!c?.connected) return;
    await c.publishAsync(this.topics.availability, this.available ? 'online' : 'offline', { qos: 1, retain: true });
  }

  /** Hardware came or went: publish retained `online` / `offline`. */
  async setAvailable(available: boolean): Promise<void> {
    if (this.available === available) return;
    this.available = available;
    this.opts.log.info({ available }, available ? 'device online' : 'device offline');
    this.emit('availability', available);
    await this.publishAvailability();
  }

  /** Sends `{v,id,op,...args}` on `request`, resolves with `result`, rejects with McError on `ok:false` or timeout. */
  request(op: string, args: Json = {}): Promise<unknown> {
    const c = this.client;
    if (!c) return Promise.reject(new McError('MC_ERR_INTERNAL', 'device not started'));
    const id = randomUUID();
    const msg = { ...args, v: PROTOCOL_VERSION, id, op };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new McError('MC_ERR_INTERNAL', `no response to ${op} within ${this.opts.timeoutMs ?? 10_000} ms`, { timeout: true }));
      }, this.opts.timeoutMs ?? 10_000);
      this.pending.set(id, { resolve, reject, timer });
      c.publish(this.topics.request, JSON.stringify(msg), { qos: 1, retain: false });
    });
  }

  /** Hub → device commands on the device's `set` topic. */
  onSet(cb: (msg: Json) => void): void { this.setHandlers.push(cb); }

  /** Subscribe to a hub topic (full topic string, e.g. hubTopic.counter(office, id)). */
  async subscribeHub(topic: string, cb: (msg: Json) => void): Promise<void> {
    const list = this.hubHandlers.get(topic) ?? [];
    list.push(cb);
    this.hubHandlers.set(topic, list);
    if (this.client?.connected) await this.client.subscribeAsync(topic, { qos: 1 });
  }

  /** Publish on the device's own `state` or `event` channel. */
  async publish(channel: 'state' | 'event', payload: Json, retain = channel === 'state'): Promise<void> {
    await this.client?.publishAsync(this.topics[channel], JSON.stringify({ v: PROTOCOL_VERSION, ...payload }), { qos: 1, retain });
  }

  private onMessage(topic: string, payload: Buffer): void {
    let msg: Json;
    try {
      const parsed: unknown = JSON.parse(payload.toString('utf8'));
      if (!parsed || typeof parsed !== 'object') return;
      msg = parsed as Json;
    } catch {
      this.opts.log.warn({ topic }, 'unparseable message ignored');
      return;
    }
    if (topic === this.topics.response) return this.onResponse(msg);
    const handlers = topic === this.topics.set ? this.setHandlers : this.hubHandlers.get(topic) ?? [];
    for (const h of handlers) {
      try { h(msg); } catch (err) { this.opts.log.error({ err, topic }, 'handler failed'); }
    }
  }

  private onResponse(msg: Json): void {
    const p = typeof msg.id === 'string' ? this.pending.get(msg.id) : undefined;
    if (!p || typeof msg.id !== 'string') return;
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.ok === true) p.resolve(msg.result);
    else {
      const e = (msg.error ?? {}) as { code?: string; message?: string; messageEn?: string };
      const code: ErrorCode = e.code && e.code in ERRORS ? (e.code as ErrorCode) : 'MC_ERR_INTERNAL';
      p.reject(new McError(code, e.messageEn ?? '', { message: e.message }));
    }
    this.emit('response', msg);
  }

  /** Publishes retained `offline` (a clean stop is not a crash, but the device is gone) and disconnects. */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    for (const [id, p] of this.pending) { clearTimeout(p.timer); p.reject(new McError('MC_ERR_INTERNAL', 'device stopped')); this.pending.delete(id); }
    if (!c) return;
    if (c.connected) {
      try { await c.publishAsync(this.topics.availability, 'offline', { qos: 1, retain: true }); } catch { /* closing anyway */ }
    }
    await c.endAsync(true);
  }
}
