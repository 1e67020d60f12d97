import { ConfigError, loadConfigFile } from '../config/load.js';
import type { OfficeConfig } from '../config/types.js';
import { Hub, type HubOptions } from './app.js';
import { DatabaseRefused } from './db/open.js';
import { createLogger } from './logger.js';

/** Exit codes scripts can rely on. */
export const EXIT = { OK: 0, USAGE: 64, CONFIG: 78, PORT_IN_USE: 75, DATABASE: 74, FAILED: 1 } as const;

/** Turn a start-up failure into one clear line (no stack trace) and an exit code. */
export function explainStartError(e: unknown, cfg?: OfficeConfig): { line: string; code: number } {
  if (e instanceof ConfigError) return { line: e.message, code: EXIT.CONFIG };
  if (e instanceof DatabaseRefused) return { line: e.message, code: EXIT.DATABASE };
  const err = e as NodeJS.ErrnoException & { port?: number; address?: string };
  if (err?.code === 'EADDRINUSE') return { line: `Cổng ${err.port ?? ''} đang được dùng bởi chương trình khác — port ${err.port ?? '?'} on ${err.address ?? cfg?.hub.host ?? ''} is already in use; stop the other program or change hub.port / hub.mqttPort in the office config.`, code: EXIT.PORT_IN_USE };
  if (err?.code === 'EACCES') return { line: `Không có quyền mở cổng ${err.port ?? ''} — permission denied for port ${err.port ?? '?'}; use a port above 1024.`, code: EXIT.PORT_IN_USE };
  return { line: `Hub failed to start: ${(e as Error)?.message ?? String(e)}`, code: EXIT.FAILED };
}

/** Start a hub and keep it running until SIGTERM/SIGINT, then stop it in order. */
export async function runHub(cfg: OfficeConfig, extra: Partial<HubOptions> = {}, afterStart?: (hub: Hub) => Promise<void> | void): Promise<number> {
  const log = createLogger(cfg.hub.logLevel);
  const hub = new Hub({ cfg, log, ...extra });
  try {
    await hub.start();
    await afterStart?.(hub);
  } catch (e) {
    const { line, code } = explainStartError(e, cfg);
    console.error(line);
    await hub.stop().catch(() => undefined);
    return code;
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (sig: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ sig }, 'stopping');
      hub.stop().then(() => resolve(EXIT.OK), (e: unknown) => { console.error(String(e)); resolve(EXIT.FAILED); });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export function loadOrExplain(file: string): OfficeConfig | number {
  try {
    return loadConfigFile(file, (w) => console.error(`${file}: cảnh báo / warning: ${w.path}: ${w.message}`));
  } catch (e) {
    const { line, code } = explainStartError(e);
    console.error(line);
    return code;
  }
}
