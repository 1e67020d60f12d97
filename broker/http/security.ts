import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { McError } from '../../protocol/errors.js';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * What every page may load: its own scripts, styles (inline style attributes too: the displays size text from
 * script), images (QR codes as data: and blob:), sounds, and its own WebSocket; nobody may frame it.
 */
export const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "media-src 'self' blob:",
  "connect-src 'self' ws: wss:", "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');

/** The origins the hub's own pages have: the address the request came to (as the browser saw it: behind a trusted proxy, its X-Forwarded-Host), and the configured public URL. */
function ownOrigins(req: FastifyRequest, publicUrl: string): string[] {
  const out = [`${req.protocol}://${req.host}`];
  try { if (publicUrl) out.push(new URL(publicUrl).origin); } catch { /* the config check reports a bad URL */ }
  return out;
}

/**
 * Refuse a state-changing request a browser sent for another site (CSRF), without relying on the SameSite
 * cookie alone (another port of the same host is the same site). A browser names the page that sent it in
 * `Origin` (or, failing that, `Sec-Fetch-Site`); programs (devices' tools, curl, the tests) send neither and
 * are not at risk. A body must be JSON: an HTML form can send text/plain, url-encoded or multipart, never JSON.
 */
export function checkRequest(req: FastifyRequest, publicUrl: string): void {
  if (!CHANGES.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin !== undefined && !ownOrigins(req, publicUrl).includes(origin)) throw new McError('MC_ERR_CROSS_ORIGIN', `Origin ${origin}`);
  const site = req.headers['sec-fetch-site'];
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) throw new McError('MC_ERR_CROSS_ORIGIN', `Sec-Fetch-Site ${site}`);
  const type = req.headers['content-type'];
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if ((type !== undefined || hasBody) && !/^application\/json\s*(;|$)/i.test(type ?? '')) throw new McError('MC_ERR_NOT_JSON', type ?? '(none)');
}

/** Headers on every answer: no sniffing, no referrer (ticket pages carry a token), no framing, the CSP on pages. */
function headers(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  if (!req.url.startsWith('/docs')) reply.header('content-security-policy', CSP); // the API explorer sets its own
}

/** Install the CSRF check (before body parsing) and the security headers. */
export function installSecurity(app: FastifyInstance, publicUrl: () => string): void {
  app.addHook('onRequest', async (req) => { checkRequest(req, publicUrl()); });
  app.addHook('onSend', async (req, reply, payload) => { headers(req, reply); return payload; });
}
