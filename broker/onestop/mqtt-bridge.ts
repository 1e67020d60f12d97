/**
 * Optional bridge of the hub's event stream to a provincial MQTT broker (e.g. a clustered Mosquitto/EMQX that
 * aggregates hundreds of offices). Best effort, at least once while connected (QoS 1; mqtt.js queues in memory
 * across reconnects): the outbox forwarder remains the authoritative, exactly-once channel.
 *
 * Topics: `{prefix}/{officeId}/events/{type}` (payload: the event JSON) and `{prefix}/{officeId}/hub/online`
 * (retained "true"; "false" on stop or, as the last will, when the hub drops off).
 */
import { createRequire } from 'node:module';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';

export interface MqttBridgeOptions {
  /** e.g. `mqtts://mqtt.tinh.gov.vn:8883` (config `hub.externalBrokerUrl`). */
  url: string;
  username?: string;
  password?: string;
  officeId: string;
  /** Topic prefix. Default `motcua`. */
  prefix?: string;
  log: Logger;
  clientId?: string;
  /** Milliseconds between reconnect attempts. Default 5000. */
  reconnectMs?: number;
}

export interface BridgedEvent { seq: number; type: string; at: number; [k: string]: unknown }

export class MqttBridge {
  private client: MqttClient | null = null;
  private readonly log: Logger;
  constructor(private readonly opts: MqttBridgeOptions) {
    this.log = opts.log.child({ mod: 'onestop-mqtt-bridge' });
  }

  private topic(rest: string): string { return `${this.opts.prefix ?? 'motcua'}/${this.opts.officeId}/${rest}`; }

  get connected(): boolean { return this.client?.connected ?? false; }

  /** Start connecting (does not wait for the broker: it may be down; events published meanwhile are queued). */
  start(): void {
    if (this.client) return;
    const online = this.topic('hub/online');
    // MQTT.js is loaded only by an office that streams to a provincial broker
    const mqtt = createRequire(import.meta.url)('mqtt') as typeof import('mqtt');
    const c = mqtt.connect(this.opts.url, {
      clientId: this.opts.clientId ?? `motcua-hub-${this.opts.officeId}`,
      ...(this.opts.username ? { username: this.opts.username } : {}),
      ...(this.opts.password ? { password: this.opts.password } : {}),
      reconnectPeriod: this.opts.reconnectMs ?? 5000,
      will: { topic: online, payload: Buffer.from('false'), qos: 1, retain: true },
    });
    c.on('connect', () => {
      this.log.info({ url: this.opts.url }, 'connected to the provincial MQTT broker');
      c.publish(online, 'true', { qos: 1, retain: true });
    });
    c.on('error', (e) => this.log.warn({ err: e.message }, 'provincial MQTT broker error'));
    c.on('offline', () => this.log.warn('provincial MQTT broker unreachable'));
    this.client = c;
  }

  /** Publish committed events, in order. */
  publish(events: BridgedEvent[]): void {
    const c = this.client;
    if (!c) return;
    for (const e of events) c.publish(this.topic(`events/${e.type}`), JSON.stringify(e), { qos: 1 });
  }

  /** Publish "offline", disconnect cleanly, release timers and sockets. */
  async stop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (c.connected) await c.publishAsync(this.topic('hub/online'), 'false', { qos: 1, retain: true }).catch(() => undefined);
    await c.endAsync(!c.connected);
  }
}
