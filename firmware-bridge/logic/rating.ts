/**
 * Satisfaction pad: dark until the hub opens it for one ticket (`set` op `open`), then each key is one
 * level. The first accepted press sends one `rate`; every later press until the next `open` sends
 * nothing (no double ratings). `close` or the end of the `validForS` lifetime (on the pad's own clock) darkens it:
 * the keys go dark when the lifetime ends, even if the hub's `close` never comes (a lost link), so a pad never
 * invites a press it would not send.
 */
import { PressGate } from '../debounce.js';
import type { Clock } from '../types.js';
import { toFault, type DeviceFault, type Requester } from './requester.js';

export interface RatingLevel { key: string; label: string }
export interface RatingView {
  /** Which keys are lit (index = key position). */
  lights(on: boolean[]): void;
  rated(level: string): void;
  fault(f: DeviceFault): void;
  closed(result: 'counted' | 'not_counted' | null): void;
}

type State = { open: false } | { open: true; ticketId: string; until: number; levels: RatingLevel[]; sent: boolean };

export class RatingLogic {
  private state: State = { open: false };
  private readonly gate: PressGate;
  private cancelExpiry: (() => void) | null = null;

  constructor(private readonly dev: Requester, private readonly view: RatingView, private readonly clock: Clock, private readonly keyCount = 4) {
    this.gate = new PressGate(clock, 300);
  }

  get isOpen(): boolean { return this.state.open && this.clock.now() <= this.state.until; }

  /** A message from the hub on the pad's `set` topic. */
  onSet(msg: Record<string, unknown>): void {
    if (msg.op === 'open' && typeof msg.ticketId === 'string' && Array.isArray(msg.levels)) {
      const levels = (msg.levels as unknown[]).filter((l): l is RatingLevel => !!l && typeof (l as RatingLevel).key === 'string');
      // a lifetime, not the hub's date: this board's clock may be years off (no battery, no NTP)
      const validForS = typeof msg.validForS === 'number' && msg.validForS >= 0 ? msg.validForS : 60;
      const until = this.clock.now() + validForS * 1000;
      const state: State = { open: true, ticketId: msg.ticketId, until, levels, sent: false };
      this.state = state;
      this.view.lights(Array.from({ length: this.keyCount }, (_, i) => i < levels.length));
      this.expireAfter(validForS * 1000, state);
    } else if (msg.op === 'close') {
      this.cancelExpiry?.();
      this.cancelExpiry = null;
      this.state = { open: false };
      this.view.lights(Array(this.keyCount).fill(false));
      this.view.closed(msg.result === 'counted' || msg.result === 'not_counted' ? msg.result : null);
    }
  }

  /** Dark at the end of the lifetime, if that opening is still the current one. */
  private expireAfter(ms: number, opened: State): void {
    this.cancelExpiry?.();
    const fire = (): void => {
      this.cancelExpiry = null;
      if (this.state !== opened) return;
      this.state = { open: false };
      this.view.lights(Array(this.keyCount).fill(false));
      this.view.closed(null);
    };
    if (this.clock.after) { this.cancelExpiry = this.clock.after(ms, fire); return; }
    const h = setTimeout(fire, ms);
    h.unref();
    this.cancelExpiry = () => clearTimeout(h);
  }

  /** Stop the lifetime's timer (the device was unplugged). */
  dispose(): void { this.cancelExpiry?.(); this.cancelExpiry = null; }

  /** Key `index` (0 = leftmost, the best level) went down. */
  async press(index: number): Promise<void> {
    if (!this.gate.press(String(index))) return;
    const s = this.state;
    if (!s.open || s.sent || this.clock.now() > s.until) return;
    const level = s.levels[index];
    if (!level) return;
    s.sent = true;
    this.view.lights(Array.from({ length: this.keyCount }, (_, i) => i === index));
    try {
      await this.dev.request('rate', { level: level.key, ticketId: s.ticketId });
      this.view.rated(level.key);
    } catch (err) {
      this.view.fault(toFault(err));
    }
  }

  release(index: number): void { this.gate.release(String(index)); }
}
