/**
 * The province's consumer: several MQTT connections, each a member of one shared subscription
 * (`$share/{group}/{prefix}/+/events/#`), so the broker spreads the offices' events over them and over every other
 * instance of the service. Persistent sessions (clean=false, fixed client ids) and QoS 1: a message is acknowledged
 * (PUBACK) only after the transaction that stored it committed. While PostgreSQL is down nothing is acknowledged,
 * the broker keeps the messages for the session, and the service retries the same batch until the database is back.
 *
 * MQTT.js handles a connection's incoming messages one at a time (the PUBACK is sent when `handleMessage` calls back,
 * and only then is the next packet read). To store a batch per transaction, `deferAcks` lets the packet loop go on at
 * once and holds back each PUBACK until its batch is stored; acknowledgements held for a connection that closed are
 * dropped (the broker delivers those messages again, and the database ignores what it already has).
 */
import type { IPublishPacket, MqttClient } from 'mqtt';
import mqtt from 'mqtt';
import type { Logger } from 'pino';
import { advanceWatermarks, officeIds, Partitions, setOnline, storeBatch, type EventRow, type HealthRow, type Pool, type Quarantined } from './db.js';
import { parseMessage } from './validate.js';

export interface IngestOptions {
  brokerUrl: string;
  username?: string | undefined;
  password?: string | undefined;
  db: Pool;
  log: Logger;
  clock?: () => number;
  /** Shared-subscription group. Default `motcua-province`. */
  group?: string;
  /** Names this instance's client ids (persistent sessions): keep it stable across restarts. Default `1`. */
  instance?: string;
  /** MQTT connections of this instance. Default 4. */
  connections?: number;
  prefix?: string;
  /** An hub clock further than this from ours is flagged. Default 120 000 ms. */
  skewToleranceMs?: number;
  /** Most messages per transaction. Default 1000. */
  batchMax?: number;
  reconnectMs?: number;
  /** Confirmations to the hubs at most this often. Default 1000 ms. */
  confirmEveryMs?: number;
  /** Called after each commit with the events it stored for the first time (metrics, the benchmark's lag). */
  onStored?: (events: EventRow[]) => void;
}

export interface IngestStats {
  received: number; stored: number; duplicates: number; malformed: number; unknownOffice: number; clockFlagged: number;
  dbErrors: number; waitingForDb: number; connected: number; lastDbError: string | null;
}

interface Held { conn: number; gen: number; messageId: number | undefined; packet?: unknown; ready: boolean }
interface Item { held: Held; event?: EventRow; health?: HealthRow; bad?: Quarantined; online?: { office: string; online: boolean; at: number } }

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: () => void) => void;

