/**
 * One physical (or simulated) device as its own MQTT connection: clientId = username = deviceId,
 * Last Will = retained `offline` on its availability topic, retained `online` once connected
 * (while the hardware behind it is present), requests correlated by id with a timeout.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ProtocolClient } from '../protocol/client.js';
import type { DeviceKind } from '../protocol/enums.js';
import { ERRORS, McError, type ErrorCode } from '../protocol/errors.js';
import type { DeviceChannel, DevicePayload, Topic } from '../protocol/map.js';
import type { DeviceRequest, RequestArgsMap, RequestOp, Response } from '../protocol/messages.js';
import { deviceTopic, hubTopic, PROTOCOL_VERSION } from '../protocol/topics.js';
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
type Topics = { [C in DeviceChannel]: Topic<DevicePayload<DeviceKind, C>> };

/** Emits `response` (after a request settled) and `availability` (boolean). */
export class MqttDevice extends EventEmitter {
  private client: MqttClient | null = null;
  private core: ProtocolClient | null = null;
  private readonly setHandlers: ((msg: Json) => void)[] = [];
  private readonly hubHandlers = new Map<string, ((msg: Json) => void)[]>();
  private available: boolean;
  /** The last retained state published, sent again when the hub announces itself (its birth message). */
  private lastState: Json | null = null;
  readonly topics: Topics;

  constructor(private readonly opts: MqttDeviceOptions) {
    super();
    this.available = opts.available ?? true;
    const t = <C extends DeviceChannel>(ch: C) => deviceTopic<DeviceKind, C>(opts.office, opts.kind, opts.id, ch);
    this.topics = { availability: t('availability'), request: t('request'), response: t('response'), set: t('set'), state: t('state'), event: t('event') };
  }

  get id(): string { return this.opts.id; }
  get connected(): boolean { return this.client?.connected ?? false; }
  /** Requests sent and not yet answered. */
  get pendingCount(): number { return this.core?.pendingCount ?? 0; }

  /** Connects; resolves on the first CONNACK. Later reconnects happen by themselves. */
  async start(): Promise<void> {
    const o = this.opts;
    const client = mqtt.connect(o.brokerUrl, {
      clientId: o.id, username: o.id, password: o.secret, clean: true,
      reconnectPeriod: o.reconnectMs ?? 1000, connectTimeout: 5000,
      will: { topic: this.topics.availability, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    const core = new ProtocolClient(client, this.topics.response);
    this.core = core;
    core.onBadMessage = (topic) => o.log.warn({ topic }, 'unparseable message ignored');
    core.onAnswer = (r) => this.emit('response', r);
    for (const [topic, list] of this.hubHandlers) this.listen(topic, list);
    // the hub's birth message (retained `online`): a restarted hub has lost what devices told it, so say it again
    core.onText(hubTopic.availability(o.office), (s) => { if (s === 'online') void this.republish(); });
    core.on(this.topics.set, (m) => { if (m && typeof m === 'object') this.deliver(this.setHandlers, m as unknown as Json, this.topics.set); });
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
    if (!c || !this.core) return;
    try {
      await c.subscribeAsync(this.core.filters(), { qos: 1 });
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

  private async republish(): Promise<void> {
    try {
      await this.publishAvailability();
      if (this.lastState && this.client?.connected) await this.publish('state', this.lastState);
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'republishing after the hub came online failed');
    }
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
  async request<O extends RequestOp>(op: O, args: RequestArgsMap[O] = {} as RequestArgsMap[O]): Promise<unknown> {
    const core = this.core;
    if (!core) throw new McError('MC_ERR_INTERNAL', 'device not started');
    const ms = this.opts.timeoutMs ?? 10_000;
    const topic = this.topics.request as Topic<DeviceRequest<O>>;
    const r = await core.request(topic, op, args, ms, randomUUID()).catch((e: Error) => {
      throw new McError('MC_ERR_INTERNAL', e.message.startsWith('no answer') ? `no response to ${op} within ${ms} ms` : e.message, { timeout: e.message.startsWith('no answer') });
    });
    if (r.ok) return r.result;
    throw answerError(r);
  }

  /** Hub → device commands on the device's `set` topic. */
  onSet(cb: (msg: Json) => void): void { this.setHandlers.push(cb); }

  /** Subscribe to a hub topic (full topic string, e.g. hubTopic.counter(office, id)). */
  async subscribeHub(topic: string, cb: (msg: Json) => void): Promise<void> {
    const list = this.hubHandlers.get(topic) ?? [];
    list.push(cb);
    this.hubHandlers.set(topic, list);
    if (list.length === 1) this.listen(topic, list);
    if (this.client?.connected) await this.client.subscribeAsync(topic, { qos: 1 });
  }

  /** Publish on the device's own `state` or `event` channel. */
  async publish(channel: 'state' | 'event', payload: Json, retain = channel === 'state'): Promise<void> {
    if (channel === 'state' && retain) this.lastState = payload;
    await this.client?.publishAsync(this.topics[channel], JSON.stringify({ v: PROTOCOL_VERSION, ...payload }), { qos: 1, retain });
  }

  private listen(topic: string, list: ((msg: Json) => void)[]): void {
    this.core?.on(topic, (m) => { if (m && typeof m === 'object') this.deliver(list, m as Json, topic); });
  }

  private deliver(handlers: ((msg: Json) => void)[], msg: Json, topic: string): void {
    for (const h of handlers) {
      try { h(msg); } catch (err) { this.opts.log.error({ err, topic }, 'handler failed'); }
    }
  }

  /** Publishes retained `offline` (a clean stop is not a crash, but the device is gone) and disconnects. */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.core?.failAll(new McError('MC_ERR_INTERNAL', 'device stopped'));
    this.core = null;
    if (!c) return;
    if (c.connected) {
      try { await c.publishAsync(this.topics.availability, 'offline', { qos: 1, retain: true }); } catch { /* closing anyway */ }
    }
    await c.endAsync(true);
  }
}

function answerError(r: Extract<Response, { ok: false }>): McError {
  const e = r.error ?? {};
  const code: ErrorCode = e.code && e.code in ERRORS ? e.code : 'MC_ERR_INTERNAL';
  return new McError(code, e.messageEn ?? '', { message: e.message });
}
