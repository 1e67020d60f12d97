import { CONFIG_VERSION } from './schema.js';
import { v1ToV2 } from './migrations/v1-to-v2.js';
import type { ConfigWarning, MigrationStep } from './migrations/types.js';

export type { ConfigWarning };

/**
 * Forward migrations of the config file, one step per version: MIGRATIONS[n] turns version n into n+1.
 * A file without a version is taken as version 1 (the first published format).
 */
export const MIGRATIONS: Record<number, MigrationStep> = { 1: v1ToV2 };

export interface Migrated { doc: Record<string, unknown>; from: number; warnings: ConfigWarning[] }

/** Bring a parsed document to CONFIG_VERSION (or as far as the steps go); the document is changed in place. */
export function migrateConfigReport(doc: Record<string, unknown>): Migrated {
  const warnings: ConfigWarning[] = [];
  let v = typeof doc.version === 'number' ? doc.version : (doc.version === undefined ? 1 : NaN);
  const from = v;
  if (doc.version === undefined) doc.version = v;
  while (Number.isInteger(v) && v < CONFIG_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    doc = step(doc, (path, message) => warnings.push({ path, message }));
    v += 1;
    doc.version = v;
  }
  if (from < v) warnings.unshift({ path: 'version', message: `Cấu hình phiên bản ${from} đã được chuyển lên ${v}; ghi lại bằng "motcua config migrate". / Migrated from version ${from} to ${v}; write it back with "motcua config migrate".` });
  return { doc, from, warnings }; // a version newer than CONFIG_VERSION fails the schema's `const` with a clear message
}

export function migrateConfig(doc: Record<string, unknown>): Record<string, unknown> {
  return migrateConfigReport(doc).doc;
}
