import type { Logger } from 'pino';
import type { DeviceRegistry, Device } from '../devices/registry.js';
import { McError, isMcError, type ErrorCode } from '../../protocol/errors.js';
import type { Response, WireRequest } from '../../protocol/messages.js';
import { OPS_BY_KIND, PROTOCOL_VERSION, ROOT, deviceTopic, parseDeviceTopic } from '../../protocol/topics.js';
import type { QueueService } from '../queue/service.js';
import type { Bus } from './bus.js';
import { AnswerBook } from './answers.js';
import { toCommand } from './commands.js';
import type { Dispensing } from './dispensing.js';
import type { Arrivals } from '../booking/arrivals.js';
import type { Presence } from './presence.js';
import { checkRequest, checkVersion, parseJson, readId, validDeviceEvent, validDeviceState, validPrinterState } from './wire-check.js';

interface Bucket { tokens: number; at: number }

/**
 * Device requests in, answers out. Every request is checked in order (size, JSON, id, rate, replay, version, op,
 * schema, op allowed for the device's kind) and answered on the device's `response` topic with its id; a refusal
 * changes nothing. A repeated id gets the first answer again; a device's answers leave in the order of its requests.
 */
export class DeviceGateway {
  private readonly buckets = new Map<string, Bucket>();
  private readonly logged = new Map<string, number>();
  private readonly book: AnswerBook;
  dropped = 0;
  constructor(private readonly o: {
    office: string; bus: Bus; registry: DeviceRegistry; queue: QueueService; dispensing: Dispensing; presence: Presence; arrivals: Pick<Arrivals, 'checkIn' | 'card'>;
    log: Logger; maxPayloadBytes: number; clock: () => number; ratePerSec?: number; burst?: number;
  }) { this.book = new AnswerBook(o.clock); }

  async start(): Promise<void> {
    const { bus, office } = this.o;
    await bus.subscribe(`${ROOT}/${office}/+/+/request`, (t, p) => this.onRequest(t, p));
    await bus.subscribe(`${ROOT}/${office}/+/+/availability`, (t, p) => this.onPresence(t, p));
    await bus.subscribe(`${ROOT}/${office}/+/+/state`, (t, p) => this.onState(t, p));
    await bus.subscribe(`${ROOT}/${office}/+/+/event`, (t, p) => this.onEvent(t, p));
  }

  private device(topic: string): Device | null {
    const dt = parseDeviceTopic(topic);
    if (!dt || dt.office !== this.o.office) return null;
    const d = this.o.registry.get(dt.id);
    return d && d.kind === dt.kind && !d.disabled ? d : null;
  }

  private onPresence(topic: string, payload: Buffer): void {
    const d = this.device(topic);
    if (!d) return;
    const v = payload.toString('utf8');
    if (v === 'online' || v === 'offline') this.o.presence.availability(d.id, v === 'online');
  }

  /** A state that fails its schema is logged (once a minute per device) and never stored. */
  private onState(topic: string, payload: Buffer): void {
    const d = this.device(topic);
    if (!d || payload.length === 0) return;
    let body: unknown;
    try { body = parseJson(payload, this.o.maxPayloadBytes); } catch { this.warnOnce(d.id, 'MC_ERR_BAD_PAYLOAD', 'state is not JSON; ignored'); return; }
    const valid = d.kind === 'printer' ? validPrinterState(body) : validDeviceState(body);
    if (!valid || (body as { v: unknown }).v !== PROTOCOL_VERSION) {
      this.warnOnce(d.id, valid ? 'MC_ERR_BAD_VERSION' : 'MC_ERR_BAD_PAYLOAD', `bad ${d.kind} state; ignored`);
      return;
    }
    this.o.presence.setState(d.id, body as Record<string, unknown>);
  }

  /** Events are logged, at info when valid, as a warning (once a minute) when not. */
  private onEvent(topic: string, payload: Buffer): void {
    const d = this.device(topic);
    if (!d) return;
    try {
      const body = parseJson(payload, this.o.maxPayloadBytes);
      checkVersion(body);
      if (!validDeviceEvent(body)) throw new McError('MC_ERR_BAD_PAYLOAD', 'bad event');
      this.o.presence.seen(d.id);
      this.o.log.info({ device: d.id, event: body }, 'device event');
    } catch (e) {
      if (isMcError(e)) this.warnOnce(d.id, e.code, `event ignored: ${e.message}`);
    }
  }

