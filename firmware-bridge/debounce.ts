import type { Clock } from './types.js';

/**
 * One action per real press. A press is accepted only if the same key has not been accepted within
 * `lockoutMs` (contact bounce, a second nervous press) and the key was seen released since (a stuck
 * key or HID key repeat never produces a second action).
 */
export class PressGate {
  private readonly lastAccepted = new Map<string, number>();
  private readonly down = new Set<string>();

  constructor(private readonly clock: Clock, private readonly lockoutMs = 300) {}

  /** Key went down. Returns true when this is a real new press that should act. */
  press(key: string): boolean {
    if (this.down.has(key)) return false;
    this.down.add(key);
    const now = this.clock.now();
    const last = this.lastAccepted.get(key);
    if (last !== undefined && now - last < this.lockoutMs) return false;
    this.lastAccepted.set(key, now);
    return true;
  }

  /** Key went up. */
  release(key: string): void { this.down.delete(key); }

  /** Forget everything (device re-plugged). */
  reset(): void { this.down.clear(); }
}
