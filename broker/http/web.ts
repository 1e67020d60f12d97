import { build } from 'esbuild';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hub } from '../app.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Web apps: URL prefix → folder. Each `name.html` with a sibling `name.ts` is bundled (esbuild) at start. */
export const WEB_APPS: Record<string, string> = { kiosk: 'kiosk/web', display: 'display-driver/web' };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.json': 'application/json; charset=utf-8', '.woff2': 'font/woff2' };

/** Friendly addresses of the pages. */
const PAGES: [string, string, string][] = [
  ['/', 'kiosk', 'index.html'], ['/kiosk', 'kiosk', 'kiosk.html'], ['/console', 'kiosk', 'console.html'], ['/admin', 'kiosk', 'admin.html'], ['/reports', 'kiosk', 'reports.html'],
  ['/t/:id', 'kiosk', 'ticket.html'], ['/display/hall', 'display', 'hall.html'], ['/display/counter/:id', 'display', 'counter.html'],
];

async function bundleApp(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return out;
  const entries = readdirSync(abs).filter((f) => f.endsWith('.ts') && existsSync(join(abs, f.replace(/\.ts$/, '.html'))));
  if (entries.length === 0) return out;
  const res = await build({ entryPoints: entries.map((f) => join(abs, f)), bundle: true, write: false, format: 'esm', platform: 'browser',
    target: ['chrome100'], outdir: abs, minify: true, sourcemap: false, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' } });
  for (const f of res.outputFiles) out.set(f.path.slice(abs.length + 1), Buffer.from(f.contents));
  return out;
}

function send(reply: FastifyReply, name: string, body: Buffer): FastifyReply {
  return reply.header('content-type', TYPES[extname(name)] ?? 'application/octet-stream').header('cache-control', 'no-cache').send(body);
}

/** Serves the web apps (kiosk, clerk console, admin, displays, ticket page) from their folders. */
export async function webRoutes(app: FastifyInstance, _hub: Hub): Promise<void> {
  const bundles = new Map<string, Map<string, Buffer>>();
  for (const [prefix, dir] of Object.entries(WEB_APPS)) bundles.set(prefix, await bundleApp(dir));

  const file = (prefix: string, name: string): Buffer | null => {
    const b = bundles.get(prefix)?.get(name);
    if (b) return b;
    const dir = WEB_APPS[prefix];
    if (!dir || name.includes('..') || name.endsWith('.ts')) return null;
    const p = join(ROOT, dir, name);
    return existsSync(p) ? readFileSync(p) : null;
  };

  app.get<{ Params: { app: string; '*': string } }>('/app/:app/*', { schema: { hide: true } }, async (req, reply) => {
    const name = req.params['*'];
    const body = file(req.params.app, name);
    if (!body) return reply.status(404).send({ code: 'MC_ERR_NOT_FOUND', message: 'Không tìm thấy tệp.', messageEn: 'Not found' });
    return send(reply, name, body);
  });
  for (const [url, prefix, name] of PAGES) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) => {
      const body = file(prefix, name);
      if (!body) return reply.status(404).send({ code: 'MC_ERR_NOT_FOUND', message: 'Trang chưa có.', messageEn: `Page ${name} is not built` });
      return send(reply, name, body);
    });
  }
}
