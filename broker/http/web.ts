import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Hub } from '../app.js';
import { ROOT } from '../paths.js';

const ESBUILD = join(ROOT, 'node_modules', '.bin', 'esbuild');
const execFileP = promisify(execFile);
/** Web apps: URL prefix → folder. Each `name.html` with a sibling `name.ts` is bundled (esbuild) at start. */
export const WEB_APPS: Record<string, string> = { kiosk: 'kiosk/web', display: 'display-driver/web' };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.json': 'application/json; charset=utf-8', '.woff2': 'font/woff2' };

/** Friendly addresses of the pages. */
const PAGES: [string, string, string][] = [
  ['/', 'kiosk', 'index.html'], ['/kiosk', 'kiosk', 'kiosk.html'], ['/console', 'kiosk', 'console.html'], ['/admin', 'kiosk', 'admin.html'], ['/reports', 'kiosk', 'reports.html'],
  ['/t/:id', 'kiosk', 'ticket.html'], ['/display/hall', 'display', 'hall.html'], ['/display/counter/:id', 'display', 'counter.html'],
];

/**
 * Bundle an app's pages with the esbuild binary in a child process, into `outDir`. Running the native binary
 * (not esbuild's JS API) keeps the build's garbage out of the hub's heap: the hub runs for years on a mini-PC.
 */
async function bundleApp(dir: string, outDir: string): Promise<Set<string>> {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return new Set();
  const entries = readdirSync(abs).filter((f) => f.endsWith('.ts') && existsSync(join(abs, f.replace(/\.ts$/, '.html'))));
  if (entries.length === 0) return new Set();
  await execFileP(ESBUILD, [...entries.map((f) => join(abs, f)), '--bundle', '--format=esm', '--platform=browser', '--target=chrome100', '--minify',
    `--outdir=${outDir}`, '--define:process.env.NODE_ENV="production"', '--define:global=globalThis', '--log-level=error'], { maxBuffer: 16 * 1024 * 1024 });
  return new Set(entries.map((f) => f.replace(/\.ts$/, '.js')));
}

function send(reply: FastifyReply, name: string, body: Buffer): FastifyReply {
  return reply.header('content-type', TYPES[extname(name)] ?? 'application/octet-stream').header('cache-control', 'no-cache').send(body);
}

/** Serves the web apps (kiosk, clerk console, admin, displays, ticket page) from their folders. */
export async function webRoutes(app: FastifyInstance, _hub: Hub): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'motcua-web-'));
  app.addHook('onClose', async () => { rmSync(out, { recursive: true, force: true }); });
  const bundles = new Map<string, Set<string>>();
  for (const [prefix, dir] of Object.entries(WEB_APPS)) bundles.set(prefix, await bundleApp(dir, join(out, prefix)));

  const file = (prefix: string, name: string): Buffer | null => {
    if (bundles.get(prefix)?.has(name)) return readFileSync(join(out, prefix, name));
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
