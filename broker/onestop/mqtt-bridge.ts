/**
 * Store-and-forward of the hub's event stream and device health to a provincial MQTT broker (a Mosquitto, EMQX or
 * HiveMQ cluster that aggregates the offices of a province; `motcua province` stores what arrives in PostgreSQL).
 *
 * Nothing is kept in memory only: the event log is the outbox (its `seq` is the office's own monotonically
 * increasing sequence) and `uplink_cursor` holds the last seq the broker acknowledged (QoS 1 PUBACK). Device-health
 * snapshots are written to `uplink_health` and sent the same way. While the link is down nothing advances; when it
 * comes back (or the hub restarts) sending resumes after the last acknowledged event. An event whose ack was lost may
 * go twice: the province stores each (office, seq) once. The hub never waits for any of this to serve citizens.
 *
 * A broker's PUBACK is not the end of the road: a broker that restarts may lose a message it acknowledged (one
 * without persistence; Mosquitto 2.0 also forgets shared subscriptions across a restart, so what arrives before the
 * province subscribes again goes nowhere). The province therefore confirms, on `{prefix}/{officeId}/province/ack`
 * (retained, {v, seq, busy}), the seq up to which it stored every event. When that stays behind what the broker
 * acknowledged for `resendAfterMs`, the hub sends again from the confirmed seq; not while the province says it is
 * busy draining a backlog (a missing seq is then most likely still queued), and each further resend of the same gap
 * waits twice as long (up to an hour). A province that never confirms (no service yet) changes nothing.
 *
 * Topics: `{prefix}/{officeId}/events/{type}` (one event: {v, office, seq, type, at, day, ticketId, counterId,
 * clerkId, fieldId, data, sentAt}), `{prefix}/{officeId}/health` ({v, office, hseq, at, sentAt, waiting, fields,
 * devices, link}), `{prefix}/{officeId}/hub/online` (retained "true"; "false" on stop or, as the last will,
 * when the hub drops off).
 */
import { createRequire } from 'node:module';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import type { CenterPoints, PointFigure } from '../../protocol/messages.js';

/** What a health snapshot says (built by the hub from its presence list, queue and provincial link). */
export interface HealthBody {
  waiting: number;
  fields: { fieldId: string; name: string; waiting: number; minutes: number | null }[];
  devices: { id: string; kind: string; name: string; online: boolean; disabled: boolean; faults: string[] }[];
  link: { configured: boolean; backlog: number; failures: number; parked: number; lastError: string | null; lastSuccessAt: number | null };
  /** The clerks' published names (as on the counter displays), for the province's figures per clerk. */
  clerks: { id: string; name: string }[];
  version: string;
}

export interface MqttBridgeOptions {
  /** e.g. `mqtts://mqtt.tinh.gov.vn:8883` (config `onestop.mqttUrl`). */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  officeId: string;
  db: Db;
  clock: () => number;
  /** Topic prefix. Default `motcua`. */
  prefix?: string;
  log: Logger;
  clientId?: string;
  /** Milliseconds between reconnect attempts. Default 5000. */
  reconnectMs?: number;
  /** Events published before waiting for their acks. Default 200. */
  batch?: number;
  /** A device-health snapshot every this many milliseconds (0: none). Default 60000. */
  healthEveryMs?: number;
  health?: () => HealthBody;
  /** Send again from the province's confirmed seq when it has not caught up with the broker's acks for this long. Default 120000. */
  resendAfterMs?: number;
  /**
   * The reception points of one center share their figures on `{prefix}/centers/{id}/points/{officeId}` (retained):
   * this point's are published every `everyMs` (default 30 s) and when the queue changes; the others' come back
   * through `onChange`, with the link's state (down: this point serves alone, and its screens say so).
   */
  center?: { id: string; name: string; figures: () => { waiting: number; minutes: number | null }; onChange: (p: CenterPoints) => void; everyMs?: number };
}

export interface BridgeStatus { configured: true; connected: boolean; ackedSeq: number; confirmedSeq: number | null; lastSeq: number; backlog: number; healthBacklog: number; lastAckAt: number | null; resends: number }

interface EventRow { seq: number; at: number; day: string; type: string; ticket_id: string | null; counter_id: string | null; clerk_id: string | null; field_id: string | null; data: string }

