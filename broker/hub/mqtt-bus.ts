import '../mqtt/packet-cache.js';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { matches } from '../devices/acl.js';
import type { Availability } from '../../protocol/enums.js';
import type { Topic } from '../../protocol/map.js';
import { encode, type Bus, type MessageHandler, type PublishOptions } from './bus.js';

/**
 * The hub's own MQTT connection to an external broker (Mosquitto): a client like any device, with the hub's
 * account. With the embedded broker the hub uses `LocalBus` instead (no socket, no MQTT encoding).
 */
export class MqttBus implements Bus {
  client: MqttClient | null = null;
  private handlers: { filter: string; fn: MessageHandler }[] = [];
  constructor(private readonly opts: { url: string; username: string; password: string; clientId: string; availabilityTopic: Topic<Availability>; log: Logger }) {}

  async start(): Promise<void> {
    const { opts } = this;
    const client = mqtt.connect(opts.url, {
      clientId: opts.clientId, username: opts.username, password: opts.password, clean: true, reconnectPeriod: 1000,
      connectTimeout: 10_000, will: { topic: opts.availabilityTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client = client;
    // no Nagle delay: answers to devices are small messages written one by one
    client.on('connect', () => (client.stream as { setNoDelay?: (b: boolean) => void }).setNoDelay?.(true));
    client.on('message', (topic, payload, packet) => {
      for (const h of this.handlers) if (matches(h.filter, topic)) h.fn(topic, payload, packet.retain);
    });
    client.on('error', (err) => opts.log.error({ err: err.message }, 'hub MQTT connection error'));
    client.on('offline', () => opts.log.warn('hub MQTT connection lost; reconnecting'));
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => { client.end(true); reject(err); };
      client.once('connect', () => { client.off('error', fail); resolve(); });
      client.once('error', fail);
    });
    client.on('connect', () => { void this.resubscribe(); this.publish(opts.availabilityTopic, 'online', { retain: true, qos: 1 }); });
    this.publish(opts.availabilityTopic, 'online', { retain: true, qos: 1 });
  }

  get connected(): boolean { return !!this.client?.connected; }

  async subscribe(filter: string, fn: MessageHandler): Promise<void> {
    this.handlers.push({ filter, fn });
    await this.client?.subscribeAsync(filter, { qos: 1 });
  }

  private async resubscribe(): Promise<void> {
    for (const f of new Set(this.handlers.map((h) => h.filter))) await this.client?.subscribeAsync(f, { qos: 1 });
  }

  publish<P>(topic: Topic<P>, payload: P, o: PublishOptions = {}): void {
    const body = encode(payload);
    this.client?.publish(topic, body, { retain: o.retain ?? false, qos: o.qos ?? 0 });
  }

  async stop(): Promise<void> {
    const c = this.client;
    if (!c) return;
    this.client = null;
    if (c.connected) await c.publishAsync(this.opts.availabilityTopic, 'offline', { retain: true, qos: 1 }).catch(() => undefined);
    await c.endAsync();
  }
}
