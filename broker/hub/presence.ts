import type { DeviceRegistry } from '../devices/registry.js';
import { hubTopic } from '../../protocol/topics.js';
import type { Bus } from './bus.js';

export interface DevicePresence { online: boolean; lastSeen: number | null; state: Record<string, unknown> | null }

/** Which devices are online, when each was last heard from, and their last reported state; published retained. */
export class Presence {
  private readonly map = new Map<string, DevicePresence>();
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly o: { office: string; bus: Bus; registry: DeviceRegistry; clock: () => number; onChange?: (id: string, p: DevicePresence) => void }) {}

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
  seen(id: string): void { const p = this.map.get(id); if (p) p.lastSeen = this.o.clock(); else this.set(id, true); }
  setState(id: string, state: Record<string, unknown>): void { this.upd(id, (p) => { p.state = state; p.lastSeen = this.o.clock(); }); }

  list(): ({ id: string; kind: string; name: string; counterId: string | null; disabled: boolean } & DevicePresence)[] {
    return this.o.registry.list().map((d) => ({ id: d.id, kind: d.kind, name: d.name, counterId: d.counterId, disabled: d.disabled, ...this.get(d.id) }));
  }

  /** Coalesce bursts of changes into one retained message. */
  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = null; this.publish(); }, 100);
    this.timer.unref();
  }

  publish(): void {
    this.o.bus.publish(hubTopic.devices(this.o.office), { v: 1, at: this.o.clock(), devices: this.list() }, { retain: true, qos: 1 });
  }

  stop(): void { if (this.timer) clearTimeout(this.timer); this.timer = null; }
}
