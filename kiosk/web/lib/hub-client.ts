/**
 * Browser side of the hub: MQTT over WebSocket (same origin, /mqtt) with the page's own credentials, plus JSON
 * fetch helpers. Used by the kiosk, the clerk console, the admin pages and the displays.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { deviceTopic, hubTopic, PROTOCOL_VERSION, type DeviceKind } from '../../../broker/protocol/topics.js';

export { hubTopic, deviceTopic, PROTOCOL_VERSION };

export interface Credentials { username: string; password: string; clientId: string }
export type Status = 'connecting' | 'online' | 'offline';

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

type Handler = (payload: unknown, topic: string) => void;

export class HubClient {
  private client: MqttClient | null = null;
  private readonly handlers = new Map<string, Handler[]>();
  private readonly pending = new Map<string, (r: Record<string, unknown>) => void>();
  private seq = 0;
  status: Status = 'connecting';
  onStatus: (s: Status) => void = () => undefined;
  constructor(private readonly creds: Credentials, private readonly device?: { office: string; kind: DeviceKind; id: string }) {}

  connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
    const will = this.device ? { topic: deviceTopic(this.device.office, this.device.kind, this.device.id, 'availability'), payload: 'offline', qos: 1 as const, retain: true } : undefined;
    const c = mqtt.connect(url, { clientId: this.creds.clientId, username: this.creds.username, password: this.creds.password, reconnectPeriod: 2000, keepalive: 15, will });
    this.client = c;
    c.on('connect', () => {
      this.set('online');
      for (const t of this.handlers.keys()) c.subscribe(t, { qos: 1 });
      if (this.device) {
        c.subscribe(deviceTopic(this.device.office, this.device.kind, this.device.id, 'response'), { qos: 1 });
        c.publish(deviceTopic(this.device.office, this.device.kind, this.device.id, 'availability'), 'online', { qos: 1, retain: true });
      }
    });
    c.on('close', () => this.set('offline'));
    c.on('offline', () => this.set('offline'));
    c.on('message', (topic, buf) => {
      let body: unknown;
      try { body = JSON.parse(new TextDecoder().decode(buf)); } catch { return; }
      if (topic.endsWith('/response')) {
        const r = body as Record<string, unknown>;
        const w = this.pending.get(String(r.id));
        if (w) { this.pending.delete(String(r.id)); w(r); }
        return;
      }
      for (const [filter, hs] of this.handlers) if (match(filter, topic)) hs.forEach((h) => h(body, topic));
    });
  }

  private set(s: Status): void { if (s !== this.status) { this.status = s; this.onStatus(s); } }

  subscribe(topic: string, h: Handler): void {
    const hs = this.handlers.get(topic) ?? [];
    hs.push(h);
    this.handlers.set(topic, hs);
    if (this.client?.connected) this.client.subscribe(topic, { qos: 1 });
  }

  /** A device request; resolves with the hub's answer (ok or error), rejects on timeout. */
  request(op: string, args: Record<string, unknown> = {}, timeoutMs = 12_000): Promise<Record<string, unknown>> {
    if (!this.device || !this.client) return Promise.reject(new Error('not a device page'));
    const id = `${Date.now().toString(36)}-${++this.seq}`;
    const p = new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => { this.pending.delete(id); reject(new Error('timeout')); }, timeoutMs);
      this.pending.set(id, (r) => { clearTimeout(t); resolve(r); });
    });
    this.client.publish(deviceTopic(this.device.office, this.device.kind, this.device.id, 'request'), JSON.stringify({ v: PROTOCOL_VERSION, id, op, ...args }), { qos: 1 });
    return p;
  }

  end(): void { this.client?.end(true); }
}

function match(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

async function handle<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(r.status, String(body.code ?? 'MC_ERR_INTERNAL'), String(body.message ?? 'Lỗi hệ thống.'));
  return body as T;
}
export async function getJson<T>(url: string): Promise<T> { return handle<T>(await fetch(url, { credentials: 'same-origin' })); }
export async function postJson<T>(url: string, body: unknown = {}, method = 'POST'): Promise<T> {
  return handle<T>(await fetch(url, { method, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}