  private onRequest(topic: string, payload: Buffer): void {
    const d = this.device(topic);
    if (!d) { this.dropped++; this.o.log.warn({ topic }, 'request from an unknown or disabled device dropped'); return; }
    this.o.presence.seen(d.id);
    let body: unknown = null;
    let id: string | null = null;
    let answer: Promise<Response>;
    try {
      body = parseJson(payload, this.o.maxPayloadBytes);
      id = readId(body);
      if (!this.allow(d.id)) throw new McError('MC_ERR_RATE_LIMITED');
      const first = id === null ? null : this.book.recall(d.id, id);
      answer = first ?? this.handle(d, body, id);
      if (!first && id !== null) this.book.remember(d.id, id, answer);
    } catch (e) {
      answer = Promise.resolve(this.refusal(d, id, e));
    }
    void this.book.inOrder(d.id, answer, (r) => this.o.bus.publish(deviceTopic(this.o.office, d.kind, d.id, 'response'), r, { qos: 1 }));
  }

  private async handle(d: Device, body: unknown, id: string | null): Promise<Response> {
    try {
      const req = checkRequest(body);
      if (!OPS_BY_KIND[d.kind].includes(req.op)) throw new McError('MC_ERR_FORBIDDEN', `a ${d.kind} cannot ${req.op}`);
      // ops without a ticket (signIn, signOut) answer `result: null`, not a missing key
      return { v: PROTOCOL_VERSION, id: req.id, ok: true, result: (await this.dispatch(d, req)) ?? null };
    } catch (e) {
      return this.refusal(d, id, e);
    }
  }

  private refusal(d: Device, id: string | null, e: unknown): Response {
    const err = isMcError(e) ? e : new McError('MC_ERR_INTERNAL', (e as Error).message);
    if (!isMcError(e)) this.o.log.error({ err: e, device: d.id }, 'request failed');
    this.warnOnce(d.id, err.code, err.message);
    const j = err.toJSON();
    return { v: PROTOCOL_VERSION, id, ok: false, error: { code: j.code, message: j.message, messageEn: j.messageEn } };
  }

  private async dispatch(d: Device, req: WireRequest): Promise<unknown> {
    const source = d.id;
    const printerId = typeof d.options.printerId === 'string' ? d.options.printerId : null;
    // a booking's code or a chip card's QR (issue 22): the card's text is read by Arrivals and goes no further
    if (req.op === 'checkIn') return this.o.arrivals.checkIn(String(req.code), { source, requestId: req.id, printerId });
    if (req.op === 'issue' && req.card) return this.o.arrivals.card(req.card, String(req.fieldId), req.priority ?? null, { source, requestId: req.id, printerId });
    if (req.op === 'issue') return this.o.dispensing.issue({ fieldId: String(req.fieldId), priority: req.priority ?? null, source, requestId: req.id, printerId });
    const q = this.o.queue;
    const cmd = toCommand(req, { source, counterId: d.kind === 'kiosk' ? null : d.counterId, typesDossierCodes: false },
      { cfg: q.config, heldAt: (c) => q.waitingAt(c).find((t) => t.status === 'held')?.id ?? null });
    const res = await q.submit(cmd, { source, requestId: req.id });
    return res.ticket;
  }

  /** Token bucket per device, on real time (not the office clock, which tests may freeze). */
  private allow(id: string): boolean {
    const now = performance.now();
    const rate = this.o.ratePerSec ?? 10;
    const burst = this.o.burst ?? 30;
    const b = this.buckets.get(id) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(id, b);
    if (b.tokens < 1) { this.dropped++; return false; }
    b.tokens -= 1;
    return true;
  }

  /** Log a device's error once a minute per code, so a flood does not flood the log. */
  private warnOnce(device: string, code: ErrorCode, msg: string): void {
    const k = `${device}|${code}`;
    const now = performance.now();
    const last = this.logged.get(k);
    if (last !== undefined && last > now - 60_000) return;
    this.logged.set(k, now);
    this.o.log.warn({ device, code }, msg);
  }
}
