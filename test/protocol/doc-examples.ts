/** Reading docs/protocol.md's fenced examples, and checking a real message against a documented one. */
import { readFileSync } from 'node:fs';

export interface DocExample { line: number; topic: string | null; body: unknown }

/** Every ```json block: its first line may name a topic (`// motcua/...`); the rest must be JSON. */
export function readExamples(file = 'docs/protocol.md'): DocExample[] {
  const text = readFileSync(file, 'utf8');
  const out: DocExample[] = [];
  const re = /```json\n([\s\S]*?)```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    const lines = (m[1] ?? '').split('\n');
    const first = /^\/\/\s*(motcua\/\S+)/.exec(lines[0] ?? '');
    const json = (first ? lines.slice(1) : lines).join('\n');
    let body: unknown;
    try { body = JSON.parse(json); } catch (e) { throw new Error(`docs/protocol.md:${line}: the example is not JSON (${(e as Error).message})`); }
    out.push({ line, topic: first?.[1] ?? null, body });
  }
  return out;
}

/** Values that must be exactly as documented (the rest vary: numbers, ids, times, counts). */
const EXACT = new Set(['v', 'ok', 'op', 'code', 'message', 'status', 'fieldId', 'fieldName', 'counterId', 'counterNumber', 'counterName',
  'result', 'validForS', 'kind', 'type', 'copy', 'open', 'outcome', 'rating', 'level', 'key', 'label', 'clerkName']);

/**
 * Where `actual` differs from the documented `doc`, or [] when it matches: every documented key is there; exact
 * keys (and the top-level `id`, the request's) equal; other values of the same type ("…" stands for any string);
 * `null` may stand where a value is documented (nullable fields); the first documented array element must match
 * some element of a non-empty actual array.
 */
export function mismatches(doc: unknown, actual: unknown, path = ''): string[] {
  if (actual === null && doc !== null && path !== '') return [];
  if (Array.isArray(doc)) {
    if (!Array.isArray(actual)) return [`${path}: documented an array, got ${JSON.stringify(actual)}`];
    if (doc.length === 0 || actual.length === 0) return [];
    return actual.some((a) => mismatches(doc[0], a, `${path}[]`).length === 0) ? [] : [`${path}[]: no element like ${JSON.stringify(doc[0])} in ${JSON.stringify(actual)}`];
  }
  if (doc !== null && typeof doc === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: documented an object, got ${JSON.stringify(actual)}`];
    return Object.entries(doc).flatMap(([k, v]) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in actual)) return [`${p}: documented, missing`];
      return mismatches(v, (actual as Record<string, unknown>)[k], p);
    });
  }
  const key = path.split('.').pop() ?? '';
  if ((EXACT.has(key.replace('[]', '')) || path === 'id') && typeof doc !== 'object') {
    return doc === actual || (typeof doc === 'string' && doc.includes('…')) ? [] : [`${path}: documented ${JSON.stringify(doc)}, got ${JSON.stringify(actual)}`];
  }
  return typeof doc === typeof actual || doc === null ? [] : [`${path}: documented a ${typeof doc}, got ${JSON.stringify(actual)}`];
}
