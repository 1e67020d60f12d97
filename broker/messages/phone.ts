/**
 * Vietnamese mobile numbers: what a citizen types (0912 345 678, +84 912 345 678, 84912345678, with spaces, dots or
 * dashes) becomes one canonical form, `84` and the nine digits after the leading 0 (what Zalo ZNS and the SMS
 * gateways take). Only mobile ranges of 2026 are accepted (03x, 05x, 07x, 08x, 09x after the 2018 renumbering).
 */
import { McError } from '../../protocol/errors.js';

const MOBILE = /^(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/** The canonical `84xxxxxxxxx`, or null when the text is not a Vietnamese mobile number. */
export function normalizePhone(text: string): string | null {
  const s = String(text).normalize('NFC').trim().replace(/[\s.\-()]/g, '');
  let rest: string;
  if (/^\+84\d+$/.test(s)) rest = s.slice(3);
  else if (/^0084\d+$/.test(s)) rest = s.slice(4);
  else if (/^84\d{9}$/.test(s)) rest = s.slice(2);
  else if (/^0\d{9}$/.test(s)) rest = s.slice(1);
  else return null;
  if (rest.startsWith('0')) rest = rest.slice(1); // +84 0912 … typed with the trunk 0
  return MOBILE.test(rest) ? `84${rest}` : null;
}

/** normalizePhone, or MC_ERR_BAD_PHONE (a Vietnamese answer for the citizen). */
export function requirePhone(text: unknown): string {
  const p = typeof text === 'string' && text.length <= 32 ? normalizePhone(text) : null;
  if (!p) throw new McError('MC_ERR_BAD_PHONE');
  return p;
}

/** The local form `0912345678` (what eSMS-style gateways print and what a citizen recognises). */
export function localPhone(p84: string): string { return `0${p84.slice(2)}`; }

/** What a page may show back: `0912 *** 678`. */
export function maskPhone(p84: string): string {
  const l = localPhone(p84);
  return `${l.slice(0, 4)} *** ${l.slice(-3)}`;
}
