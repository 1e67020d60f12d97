import type { Logger } from 'pino';

/** Injected clock (milliseconds since the epoch). Tests may pass a controllable one. */
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };

export type Log = Logger;

/** One hardware connection a driver holds while its device is plugged in. */
export interface DeviceSession {
  /** Resolves when the session ended (unplugged, port closed, fatal garbage). */
  readonly ended: Promise<string>;
  close(): Promise<void>;
}
