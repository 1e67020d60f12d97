/**
 * A johnny-five Board on an already open serial stream, through firmata-io (never johnny-five's own
 * serialport detection). Resolves when the Firmata handshake finished; rejects after `timeoutMs`.
 */
import five from 'johnny-five';
import firmataIo from 'firmata-io';
import type { EventEmitter } from 'node:events';
import type { SerialStream } from '../serial/link.js';

export type J5Board = five.Board;

export function openBoard(port: SerialStream, timeoutMs = 10_000): Promise<J5Board> {
  const io = new firmataIo.Firmata(port, { reportVersionTimeout: Math.min(2000, timeoutMs) });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false, timeout: timeoutMs } as five.BoardOption);
  // The port is already open, so firmata-io never sees the transport's `open` and never emits
  // `connect`; johnny-five postpones `ready` until `connect`. Give it the `connect` it waits for.
  io.once('ready', () => { if (!(board as unknown as { isConnected: boolean }).isConnected) io.emit('connect'); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); reject(new Error(`Firmata handshake timed out after ${timeoutMs} ms`)); }, timeoutMs);
    const onReady = () => { cleanup(); resolve(board); };
    const onError = (err: unknown) => { cleanup(); reject(err instanceof Error ? err : new Error(String((err as { message?: string })?.message ?? err))); };
    const em = board as unknown as EventEmitter;
    const cleanup = () => { clearTimeout(timer); em.off('ready', onReady); em.off('error', onError); };
    em.on('ready', onReady);
    em.on('error', onError);
  });
}

/** Stop johnny-five's timers for this board and drop it from its global list. */
export function disposeBoard(board: J5Board): void {
  const b = board as unknown as { timer?: NodeJS.Timeout | null; removeAllListeners(): void; io?: { removeAllListeners(): void; reportVersionTimeoutId?: NodeJS.Timeout } };
  if (b.timer) clearTimeout(b.timer);
  if (b.io?.reportVersionTimeoutId) clearTimeout(b.io.reportVersionTimeoutId);
  b.io?.removeAllListeners();
  // A write still queued when the port closes errors on the transport; firmata-io re-emits it on io.
  (b.io as unknown as { on?(ev: string, f: () => void): void } | undefined)?.on?.('error', () => undefined);
  const list = (five.Board as unknown as { boards?: unknown[] }).boards;
  if (Array.isArray(list)) { const i = list.indexOf(board); if (i >= 0) list.splice(i, 1); }
}
