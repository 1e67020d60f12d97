/**
 * Generators of malformed and hostile input for the fuzz suite, from a seeded PRNG so a failure can be replayed
 * (MC_FUZZ_SEED). Nothing here may ever produce a valid request by chance: field, counter and device ids are
 * never real ones, and every "almost valid" payload breaks at least one rule.
 */
import type { TestHub } from '../helpers/hub.js';

export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32; };
}
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rng, a: number, b: number) => a + Math.floor(r() * (b - a));
/** encodeURIComponent that survives lone surrogates (sent as the raw, invalid UTF-8 bytes). */
const enc = (s: string): string => { try { return encodeURIComponent(s); } catch { return '%ED%A0%80'; } };

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', '', ' ', 'v\u0000', '$where', '../..'];
export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\uFFFF', '\uD800', '💥'.repeat(40), 'null', 'undefined', 'NaN', '-1', '1e309', "' OR 1=1 --", '"; DROP TABLE tickets; --',
  '<script>alert(1)</script>', '../../../etc/passwd', '%00', '%ZZ', '\r\nX-Injected: 1', 'Mời công dân', 'A'.repeat(300), '{"v":1}', '${7*7}', '__proto__',
];
const WRONG_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -0, [], [[]], {}, { a: 1 }, 'x'.repeat(100), [1, 2, 3], { __proto__: null }];

/** A value nested `depth` levels deep (arrays or objects). */
export function deep(depth: number, r: Rng): string {
  const obj = r() < 0.5;
  return obj ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + '1' + ']'.repeat(depth);
}

function randomJsonValue(r: Rng, depth = 0): unknown {
  const k = int(r, 0, depth > 3 ? 4 : 7);
  switch (k) {
    case 0: return pick(r, HOSTILE_STRINGS);
    case 1: return pick(r, WRONG_VALUES);
    case 2: return int(r, -1e6, 1e6);
    case 3: return r() < 0.5;
    case 4: return Array.from({ length: int(r, 0, 4) }, () => randomJsonValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0, n = int(r, 0, 4); i < n; i++) o[pick(r, [...HOSTILE_KEYS, 'v', 'id', 'op', 'fieldId', 'level'])] = randomJsonValue(r, depth + 1);
      return o;
    }
  }
}

/** JSON text with a prototype-pollution key written literally (JSON.stringify would drop `__proto__`). */
function protoPayload(r: Rng, id: string): string {
  const key = pick(r, ['__proto__', 'constructor', 'prototype']);
  const inner = key === 'constructor' ? '{"prototype":{"polluted":"yes","isAdmin":true}}' : '{"polluted":"yes","isAdmin":true}';
  return pick(r, [
    `{"v":1,"id":"${id}","op":"issue","fieldId":"khong-co","${key}":${inner}}`,
    `{"${key}":${inner},"v":1,"id":"${id}","op":"rate","level":"x"}`,
    `{"v":1,"id":"${id}","op":"next","extra":{"${key}":${inner}}}`,
    `{"v":{"${key}":${inner}},"id":"${id}","op":"issue"}`,
  ]);
}

/** A request that would be valid for some device but is broken in exactly one way (or forbidden/unknown). */
function almostValid(r: Rng, id: string, kind: string): string {
  const base: Record<string, unknown> = kind === 'keypad' ? { v: 1, id, op: 'finish', outcome: 'guidance' }
    : kind === 'rating' ? { v: 1, id, op: 'rate', level: 'khong-co' } : { v: 1, id, op: 'issue', fieldId: 'khong-co' };
  const keys = Object.keys(base);
  switch (int(r, 0, 8)) {
    case 0: base[pick(r, keys)] = pick(r, WRONG_VALUES); break; // wrong type
    case 1: base.v = pick(r, [0, 2, -1, 99, 1.5, '1', null, 1e21]); break; // wrong version
    case 2: base.op = pick(r, ['drop', 'issue2', '', 'ISSUE', '__proto__', 'constructor', 'toString', 'print', 'signIn', 'void']); break; // unknown op
    case 3: delete base[pick(r, keys)]; break; // missing field
    case 4: base[pick(r, ['admin', 'sql', 'counterId', 'clerkId', 'source', 'ticket'])] = pick(r, WRONG_VALUES); break; // extra field
    case 5: base.id = pick(r, ['', 'x'.repeat(65), 7, null]); break;
    case 6: base.reason = 'ý'.repeat(int(r, 201, 2000)); break; // too long for the schema, under the byte cap
    default: base.op = pick(r, ['next', 'recall', 'skip', 'hold', 'finish', 'issue', 'rate']); // forbidden for the kind or failing the queue rules
      if (base.op === 'issue') base.fieldId = pick(r, ['khong-co', 'HOTICH', 'hotich ', '']);
      if (base.op === 'rate') base.level = pick(r, ['khong-co', '', 'SATISFIED']);
      if (base.op === 'finish') base.outcome = pick(r, ['bogus', 'received ']);
  }
  return JSON.stringify(base);
}

