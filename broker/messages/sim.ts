/**
 * Simulators of the two message gateways, speaking their HTTP: an eSMS-style SMS brandname API and Zalo's ZNS
 * template API (the shapes in sms-gateway.ts and zns-gateway.ts). They keep what they accepted, in order, and can be
 * told to fail: `down` (HTTP 503), `hang` (never answer), `slow`, `refuse` (HTTP 200 with the gateway's own error:
 * eSMS 103 "no balance", ZNS -124 "access token invalid"), `lose` (accept the message, then drop the connection
 * before answering: the sender cannot know it went). The SMS simulator refuses a RequestId it already took (code
 * 124), as eSMS does; the ZNS one, like Zalo, has no such key and delivers a repeat again (counted in `repeats`).
 * Used by the tests and by `npm start` (GET /_sim/messages lists what the phones received).
 */
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SMS_CODES } from './sms-gateway.js';
import { ZNS_ERRORS } from './zns-gateway.js';

export type GatewaySimMode = 'ok' | 'down' | 'hang' | 'slow' | 'refuse' | 'lose';
export const GATEWAY_SIM_MODES: readonly GatewaySimMode[] = ['ok', 'down', 'hang', 'slow', 'refuse', 'lose'];

/** One message a phone received. */
export interface Delivered { key: string; phone: string; text?: string; templateId?: string; data?: Record<string, string>; at: number }

export interface GatewaySimEvents {
  /** A send request arrived (before the mode applies). */
  request: [{ mode: GatewaySimMode; key: string }];
  /** A message was accepted (and, in `lose` mode, its answer then dropped). */
  delivered: [Delivered];
}

interface Dialect {
  path: string;
  /** Null when the credentials are right, else the answer to send. */
  unauthorized(req: FastifyRequest): { status: number; body: unknown } | null;
  parse(body: unknown): Omit<Delivered, 'at'> | { invalid: { status: number; body: unknown } };
  accepted(d: Delivered, id: string): unknown;
  refused(): unknown;
  /** The answer to a key already accepted, or null when the gateway has no idempotency key. */
  duplicate(key: string): unknown;
  /** The answer for a phone this gateway cannot reach for good (ZNS: no Zalo account), or null. */
  unreachable?(phone: string): unknown;
}

export class GatewaySim extends EventEmitter<GatewaySimEvents> {
  mode: GatewaySimMode = 'ok';
  slowMs = 1500;
  readonly delivered: Delivered[] = [];
  /** Messages delivered a second time (ZNS: no idempotency key). */
  repeats = 0;
  /** Requests answered as duplicates (SMS RequestId already taken). */
  duplicatesRefused = 0;
  /** Phones that have no account on this gateway (ZNS -118). */
  readonly unreachable = new Set<string>();
  private readonly app: FastifyInstance;
  private readonly hung = new Set<ServerResponse>();
  private readonly closing = new AbortController();
  private boundPort = 0;
  private ids = 0;

  constructor(readonly kind: 'sms' | 'zns', private readonly d: Dialect, private readonly o: { port?: number; host?: string } = {}) {
    super();
    this.app = Fastify({ logger: false, forceCloseConnections: true });
  }

  get url(): string { return `http://${this.o.host ?? '127.0.0.1'}:${this.boundPort}${this.d.path}`; }
  get base(): string { return `http://${this.o.host ?? '127.0.0.1'}:${this.boundPort}`; }

