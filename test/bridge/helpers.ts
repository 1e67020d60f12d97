/** Shared test rig: embedded aedes on 127.0.0.1:0, a tiny fake hub that answers device requests. */
import { Aedes } from 'aedes';
import net from 'node:net';
import { EventEmitter } from 'node:events';
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';

export const log = pino({ level: process.env.BRIDGE_TEST_LOG ?? 'silent' });

export interface Seen { topic: string; text: string; json: Record<string, unknown> | null; retain: boolean }

export class FakeHub extends EventEmitter {
  readonly seen: Seen[] = [];
  /** Answer to every request; default ok. */
  answer: (req: Record<string, unknown>, topic: string) => Record<string, unknown> = (req) => ({ ok: true, result: { ticketId: `t-${String(req.id).slice(0, 6)}`, number: '1005' } });
  constructor(readonly client: MqttClient, readonly office: string) { super(); }

  requests(deviceId?: string): Record<string, unknown>[] {
    return this.seen.filter((s) => s.topic.endsWith('/request') && (!deviceId || s.topic.split('/')[3] === deviceId)).map((s) => s.json ?? {});
  }

  availability(deviceId: string): string | undefined {
    return [...this.seen].reverse().find((s) => s.topic.endsWith(`/${deviceId}/availability`))?.text;
  }

  /** Resolves when `pred` holds (checked now and after every message); rejects after `ms`. */
  until<T>(what: string, pred: () => T | undefined | false, ms = 5000): Promise<T> {
    return untilEvent(this, 'message', what, pred, ms);
  }

  async publish(topic: string, payload: unknown, retain = false): Promise<void> {
    await this.client.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1, retain });
  }
}

/** Generic bounded wait on an emitter event (no sleeps). */
export function untilEvent<T>(em: EventEmitter, event: string, what: string, pred: () => T | undefined | false, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const v = pred();
      if (v !== undefined && v !== false) { done(); resolve(v as T); }
    };
    const timer = setTimeout(() => { done(); reject(new Error(`timed out after ${ms} ms waiting for ${what}`)); }, ms);
    const done = () => { clearTimeout(timer); em.off(event, check); };
    em.on(event, check);
    check();
  });
}

export interface Rig { url: string; hub: FakeHub; close(): Promise<void>; dropClient(clientId: string): void }

export async function startRig(office = 'test'): Promise<Rig> {
  const broker = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); broker.handle(s); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  const url = `mqtt://127.0.0.1:${port}`;
  const client = await mqtt.connectAsync(url, { clientId: 'fake-hub', reconnectPeriod: 0 });
  const hub = new FakeHub(client, office);
  client.on('message', (topic, payload, packet) => {
    const text = payload.toString('utf8');
    let json: Record<string, unknown> | null = null;
    try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* availability is plain text */ }
    hub.seen.push({ topic, text, json, retain: packet.retain });
    if (topic.endsWith('/request') && json) {
      const res = { v: 1, id: json.id, ...hub.answer(json, topic) };
      void client.publishAsync(topic.replace(/\/request$/, '/response'), JSON.stringify(res), { qos: 1 });
    }
    hub.emit('message');
  });
  await client.subscribeAsync([`motcua/${office}/+/+/request`, `motcua/${office}/+/+/availability`, `motcua/${office}/+/+/event`], { qos: 1 });
  return {
    url, hub,
    dropClient: (id) => { (broker as unknown as { clients: Record<string, { conn: { destroy(): void } }> }).clients[id]?.conn.destroy(); },
    async close() {
      await client.endAsync(true);
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => broker.close(() => r()));
      await (broker as unknown as { persistence: { destroy(): Promise<void> } }).persistence.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A clock tests move by hand; what waits on it (`after`) runs when `advance` passes its time. */
export function manualClock(start = 1_000_000): { now(): number; advance(ms: number): void; after(ms: number, fn: () => void): () => void } {
  let t = start;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
      const due = timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at);
      timers = timers.filter((x) => x.at > t);
      for (const x of due) x.fn();
    },
    after: (ms, fn) => { const x = { at: t + ms, fn }; timers.push(x); return () => { timers = timers.filter((y) => y !== x); }; },
  };
}
