/**
 * Which queue events mean a message, for the tickets whose holders asked for messages (pure: no I/O). The call
 * ("Mời quý vị đến Quầy 3") on every `ticket.called`; "N people before you" once, when a waiting ticket first has
 * between 1 and `aheadThreshold` people ahead of it.
 */
import type { OfficeConfig } from '../../config/types.js';
import { estimateTicket } from '../queue/select.js';
import type { QueueEvent, QueueState } from '../queue/types.js';

export interface Triggered { kind: 'ahead' | 'called'; ticketId: string; idemKey: string; vars: Record<string, string> }

/** `subs`: ticket id → whether its "few ahead" message was already made. `recount`: look at every place (a new opt-in). */
export function queueTriggers(events: QueueEvent[], s: QueueState, subs: ReadonlyMap<string, { aheadSent: boolean }>, cfg: OfficeConfig, recount = false): Triggered[] {
  if (subs.size === 0) return [];
  const out: Triggered[] = [];
  const called = new Set<string>();
  const office = cfg.office.shortName || cfg.office.name;
  for (const e of events) {
    if (e.type !== 'ticket.called' || !subs.has(e.data.ticketId)) continue;
    const t = s.tickets.get(e.data.ticketId);
    const counter = cfg.counters.find((c) => c.id === e.data.counterId);
    if (!t || !counter) continue;
    called.add(t.id);
    out.push({ kind: 'called', ticketId: t.id, idemKey: `called:${t.id}:${e.at}`, vars: { office, number: t.number, counter: String(counter.number) } });
  }
  if (!recount && !events.some((e) => e.type.startsWith('ticket.') || e.type.startsWith('clerk.'))) return out;
  for (const [id, sub] of subs) {
    if (sub.aheadSent || called.has(id)) continue;
    const t = s.tickets.get(id);
    if (!t || t.status !== 'waiting') continue;
    const { ahead } = estimateTicket(s, t, cfg);
    if (ahead >= 1 && ahead <= cfg.messages.aheadThreshold) {
      out.push({ kind: 'ahead', ticketId: id, idemKey: `ahead:${id}`, vars: { office, number: t.number, n: String(ahead) } });
    }
  }
  return out;
}
