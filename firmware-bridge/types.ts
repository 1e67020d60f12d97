import type { Logger } from 'pino';

/** Injected clock (milliseconds since the epoch). Tests may pass a controllable one. */
export interface Clock {
  now(): number;
  /** Run `fn` once `ms` have passed on this clock; returns a cancel. (A duration, not a date: the board's clock may be
   * years off.) Clocks without it fall back to the process's timers. */
  after?(ms: number, fn: () => void): () => void;
}
export const systemClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => { const h = setTimeout(fn, ms); h.unref(); return () => clearTimeout(h); },
};

export type Log = Logger;

/** One hardware connection a driver holds while its device is plugged in. */
export interface DeviceSession {
  /** Resolves when the session ended (unplugged, port closed, fatal garbage). */
  readonly ended: Promise<string>;
  close(): Promise<void>;
}
