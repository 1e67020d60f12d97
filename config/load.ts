import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { officeSchema, CONFIG_VERSION } from './schema.js';
import type { OfficeConfig } from './types.js';
import { migrateConfigReport, type ConfigWarning } from './migrate.js';
import { checkOffice, checkRatingAndCodes } from './office-check.js';
import { checkCalendars } from './calendar-check.js';
import { defaultNotice, fillNames } from './office-texts.js';

export type { ConfigWarning };

export interface ConfigProblem { path: string; message: string }

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(source: string, problems: ConfigProblem[]) {
    super(`Cấu hình không hợp lệ (${source}) — invalid configuration:\n` + problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
const validateSchema = ajv.compile(officeSchema);

function pointerToPath(p: string): string {
  return p === '' ? '(root)' : p.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}

function plain(e: ErrorObject): ConfigProblem {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return { path: path === '(root)' ? String(p.missingProperty) : `${path}.${String(p.missingProperty)}`, message: 'bắt buộc / is required' };
    case 'additionalProperties': return { path, message: `khóa không có trong lược đồ / unknown key "${String(p.additionalProperty)}"` };
    case 'enum': {
      const list = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { path, message: `giá trị ${JSON.stringify(e.data)} không hợp lệ, phải là một trong ${list} / must be one of ${list}` };
    }
    case 'const': return { path, message: `phải là ${JSON.stringify(p.allowedValue)} / must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern': return { path, message: `sai định dạng / has an invalid format (expected ${String(p.pattern)})` };
    default: return { path, message: e.message ?? 'is invalid' };
  }
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function dupes(list: { id: string }[], where: string): ConfigProblem[] {
  const seen = new Set<string>();
  const out: ConfigProblem[] = [];
  list.forEach((x, i) => {
    if (seen.has(x.id)) out.push({ path: `${where}[${i}].id`, message: `duplicate id "${x.id}"` });
    seen.add(x.id);
  });
  return out;
}

/** Rules that a JSON schema cannot say: references, uniqueness, ranges. */
function crossCheck(c: OfficeConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [...checkOffice(c.office), ...checkRatingAndCodes(c), ...dupes(c.fields, 'fields'), ...dupes(c.counters, 'counters'), ...dupes(c.clerks, 'clerks'), ...checkCalendars(c)];
  const fieldIds = new Set(c.fields.map((f) => f.id));
  c.fields.forEach((f, i) => {
    if (f.numbering.end < f.numbering.start) out.push({ path: `fields[${i}].numbering.end`, message: `must be ≥ start (${f.numbering.start})` });
  });
  const codes = new Set<string>();
  c.clerks.forEach((k, i) => {
    if (k.keypadCode && codes.has(k.keypadCode)) out.push({ path: `clerks[${i}].keypadCode`, message: 'keypad code is used twice' });
    if (k.keypadCode) codes.add(k.keypadCode);
  });
  const numbers = new Set<number>();
  c.counters.forEach((k, i) => {
    k.fields.forEach((fid, j) => { if (!fieldIds.has(fid)) out.push({ path: `counters[${i}].fields[${j}]`, message: `unknown field "${fid}"` }); });
    if (numbers.has(k.number)) out.push({ path: `counters[${i}].number`, message: `counter number ${k.number} is used twice` });
    numbers.add(k.number);
  });
  c.calendar.sessions.forEach((s, i) => {
    if (minutes(s.end) <= minutes(s.start)) out.push({ path: `calendar.sessions[${i}]`, message: 'end must be after start' });
    const prev = c.calendar.sessions[i - 1];
    if (prev && minutes(s.start) < minutes(prev.end)) out.push({ path: `calendar.sessions[${i}].start`, message: 'sessions must be in order and not overlap' });
  });
  try { new Intl.DateTimeFormat('en', { timeZone: c.office.timezone }); } catch {
    out.push({ path: 'office.timezone', message: `unknown time zone "${c.office.timezone}"` });
  }
  if (c.queue.priorityMode === 'dedicated' && !c.counters.some((k) => k.priority)) {
    out.push({ path: 'queue.priorityMode', message: '"dedicated" needs at least one counter with priority: true' });
  }
  return out;
}

/** A valid configuration and what its migration said (empty for a file already at CONFIG_VERSION). */
export interface Checked { cfg: OfficeConfig; warnings: ConfigWarning[]; from: number }

/** Validate a parsed document; migrates it forward, fills defaults; throws ConfigError listing every problem. */
export function checkConfig(doc: unknown, source = 'config'): Checked {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(source, [{ path: '(root)', message: 'phải là một bảng khóa–giá trị / must be a mapping (YAML/JSON object)' }]);
  const { doc: migrated, warnings, from } = migrateConfigReport(structuredClone(doc) as Record<string, unknown>);
  if (!validateSchema(migrated)) throw new ConfigError(source, (validateSchema.errors ?? []).map(plain));
  const cfg = migrated as unknown as OfficeConfig;
  for (const k of cfg.counters) if (!k.name) k.name = `Quầy ${k.number}`;
  for (const f of cfg.fields) if (!f.nameEn) f.nameEn = f.name;
  const problems = crossCheck(cfg);
  if (problems.length) throw new ConfigError(source, problems);
  fillNames(cfg.office);
  if (!cfg.texts.notice.trim()) cfg.texts.notice = defaultNotice(cfg.office.name, cfg.calendar.weekdays, cfg.calendar.sessions);
  return { cfg, warnings, from };
}

/** Validate a parsed document (see checkConfig), without its warnings. */
export function validateConfig(doc: unknown, source = 'config'): OfficeConfig {
  return checkConfig(doc, source).cfg;
}

export function parseConfigText(text: string, source: string): unknown {
  try {
    return source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(source, [{ path: '(file)', message: `không phân tích được / cannot be parsed: ${(e as Error).message.split('\n')[0]}` }]);
  }
}

/** Read, migrate and validate a file; `onWarning` hears what the migration said (the hub logs it). */
export function loadConfigFile(file: string, onWarning?: (w: ConfigWarning) => void): OfficeConfig {
  const r = readConfigFile(file);
  if (onWarning) r.warnings.forEach(onWarning);
  return r.cfg;
}

export function readConfigFile(file: string): Checked & { doc: unknown } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConfigError(file, [{ path: '(file)', message: `không đọc được / cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  const doc = parseConfigText(text, file);
  return { ...checkConfig(doc, file), doc };
}

export { CONFIG_VERSION };

/** Save a configuration (YAML or JSON by extension) atomically, keeping the previous file as `.bak`. */
export function saveConfigFile(file: string, cfg: OfficeConfig): void {
  saveConfigText(file, file.endsWith('.json') ? JSON.stringify(cfg, null, 2) : stringifyYaml(cfg));
}

/** Write a configuration's text atomically, keeping the previous file as `.bak`. */
export function saveConfigText(file: string, text: string): void {
  if (existsSync(file)) copyFileSync(file, `${file}.bak`);
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}
