/**
 * Requests per key over a sliding window on the hub's clock (as the login guard does): per client address, per API
 * client, per phone. Memory stays bounded: keys with nothing in their window are forgotten.
 */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly clock: () => number, private readonly windowMs = 60_000) {}

  /** Count a request for `key`; false (not counted) when `limit` requests are already in the window. */
  take(key: string, limit: number): boolean {
    const now = this.clock();
    const xs = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (xs.length >= limit) { this.hits.set(key, xs); return false; }
    xs.push(now);
    this.hits.set(key, xs);
    if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (!v.some((t) => t > now - this.windowMs)) this.hits.delete(k);
    return true;
  }
}