export class Ingest {
  readonly stats: IngestStats = { received: 0, stored: 0, duplicates: 0, malformed: 0, unknownOffice: 0, clockFlagged: 0, dbErrors: 0, waitingForDb: 0, connected: 0, lastDbError: null };
  private readonly clients: MqttClient[] = [];
  private readonly gens: number[] = [];
  private readonly sends: SendPacket[] = [];
  private pending: Item[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly parts: Partitions;
  private offices = new Set<string>();
  private readonly clockWarned = new Map<string, number>();
  private running = false;
  private readonly log: Logger;
  private readonly clock: () => number;

  constructor(private readonly o: IngestOptions) {
    this.parts = new Partitions(o.db);
    this.log = o.log.child({ mod: 'province-ingest' });
    this.clock = o.clock ?? Date.now;
  }

  get prefix(): string { return this.o.prefix ?? 'motcua'; }

  async start(): Promise<void> {
    this.running = true;
    await this.reloadOffices().catch((e: unknown) => this.log.warn({ err: (e as Error).message }, 'offices not loaded yet (database unreachable); retried on the first message'));
    const n = this.o.connections ?? 4;
    const group = this.o.group ?? 'motcua-province';
    const ready: Promise<void>[] = [];
    for (let k = 0; k < n; k++) {
      const c = mqtt.connect(this.o.brokerUrl, {
        clientId: `motcua-province-${this.o.instance ?? '1'}-${k}`, clean: false, reconnectPeriod: this.o.reconnectMs ?? 2000, connectTimeout: 10_000,
        ...(this.o.username ? { username: this.o.username } : {}), ...(this.o.password ? { password: this.o.password } : {}),
      });
      this.gens[k] = 0;
      this.deferAcks(c, k);
      c.handleMessage = (packet, done) => { this.accept(k, packet, done); };
      const topics: Record<string, { qos: 1 }> = { [`$share/${group}/${this.prefix}/+/events/#`]: { qos: 1 }, [`$share/${group}/${this.prefix}/+/health`]: { qos: 1 } };
      // availability is retained and small: one connection of each instance follows all of it
      if (k === 0) topics[`${this.prefix}/+/hub/online`] = { qos: 1 };
      c.on('connect', (ack) => {
        this.gens[k] = (this.gens[k] ?? 0) + 1;
        this.stats.connected = this.clients.filter((x) => x.connected).length;
        // subscribed again on every connection, even to a session the broker kept: Mosquitto 2.0.11 restores a
        // persistent session after a restart without its shared subscriptions taking effect, and only an unsubscribe
        // first mends that. Messages published in between are sent again by their hubs (province/ack, see the hub's uplink).
        const again = () => c.subscribe(topics, (err) => { if (err) this.log.error({ err: err.message }, 'subscribe failed'); });
        if (ack.sessionPresent) c.unsubscribe(Object.keys(topics).filter((x) => x.startsWith('$share/')), () => again());
        else again();
        this.log.info({ conn: k, sessionPresent: ack.sessionPresent }, 'connected to the provincial broker');
      });
      c.on('close', () => {
        this.gens[k] = (this.gens[k] ?? 0) + 1; // acks held for the closed connection are void: the broker sends those messages again
        this.stats.connected = this.clients.filter((x) => x.connected).length;
      });
      c.on('error', (e) => this.log.warn({ conn: k, err: e.message }, 'provincial broker error'));
      ready.push(new Promise((r) => c.once('connect', () => r())));
      this.clients.push(c);
    }
    await Promise.race([Promise.all(ready), new Promise((r) => setTimeout(r, 10_000).unref())]);
  }

  /** Hold back each PUBACK of connection `k` until its message is stored (see the file's comment). */
  private deferAcks(c: MqttClient, k: number): void {
    const internal = c as unknown as { _sendPacket?: SendPacket };
    // MQTT.js 5's packet writer: checked so that an upgrade that renames it fails at start, not by acking too early
    if (typeof internal._sendPacket !== 'function') throw new Error('MQTT.js without _sendPacket: province/ingest.ts deferAcks needs updating');
    const send = internal._sendPacket.bind(c);
    this.sends[k] = send;
    internal._sendPacket = (packet, cb) => {
      const held = packet.cmd === 'puback' ? this.holding.get(`${k}:${packet.messageId}`) : undefined;
      if (!held) { send(packet, cb); return; }
      this.holding.delete(`${k}:${packet.messageId}`);
      held.packet = packet;
      if (held.ready) this.release(held);
      cb?.();
    };
  }

  private readonly holding = new Map<string, Held>();

  private release(h: Held): void {
    if (!h.packet || h.gen !== this.gens[h.conn]) return;
    this.sends[h.conn]?.(h.packet as { cmd: string });
  }

  private accept(k: number, packet: IPublishPacket, done: (err?: Error) => void): void {
    const now = this.clock();
    this.stats.received++;
    const held: Held = { conn: k, gen: this.gens[k] ?? 0, messageId: packet.messageId, ready: false };
    if (packet.qos > 0 && packet.messageId !== undefined) this.holding.set(`${k}:${packet.messageId}`, held);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    let item: Item;
    try {
      const p = parseMessage(packet.topic, payload, now, this.prefix);
      if (p.kind === 'bad') item = { held, bad: { receivedAt: now, topic: packet.topic, office: p.office, seq: p.seq, reason: p.reason, payload: payload.toString('utf8') } };
      else if (p.kind === 'event') item = { held, event: p.row };
      else if (p.kind === 'health') item = { held, health: p.row };
      else item = { held, online: { office: p.office, online: p.online, at: now } };
    } catch (e) {
      item = { held, bad: { receivedAt: now, topic: packet.topic, office: null, seq: null, reason: `lỗi đọc / unreadable: ${(e as Error).message}`, payload: payload.toString('utf8') } };
    }
    this.pending.push(item);
    done();
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing || this.timer || !this.pending.length) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => { this.flushing = null; this.schedule(); });
    }, this.pending.length >= (this.o.batchMax ?? 1000) ? 0 : 5);
  }

  private async reloadOffices(): Promise<void> {
    this.offices = await officeIds(this.o.db);
  }

  /** Whether the province knows `office`; an office not in the cache is looked up again once per batch (it may just have been added). */
  private async known(office: string, batch: { reloaded: boolean }): Promise<boolean> {
    if (this.offices.has(office)) return true;
    if (!batch.reloaded) { batch.reloaded = true; await this.reloadOffices(); }
    return this.offices.has(office);
  }

  /** Store everything pending in one transaction, retrying until the database takes it; then acknowledge. */
  /** When this instance last had more to store than one small batch: it is draining a backlog, and gaps in an office's seqs are likely still queued. */
  private busyAt = -Infinity;

  private async flush(): Promise<void> {
    const items = this.pending.splice(0, this.o.batchMax ?? 1000);
    if (items.length >= 100 || this.pending.length > 0) this.busyAt = performance.now();
    let delay = 250;
    for (;;) {
      try {
        await this.store(items);
        break;
      } catch (e) {
        this.stats.dbErrors++;
        this.stats.lastDbError = (e as Error).message;
        this.stats.waitingForDb = items.length + this.pending.length;
        this.log.error({ err: (e as Error).message, holding: this.stats.waitingForDb, retryInMs: delay }, 'database unavailable: messages are not acknowledged, retrying');
        if (!this.running) return;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 5000);
        // messages of connections that closed meanwhile come again: leave them out
        for (let i = items.length - 1; i >= 0; i--) { const h = (items[i] as Item).held; if (h.gen !== this.gens[h.conn]) items.splice(i, 1); }
      }
    }
    this.stats.waitingForDb = 0;
    for (const it of items) { it.held.ready = true; this.release(it.held); }
    // a hub that comes online learns the watermark at once, even one that has not moved (a province that never confirmed: no resend)
    for (const it of items) { const o = it.event?.office ?? (it.online?.online ? it.online.office : undefined); if (o) this.toConfirm.add(o); }
    if (!this.confirming) this.confirming = setTimeout(() => { void this.confirm(); }, this.o.confirmEveryMs ?? 1000);
  }

  private readonly toConfirm = new Set<string>();
  private confirming: NodeJS.Timeout | null = null;

  /**
   * Tell each hub up to which seq its events are all stored (retained, so a hub that reconnects learns it at once).
   * Off the storing path, at most once per `confirmEveryMs` per office: a hub waits minutes before sending again.
   */
  private async confirm(): Promise<void> {
    const c = this.clients[0];
    const offices = [...this.toConfirm].filter((o) => this.offices.has(o));
    this.toConfirm.clear();
    try {
      if (offices.length && this.running) {
        const marks = await advanceWatermarks(this.o.db, offices);
        // busy: draining a backlog, so an office's missing seqs are probably still queued: hubs wait before sending again
        const busy = performance.now() - this.busyAt < 5000 || this.pending.length > 0;
        for (const [office, seq] of marks) c?.publish(`${this.prefix}/${office}/province/ack`, JSON.stringify({ v: 1, seq, busy }), { qos: 1, retain: true });
      }
    } catch (e) {
      for (const o of offices) this.toConfirm.add(o);
      this.log.warn({ offices: offices.length, err: (e as Error).message }, 'watermarks not advanced (tried again)');
    }
    this.confirming = null;
    if (this.toConfirm.size && this.running) this.confirming = setTimeout(() => { void this.confirm(); }, this.o.confirmEveryMs ?? 1000);
  }


  private async store(items: Item[]): Promise<void> {
    const events: EventRow[] = [];
    const bad: Quarantined[] = [];
    const health: HealthRow[] = [];
    const tol = this.o.skewToleranceMs ?? 120_000;
    let malformed = 0;
    let unknown = 0;
    let flagged = 0;
    const batch = { reloaded: false };
    for (const it of items) {
      if (it.online) {
        if (await this.known(it.online.office, batch)) await setOnline(this.o.db, it.online.office, it.online.online, it.online.at);
        continue;
      }
      if (it.bad) { bad.push(it.bad); malformed++; continue; }
      const office = it.event?.office ?? it.health?.office ?? '';
      if (!(await this.known(office, batch))) {
        unknown++;
        bad.push({ receivedAt: this.clock(), topic: `${this.prefix}/${office}/${it.event ? `events/${it.event.type}` : 'health'}`, office, seq: it.event?.seq ?? null,
          reason: `cơ quan "${office}" chưa được đăng ký với tỉnh / office unknown to the province (motcua province office add)`, payload: JSON.stringify(it.event ?? it.health) });
        continue;
      }
      if (it.health) { health.push(it.health); continue; }
      const ev = it.event as EventRow;
      ev.skewMs = this.clockOffset(office, ev.skewMs);
      if (Math.abs(ev.skewMs) > tol) {
        flagged++;
        const last = this.clockWarned.get(office) ?? 0;
        if (this.clock() - last > 600_000) {
          this.clockWarned.set(office, this.clock());
          this.log.warn({ office, skewMs: ev.skewMs }, `đồng hồ của cơ quan ${office} lệch ${Math.round(ev.skewMs / 60_000)} phút: sự kiện được lưu theo giờ của cơ quan và đánh dấu / hub clock is off: events are stored with the hub's time and flagged`);
        }
      }
      events.push(ev);
    }
    const r = await storeBatch(this.o.db, this.parts, events, bad, health);
    this.o.onStored?.(events);
    this.stats.stored += r.inserted;
    this.stats.duplicates += r.duplicates;
    this.stats.malformed += malformed;
    this.stats.unknownOffice += unknown;
    this.stats.clockFlagged += flagged;
    for (const q of bad) this.log.warn({ topic: q.topic, office: q.office, seq: q.seq, reason: q.reason }, 'message refused and quarantined');
  }

  private readonly offsets = new Map<string, { min: number; prevMin: number; since: number }>();

  /**
   * The hub's clock offset as seen from here: receive time − the hub's send time, which is the offset plus the time
   * the message spent queued (never negative). The smallest value over the last 15 to 30 minutes is the estimate:
   * one message that went through quickly is enough, so a backlog drained after an outage (every message hours
   * late) is not taken for a wrong clock.
   */
  private clockOffset(office: string, raw: number): number {
    const now = performance.now();
    let o = this.offsets.get(office);
    if (!o) { o = { min: raw, prevMin: raw, since: now }; this.offsets.set(office, o); }
    if (now - o.since > 15 * 60_000) { o.prevMin = o.min; o.min = raw; o.since = now; }
    o.min = Math.min(o.min, raw);
    return Math.min(o.min, o.prevMin);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.confirming) clearTimeout(this.confirming);
    await Promise.race([this.flushing, new Promise((r) => setTimeout(r, 3000).unref())]);
    await Promise.all(this.clients.map((c) => c.endAsync(true)));
  }
}