export class MqttBridge {
  private client: MqttClient | null = null;
  private readonly log: Logger;
  private readonly q;
  private pumping: Promise<void> | null = null;
  private again = false;
  private healthTimer: NodeJS.Timeout | null = null;
  private lastAckAt: number | null = null;
  private onLost: (() => void) | null = null;
  private resendTimer: NodeJS.Timeout | null = null;
  private pointTimer: NodeJS.Timeout | null = null;
  private readonly others = new Map<string, Omit<PointFigure, 'stale'>>();
  private lastPointAt = -Infinity;
  private pointPending: NodeJS.Timeout | null = null;
  /** When the province's confirmed seq last moved (or the check started). */
  private confirmedMovedAt = 0;
  private resends = 0;
  /** Resends since the province last caught up: each doubles the wait before the next. */
  private streak = 0;

  constructor(private readonly opts: MqttBridgeOptions) {
    this.log = opts.log.child({ mod: 'province-uplink' });
    const db = opts.db;
    db.prepare('INSERT OR IGNORE INTO uplink_cursor (id, acked_seq) VALUES (1, 0)').run();
    this.q = {
      cursor: db.prepare('SELECT acked_seq AS s, acked_at AS a, confirmed_seq AS c FROM uplink_cursor WHERE id = 1'),
      confirm: db.prepare('UPDATE uplink_cursor SET confirmed_seq = ?, confirmed_at = ? WHERE id = 1 AND (confirmed_seq IS NULL OR confirmed_seq < ?)'),
      rewind: db.prepare('UPDATE uplink_cursor SET acked_seq = confirmed_seq WHERE id = 1 AND confirmed_seq IS NOT NULL AND acked_seq > confirmed_seq'),
      advance: db.prepare('UPDATE uplink_cursor SET acked_seq = ?, acked_at = ? WHERE id = 1 AND acked_seq < ?'),
      events: db.prepare('SELECT seq, at, day, type, ticket_id, counter_id, clerk_id, field_id, data FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
      lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events'),
      addHealth: db.prepare('INSERT INTO uplink_health (at, body) VALUES (?, ?)'),
      health: db.prepare('SELECT id, at, body FROM uplink_health WHERE sent_at IS NULL ORDER BY id LIMIT ?'),
      healthBacklog: db.prepare('SELECT count(*) AS n FROM uplink_health WHERE sent_at IS NULL'),
      healthSent: db.prepare('UPDATE uplink_health SET sent_at = ? WHERE id IN (SELECT value FROM json_each(?))'),
      // a snapshot is a state, not a record: those sent more than a day ago go
      prune: db.prepare('DELETE FROM uplink_health WHERE sent_at IS NOT NULL AND sent_at < ?'),
    };
  }

  private topic(rest: string): string { return `${this.opts.prefix ?? 'motcua'}/${this.opts.officeId}/${rest}`; }

  get connected(): boolean { return this.client?.connected ?? false; }

  /** The last seq the provincial broker acknowledged. */
  ackedSeq(): number { return (this.q.cursor.get() as { s: number }).s; }

  status(): BridgeStatus {
    const acked = this.ackedSeq();
    const last = (this.q.lastSeq.get() as { s: number }).s;
    const confirmed = (this.q.cursor.get() as { c: number | null }).c;
    return { configured: true, connected: this.connected, ackedSeq: acked, confirmedSeq: confirmed, lastSeq: last, backlog: Math.max(0, last - acked), resends: this.resends,
      healthBacklog: (this.q.healthBacklog.get() as { n: number }).n, lastAckAt: this.lastAckAt ?? (this.q.cursor.get() as { a: number | null }).a };
  }

  /** Start connecting (does not wait for the broker: it may be down; events wait in the database meanwhile). */
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
      connectTimeout: 10_000,
      will: { topic: online, payload: Buffer.from('false'), qos: 1, retain: true },
    });
    const ackTopic = this.topic('province/ack');
    c.on('connect', () => {
      this.log.info({ url: this.opts.url, ackedSeq: this.ackedSeq() }, 'connected to the provincial MQTT broker');
      c.publish(online, 'true', { qos: 1, retain: true });
      c.subscribe(ackTopic, { qos: 1 });
      if (this.opts.center) { c.subscribe(this.pointsTopic('+'), { qos: 1 }); this.publishPoint(); this.pointsChanged(); }
      this.wake();
    });
    c.on('message', (topic, payload) => { if (topic === ackTopic) this.confirmed(payload); else if (this.opts.center) this.pointMessage(topic, payload); });
    if (this.opts.center) {
      c.on('close', () => this.pointsChanged());
      this.pointTimer = setInterval(() => { this.publishPoint(); this.pointsChanged(); }, this.opts.center.everyMs ?? 30_000);
      this.pointTimer.unref();
    }
    this.confirmedMovedAt = performance.now();
    const resendAfter = this.opts.resendAfterMs ?? 120_000;
    this.resendTimer = setInterval(() => this.checkConfirmed(resendAfter), Math.max(100, Math.min(resendAfter / 4, 30_000)));
    this.resendTimer.unref();
    c.on('close', () => this.onLost?.());
    c.on('error', (e) => this.log.warn({ err: e.message }, 'provincial MQTT broker error'));
    c.on('offline', () => this.log.warn({ backlog: this.status().backlog }, 'provincial MQTT broker unreachable; events wait in the database'));
    this.client = c;
    const every = this.opts.healthEveryMs ?? 60_000;
    if (every > 0 && this.opts.health) {
      this.snapshot();
      this.healthTimer = setInterval(() => this.snapshot(), every);
      this.healthTimer.unref();
    }
  }

  private pointsTopic(office: string): string { return `${this.opts.prefix ?? 'motcua'}/centers/${this.opts.center?.id ?? ''}/points/${office}`; }

  /** The center's other points as this hub knows them now. */
  points(): CenterPoints {
    const now = this.opts.clock();
    return { link: this.connected ? 'up' : 'down', others: [...this.others.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((p) => ({ ...p, stale: now - p.at > 120_000 })) };
  }

  private pointsChanged(): void { this.opts.center?.onChange(this.points()); }

  private pointMessage(topic: string, payload: Buffer): void {
    const office = topic.split('/').pop() ?? '';
    if (!topic.startsWith(this.pointsTopic('')) || office === this.opts.officeId) return;
    let p: { office?: unknown; name?: unknown; waiting?: unknown; minutes?: unknown; sentAt?: unknown };
    try { p = JSON.parse(payload.toString()) as typeof p; } catch { return; }
    if (p.office !== office || typeof p.name !== 'string' || typeof p.waiting !== 'number' || (typeof p.minutes !== 'number' && p.minutes !== null) || typeof p.sentAt !== 'number') return;
    this.others.set(office, { office, name: p.name.slice(0, 200), waiting: p.waiting, minutes: p.minutes, at: p.sentAt });
    this.pointsChanged();
  }

  /** Tell the center's other points this one's waiting count and estimated wait (at most every 2 s). */
  publishPoint(): void {
    const center = this.opts.center;
    const c = this.client;
    if (!center || !c?.connected) return;
    const wait = 2000 - (performance.now() - this.lastPointAt);
    if (wait > 0) {
      this.pointPending ??= setTimeout(() => { this.pointPending = null; this.publishPoint(); }, wait);
      return;
    }
    this.lastPointAt = performance.now();
    const f = center.figures();
    c.publish(this.pointsTopic(this.opts.officeId), JSON.stringify({ v: 1, office: this.opts.officeId, name: center.name, waiting: f.waiting, minutes: f.minutes, sentAt: this.opts.clock() }), { qos: 1, retain: true });
  }

  private confirmed(payload: Buffer): void {
    let body: { seq?: unknown; busy?: unknown };
    try { body = JSON.parse(payload.toString()) as { seq?: unknown; busy?: unknown }; } catch { return; }
    const seq = body.seq;
    if (!Number.isSafeInteger(seq)) return;
    // a province draining a backlog counts as progress: nothing is resent while it says so
    if (this.q.confirm.run(seq, this.opts.clock(), seq).changes > 0 || body.busy === true) this.confirmedMovedAt = performance.now();
  }

  /** The province stored less than the broker acknowledged, and has not caught up for `after` ms: send again from its seq. */
  private checkConfirmed(after: number): void {
    const cur = this.q.cursor.get() as { s: number; c: number | null };
    if (cur.c === null || cur.s <= cur.c) { this.confirmedMovedAt = performance.now(); this.streak = 0; return; }
    if (performance.now() - this.confirmedMovedAt < Math.min(after * 2 ** this.streak, 3600_000) || !this.connected) return;
    if (this.q.rewind.run().changes > 0) {
      this.resends++;
      this.streak++;
      this.confirmedMovedAt = performance.now();
      this.log.warn({ from: cur.c, to: cur.s }, 'the province has not stored events the broker acknowledged: sending them again');
      this.wake();
    }
  }

  /** Write a device-health snapshot to the outbox now (also done every `healthEveryMs`). */
  snapshot(): void {
    if (!this.opts.health) return;
    try {
      const now = this.opts.clock();
      this.q.addHealth.run(now, JSON.stringify(this.opts.health()));
      this.q.prune.run(now - 86_400_000);
      this.wake();
    } catch (e) { this.log.warn({ err: (e as Error).message }, 'health snapshot not taken'); }
  }

  /** New events were committed (or the link came back): send what the broker has not acknowledged yet. */
  wake(): void {
    if (!this.client?.connected) return;
    if (this.pumping) { this.again = true; return; }
    this.pumping = this.pump().catch((e: unknown) => {
      this.log.warn({ err: (e as Error).message }, 'sending to the provincial broker interrupted; it resumes after the last acknowledged event');
    }).finally(() => {
      this.pumping = null;
      if (this.again) { this.again = false; this.wake(); }
    });
  }

  private async pump(): Promise<void> {
    const batch = this.opts.batch ?? 200;
    for (;;) {
      const c = this.client;
      if (!c?.connected) return;
      this.again = false;
      const rows = this.q.events.all(this.ackedSeq(), batch) as EventRow[];
      const health = this.q.health.all(batch) as { id: number; at: number; body: string }[];
      if (!rows.length && !health.length) return;
      const sentAt = this.opts.clock();
      const office = this.opts.officeId;
      const acks: Promise<unknown>[] = rows.map((r) => c.publishAsync(this.topic(`events/${r.type}`), JSON.stringify({
        v: 1, office, seq: r.seq, type: r.type, at: r.at, day: r.day, ticketId: r.ticket_id, counterId: r.counter_id, clerkId: r.clerk_id, fieldId: r.field_id,
        data: scrub(parseData(r.data)), sentAt,
      }), { qos: 1 }));
      for (const h of health) acks.push(c.publishAsync(this.topic('health'), `{"v":1,"office":${JSON.stringify(office)},"hseq":${h.id},"at":${h.at},"sentAt":${sentAt},${h.body.slice(1)}`, { qos: 1 }));
      // a connection lost before every ack came ends this round: the next connection starts again after the cursor
      const lost = new Promise<never>((_r, reject) => { this.onLost = () => reject(new Error('connection to the provincial broker lost')); });
      for (const a of acks) a.catch(() => undefined);
      try { await Promise.race([Promise.all(acks), lost]); } finally { this.onLost = null; }
      const now = this.opts.clock();
      const last = rows[rows.length - 1];
      if (last) this.q.advance.run(last.seq, now, last.seq);
      if (health.length) this.q.healthSent.run(now, JSON.stringify(health.map((h) => h.id)));
      this.lastAckAt = now;
    }
  }

  /** Publish "offline", disconnect cleanly, release timers and sockets. Unacknowledged events go again next time. */
  async stop(): Promise<void> {
    if (this.healthTimer) clearInterval(this.healthTimer);
    if (this.resendTimer) clearInterval(this.resendTimer);
    if (this.pointTimer) clearInterval(this.pointTimer);
    if (this.pointPending) clearTimeout(this.pointPending);
    this.healthTimer = null;
    this.resendTimer = null;
    const c = this.client;
    this.client = null;
    if (!c) return;
    if (c.connected) {
      await Promise.race([this.pumping, new Promise((r) => setTimeout(r, 2000).unref())]);
      await c.publishAsync(this.topic('hub/online'), 'false', { qos: 1, retain: true }).catch(() => undefined);
    }
    await c.endAsync(true);
    await this.pumping;
  }
}

