import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger. Modules take `log.child({ mod: 'name' })`; raw bytes only at debug level. */
export function createLogger(level: string, dest?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { app: 'motcua-hub' }, timestamp: pino.stdTimeFunctions.isoTime }, dest ?? process.stdout);
}
