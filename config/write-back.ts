/**
 * `motcua config migrate`: bring a configuration file to the current version and write it back. Nothing is
 * written unless the migrated configuration is valid; the previous file is kept as `.bak`; the comments at
 * the top of the file are kept.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { checkConfig, parseConfigText, saveConfigText, type ConfigWarning } from './load.js';
import { migrateConfigReport } from './migrate.js';
import { CONFIG_VERSION } from './schema.js';

export interface WriteBack { file: string; from: number; to: number; written: boolean; warnings: ConfigWarning[] }

export function migrateFile(file: string, out = file): WriteBack {
  const text = readFileSync(file, 'utf8');
  const parsed = parseConfigText(text, file);
  const { warnings } = checkConfig(parsed, file); // throws ConfigError, listing every problem: nothing written
  const { doc, from } = migrateConfigReport(structuredClone(parsed) as Record<string, unknown>);
  if (from === CONFIG_VERSION && out === file) return { file: out, from, to: CONFIG_VERSION, written: false, warnings };
  const head = out.endsWith('.json') ? '' : text.split('\n').filter((l, i, all) => l.startsWith('#') && all.slice(0, i).every((x) => x.startsWith('#'))).join('\n');
  const body = out.endsWith('.json') ? JSON.stringify(doc, null, 2) + '\n' : stringify(doc, { lineWidth: 0 });
  saveConfigText(out, head ? `${head}\n${body}` : body);
  return { file: out, from, to: CONFIG_VERSION, written: true, warnings };
}
