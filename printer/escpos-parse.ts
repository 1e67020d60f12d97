/**
 * ESC/POS command tokenizer: splits a byte stream into commands with their exact lengths (Epson
 * ESC/POS reference), so data inside images and QR payloads is never mistaken for commands.
 * Used by the decoder and by the virtual printer to find job boundaries (cuts) in a live stream.
 */

export type Token =
  | { t: 'text'; byte: number }
  | { t: 'lf' }
  | { t: 'cmd'; prefix: number; code: number; bytes: Uint8Array };

const INCOMPLETE = -1;

/** Length of the command starting at i, INCOMPLETE if more bytes are needed. */
export function commandLength(b: Uint8Array, i: number): number {
  const at = (k: number): number | undefined => b[i + k];
  const need = (n: number): number => (i + n <= b.length ? n : INCOMPLETE);
  const c = at(1);
  if (c === undefined) return INCOMPLETE;
  switch (b[i]) {
    case 0x10: return dleLength(at, need, c);
    case 0x1b: return escLength(b, i, at, need, c);
    case 0x1d: return gsLength(b, i, at, need, c);
    case 0x1c: return fsLength(at, need, c);
    default: return 1;
  }
}

type At = (k: number) => number | undefined;
type Need = (n: number) => number;

function dleLength(at: At, need: Need, c: number): number {
  if (c === 0x04 || c === 0x05) return need(3);
  if (c !== 0x14) return need(2);
  const fn = at(2);
  if (fn === undefined) return INCOMPLETE;
  if (fn === 7) return need(4);
  if (fn === 8) return need(10);
  return need(5);
}

function withLength(base: number, lo: number | undefined, hi: number | undefined, need: Need): number {
  if (lo === undefined || hi === undefined) return INCOMPLETE;
  return need(base + lo + hi * 256);
}

function escLength(b: Uint8Array, i: number, at: At, need: Need, c: number): number {
  switch (String.fromCharCode(c)) {
    case '@': case '2': case 'i': case 'm': case '<': return need(2);
    case 'c': case '$': case '\\': return need(4);
    case 'p': return need(5);
    case '*': {
      const m = at(2);
      const lo = at(3);
      const hi = at(4);
      if (m === undefined || lo === undefined || hi === undefined) return INCOMPLETE;
      return need(5 + (lo + hi * 256) * (m >= 32 ? 3 : 1));
    }
    case 'D': {
      for (let k = i + 2; k < b.length; k++) if (b[k] === 0) return k - i + 1;
      return INCOMPLETE;
    }
    default: return need(3);
  }
}

function gsLength(b: Uint8Array, i: number, at: At, need: Need, c: number): number {
  switch (String.fromCharCode(c)) {
    case 'V': {
      const m = at(2);
      if (m === undefined) return INCOMPLETE;
      return need([0, 1, 48, 49].includes(m) ? 3 : 4);
    }
    case 'v': {
      const xl = at(4); const xh = at(5); const yl = at(6); const yh = at(7);
      if (xl === undefined || xh === undefined || yl === undefined || yh === undefined) return INCOMPLETE;
      return need(8 + (xl + xh * 256) * (yl + yh * 256));
    }
    case '(': return withLength(5, at(3), at(4), need);
    case '8': {
      const p = [at(3), at(4), at(5), at(6)];
      if (p.some((x) => x === undefined)) return INCOMPLETE;
      const [p1, p2, p3, p4] = p as number[];
      return need(7 + p1! + p2! * 256 + p3! * 65536 + p4! * 16777216);
    }
    case 'k': {
      const m = at(2);
      if (m === undefined) return INCOMPLETE;
      if (m >= 65) { const n = at(3); return n === undefined ? INCOMPLETE : need(4 + n); }
      for (let k = i + 3; k < b.length; k++) if (b[k] === 0) return k - i + 1;
      return INCOMPLETE;
    }
    case '*': {
      const x = at(2); const y = at(3);
      if (x === undefined || y === undefined) return INCOMPLETE;
      return need(4 + x * y * 8);
    }
    case 'L': case 'W': case 'P': case '$': case '\\': return need(4);
    default: return need(3);
  }
}

function fsLength(at: At, need: Need, c: number): number {
  switch (String.fromCharCode(c)) {
    case '.': case '&': return need(2);
    case '(': return withLength(5, at(3), at(4), need);
    case 'p': return need(4);
    default: return need(3);
  }
}

/**
 * Tokenize from `start`; calls `onToken` for each complete token and stops early when it returns
 * true. Returns the index after the last consumed token (an incomplete trailing command is left).
 */
export function tokenize(bytes: Uint8Array, start: number, onToken: (tok: Token, end: number) => boolean | void): number {
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x10 || b === 0x1b || b === 0x1d || b === 0x1c) {
      const len = commandLength(bytes, i);
      if (len === INCOMPLETE) return i;
      const tok: Token = { t: 'cmd', prefix: b, code: bytes[i + 1] ?? 0, bytes: bytes.subarray(i, i + len) };
      i += len;
      if (onToken(tok, i)) return i;
      continue;
    }
    i += 1;
    const tok: Token = b === 0x0a || b === 0x0c ? { t: 'lf' } : { t: 'text', byte: b };
    if (b < 0x20 && tok.t === 'text') continue; // CR, HT, NUL and other controls print nothing
    if (onToken(tok, i)) return i;
  }
  return i;
}

/** True for any ESC/POS cut command (GS V …, ESC i, ESC m). */
export function isCut(tok: Token): boolean {
  if (tok.t !== 'cmd') return false;
  return (tok.prefix === 0x1d && tok.code === 0x56) || (tok.prefix === 0x1b && (tok.code === 0x69 || tok.code === 0x6d));
}
