/**
 * Reference simulator of the provincial system (`motcua onestop-sim`): checks credentials, stores received
 * events exactly once in arrival order, serves sample dossiers, a catalog of real procedures and office
 * figures, and can be told to fail (503), hang (never answer) or answer slowly. Wire shapes: docs/onestop.md.
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Catalog, DossierStatus } from './adapter.js';
import { eventsBodySchema, eventsReplySchema } from './schemas.js';
import { safeEqual, verifySignature } from './sign.js';
import { sampleCatalog } from './sim-catalog.js';
import { dossierFromEvent, sampleDossiers, sampleFigures } from './sim-dossiers.js';
import { MemoryEventStore, SqliteEventStore, type ReceivedEvent, type SimEventStore, type WireEvent } from './sim-store.js';

export type SimMode = 'ok' | 'fail' | 'hang' | 'slow';
export const SIM_MODES: readonly SimMode[] = ['ok', 'fail', 'hang', 'slow'];

export interface OnestopSimOptions {
  port?: number; host?: string; apiKey?: string; hmacSecret?: string;
  /** Keep received events in this SQLite file instead of memory. */
  dbFile?: string;
  log?: Logger;
  clock?: () => number;
  /** Delay of 'slow' mode (ms). Default 2000. */
  slowMs?: number;
}

export interface OnestopSimEvents {
  /** A request arrived (before the mode is applied): lets tests await "the hub tried". */
  request: [{ method: string; path: string; mode: SimMode }];
  /** A batch was stored: the events accepted (duplicates left out). */
  received: [ReceivedEvent[]];
}

const err = (code: string, message: string) => ({ error: { code, message } });

export class OnestopSim extends EventEmitter<OnestopSimEvents> {
  mode: SimMode = 'ok';
  slowMs: number;
  catalog: Catalog = sampleCatalog();
  readonly dossiers: Map<string, DossierStatus> = sampleDossiers();
  /** Requests answered 401 so far. */
  rejected = 0;
  /** Events ignored because their idempotency key was already stored. */
  duplicatesIgnored = 0;
  /** Idempotency keys this receiver refuses for good (422, the whole batch, as a real receiver stores all or nothing). */
  readonly refuseKeys = new Set<string>();
  /** Batches refused because of refuseKeys. */
  refusedBatches = 0;
  private readonly app: FastifyInstance;
  private readonly store: SimEventStore;
  private readonly raw = new WeakMap<FastifyRequest, Buffer>();
  private readonly hung = new Set<ServerResponse>();
  private readonly closing = new AbortController();
  private readonly clock: () => number;
  private boundPort = 0;

  constructor(private readonly opts: OnestopSimOptions) {
    super();
    this.clock = opts.clock ?? Date.now;
    this.slowMs = opts.slowMs ?? 2000;
    this.store = opts.dbFile ? new SqliteEventStore(opts.dbFile) : new MemoryEventStore();
    this.app = Fastify({ ...(opts.log ? { loggerInstance: opts.log as FastifyBaseLogger } : { logger: false }), bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true });
  }

  get port(): number { return this.boundPort; }
  get url(): string { return `http://${this.opts.host ?? '127.0.0.1'}:${this.boundPort}`; }
  /** Received events, in arrival order, each once. */
  get events(): ReceivedEvent[] { return this.store.all(); }
  get eventCount(): number { return this.store.count(); }

  async start(): Promise<void> {
    this.routes();
    await this.app.listen({ port: this.opts.port ?? 0, host: this.opts.host ?? '127.0.0.1' });
    const a = this.app.server.address();
    this.boundPort = typeof a === 'object' && a ? a.port : 0;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    await this.app.close();
    this.store.close();
  }

