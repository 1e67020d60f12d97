import type { Aedes, AedesPublishPacket } from 'aedes';
import type { Logger } from 'pino';
import type { Availability } from '../../protocol/enums.js';
import type { Topic } from '../../protocol/map.js';

type PublishPacket = Parameters<Aedes['publish']>[0];
interface RetainedStore { createRetainedStreamCombi(patterns: string[]): AsyncIterable<AedesPublishPacket> }

export interface PublishOptions { retain?: boolean; qos?: 0 | 1 }

export type MessageHandler = (topic: string, payload: Buffer, retained: boolean) => void;

/** How the hub's parts publish and listen: the same calls with the embedded broker (LocalBus) or an external one (MqttBus). */
export interface Bus {
  start(): Promise<void>;
  /** Deliver messages matching `filter` (MQTT wildcards), and what is retained there (`retained` true). */
  subscribe(filter: string, fn: MessageHandler): Promise<void>;
  /** Publish in call order; `retain` for state, never for commands or answers. The topic types the payload. */
  publish<P>(topic: Topic<P>, payload: P, o?: PublishOptions): void;
  stop(): Promise<void>;
  readonly connected: boolean;
}

/**
 * The hub's connection to its embedded aedes, in process: the hub publishes into the broker and listens to it
 * directly, as the broker's own code does. Compared with a loopback MQTT client this saves, on every device
 * request, two encodings, two parses, a socket round and the QoS 1 bookkeeping for the hub's session.
 * The access rules are the broker's hooks, which apply to clients; the hub is not a client and may use any topic.
 * Publications leave in call order: aedes stores a retained message asynchronously, so each one waits for the
 * previous one to be handed over.
 */
export class LocalBus implements Bus {
  private readonly queue: PublishPacket[] = [];
  private sending = false;
  private running = false;
  private readonly listeners: { filter: string; fn: (packet: AedesPublishPacket, cb: () => void) => void }[] = [];
  constructor(private readonly o: { broker: Aedes; availabilityTopic: Topic<Availability>; log: Logger }) {}

  get connected(): boolean { return this.running && !this.o.broker.closed; }

  async start(): Promise<void> {
    this.running = true;
    this.publish(this.o.availabilityTopic, 'online', { retain: true, qos: 1 });
  }

  async subscribe(filter: string, fn: MessageHandler): Promise<void> {
    const listener = (packet: AedesPublishPacket, cb: () => void): void => {
      try {
        fn(packet.topic, toBuffer(packet.payload), false);
      } catch (err) {
        this.o.log.error({ err, topic: packet.topic }, 'hub handler failed');
      }
      cb();
    };
    this.listeners.push({ filter, fn: listener });
    await new Promise<void>((resolve) => this.o.broker.subscribe(filter, listener, () => resolve()));
    // what was retained before this subscription, as a broker sends it to a new subscriber
    const store = (this.o.broker as unknown as { persistence: RetainedStore }).persistence;
    for await (const p of store.createRetainedStreamCombi([filter])) fn(p.topic, toBuffer(p.payload), true);
  }

  publish<P>(topic: Topic<P>, payload: P, o: PublishOptions = {}): void {
    if (!this.running) return;
    const body = encode(payload);
    this.queue.push({ cmd: 'publish', topic, payload: body, qos: o.qos ?? 0, retain: o.retain ?? false, dup: false });
    this.pump();
  }

  /** Hands the queued publications to aedes one after the other (a synchronous hand-over goes on at once). */
  private pump(): void {
    if (this.sending) return;
    this.sending = true;
    for (;;) {
      const next = this.queue.shift();
      if (!next) { this.sending = false; return; }
      let sync = true;
      let handed = false;
      this.o.broker.publish(next, (err?: Error) => {
        if (err) this.o.log.warn({ err: err.message, topic: next.topic }, 'hub publish refused by the broker');
        handed = true;
        if (!sync) { this.sending = false; this.pump(); }
      });
      sync = false;
      if (!handed) return; // the callback resumes the pump
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    if (!this.o.broker.closed) {
      await new Promise<void>((resolve) => {
        this.o.broker.publish({ cmd: 'publish', topic: this.o.availabilityTopic, payload: Buffer.from('offline'), qos: 1, retain: true, dup: false }, () => resolve());
      });
      for (const l of this.listeners) this.o.broker.unsubscribe(l.filter, l.fn, () => undefined);
    }
    this.running = false;
    this.queue.length = 0;
  }
}

/** Plain-text payloads (availability) go as they are; every other payload is JSON. */
export function encode(payload: unknown): Buffer {
  return Buffer.isBuffer(payload) ? payload : Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

const toBuffer = (p: Buffer | string | undefined): Buffer => (Buffer.isBuffer(p) ? p : Buffer.from(p ?? ''));
