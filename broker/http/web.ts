import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ROOT } from '../paths.js';

const ESBUILD = join(ROOT, 'node_modules', '.bin', 'esbuild');
const execFileP = promisify(execFile);
/** Web apps: URL prefix → folder. Each `name.html` with a sibling `name.ts` is bundled (esbuild) at start. */
export const WEB_APPS: Record<string, string> = { kiosk: 'kiosk/web', display: 'display-driver/web' };
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.wav': 'audio/wav', '.json': 'application/json; charset=utf-8', '.woff2': 'font/woff2' };

/** Friendly addresses of the pages. */
const PAGES: [string, string, string][] = [
  ['/', 'kiosk', 'index.html'], ['/kiosk', 'kiosk', 'kiosk.html'], ['/console', 'kiosk', 'console.html'], ['/admin', 'kiosk', 'admin.html'], ['/reports', 'kiosk', 'reports.html'], ['/booking', 'kiosk', 'booking.html'],
  ['/t/:id', 'kiosk', 'ticket.html'], ['/display/hall', 'display', 'hall.html'], ['/display/counter/:id', 'display', 'counter.html'],
];

/**
 * Bundle an app's pages with the esbuild binary in a child process, into `outDir`. Running the native binary
 * (not esbuild's JS API) keeps the build's garbage out of the hub's heap: the hub runs for years on a mini-PC.
 */
export async function bundleApp(dir: string, outDir: string): Promise<Map<string, Buffer>> {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return new Map();
  const entries = readdirSync(abs).filter((f) => f.endsWith('.ts') && existsSync(join(abs, f.replace(/\.ts$/, '.html'))));
  if (entries.length === 0) return new Map();
  await execFileP(ESBUILD, [...entries.map((f) => join(abs, f)), '--bundle', '--format=esm', '--platform=browser', '--target=chrome100', '--minify',
    `--outdir=${outDir}`, '--define:process.env.NODE_ENV="production"', '--define:global=globalThis', '--log-level=error'], { maxBuffer: 16 * 1024 * 1024 });
  const names = entries.map((f) => f.replace(/\.ts$/, '.js'));
  return new Map(names.map((n) => [n, readFileSync(join(outDir, n))]));
}

const TEMP_PREFIX = 'motcua-web-';
/** A build folder older than this was left by a hub that died mid-build (a build takes about a second). */
const STALE_MS = 10 * 60_000;

/** Remove build folders that hubs killed during their build left behind (a hub restarts for years). */
function sweepStale(now = Date.now()): void {
  let names: string[] = [];
  try { names = readdirSync(tmpdir()).filter((n) => n.startsWith(TEMP_PREFIX)); } catch { return; }
  for (const n of names) {
    const p = join(tmpdir(), n);
    try { if (now - statSync(p).mtimeMs > STALE_MS) rmSync(p, { recursive: true, force: true }); } catch { /* another hub removed it */ }
  }
}

/**
 * Bundle every app once, keep the bundles in memory (a few hundred KB) and remove the build folder at once: nothing
 * is left in /tmp, even when the hub is killed later.
 */
async function bundleAll(): Promise<Map<string, Map<string, Buffer>>> {
  sweepStale();
  const out = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  try {
    const bundles = new Map<string, Map<string, Buffer>>();
    for (const [prefix, dir] of Object.entries(WEB_APPS)) bundles.set(prefix, await bundleApp(dir, join(out, prefix)));
    return bundles;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function send(reply: FastifyReply, name: string, body: Buffer): FastifyReply {
  return reply.header('content-type', TYPES[extname(name)] ?? 'application/octet-stream').header('cache-control', 'no-cache').send(body);
}

/** Serves the web apps (kiosk, clerk console, admin, displays, ticket page) from their folders. */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  const bundles = await bundleAll();

  const file = (prefix: string, name: string): Buffer | null => {
    const built = bundles.get(prefix)?.get(name);
    if (built) return built;
    const dir = Object.hasOwn(WEB_APPS, prefix) ? WEB_APPS[prefix] : undefined; // not __proto__ or toString
    if (!dir || !name || name.includes('..') || name.endsWith('.ts')) return null;
    const p = join(ROOT, dir, name);
    return existsSync(p) && statSync(p).isFile() ? readFileSync(p) : null; // a folder is not a file
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
