import { join, resolve } from 'node:path';
import type { OfficeConfig } from '../../config/types.js';
import { openDatabase, type Db } from '../db/open.js';
import { isMcError } from '../../protocol/errors.js';
import { EXIT, explainStartError, loadOrExplain } from '../run.js';

/** Exit codes of the admin commands (added to run.ts's EXIT): 69 the hub is running, 73 output exists. */
export const ADMIN_EXIT = { ...EXIT, RUNNING: 69, EXISTS: 73 } as const;

export const dbFileOf = (cfg: OfficeConfig): string => join(resolve(cfg.hub.dataDir), 'motcua.db');

/** Load the office config and open its database, or explain why not (returns the exit code). */
export function openOffice(configFile: string | undefined): { cfg: OfficeConfig; db: Db } | number {
  if (!configFile) { console.error('--config office.yaml is required'); return EXIT.USAGE; }
  const cfg = loadOrExplain(configFile);
  if (typeof cfg === 'number') return cfg;
  try { return { cfg, db: openDatabase(dbFileOf(cfg)) }; } catch (e) { const x = explainStartError(e); console.error(x.line); return x.code; }
}

/** An error a person can act on: McError as its code, the Vietnamese message, then the English one; else the message. */
export function explain(e: unknown): string {
  return isMcError(e) ? `${e.code}: ${e.vi}\n  ${e.message}` : (e as Error).message;
}

/** Progress goes to stderr so that stdout stays machine-readable (JSON) for scripts. */
export const progress = (line: string): void => { process.stderr.write(`${line}\n`); };
