/**
 * Browser side of the hub: MQTT over WebSocket (same origin, /mqtt) with the page's own credentials, plus JSON
 * fetch helpers. Used by the kiosk, the clerk console, the admin pages and the displays.
 */
import mqtt from 'mqtt';
import { getJson } from './http.js';
import { ProtocolClient } from '../protocol/client.js';
import type { Topic } from '../protocol/map.js';
import type { DeviceRequest, RequestArgsMap, RequestOp, Response as Answer } from '../protocol/messages.js';
import { deviceTopic, hubTopic, PROTOCOL_VERSION, type DeviceKind } from '../protocol/topics.js';

export { hubTopic, deviceTopic, PROTOCOL_VERSION };

export interface Credentials { username: string; password: string; clientId: string }
/** `refused`: the hub turned the login down (wrong device secret, device disabled or removed): retrying will not help. */
export type Status = 'connecting' | 'online' | 'offline' | 'refused';

/** Device credentials from the page address: `#device=ID&secret=S` (kept in localStorage for reloads). */
export function deviceCredentials(storageKey = 'motcua.device'): { id: string; secret: string } | null {
  const h = new URLSearchParams(location.hash.slice(1));
  const id = h.get('device');
  const secret = h.get('secret');
  if (id && secret) {
    localStorage.setItem(storageKey, JSON.stringify({ id, secret }));
    history.replaceState(null, '', location.pathname + location.search);
    return { id, secret };
  }
  const saved = localStorage.getItem(storageKey);
  return saved ? (JSON.parse(saved) as { id: string; secret: string }) : null;
}

/** Short-lived read-only credentials for a signed-in staff page. */
export async function staffCredentials(): Promise<Credentials & { office: string }> {
  const r = await getJson<{ username: string; password: string; office: string }>('/api/auth/mqtt');
  return { ...r, clientId: `staff-${Math.random().toString(36).slice(2, 10)}` };
}

export class HubClient {
  private core: ProtocolClient | null = null;
  private readonly subs: [string, (msg: unknown, topic: string) => void][] = [];
  status: Status = 'connecting';
  onStatus: (s: Status) => void = () => undefined;
  constructor(private readonly creds: Credentials, private readonly device?: { office: string; kind: DeviceKind; id: string }) {}

  connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    const d = this.device;
    const will = d ? { topic: deviceTopic(d.office, d.kind, d.id, 'availability'), payload: 'offline', qos: 1 as const, retain: true } : undefined;
    const c = mqtt.connect(url, { clientId: this.creds.clientId, username: this.creds.username, password: this.creds.password, reconnectPeriod: 2000, keepalive: 15, will });
    const core = new ProtocolClient(c, d ? deviceTopic(d.office, d.kind, d.id, 'response') : null);
    this.core = core;
    for (const [topic, h] of this.subs) core.on(topic, h);
    c.on('connect', () => {
      this.set('online');
      if (d) core.publish(deviceTopic(d.office, d.kind, d.id, 'availability'), 'online', { qos: 1, retain: true });
    });
    c.on('error', (e) => { const code = (e as { code?: unknown }).code; if (code === 4 || code === 5) this.set('refused'); });
    c.on('close', () => { if (this.status !== 'refused') this.set('offline'); });
    c.on('offline', () => this.set('offline'));
  }

  /** A screen's own connection id: two TVs opened with the same address must not push each other off. */
  static screenClientId(deviceId: string): string { return `${deviceId}~${Math.random().toString(36).slice(2, 10)}`; }

  private set(s: Status): void { if (s !== this.status) { this.status = s; this.onStatus(s); } }

  /** JSON messages on a hub topic; the topic types the message. */
  subscribe<P>(topic: Topic<P>, h: (msg: P, topic: string) => void): void {
    this.subs.push([topic, h as (msg: unknown, topic: string) => void]);
    this.core?.on(topic, h);
  }

  /** A device request; resolves with the hub's answer (ok or error), rejects on timeout. */
  request<O extends RequestOp>(op: O, args: RequestArgsMap[O], timeoutMs = 12_000): Promise<Answer> {
    const d = this.device;
    if (!d || !this.core) return Promise.reject(new Error('not a device page'));
    const topic = deviceTopic(d.office, d.kind, d.id, 'request') as unknown as Topic<DeviceRequest<O>>;
    return this.core.request(topic, op, args, timeoutMs).catch(() => { throw new Error('timeout'); });
  }

  end(): void { this.core?.mqtt.end(true); }
}

export { ApiError, getJson, postJson } from './http.js';
