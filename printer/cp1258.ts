/**
 * Windows-1258 (Vietnamese) encoder/decoder for ESC/POS code page "WPC1258" (Epson `ESC t 52`).
 *
 * CP1258 has no room for every precomposed Vietnamese letter. It carries the base letters with
 * circumflex, breve and horn (â ă ê ô ơ ư đ, and capitals) plus a few Latin-1 letters with a tone
 * (à á è é í ó ù ú …), and the five tone marks as combining characters (0xCC grave, 0xEC acute,
 * 0xD2 hook above, 0xDE tilde, 0xF2 dot below). A letter is written precomposed when the table has
 * it, otherwise as base (+ circumflex/breve/horn precomposed) followed by its tone mark:
 * "ố" → 0xF4 0xEC, "ả" → 0x61 0xD2, "à" → 0xE0.
 *
 * A character that cannot be encoded never becomes "?": it is transliterated by the documented
 * table below (typographic dashes/quotes/arrows, foreign diacritics dropped from a Latin base), and
 * if that fails too, encodeCp1258 throws McError MC_ERR_BAD_REQUEST naming the code point.
 * (The ticket encoder catches that and prints the affected line as a raster image instead.)
 */
import { McError } from '../protocol/errors.js';

/** Bytes 0x80..0xFF → Unicode code point; -1 = undefined in CP1258. */
const HIGH: readonly number[] = [
  0x20ac, -1, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, -1, 0x2039, 0x0152, -1, -1, -1,
  -1, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, -1, 0x203a, 0x0153, -1, -1, 0x0178,
  0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
  0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
  0xc0, 0xc1, 0xc2, 0x0102, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0x0300, 0xcd, 0xce, 0xcf,
  0x0110, 0xd1, 0x0309, 0xd3, 0xd4, 0x01a0, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0x01af, 0x0303, 0xdf,
  0xe0, 0xe1, 0xe2, 0x0103, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0x0301, 0xed, 0xee, 0xef,
  0x0111, 0xf1, 0x0323, 0xf3, 0xf4, 0x01a1, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0x01b0, 0x20ab, 0xff,
];

const TO_BYTE = new Map<number, number>();
HIGH.forEach((cp, i) => { if (cp >= 0) TO_BYTE.set(cp, 0x80 + i); });

/** Marks that CP1258 precomposes with the base letter (circumflex, breve, horn). */
const SHAPE_MARKS = new Set([0x0302, 0x0306, 0x031b]);
/** The five Vietnamese tone marks, written as combining bytes. */
const TONE_MARKS = new Set([0x0300, 0x0301, 0x0303, 0x0309, 0x0323]);

/**
 * Documented transliterations for characters outside CP1258. Keys are single code points.
 * Typographic characters that CP1258 *does* have (– — ‘ ’ “ ” … • €) are kept as they are.
 */
export const CP1258_TRANSLITERATIONS: Readonly<Record<string, string>> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u2015': '—',
  '\u2032': "'", '\u2033': '"', '\u201b': "'", '\u201f': '"',
  '\u2190': '<-', '\u2192': '->', '\u2194': '<->', '\u21d2': '=>',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~',
  '\u2116': 'No.', '\u2027': '·', '\u2219': '·',
  '\u200b': '', '\u200c': '', '\u200d': '', '\ufeff': '', '\t': ' ',
  '\u2002': ' ', '\u2003': ' ', '\u2009': ' ', '\u202f': ' ',
};

function isPrintableAscii(cp: number): boolean {
  return cp >= 0x20 && cp < 0x7f;
}

function byteOf(cp: number): number | undefined {
  return isPrintableAscii(cp) ? cp : TO_BYTE.get(cp);
}

/** Encode one NFC character (one code point); returns undefined if it needs transliteration. */
function encodeChar(ch: string): number[] | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  const direct = byteOf(cp);
  if (direct !== undefined) return [direct];
  const parts = [...ch.normalize('NFD')];
  let base = parts[0] ?? '';
  const marks: number[] = [];
  for (const m of parts.slice(1)) {
    const mcp = m.codePointAt(0) ?? 0;
    const composed = (base + m).normalize('NFC');
    if (SHAPE_MARKS.has(mcp) && [...composed].length === 1 && byteOf(composed.codePointAt(0) ?? 0) !== undefined) {
      base = composed;
    } else {
      marks.push(mcp);
    }
  }
  const baseByte = byteOf(base.codePointAt(0) ?? 0);
  if (baseByte === undefined || parts.length === 1) return undefined;
  const out = [baseByte];
  for (const m of marks) {
    const b = TONE_MARKS.has(m) ? TO_BYTE.get(m) : undefined;
    if (b === undefined) return undefined;
    out.push(b);
  }
  return out;
}

/** Latin letter with a foreign diacritic (ş, ł-like decompositions): keep the base letter. */
function stripForeignMarks(ch: string): string | undefined {
  const parts = [...ch.normalize('NFD')];
  const base = parts[0] ?? '';
  if (parts.length < 2 || !/^[A-Za-z]$/.test(base)) return undefined;
  const kept = parts.filter((p, i) => i === 0 || TONE_MARKS.has(p.codePointAt(0) ?? 0) || SHAPE_MARKS.has(p.codePointAt(0) ?? 0));
  return kept.join('').normalize('NFC');
}

/** Characters of `text` that cannot be printed in CP1258 even after transliteration. */
export function findUnencodable(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text.normalize('NFC')) {
    try { encodeCp1258(ch); } catch { bad.add(ch); }
  }
  return [...bad];
}

/** The text as it will be printed: the documented transliterations applied (→ becomes ->), so a line is measured
 * and wrapped at its printed length. Other characters are left for encodeCp1258 to judge. */
export function transliterateCp1258(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += CP1258_TRANSLITERATIONS[ch] ?? ch;
  return out;
}

/** Encode text (any normalization form) to CP1258 bytes. Throws McError on an unprintable character. */
export function encodeCp1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = encodeChar(ch);
    if (direct) { out.push(...direct); continue; }
    const alt = CP1258_TRANSLITERATIONS[ch] ?? stripForeignMarks(ch);
    if (alt !== undefined) {
      for (const a of alt) {
        const enc = encodeChar(a);
        if (!enc) throw unencodable(ch);
        out.push(...enc);
      }
      continue;
    }
    throw unencodable(ch);
  }
  return Uint8Array.from(out);
}

function unencodable(ch: string): McError {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return new McError('MC_ERR_BAD_REQUEST', `Character ${hex} cannot be printed in code page CP1258.`, { char: ch, codePoint: hex });
}

/** Decode CP1258 bytes back to NFC text. Undefined bytes become U+FFFD (visible, never "?"). */
export function decodeCp1258(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b < 0x80) { s += String.fromCharCode(b); continue; }
    const cp = HIGH[b - 0x80] ?? -1;
    s += cp >= 0 ? String.fromCodePoint(cp) : '\ufffd';
  }
  return s.normalize('NFC');
}
