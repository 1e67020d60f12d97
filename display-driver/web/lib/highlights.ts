/**
 * The "now calling" highlight: calls queue and each is shown for at least `minMs`, so a number is never
 * flashed for a second when several counters call together. After its minimum a highlight gives way as soon
 * as another call waits; with nothing waiting it keeps flashing up to `maxMs`, then stays shown, calm.
 */
import type { CallMessage } from './types.js';

export interface HighlightEntry { number: string; counterNumber: number; kind: string; start: number; end: number | null }

export class HighlightQueue {
  private readonly pending: CallMessage[] = [];
  private current: { call: CallMessage; since: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Read-only record of what was highlighted and for how long (exposed to tests as window.__highlightLog). */
  readonly log: HighlightEntry[] = [];

  constructor(private readonly o: {
    show: (call: CallMessage, active: boolean) => void;
    minMs?: number; maxMs?: number; now?: () => number;
  }) {}

  private get minMs(): number { return this.o.minMs ?? 5000; }
  private get maxMs(): number { return this.o.maxMs ?? 10_000; }
  private now(): number { return (this.o.now ?? Date.now)(); }

  push(call: CallMessage): void {
    this.pending.push(call);
    if (!this.current) { this.next(); return; }
    const shown = this.now() - this.current.since;
    if (shown >= this.minMs) this.next();
  }

  /** Calls waiting for their turn. */
  get backlog(): number { return this.pending.length; }

  private next(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const t = this.now();
    const last = this.log[this.log.length - 1];
    if (last && last.end === null) last.end = t;
    const call = this.pending.shift();
    if (!call) {
      if (this.current) this.o.show(this.current.call, false);
      this.current = null;
      return;
    }
    this.current = { call, since: t };
    this.log.push({ number: call.number, counterNumber: call.counterNumber, kind: call.kind, start: t, end: null });
    this.o.show(call, true);
    this.timer = setTimeout(() => this.afterMin(), this.minMs);
  }

  private afterMin(): void {
    if (this.pending.length > 0) { this.next(); return; }
    this.timer = setTimeout(() => this.next(), this.maxMs - this.minMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