/** One hostile MQTT request payload for a device of `kind`; `category` names what it tries. */
export function hostilePayload(r: Rng, n: number, kind: string, maxBytes: number): { category: string; payload: Buffer } {
  const id = `fz${n}`;
  // weights: large payloads are few (each costs ~16 KB through the broker), cheap ones many
  const c = [0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 5, 6, 6][int(r, 0, 20)] ?? 7;
  switch (c) {
    case 0: return { category: 'random-bytes', payload: Buffer.from(Array.from({ length: int(r, 0, 200) }, () => int(r, 0, 256))) };
    case 1: return { category: 'invalid-utf8', payload: Buffer.concat([Buffer.from(`{"v":1,"id":"${id}","op":"issue","fieldId":"`), Buffer.from(pick(r, [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe0, 0x80]])), Buffer.from('"}')]) };
    case 2: return { category: 'huge', payload: Buffer.from(`{"v":1,"id":"${id}","op":"issue","fieldId":"${'x'.repeat(maxBytes + int(r, 1, 4000))}"}`) };
    case 3: return { category: 'deep-nesting', payload: Buffer.from(`{"v":1,"id":"${id}","op":"issue","fieldId":${deep(r() < 0.2 ? int(r, 1000, Math.floor(maxBytes / 6)) : int(r, 50, 1000), r)}}`) };
    case 4: return { category: 'prototype-pollution', payload: Buffer.from(protoPayload(r, id)) };
    case 5: return { category: 'not-an-object', payload: Buffer.from(pick(r, ['null', '1', '"issue"', '[]', 'true', '[{"v":1}]', '', ' ', '{', '}', '{"v":1,', 'NaN', '{"v":1}{"v":1}'])) };
    case 6: return { category: 'random-json', payload: Buffer.from(JSON.stringify(randomJsonValue(r)) ?? 'null') };
    default: return { category: 'almost-valid', payload: Buffer.from(almostValid(r, id, kind)) };
  }
}

/** A hostile HTTP body: [content-type, body]. */
export function hostileBody(r: Rng, props: string[]): [string, Buffer] {
  switch (int(r, 0, 9)) {
    case 0: return ['application/json', Buffer.from(Array.from({ length: int(r, 1, 300) }, () => int(r, 0, 256)))];
    case 1: return ['application/json', Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('"}')])];
    case 2: return ['application/json', Buffer.from(`{"x":"${'y'.repeat(int(r, 260_000, 300_000))}"}`)];
    case 3: return ['application/json', Buffer.from(deep(int(r, 100, 20_000), r))];
    case 4: return ['application/json', Buffer.from(`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`)];
    case 5: return [pick(r, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']), Buffer.from('a=1&b=2')];
    case 6: { // the route's own properties with wrong types
      const o: Record<string, unknown> = {};
      for (const p of props.length ? props : ['x']) o[p] = pick(r, [...WRONG_VALUES, 'x'.repeat(5000), pick(r, HOSTILE_STRINGS)]);
      return ['application/json', Buffer.from(JSON.stringify(o))];
    }
    case 7: return ['application/json', Buffer.from(pick(r, ['null', '[]', '1', '"x"', '{', '{"a":1,}', 'true', '{}{}']))];
    default: return ['application/json', Buffer.from(JSON.stringify(randomJsonValue(r)) ?? 'null')];
  }
}

/** A hostile query string (without '?'). */
export function hostileQuery(r: Rng, props: string[]): string {
  const key = () => pick(r, [...props, ...HOSTILE_KEYS.filter(Boolean), 'a[b][c]', 'q[]', '__proto__[polluted]', 'constructor[prototype][polluted]']);
  const val = () => pick(r, ['%ZZ', '%C0%AF', '%FF', '%00', enc(pick(r, HOSTILE_STRINGS)), 'x'.repeat(int(r, 1, 3000)), '-1', '1e999', 'true', '']);
  return Array.from({ length: int(r, 1, 5) }, () => `${enc(key())}=${val()}`).join('&');
}

/** A hostile path parameter (URL-encoded). */
export function hostileParam(r: Rng): string {
  return pick(r, ['%ZZ', '%2e%2e%2f%2e%2e', '..', enc(pick(r, HOSTILE_STRINGS)) || 'x', 'x'.repeat(int(r, 33, 500)), '%C0%AF', 'khong-co', '0', '-1']);
}

/** Row counts of the state a hostile input must not change. */
export interface StateCounts { tickets: number; events: number; ratings: number; outbox: number; devices: number; users: number; counters: number }
export function counts(th: TestHub): StateCounts {
  const n = (sql: string) => (th.hub.db.prepare(sql).get() as { n: number }).n;
  return { tickets: n('SELECT COUNT(*) AS n FROM tickets'), events: n("SELECT COUNT(*) AS n FROM events WHERE type <> 'day.opened'"), ratings: n('SELECT COUNT(*) AS n FROM ratings'),
    outbox: n('SELECT COUNT(*) AS n FROM outbox'), devices: n('SELECT COUNT(*) AS n FROM devices'), users: n('SELECT COUNT(*) AS n FROM users'), counters: n('SELECT COUNT(*) AS n FROM counters') };
}

export function polluted(): boolean {
  const o = {} as Record<string, unknown>;
  return o.polluted !== undefined || o.isAdmin !== undefined;
}

