import type { OfficeConfig } from '../../config/types.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { CallMessage, CenterPoints, CounterMessage, HallMessage, OfficeFigures, QueueMessage, RatingSet } from '../../protocol/messages.js';
import { deviceTopic, hubTopic, PROTOCOL_VERSION } from '../../protocol/topics.js';
import type { ConfigSource } from '../live-config.js';
import type { QueueService } from '../queue/service.js';
import type { QueueEvent } from '../queue/types.js';
import type { Bus } from './bus.js';

export type OfficeFiguresView = OfficeFigures;

/** How long hall/queue updates are coalesced (ms): well under what a person notices on a TV. */
export const HALL_COALESCE_MS = 30;

export function callText(number: string, counterNumber: number): string {
  return `Mời công dân có số thứ tự ${number} đến quầy số ${counterNumber}`;
}

/**
 * Turns committed queue events into retained state for displays (counter, hall, queue), call messages for
 * voice, and rating-pad commands. Displays that reconnect get the truth from the retained messages at once.
 */
export class StatePublisher {
  private recent: CallMessage[] = [];
  private pending: NodeJS.Timeout | null = null;
  figures: OfficeFiguresView | null = null;
  /** The center's other reception points (config `onestop.centerId`), from the provincial broker. */
  points: CenterPoints | null = null;
  constructor(private readonly o: { office: string; bus: Bus; queue: QueueService; registry: DeviceRegistry; clock: () => number; config: ConfigSource }) {}

  private get cfg(): OfficeConfig { return this.o.config.get(); }

  start(): void {
    this.o.queue.on('committed', (evs) => this.onEvents(evs));
    // a renamed field or counter, a new notice: every display shows it at once
    this.o.config.on('change', () => this.publishAll());
    this.publishAll();
  }

  publishAll(): void {
    for (const c of this.cfg.counters) this.publishCounter(c.id);
    this.publishQueue();
    this.publishHall();
  }

  counterState(counterId: string): CounterMessage {
    const c = this.cfg.counters.find((k) => k.id === counterId);
    const st = this.o.queue.snapshot.counters.get(counterId);
    const t = st?.ticketId ? this.o.queue.ticket(st.ticketId) : undefined;
    const clerk = st?.clerkId ? this.cfg.clerks.find((k) => k.id === st.clerkId) : undefined;
    const field = t ? this.cfg.fields.find((f) => f.id === t.fieldId) : undefined;
    return {
      v: PROTOCOL_VERSION, counterId, counterNumber: c?.number ?? 0, counterName: c?.name ?? counterId,
      fields: (c?.fields ?? []).map((id) => this.cfg.fields.find((f) => f.id === id)?.name ?? id),
      open: !!st?.clerkId,
      ticket: t ? { ticketId: t.id, number: t.number, fieldName: field?.name ?? t.fieldId, status: t.status, priority: t.priority } : null,
      clerk: clerk ? { id: clerk.id, name: clerk.name, title: clerk.title, workField: clerk.workField, phone: clerk.phone } : null,
      at: this.o.clock(),
    };
  }

  hallState(): HallMessage {
    return {
      v: PROTOCOL_VERSION, office: { name: this.cfg.office.name, shortName: this.cfg.office.shortName, level: this.cfg.office.level },
      counters: this.cfg.counters.map((c) => {
        const s = this.counterState(c.id);
        return { counterId: c.id, counterNumber: c.number, counterName: c.name, fields: s.fields, open: s.open, number: s.ticket?.number ?? null, clerkName: s.clerk?.name ?? null, ...(c.sector ? { sector: c.sector } : {}) };
      }),
      recent: this.recent, waiting: this.o.queue.fieldWaits(), figures: this.figures, notice: this.cfg.texts.notice,
      voice: this.cfg.voice, ...(this.points ? { points: this.points } : {}), at: this.o.clock(),
    };
  }

  private publishCounter(id: string): void {
    this.o.bus.publish(hubTopic.counter(this.o.office, id), this.counterState(id), { retain: true, qos: 1 });
  }
  private publishQueue(): void {
    const msg: QueueMessage = { v: PROTOCOL_VERSION, fields: this.o.queue.fieldWaits(), at: this.o.clock() };
    this.o.bus.publish(hubTopic.queue(this.o.office), msg, { retain: true, qos: 1 });
  }
  publishHall(): void {
    this.o.bus.publish(hubTopic.hall(this.o.office), this.hallState(), { retain: true, qos: 1 });
  }

  private onEvents(evs: QueueEvent[]): void {
    const counters = new Set<string>();
    for (const e of evs) {
      const d = e.data as { counterId?: string; fromCounterId?: string; toCounterId?: string | null };
      if (d.counterId) counters.add(d.counterId);
      if (d.fromCounterId) counters.add(d.fromCounterId);
      if (e.type === 'ticket.called' || e.type === 'ticket.resumed' || e.type === 'ticket.recalled') this.call(e.type === 'ticket.recalled' ? 'recall' : 'call', e.data.ticketId, e.data.counterId, e.at);
      if (e.type === 'ticket.finished') this.ratingPads(e.data.counterId, { v: PROTOCOL_VERSION, op: 'open', ticketId: e.data.ticketId, validForS: Math.max(0, Math.floor((e.data.ratingUntil - e.at) / 1000)), levels: this.cfg.rating.levels.map((l) => ({ key: l.key, label: l.label })) });
      if (e.type === 'rating.recorded') this.ratingPads(e.data.counterId, { v: PROTOCOL_VERSION, op: 'close', ticketId: e.data.ticketId, result: 'counted' });
    }
    for (const id of counters) this.publishCounter(id);
    this.scheduleHall();
  }

  /**
   * The hall and queue states summarise the whole office: rebuilt at most every HALL_COALESCE_MS, so a burst of
   * commits costs one rebuild. Counter states and calls (what a citizen waits for) go out at once.
   */
  private scheduleHall(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => { this.pending = null; this.publishQueue(); this.publishHall(); }, HALL_COALESCE_MS);
    this.pending.unref();
  }

  stop(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
  }

  private call(kind: 'call' | 'recall', ticketId: string, counterId: string, at: number): void {
    const t = this.o.queue.ticket(ticketId);
    const c = this.cfg.counters.find((k) => k.id === counterId);
    if (!t || !c) return;
    const msg: CallMessage = { v: PROTOCOL_VERSION, kind, ticketId, number: t.number, counterId, counterNumber: c.number, fieldId: t.fieldId, at, text: callText(t.number, c.number) };
    this.recent = [msg, ...this.recent].slice(0, 10);
    this.o.bus.publish(hubTopic.calls(this.o.office), msg, { qos: 1 });
  }

  private ratingPads(counterId: string, body: RatingSet): void {
    for (const d of this.o.registry.list()) {
      if (d.kind === 'rating' && d.counterId === counterId && !d.disabled) this.o.bus.publish(deviceTopic(this.o.office, 'rating', d.id, 'set'), body, { qos: 1 });
    }
  }
}
