/** Request signing shared by the HTTP adapter and the simulator (docs/onestop.md, "Signing"). */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const MAX_SKEW_SECONDS = 300;

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The string that is signed: method, path with query, unix seconds and the body's SHA-256, one per line. */
export function canonicalRequest(method: string, path: string, timestamp: string, body: string | Buffer): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${sha256Hex(body)}`;
}

/** Hex HMAC-SHA256 of the canonical request. */
export function signRequest(secret: string, method: string, path: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(canonicalRequest(method, path, timestamp, body)).digest('hex');
}

/** Constant-time comparison of two strings (false when lengths differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'bad';

/** Check the X-Timestamp / X-Signature pair of a received request against `nowMs`. */
export function verifySignature(secret: string, req: { method: string; path: string; timestamp?: string; signature?: string; body: string | Buffer }, nowMs: number): SignatureCheck {
  if (!req.timestamp || !req.signature) return 'missing';
  const ts = Number(req.timestamp);
  if (!/^\d+$/.test(req.timestamp) || Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return 'stale';
  const expected = signRequest(secret, req.method, req.path, req.timestamp, req.body);
  return safeEqual(expected, req.signature.toLowerCase()) ? 'ok' : 'bad';
}
