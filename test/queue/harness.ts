import { loadConfigFile } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { apply } from '../../broker/queue/apply.js';
import { decide, rollover } from '../../broker/queue/core.js';
import { serviceDay } from '../../broker/queue/calendar.js';
import { emptyState, isOpen, openTickets, type Command, type QueueEvent, type QueueState } from '../../broker/queue/types.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';

/** The pure core driven in memory: decide, then apply, as the service does (no I/O). */
export class Core {
  s: QueueState;
  log: QueueEvent[] = [];
  constructor(public cfg: OfficeConfig, public now: number) {
    this.s = emptyState(serviceDay(now, cfg.office.timezone));
  }
  static district(at = '2026-11-24T09:00:00+07:00', patch?: (c: OfficeConfig) => void): Core {
    const cfg = loadConfigFile(DISTRICT_EXAMPLE);
    patch?.(cfg);
    return new Core(cfg, Date.parse(at));
  }
  run(cmd: Command): QueueEvent[] {
    for (const e of rollover(this.s, this.now, this.cfg)) { apply(this.s, e); this.log.push(e); }
    const evs = decide(this.s, cmd, { now: this.now, cfg: this.cfg });
    for (const e of evs) { apply(this.s, e); this.log.push(e); }
    this.checkOpenIndex();
    return evs;
  }
  issue(fieldId: string, priority: 'elderly' | 'pregnant' | 'disabled' | null = null): string {
    const e = this.run({ op: 'issue', fieldId, priority, source: 'test', awaitPrint: false })[0];
    if (!e || e.type !== 'ticket.issued') throw new Error('not issued');
    return e.data.ticket.id;
  }
  next(counterId: string): string {
    const e = this.run({ op: 'next', counterId })[0];
    if (!e || e.type !== 'ticket.called') throw new Error('not called');
    return this.s.tickets.get(e.data.ticketId)?.number ?? '';
  }
  /** The invariant behind every scan: the open index is exactly the tickets still in play. */
  checkOpenIndex(): void {
    const want = [...this.s.tickets.values()].filter(isOpen).map((t) => t.id).sort();
    const got = [...openTickets(this.s)].map((t) => t.id).sort();
    if (want.join() !== got.join()) throw new Error(`open index ${got.join()} != open tickets ${want.join()}`);
    for (const [f, m] of this.s.openByField) {
      for (const [id, tk] of m) if (tk.fieldId !== f || this.s.tickets.get(id) !== tk) throw new Error(`${id} is indexed under field ${f} but is ${tk.fieldId}/${tk.status}`);
    }
  }
  tick(ms = 1000): void { this.now += ms; }
}
