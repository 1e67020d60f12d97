import { localTime } from '../queue/calendar.js';

/** UTC offset (ms) at an instant, from the time zone database. */
function offsetAt(at: number, tz: string): number {
  const lt = localTime(at, tz);
  return Date.parse(`${lt.day}T00:00:00Z`) + lt.minutes * 60_000 - Math.floor(at / 60_000) * 60_000;
}

/**
 * Local hour (0–23) of instants in a time zone. The offset is looked up once per 6-hour block (when it is the same at
 * both ends of the block; otherwise, around a DST change, per instant).
 */
export function hourOf(tz: string): (at: number) => number {
  const BLOCK = 6 * 3600_000;
  const cache = new Map<number, number | null>();
  return (at) => {
    const k = Math.floor(at / BLOCK);
    let off = cache.get(k);
    if (off === undefined) {
      const a = offsetAt(k * BLOCK, tz);
      off = a === offsetAt((k + 1) * BLOCK - 1, tz) ? a : null;
      cache.set(k, off);
    }
    const o = off ?? offsetAt(at, tz);
    return Math.floor((((at + o) % 86_400_000) + 86_400_000) % 86_400_000 / 3600_000);
  };
}

/** The instant a local day starts (ms), in the office's time zone. */
export function dayStart(day: string, tz: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const lt = localTime(guess, tz);
  const wall = Date.parse(`${lt.day}T00:00:00Z`) + lt.minutes * 60_000;
  return guess - (wall - guess);
}
