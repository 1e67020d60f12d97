/**
 * The MQTT client core shared by the pages (over WebSocket) and the bridge's devices (over TCP): typed publish,
 * JSON subscriptions with wildcards that survive reconnects, and requests correlated with their answers by id.
 * Each side creates the `mqtt` connection its own way and hands it here.
 */
import type { MqttClient } from 'mqtt';
import type { Topic } from './map.js';
import type { DeviceRequest, RequestArgsMap, RequestOp, Response } from './messages.js';
import { PROTOCOL_VERSION } from './topics.js';

type Handler = (msg: unknown, topic: string) => void;
interface Waiter { settle(r: Response): void; fail(e: Error): void; timer: ReturnType<typeof setTimeout> }

/** Whether an MQTT topic filter (with `+` and `#`) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

export class ProtocolClient {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly textHandlers = new Map<string, ((text: string) => void)[]>();
  private readonly waiting = new Map<string, Waiter>();
  private seq = 0;
  /** Called with each answer after its request settled, and with what could not be parsed (for a log). */
  onAnswer: (r: Response) => void = () => undefined;
  onBadMessage: (topic: string) => void = () => undefined;

  constructor(readonly mqtt: MqttClient, private readonly responseTopic: string | null = null) {
    mqtt.on('message', (topic, payload) => this.dispatch(topic, payload));
    mqtt.on('connect', () => { for (const t of this.filters()) mqtt.subscribe(t, { qos: 1 }); });
  }

  /** Every filter to (re)subscribe, the response topic included. */
  filters(): string[] { return [...(this.responseTopic ? [this.responseTopic] : []), ...this.handlers.keys(), ...this.textHandlers.keys()]; }

  /** Plain-text messages on one topic (availability: `online` / `offline`), not parsed as JSON. */
  onText(topic: Topic<string>, fn: (text: string) => void): void {
    const hs = this.textHandlers.get(topic) ?? [];
    hs.push(fn);
    this.textHandlers.set(topic, hs);
    if (this.mqtt.connected && hs.length === 1) this.mqtt.subscribe(topic, { qos: 1 });
  }

  /** JSON messages on a typed topic (or on a filter of such topics). */
  on<P>(topic: Topic<P>, fn: (msg: P, topic: string) => void): void;
  on(filter: string, fn: (msg: unknown, topic: string) => void): void;
  on(filter: string, fn: Handler): void {
    const hs = this.handlers.get(filter) ?? [];
    hs.push(fn);
    this.handlers.set(filter, hs);
    if (this.mqtt.connected && hs.length === 1) this.mqtt.subscribe(filter, { qos: 1 });
  }

  publish<P>(topic: Topic<P>, payload: P, o: { retain?: boolean; qos?: 0 | 1 } = {}): void {
    this.mqtt.publish(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: o.qos ?? 1, retain: o.retain ?? false });
  }

  /** Sends `{v, id, op, ...args}` on `topic`; resolves with the hub's answer (ok or error), rejects on timeout. */
  request<O extends RequestOp>(topic: Topic<DeviceRequest<O>>, op: O, args: RequestArgsMap[O], timeoutMs: number, id = this.nextId()): Promise<Response> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new Error(`no answer to ${op} within ${timeoutMs} ms`)); }, timeoutMs);
      this.waiting.set(id, { settle: resolve, fail: reject, timer });
      this.publish(topic, { ...args, v: PROTOCOL_VERSION, id, op } as DeviceRequest<O>);
    });
  }

  get pendingCount(): number { return this.waiting.size; }

  /** Rejects every request still waiting (the connection is closing). */
  failAll(err: Error): void {
    for (const [id, w] of this.waiting) { clearTimeout(w.timer); this.waiting.delete(id); w.fail(err); }
  }

  private nextId(): string { return `${Date.now().toString(36)}-${(++this.seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`; }

  private dispatch(topic: string, payload: Uint8Array): void {
    const texts = this.textHandlers.get(topic);
    if (texts) { const s = new TextDecoder().decode(payload); for (const h of texts) h(s); return; }
    let msg: unknown;
    try { msg = JSON.parse(new TextDecoder().decode(payload)); } catch { this.onBadMessage(topic); return; }
    if (topic === this.responseTopic) { this.answer(msg); return; }
    for (const [filter, hs] of this.handlers) if (topicMatches(filter, topic)) for (const h of hs) h(msg, topic);
  }

  private answer(msg: unknown): void {
    const r = msg as Response | null;
    const w = r && typeof r.id === 'string' ? this.waiting.get(r.id) : undefined;
    if (!r || !w || typeof r.id !== 'string') return;
    this.waiting.delete(r.id);
    clearTimeout(w.timer);
    w.settle(r);
    this.onAnswer(r);
  }
}
