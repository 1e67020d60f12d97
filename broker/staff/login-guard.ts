/**
 * The login lockout. Every attempt is counted the moment it starts (a guess in flight counts as a failure until
 * its hash says otherwise), so a burst of parallel guesses meets the same limit as guesses one after another.
 * Three counters, each over a sliding window:
 *   - one account from one address (5): a person who forgot their password, or a guesser;
 *   - one address over all accounts (20): password spraying, one guess per account;
 *   - one account from all addresses (50): guesses spread over many addresses.
 * A success clears its account-and-address counter only: earlier failures still count for the others.
 */
export const LOGIN_LIMITS = { perAccountAddress: 5, perAddress: 20, perAccount: 50, windowMs: 5 * 60_000 } as const;

interface Slot { at: number[]; inFlight: number }

export class LoginGuard {
  private readonly slots = new Map<string, Slot>();
  constructor(private readonly clock: () => number, private readonly limits = LOGIN_LIMITS) {}

  /** Reserve an attempt; false (nothing reserved) when any counter is at its limit. */
  begin(username: string, from: string): boolean {
    const now = this.clock();
    const keys = this.keys(username, from);
    const full = keys.some(([k, limit]) => { const s = this.slot(k, now); return s.at.length + s.inFlight >= limit; });
    if (full) return false;
    for (const [k] of keys) (this.slots.get(k) as Slot).inFlight++;
    return true;
  }

  /** The attempt's answer: a failure stays counted, a success clears the account-and-address counter. */
  end(username: string, from: string, ok: boolean): void {
    const now = this.clock();
    for (const [k] of this.keys(username, from)) {
      const s = this.slot(k, now);
      s.inFlight = Math.max(0, s.inFlight - 1);
      if (!ok) s.at.push(now);
    }
    if (ok) this.slots.delete(`ua|${username}|${from}`);
    if (this.slots.size > 10_000) this.prune(now);
  }

  private keys(username: string, from: string): [string, number][] {
    return [[`ua|${username}|${from}`, this.limits.perAccountAddress], [`a|${from}`, this.limits.perAddress], [`u|${username}`, this.limits.perAccount]];
  }

  private slot(k: string, now: number): Slot {
    const s = this.slots.get(k) ?? { at: [], inFlight: 0 };
    s.at = s.at.filter((t) => t > now - this.limits.windowMs);
    this.slots.set(k, s);
    return s;
  }

  /** Forget counters with nothing in the window and nothing in flight (bounded memory under a flood of names). */
  private prune(now: number): void {
    for (const [k, s] of this.slots) if (s.inFlight === 0 && !s.at.some((t) => t > now - this.limits.windowMs)) this.slots.delete(k);
  }
}