  async start(): Promise<void> {
    this.routes();
    await this.app.listen({ port: this.o.port ?? 0, host: this.o.host ?? '127.0.0.1' });
    const a = this.app.server.address();
    this.boundPort = typeof a === 'object' && a ? a.port : 0;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const r of this.hung) r.destroy();
    await this.app.close();
  }

  private routes(): void {
    this.app.get('/_sim/messages', async () => ({ kind: this.kind, mode: this.mode, repeats: this.repeats, messages: this.delivered }));
    this.app.post('/_sim/mode', async (req, reply) => {
      const m = (req.body as { mode?: GatewaySimMode } | null)?.mode;
      if (!m || !GATEWAY_SIM_MODES.includes(m)) return reply.code(400).send({ error: `mode: one of ${GATEWAY_SIM_MODES.join(', ')}` });
      this.mode = m;
      return { mode: m };
    });
    this.app.post(this.d.path, async (req, reply) => this.handle(req, reply));
  }

  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const auth = this.d.unauthorized(req);
    if (auth) return reply.code(auth.status).send(auth.body);
    const p = this.d.parse(req.body);
    if ('invalid' in p) return reply.code(p.invalid.status).send(p.invalid.body);
    const mode = this.mode;
    this.emit('request', { mode, key: p.key });
    switch (mode) {
      case 'down': return reply.code(503).send({ error: 'Service Unavailable (simulator)' });
      case 'refuse': return reply.send(this.d.refused());
      case 'hang': reply.hijack(); this.hung.add(reply.raw); reply.raw.on('close', () => this.hung.delete(reply.raw)); return reply;
      case 'slow': await delay(this.slowMs, undefined, { signal: this.closing.signal }).catch(() => undefined); break;
      case 'ok': case 'lose': break;
    }
    const gone = this.d.unreachable?.(p.phone);
    if (gone && this.unreachable.has(p.phone)) return reply.send(gone);
    const seen = this.delivered.some((x) => x.key === p.key);
    const dup = seen ? this.d.duplicate(p.key) : null;
    if (dup) { this.duplicatesRefused++; return reply.send(dup); }
    if (seen) this.repeats++;
    const got: Delivered = { ...p, at: Date.now() };
    this.delivered.push(got);
    this.emit('delivered', got);
    if (mode === 'lose') { reply.hijack(); reply.raw.destroy(); return reply; }
    return reply.send(this.d.accepted(got, `${this.kind}-${++this.ids}`));
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** eSMS-style: POST {ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, RequestId} → {CodeResult, SMSID}. */
export function smsDialect(o: { apiKey: string; secretKey: string; brandname: string }): Dialect {
  return {
    path: '/MainService.svc/json/SendMultipleMessage_V4_post_json/',
    unauthorized: (req) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (str(b.ApiKey) !== o.apiKey || str(b.SecretKey) !== o.secretKey) return { status: 200, body: { CodeResult: SMS_CODES.badKeys, ErrorMessage: 'Sai ApiKey hoặc SecretKey (giả lập).' } };
      if (str(b.Brandname) !== o.brandname) return { status: 200, body: { CodeResult: SMS_CODES.badBrandname, ErrorMessage: 'Brandname không tồn tại (giả lập).' } };
      return null;
    },
    parse: (body) => {
      const b = (body ?? {}) as Record<string, unknown>;
      if (!/^0\d{9}$/.test(str(b.Phone)) || !str(b.Content) || !str(b.RequestId)) return { invalid: { status: 200, body: { CodeResult: '99', ErrorMessage: 'Thiếu Phone, Content hoặc RequestId.' } } };
      return { key: str(b.RequestId), phone: `84${str(b.Phone).slice(1)}`, text: str(b.Content) };
    },
    accepted: (_d, id) => ({ CodeResult: SMS_CODES.ok, CountRegenerate: 0, SMSID: id }),
    refused: () => ({ CodeResult: SMS_CODES.noBalance, ErrorMessage: 'Không đủ số dư để gửi tin (giả lập).' }),
    duplicate: () => ({ CodeResult: SMS_CODES.duplicateRequest, ErrorMessage: 'Trùng RequestId khi gửi tin.' }),
  };
}

/** Zalo ZNS: POST /message/template, header access_token, {phone, template_id, template_data, tracking_id} → {error, message, data}. */
export function znsDialect(o: { accessToken: string }): Dialect {
  return {
    path: '/message/template',
    unauthorized: (req) => (str(req.headers.access_token) === o.accessToken ? null
      : { status: 200, body: { error: ZNS_ERRORS.invalidToken, message: 'Access token is invalid (simulator)' } }),
    parse: (body) => {
      const b = (body ?? {}) as Record<string, unknown>;
      if (!/^84\d{9}$/.test(str(b.phone))) return { invalid: { status: 200, body: { error: ZNS_ERRORS.invalidPhone, message: 'Phone number is invalid' } } };
      const data = b.template_data;
      if (!str(b.template_id) || !data || typeof data !== 'object') return { invalid: { status: 200, body: { error: ZNS_ERRORS.invalidTemplateData, message: 'Template data is invalid' } } };
      return { key: str(b.tracking_id), phone: str(b.phone), templateId: str(b.template_id), data: data as Record<string, string> };
    },
    accepted: (d, id) => ({ error: 0, message: 'Success', data: { msg_id: id, sent_time: String(d.at), quota: { dailyQuota: '500', remainingQuota: '499' } } }),
    refused: () => ({ error: ZNS_ERRORS.invalidToken, message: 'Access token is invalid (simulator)' }),
    duplicate: () => null,
    unreachable: () => ({ error: ZNS_ERRORS.noZaloAccount, message: 'Zalo account not existed' }),
  };
}

export async function startSmsSim(o: { apiKey: string; secretKey: string; brandname: string; port?: number }): Promise<GatewaySim> {
  const s = new GatewaySim('sms', smsDialect(o), { port: o.port ?? 0 });
  await s.start();
  return s;
}

export async function startZnsSim(o: { accessToken: string; port?: number }): Promise<GatewaySim> {
  const s = new GatewaySim('zns', znsDialect(o), { port: o.port ?? 0 });
  await s.start();
  return s;
}
