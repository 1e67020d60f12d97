/**
 * Baselines and scoring of the wait-forecast benchmark (issue 23): Erlang C (M/M/c) per field, and the tally of
 * absolute errors and of real waits inside a predictor's range, in minutes as a person is told them.
 */

/**
 * Erlang C for a ticket of a field served by `c` counters, arrivals `lambda` and service rate `mu` per minute:
 * the mean wait and its 10th/90th percentiles from P(W > t) = C·e^{-(cμ-λ)t}. Where the queue is not stable
 * (λ ≥ cμ, or no counter) the formula has no answer: the mean falls back to (ahead + 1) / (cμ), with no range.
 */
export function erlangC(c: number, lambda: number, mu: number, ahead: number): { mean: number; lo: number; hi: number } {
  const a = lambda / mu;
  if (c < 1 || a >= c) return { mean: (ahead + 1) / (Math.max(1, c) * mu), lo: NaN, hi: NaN };
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) { if (k > 0) term *= a / k; sum += term; }
  const last = ((term * a) / c) * (c / (c - a));
  const C = last / (sum + last);
  const rate = c * mu - lambda;
  const q = (p: number) => (1 - p >= C ? 0 : -Math.log((1 - p) / C) / rate);
  return { mean: C / rate, lo: q(0.1), hi: q(0.9) };
}

/** Mean of `value` per `key`. */
export function meanBy<T>(xs: T[], key: (x: T) => string, value: (x: T) => number): Map<string, number> {
  const acc = new Map<string, [number, number]>();
  for (const x of xs) { const k = key(x); const [s, n] = acc.get(k) ?? [0, 0]; acc.set(k, [s + value(x), n + 1]); }
  return new Map([...acc].map(([k, [s, n]]) => [k, s / n]));
}

/** Errors and range hits of one predictor, in minutes; the range as told (10th floored, 90th rounded up). */
export class Tally {
  private err = 0;
  private bias = 0;
  private real = 0;
  private n = 0;
  private ranged = 0;
  private inside = 0;
  add(p: { mid: number; lo?: number; hi?: number }, realMs: number): void {
    const real = realMs / 60_000;
    this.err += Math.abs(p.mid / 60_000 - real);
    this.bias += p.mid / 60_000 - real;
    this.real += real;
    this.n++;
    if (p.lo === undefined || p.hi === undefined) return;
    this.ranged++;
    if (Math.floor(p.lo / 60_000) <= real && real <= Math.ceil(p.hi / 60_000)) this.inside++;
  }
  /** Mean absolute error and mean error (bias, + = told too long), minutes; share inside the range; mean real wait. */
  summary(): { maeMin: number; biasMin: number; inRange: number | null; n: number; meanWaitMin: number } {
    const r2 = (x: number) => Math.round(x * 100) / 100;
    const n = Math.max(1, this.n);
    return { maeMin: r2(this.err / n), biasMin: r2(this.bias / n), inRange: this.ranged ? Math.round((this.inside / this.ranged) * 1000) / 1000 : null, n: this.n, meanWaitMin: r2(this.real / n) };
  }
}
