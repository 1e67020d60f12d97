import type { Db } from '../db/open.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { DeviceListEntry, DevicePresence } from '../../protocol/messages.js';
import { hubTopic } from '../../protocol/topics.js';
import type { Bus } from './bus.js';

export type { DevicePresence };

const META_KEY = 'devices.presence';

/**
 * Which devices are online, when each was last heard from, and their last reported state; published retained.
 * Online comes from the connection when the broker is embedded (`connected` / `disconnected`): a clean disconnect
 * is offline, and an `offline` availability (a Last Will) is ignored while the device has a live session, so the
 * will of a session taken over by a reconnect never marks the new one offline. What was last known (state, last
 * seen) is kept in the database, so after a restart the list shows it with its age until the device speaks again.
 */
export class Presence {
  private readonly map = new Map<string, DevicePresence>();
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly o: {
    office: string; bus: Bus; registry: DeviceRegistry; clock: () => number; db?: Db;
    /** Whether the device has a live MQTT session (embedded broker only). */
    isLive?: (id: string) => boolean;
    onChange?: (id: string, p: DevicePresence) => void;
  }) { this.load(); }

  get(id: string): DevicePresence {
    return this.map.get(id) ?? { online: false, lastSeen: null, state: null };
  }

  private upd(id: string, f: (p: DevicePresence) => void): void {
    const p = { ...this.get(id) };
    f(p);
    this.map.set(id, p);
    this.o.onChange?.(id, p);
    this.schedule();
  }

  set(id: string, online: boolean): void { this.upd(id, (p) => { p.online = online; p.lastSeen = this.o.clock(); }); }
  seen(id: string): void { const p = this.map.get(id); if (p?.online) p.lastSeen = this.o.clock(); else this.set(id, true); }
  setState(id: string, state: Record<string, unknown>): void { this.upd(id, (p) => { p.state = state; p.lastSeen = this.o.clock(); }); }

  /** A device's availability message: `offline` does not count while it has a live session (a late Last Will). */
  availability(id: string, online: boolean): void {
    if (!online && this.o.isLive?.(id)) return;
    this.set(id, online);
  }

  /** The broker accepted a session for the device. */
  connected(id: string): void { this.set(id, true); }
  /** The device's session ended (clean or not) and no newer session took its place. */
  disconnected(id: string): void { if (!this.o.isLive?.(id)) this.set(id, false); }

  list(): DeviceListEntry[] {
    const now = this.o.clock();
    return this.o.registry.list().map((d) => {
      const p = this.get(d.id);
      return { id: d.id, kind: d.kind, name: d.name, counterId: d.counterId, disabled: d.disabled, ...p,
        ageS: p.lastSeen === null ? null : Math.max(0, Math.round((now - p.lastSeen) / 1000)) };
    });
  }

  /** Coalesce bursts of changes into one retained message. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.publish(); }, 100);
    this.timer.unref();
  }

  publish(): void {
    this.save();
    this.o.bus.publish(hubTopic.devices(this.o.office), { v: 1, at: this.o.clock(), devices: this.list() }, { retain: true, qos: 1 });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.save();
  }

  /** What was last known before a restart: never online (the device has to say so again). */
  private load(): void {
    const row = this.o.db?.prepare('SELECT value FROM meta WHERE key = ?').get(META_KEY) as { value: string } | undefined;
    if (!row) return;
    try {
      const known = JSON.parse(row.value) as Record<string, { lastSeen: number | null; state: Record<string, unknown> | null }>;
      for (const [id, k] of Object.entries(known)) this.map.set(id, { online: false, lastSeen: k.lastSeen, state: k.state });
    } catch { /* a damaged row only loses the last known states */ }
  }

  private save(): void {
    const db = this.o.db;
    if (!db?.open) return;
    const known = Object.fromEntries([...this.map].map(([id, p]) => [id, { lastSeen: p.lastSeen, state: p.state }]));
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(META_KEY, JSON.stringify(known));
  }
}