/**
 * Keys that would carry a citizen's personal data (a phone number kept for a text message, an ID number, a name,
 * an address) never leave the hub for the province, whatever a future event puts in its data (docs/security.md).
 */
const PERSONAL = /phone|sdt|dien_?thoai|cccd|cmnd|id_?number|citizen|address|dia_?chi|ho_?ten|full_?name/i;

export function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => !PERSONAL.test(k)).map(([k, x]) => [k, scrub(x)]));
}

function parseData(text: string): unknown {
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

/** One point's figures for the center's other points: everyone waiting, and the wait weighted by who waits where. */
/** `minutes` is each field's forecast central figure, null where the forecaster has no history yet: such fields count
 * in the people waiting but not in the wait; with no figure at all the wait is null (the screens then show the count only). */
export function pointFigures(fields: { waiting: number; minutes: number | null }[]): { waiting: number; minutes: number | null } {
  const waiting = fields.reduce((n, f) => n + f.waiting, 0);
  const known = fields.filter((f) => f.minutes !== null && f.waiting > 0);
  const w = known.reduce((n, f) => n + f.waiting, 0);
  if (!waiting) return { waiting, minutes: 0 };
  return { waiting, minutes: w ? Math.round(known.reduce((n, f) => n + f.waiting * (f.minutes ?? 0), 0) / w) : null };
}
