/**
 * Generic HTTP JSON adapter for the provincial system: base URL, `X-Api-Key`, optional HMAC-SHA256
 * signing, one timeout per request (AbortSignal.timeout). TLS is whatever the base URL says (https uses the
 * system CAs, plus NODE_EXTRA_CA_CERTS for a provincial CA). Request and response shapes: docs/onestop.md.
 */
import type { Logger } from 'pino';
import { McError } from '../../protocol/errors.js';
import type { Catalog, DossierStatus, OfficeFigures, OnestopAdapter, OutboxEvent, RequestOptions, UplinkFailure } from './adapter.js';
import { firstError, wireValidators, type WireValidators } from './schemas.js';
import { signRequest } from './sign.js';

export interface HttpAdapterOptions {
  /** e.g. `https://motcua.example.gov.vn/api/hub/v1` (a path prefix is kept). */
  baseUrl: string;
  apiKey?: string;
  /** When set, every request carries X-Timestamp and X-Signature. */
  hmacSecret?: string;
  timeoutMs: number;
  /** Sent as `?office=` when fetching the office's figures. */
  officeId?: string;
  clock?: () => number;
  log?: Logger;
}

interface Reply { status: number; body: unknown }

export class HttpOnestopAdapter implements OnestopAdapter {
  private readonly base: URL;
  private readonly v: WireValidators = wireValidators();
  private readonly clock: () => number;
  constructor(private readonly opts: HttpAdapterOptions) {
    this.base = new URL(opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`);
    this.clock = opts.clock ?? Date.now;
  }

  async forward(events: OutboxEvent[], ro?: RequestOptions): Promise<void> {
    if (events.length === 0) return;
    const body = JSON.stringify({ events: events.map((e) => ({ idempotencyKey: e.idemKey, type: e.type, at: e.at, payload: e.payload })) });
    const r = await this.request('POST', 'events', body, ro);
    if (r.status < 200 || r.status > 299) throw httpError(r);
    if (!this.v.eventsReply(r.body)) throw badResponse(`events reply ${firstError(this.v.eventsReply)}`);
    const { accepted, duplicates } = r.body;
    if (accepted + duplicates !== events.length) throw badResponse(`acknowledged ${accepted + duplicates} of ${events.length} events`);
  }

  async lookupDossier(code: string, ro?: RequestOptions): Promise<DossierStatus | null> {
    const r = await this.request('GET', `dossiers/${encodeURIComponent(code)}`, '', ro);
    if (r.status === 404 && errorCode(r.body) === 'not_found') return null;
    if (r.status !== 200) throw httpError(r);
    const d = (r.body as { dossier?: unknown } | null)?.dossier;
    if (!this.v.dossier(d)) throw badResponse(`dossier ${firstError(this.v.dossier)}`);
    return pick(d, ['code', 'procedureName', 'status', 'statusCode', 'receivedAt', 'appointmentDate', 'onTime', 'overdue', 'complained', 'collectAt']);
  }

  async fetchCatalog(ro?: RequestOptions): Promise<Catalog> {
    const r = await this.request('GET', 'catalog', '', ro);
    if (r.status !== 200) throw httpError(r);
    if (!this.v.catalog(r.body)) throw badResponse(`catalog ${firstError(this.v.catalog)}`);
    return r.body;
  }

  async fetchFigures(ro?: RequestOptions): Promise<OfficeFigures> {
    const q = this.opts.officeId ? `?office=${encodeURIComponent(this.opts.officeId)}` : '';
    const r = await this.request('GET', `figures${q}`, '', ro);
    if (r.status !== 200) throw httpError(r);
    if (!this.v.figures(r.body)) throw badResponse(`figures ${firstError(this.v.figures)}`);
    return pick(r.body, ['onTime', 'overdue', 'inProgress', 'asOf']);
  }

  private headers(method: string, url: URL, body: string): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json' };
    if (body) h['content-type'] = 'application/json; charset=utf-8';
    if (this.opts.apiKey) h['x-api-key'] = this.opts.apiKey;
    if (this.opts.hmacSecret) {
      const ts = String(Math.floor(this.clock() / 1000));
      h['x-timestamp'] = ts;
      h['x-signature'] = signRequest(this.opts.hmacSecret, method, url.pathname + url.search, ts, body);
    }
    return h;
  }

  private async request(method: 'GET' | 'POST', rel: string, body: string, ro?: RequestOptions): Promise<Reply> {
    const url = new URL(rel, this.base);
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = ro?.signal ? AbortSignal.any([timeout, ro.signal]) : timeout;
    const started = this.clock();
    try {
      const res = await fetch(url, { method, headers: this.headers(method, url, body), body: body || undefined, signal });
      const text = await res.text();
      this.opts.log?.debug({ method, path: url.pathname, status: res.status, ms: this.clock() - started }, 'onestop request');
      return { status: res.status, body: parseJson(text) };
    } catch (e) {
      if (e instanceof McError) throw e;
      const kind: UplinkFailure['kind'] = ro?.signal?.aborted ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = kind === 'timeout' ? `no answer within ${this.opts.timeoutMs} ms` : kind === 'aborted' ? 'request abandoned' : (cause?.code ?? cause?.message ?? (e as Error).message);
      throw new McError('MC_ERR_UPLINK_DOWN', `${method} ${url.pathname}: ${why}`, { kind } satisfies UplinkFailure);
    }
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

function errorCode(body: unknown): string | undefined {
  const c = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof c === 'string' ? c : undefined;
}

function httpError(r: Reply): McError {
  const code = errorCode(r.body);
  const details: UplinkFailure = code ? { kind: 'http', status: r.status, code } : { kind: 'http', status: r.status };
  return new McError('MC_ERR_UPLINK_DOWN', `HTTP ${r.status}${code ? ` ${code}` : ''}`, details);
}

function badResponse(why: string): McError {
  return new McError('MC_ERR_UPLINK_DOWN', `unexpected answer: ${why}`, { kind: 'bad_response' } satisfies UplinkFailure);
}

/** Keep only the documented keys (a province may send more, e.g. personal data we must not keep). */
function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}
