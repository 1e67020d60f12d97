import { CONFIG_VERSION } from './schema.js';

/**
 * Forward migrations of the config file, one step per version: MIGRATIONS[n] turns version n into n+1.
 * A file without a version is taken as version 1 (the first published format).
 */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateConfig(doc: Record<string, unknown>): Record<string, unknown> {
  let v = typeof doc.version === 'number' ? doc.version : (doc.version === undefined ? CONFIG_VERSION : NaN);
  if (doc.version === undefined) doc.version = v;
  while (Number.isInteger(v) && v < CONFIG_VERSION) {
    const step = MIGRATIONS[v];
    if (!step) break;
    doc = step(doc);
    v += 1;
    doc.version = v;
  }
  return doc; // a version newer than CONFIG_VERSION fails the schema's `const` with a clear message
}