  private routes(): void {
    const app = this.app;
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
      this.raw.set(req, body as Buffer);
      try { done(null, JSON.parse((body as Buffer).toString('utf8'))); } catch { done(Object.assign(new Error('invalid JSON'), { statusCode: 400 })); }
    });
    app.addHook('onRequest', (req, reply) => this.applyMode(req, reply));
    app.addHook('preHandler', async (req, reply) => { if (!req.url.startsWith('/_sim/') && req.url !== '/health') return this.authorize(req, reply); });
    app.get('/health', async () => ({ ok: true, mode: this.mode, events: this.store.count() }));
    app.post('/_sim/mode', async (req, reply) => {
      const b = req.body as { mode?: SimMode; slowMs?: number } | null;
      if (!b?.mode || !SIM_MODES.includes(b.mode)) return reply.code(400).send(err('bad_mode', `mode must be one of ${SIM_MODES.join(', ')}`));
      this.mode = b.mode;
      if (typeof b.slowMs === 'number') this.slowMs = b.slowMs;
      return { mode: this.mode, slowMs: this.slowMs };
    });
    app.post('/_sim/refuse', async (req) => {
      const b = req.body as { keys?: string[] } | null;
      this.refuseKeys.clear();
      for (const k of b?.keys ?? []) this.refuseKeys.add(String(k));
      return { refuseKeys: [...this.refuseKeys] };
    });
    app.post('/events', { schema: { body: eventsBodySchema, response: { 200: eventsReplySchema, '4xx': { type: 'object', additionalProperties: true } } } }, async (req, reply) => {
      const batch = (req.body as { events: WireEvent[] }).events;
      const bad = batch.find((e) => this.refuseKeys.has(e.idempotencyKey));
      if (bad) {
        this.refusedBatches++;
        return reply.code(422).send(err('invalid_event', `Sự kiện ${bad.idempotencyKey} không hợp lệ (giả lập).`));
      }
      const r = this.store.add(batch, this.clock());
      this.duplicatesIgnored += r.duplicateKeys.length;
      for (const e of r.accepted) {
        const d = dossierFromEvent(e.payload);
        if (d && !this.dossiers.has(d.code)) this.dossiers.set(d.code, d);
      }
      if (r.accepted.length > 0) this.emit('received', r.accepted);
      return { accepted: r.accepted.length, duplicates: r.duplicateKeys.length, duplicateKeys: r.duplicateKeys };
    });
    app.get('/dossiers/:code', async (req, reply) => {
      const d = this.dossiers.get((req.params as { code: string }).code.trim().toUpperCase());
      return d ? { dossier: d } : reply.code(404).send(err('not_found', 'Không tìm thấy hồ sơ với mã số này.'));
    });
    app.get('/catalog', async () => this.catalog);
    app.get('/figures', async () => sampleFigures(this.clock()));
  }

  private async applyMode(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (req.url.startsWith('/_sim/') || req.url === '/health') return undefined;
    this.emit('request', { method: req.method, path: req.url, mode: this.mode });
    switch (this.mode) {
      case 'ok': return undefined;
      case 'fail': return reply.code(503).send(err('unavailable', 'Hệ thống đang tạm ngừng phục vụ (giả lập).'));
      case 'hang': {
        reply.hijack();
        const res = reply.raw;
        this.hung.add(res);
        res.on('close', () => this.hung.delete(res));
        return reply;
      }
      case 'slow':
        await delay(this.slowMs, undefined, { signal: this.closing.signal });
        return undefined;
    }
  }

  private async authorize(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const h = req.headers;
    const refuse = (code: string, message: string) => { this.rejected++; return reply.code(401).send(err(code, message)); };
    if (this.opts.apiKey && !safeEqual(String(h['x-api-key'] ?? ''), this.opts.apiKey)) return refuse('unauthorized', 'Sai hoặc thiếu khóa truy cập (X-Api-Key).');
    if (this.opts.hmacSecret) {
      const check = verifySignature(this.opts.hmacSecret, {
        method: req.method, path: req.url, body: this.raw.get(req) ?? '',
        ...(typeof h['x-timestamp'] === 'string' ? { timestamp: h['x-timestamp'] } : {}),
        ...(typeof h['x-signature'] === 'string' ? { signature: h['x-signature'] } : {}),
      }, this.clock());
      if (check !== 'ok') return refuse(`signature_${check}`, 'Chữ ký yêu cầu không hợp lệ.');
    }
    return undefined;
  }
}

export async function startOnestopSim(opts: OnestopSimOptions = {}): Promise<OnestopSim> {
  const sim = new OnestopSim(opts);
  try { await sim.start(); } catch (e) { await sim.close().catch(() => undefined); throw e; }
  return sim;
}

const SIM_HELP = `Usage: motcua onestop-sim [options]   reference simulator of the provincial one-stop system
  --port N          port (default 8090; 0 = any free port)
  --host H          address to listen on (default 127.0.0.1)
  --api-key K       require X-Api-Key (or env MOTCUA_ONESTOP_API_KEY)
  --hmac-secret S   require HMAC-SHA256 signatures (or env MOTCUA_ONESTOP_HMAC_SECRET)
  --db FILE         keep received events in this SQLite file (default: memory)
  --mode M          ok | fail | hang | slow (change later: POST /_sim/mode {"mode":"ok"})
  --slow-ms N       delay of slow mode (default 2000)
  --log-level L     pino level (default info)`;

/** CLI entry (`motcua onestop-sim`): runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runOnestopSim(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { createLogger } = await import('../logger.js');
  let values;
  try {
    values = parseArgs({ args: argv, options: {
      port: { type: 'string' }, host: { type: 'string' }, 'api-key': { type: 'string' }, 'hmac-secret': { type: 'string' }, db: { type: 'string' },
      mode: { type: 'string' }, 'slow-ms': { type: 'string' }, 'log-level': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (e) { console.error(`${(e as Error).message}\n${SIM_HELP}`); return 64; }
  if (values.help) { console.log(SIM_HELP); return 0; }
  const mode = (values.mode ?? 'ok') as SimMode;
  const port = Number(values.port ?? 8090);
  if (!SIM_MODES.includes(mode) || !Number.isInteger(port) || port < 0 || port > 65535) { console.error(SIM_HELP); return 64; }
  const log = createLogger(values['log-level'] ?? 'info');
  const apiKey = values['api-key'] ?? process.env.MOTCUA_ONESTOP_API_KEY;
  const hmacSecret = values['hmac-secret'] ?? process.env.MOTCUA_ONESTOP_HMAC_SECRET;
  let sim: OnestopSim;
  try {
    sim = await startOnestopSim({ port, host: values.host ?? '127.0.0.1', log, ...(apiKey ? { apiKey } : {}), ...(hmacSecret ? { hmacSecret } : {}),
      ...(values.db ? { dbFile: values.db } : {}), ...(values['slow-ms'] ? { slowMs: Number(values['slow-ms']) } : {}) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    console.error(`onestop-sim failed to start: ${(e as Error).message}`);
    return code === 'EADDRINUSE' || code === 'EACCES' ? 75 : 1;
  }
  sim.mode = mode;
  log.info({ url: sim.url, mode, apiKey: Boolean(apiKey), hmac: Boolean(hmacSecret), db: values.db ?? 'memory' }, 'onestop simulator listening');
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      log.info({ signal, events: sim.eventCount }, 'onestop simulator stopping');
      sim.close().then(() => resolve(0), (e: unknown) => { console.error(String(e)); resolve(1); });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
