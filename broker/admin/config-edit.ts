import type { ConfigProblem } from '../../config/load.js';
import type { OfficeConfig } from '../../config/types.js';
import { nameProblem } from '../../config/text.js';
import type { Role } from '../staff/users.js';

/** Sections of the office config the admin pages edit, and who may edit each (hub and onestop: file only). */
export const SECTIONS = {
  office: ['technician'], fields: ['technician'], counters: ['technician'], queue: ['technician'],
  clerks: ['technician', 'manager'], calendar: ['technician', 'manager'], rating: ['technician', 'manager'],
  texts: ['technician', 'manager'], voice: ['technician', 'manager'], booking: ['technician', 'manager'],
} as const satisfies Record<string, readonly Role[]>;
export type Section = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as Section[];

export function mayEdit(role: Role, s: Section): boolean { return (SECTIONS[s] as readonly Role[]).includes(role); }

/** Citizen-facing text is stored NFC, trimmed. */
export function nfcDeep<T>(v: T): T {
  if (typeof v === 'string') return v.normalize('NFC').trim() as T;
  if (Array.isArray(v)) return v.map((x) => nfcDeep(x)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfcDeep(x)])) as T;
  return v;
}

/** The whole document with one section replaced, ready for Hub.applyConfig. */
export function withSection(cur: OfficeConfig, s: Section, value: unknown): Record<string, unknown> {
  const v = nfcDeep(value);
  // the API clients' keys are never sent to pages (redacted): they stay as the file has them
  if (s === 'booking' && v && typeof v === 'object') (v as Record<string, unknown>).clients = structuredClone(cur.booking.clients);
  return { ...structuredClone(cur), [s]: v };
}

/** Rules the schema does not say but a person would expect: names that citizens read must show something (config/text.ts). */
export function extraProblems(s: Section, value: unknown): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const need = (list: unknown, key: string, what: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((x, i) => {
      const v = (x as Record<string, unknown> | null)?.[key];
      const why = typeof v === 'string' ? nameProblem(v) : null;
      if (why) out.push({ path: `${s}[${i}].${key}`, message: `${what} ${why}` });
    });
  };
  if (s === 'fields') need(value, 'name', 'the field name');
  if (s === 'clerks') need(value, 'name', 'the clerk\'s full name');
  if (s === 'rating') need((value as { levels?: unknown } | null)?.levels, 'label', 'the level label');
  if (s === 'rating') out.forEach((p) => { p.path = p.path.replace(/^rating\[/, 'rating.levels['); });
  if (s === 'counters') (Array.isArray(value) ? value : []).forEach((c, i) => { // a counter's name may be empty ("Quầy {number}"), not invisible
    const n = (c as { name?: unknown } | null)?.name;
    const why = typeof n === 'string' && n !== '' ? nameProblem(n) : null;
    if (why) out.push({ path: `counters[${i}].name`, message: `the counter name ${why}` });
  });
  const office = (value as { name?: unknown } | null)?.name;
  const why = s === 'office' && typeof office === 'string' ? nameProblem(office) : null;
  if (why) out.push({ path: 'office.name', message: `the office name ${why}` });
  return out;
}

/** Config as the pages see it: secrets are never sent back. */
export function redacted(cfg: OfficeConfig): OfficeConfig {
  const c = structuredClone(cfg);
  c.hub.externalBrokerPassword = c.hub.externalBrokerPassword ? '••••' : '';
  c.onestop.apiKey = c.onestop.apiKey ? '••••' : '';
  c.onestop.hmacSecret = c.onestop.hmacSecret ? '••••' : '';
  c.onestop.mqttPassword = c.onestop.mqttPassword ? '••••' : '';
  c.booking.clients = c.booking.clients.map((k) => ({ ...k, keySha256: '••••' }));
  c.messages.sms.apiKey = c.messages.sms.apiKey ? '••••' : '';
  c.messages.sms.secretKey = c.messages.sms.secretKey ? '••••' : '';
  c.messages.zns.accessToken = c.messages.zns.accessToken ? '••••' : '';
  return c;
}

const short = (v: unknown): unknown => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}…` : v);

/** What changed, for the audit log: ids added/removed, and per changed item the keys with before → after. */
export function describeChange(before: unknown, after: unknown): Record<string, unknown> {
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every((x) => x && typeof x === 'object' && 'id' in x)) {
    const b = new Map(before.map((x: { id: string }) => [x.id, x]));
    const a = new Map(after.map((x: { id: string }) => [x.id, x]));
    const changed: Record<string, unknown> = {};
    for (const [id, x] of a) { const y = b.get(id); if (y && JSON.stringify(x) !== JSON.stringify(y)) changed[id] = objectDiff(y, x); }
    return { added: [...a.keys()].filter((k) => !b.has(k)), removed: [...b.keys()].filter((k) => !a.has(k)), changed };
  }
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(before)) return objectDiff(before, after);
  return JSON.stringify(before) === JSON.stringify(after) ? {} : { before: short(JSON.stringify(before)), after: short(JSON.stringify(after)) };
}

function objectDiff(b: object, a: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  for (const k of keys) {
    const x = (b as Record<string, unknown>)[k];
    const y = (a as Record<string, unknown>)[k];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    out[k] = typeof x === 'object' || typeof y === 'object' ? { before: short(JSON.stringify(x)), after: short(JSON.stringify(y)) } : { before: short(x), after: short(y) };
  }
  return out;
}
