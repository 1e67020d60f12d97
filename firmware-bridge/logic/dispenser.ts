/**
 * Ticket dispenser buttons: one per field plus a priority button. Priority arms the next field press
 * for `priorityWindowMs`. One `issue` request per accepted press (PressGate), at most one in flight per
 * button: presses while that button's ticket is being issued are ignored, so bounce and impatient double presses never
 * make two tickets. A refused issue (printer offline, print failed, office closed…) is shown as a fault.
 */
import { PressGate } from '../debounce.js';
import type { Clock } from '../types.js';
import { toFault, type DeviceFault, type Requester } from './requester.js';

import type { Priority } from '../../protocol/enums.js';
export type { Priority };

export interface DispenserView {
  /** Ticket issued (result of the hub). */
  issued(result: unknown): void;
  /** The hub refused or did not answer. */
  fault(f: DeviceFault): void;
  /** Priority armed or disarmed (light its LED). */
  priority(armed: boolean): void;
}

export class DispenserLogic {
  private readonly gate: PressGate;
  private armedAt: number | null = null;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly dev: Requester,
    private readonly view: DispenserView,
    private readonly clock: Clock,
    private readonly opts: { priorityKind?: Priority; priorityWindowMs?: number; lockoutMs?: number } = {},
  ) {
    this.gate = new PressGate(clock, opts.lockoutMs ?? 500);
  }

  /** Key down: `field:<id>` or `priority`. Resolves when the resulting request (if any) finished. */
  async press(key: string): Promise<void> {
    if (!this.gate.press(key)) return;
    if (key === 'priority') { this.armedAt = this.clock.now(); this.view.priority(true); return; }
    if (!key.startsWith('field:') || this.inFlight.has(key)) return;
    const fieldId = key.slice('field:'.length);
    const priority = this.armed() ? (this.opts.priorityKind ?? 'elderly') : null;
    if (this.armedAt !== null) { this.armedAt = null; this.view.priority(false); }
    this.inFlight.add(key);
    try {
      const result = await this.dev.request('issue', priority ? { fieldId, priority } : { fieldId });
      this.view.issued(result);
    } catch (err) {
      this.view.fault(toFault(err));
    } finally {
      this.inFlight.delete(key);
    }
  }

  release(key: string): void { this.gate.release(key); }

  private armed(): boolean {
    return this.armedAt !== null && this.clock.now() - this.armedAt <= (this.opts.priorityWindowMs ?? 10_000);
  }
}
