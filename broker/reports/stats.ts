import type { Durations } from '../../protocol/reports.js';

/** Pure statistics over durations in ms; results in seconds. */
export const WAIT_BUCKETS = [0, 5, 10, 15, 30, 60];
export const SERVICE_BUCKETS = [0, 5, 10, 20, 30, 60];

const sec = (ms: number): number => Math.round(ms / 100) / 10;

type Sorted = ArrayLike<number>;

/** Sort numbers ascending, natively (a typed array sorts numerically, several times faster than a comparator). */
export function sortNumbers(xs: number[]): Float64Array {
  const a = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) a[i] = xs[i] as number;
  return a.sort();
}

/** Median of sorted values: the middle one, or the mean of the two middle ones. */
export function median(sorted: Sorted): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const m = n >> 1;
  return n % 2 ? (sorted[m] as number) : ((sorted[m - 1] as number) + (sorted[m] as number)) / 2;
}

/** Nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: Sorted, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * n) - 1)] as number;
}

function bucketLabel(from: number, to: number | undefined): string {
  return to === undefined ? `≥ ${from} phút` : `${from}–${to} phút`;
}

/** Figures of a list of durations (ms). */
export function durations(list: number[], edgesMin: number[]): Durations {
  const ms = sortNumbers(list);
  const buckets = edgesMin.map((from, i) => ({ label: bucketLabel(from, edgesMin[i + 1]), fromMin: from, toMin: edgesMin[i + 1] ?? null, count: 0 }));
  let sum = 0;
  let b = 0;
  for (const x of ms) {
    sum += x;
    while (b + 1 < buckets.length && x >= (buckets[b + 1]?.fromMin ?? Infinity) * 60_000) b++;
    (buckets[b] as { count: number }).count++;
  }
  const n = ms.length;
  const opt = (v: number | null) => (v === null ? null : sec(v));
  return { count: n, mean: n ? sec(sum / n) : null, median: opt(median(ms)), p90: opt(percentile(ms, 90)), max: n ? sec(ms[n - 1] as number) : null, buckets };
}
