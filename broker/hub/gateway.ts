import { Ajv } from 'ajv';
import type { Logger } from 'pino';
import type { DeviceRegistry, Device } from '../devices/registry.js';
import { McError, isMcError, type ErrorCode } from '../errors.js';
import { requestSchema, printerStateSchema, type Response } from '../protocol/messages.js';
import { OPS_BY_KIND, PROTOCOL_VERSION, ROOT, deviceTopic, parseDeviceTopic } from '../protocol/topics.js';
import type { QueueService } from '../queue/service.js';
import type { Command, Priority } from '../queue/types.js';
import type { Bus } from './bus.js';
import type { Dispensing } from './dispensing.js';
import type { Presence } from './presence.js';

const ajv = new Ajv({ allErrors: false, strict: false });
const validRequest = ajv.compile(requestSchema);
const validPrinterState = ajv.compile(printerStateSchema);

interface Bucket { tokens: number; at: number; warned: number }

/**
 * Device requests in, answers out. Every request is checked in order (size, JSON, schema, version, op allowed for
 * the device's kind, rate) and answered on the device's `response` topic; a refusal changes nothing.
 */
export class DeviceGateway {
  private readonly buckets = new Map<string, Bucket>();
  private readonly logged = new Map<string, number>();
  dropped = 0;
  constructor(private readonly o: {
    office: string; bus: Bus; registry: DeviceRegistry; queue: QueueService; dispensing: Dispensing; presence: Presence;
    log: Logger; maxPayloadBytes: number; ratePerSec?: number; burst?: number;
  }) {}

  async start(): Promise<void> {
    const { bus, office } = this.o;
    await bus.subscribe(`${ROOT}/${office}/+/+/request`, (t, p) => { void this.onRequest(t, p); });
    await bus.subscribe(`${ROOT}/${office}/+/+/availability`, (t, p) => this.onPresence(t, p));
    await bus.subscribe(`${ROOT}/${office}/+/+/state`, (t, p) => this.onState(t, p));
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
    if (v === 'online' || v === 'offline') this.o.presence.set(d.id, v === 'online');
  }

  private onState(topic: string, payload: Buffer): void {
    const d = this.device(topic);
    if (!d || payload.length > this.o.maxPayloadBytes) return;
    let body: unknown;
    try { body = JSON.parse(payload.toString('utf8')); } catch { this.warnOnce(d.id, 'MC_ERR_BAD_PAYLOAD', 'state is not JSON'); return; }
    if (d.kind === 'printer' && !validPrinterState(body)) { this.warnOnce(d.id, 'MC_ERR_BAD_PAYLOAD', 'bad printer state'); return; }
    this.o.presence.setState(d.id, body as Record<string, unknown>);
  }

  private async onRequest(topic: string, payload: Buffer): Promise<void> {
    const d = this.device(topic);
    if (!d) { this.dropped++; this.o.log.warn({ topic }, 'request from an unknown or disabled device dropped'); return; }
    this.o.presence.seen(d.id);
    let id: string | null = null;
    try {
      if (!this.allow(d.id)) throw new McError('MC_ERR_RATE_LIMITED');
      if (payload.length > this.o.maxPayloadBytes) throw new McError('MC_ERR_PAYLOAD_TOO_LARGE', `${payload.length} bytes`);
      const body = parse(payload);
      if (body && typeof body === 'object' && typeof (body as { id?: unknown }).id === 'string') id = ((body as { id: string }).id).slice(0, 64);
      if (!validRequest(body)) throw new McError('MC_ERR_BAD_PAYLOAD', ajv.errorsText(validRequest.errors));
      const req = body as unknown as Record<string, unknown> & { v: number; id: string; op: string };
      if (req.v !== PROTOCOL_VERSION) throw new McError('MC_ERR_BAD_VERSION', `v=${req.v}, this hub speaks v=${PROTOCOL_VERSION}`);
      if (!OPS_BY_KIND[d.kind].includes(req.op)) throw new McError('MC_ERR_FORBIDDEN', `a ${d.kind} cannot ${req.op}`);
      const result = await this.dispatch(d, req);
      this.answer(d, { v: PROTOCOL_VERSION, id: req.id, ok: true, result });
    } catch (e) {
      const err = isMcError(e) ? e : new McError('MC_ERR_INTERNAL', (e as Error).message);
      if (!isMcError(e)) this.o.log.error({ err: e, device: d.id }, 'request failed');
      this.warnOnce(d.id, err.code, err.message);
      const j = err.toJSON();
      this.answer(d, { v: PROTOCOL_VERSION, id, ok: false, error: { code: j.code, message: j.message, messageEn: j.messageEn } });
    }
  }

  private async dispatch(d: Device, req: Record<string, unknown> & { id: string; op: string }): Promise<unknown> {
    const source = d.id;
    if (req.op === 'issue') {
      const printerId = typeof d.options.printerId === 'string' ? d.options.printerId : null;
      return this.o.dispensing.issue({ fieldId: String(req.fieldId), priority: (req.priority as Priority | null | undefined) ?? null, source, requestId: req.id, printerId });
    }
    const counterId = d.counterId;
    let cmd: Command;
    if (req.op === 'rate') {
      cmd = d.kind === 'rating'
        ? { op: 'rate', counterId, level: String(req.level), reason: (req.reason as string | undefined) ?? null, source }
        : { op: 'rate', ticketId: (req.ticketId as string | undefined) ?? null, level: String(req.level), reason: (req.reason as string | undefined) ?? null, source };
      if (d.kind === 'kiosk' && !req.ticketId) throw new McError('MC_ERR_BAD_PAYLOAD', 'a kiosk rates by ticketId');
    } else {
      if (!counterId) throw new McError('MC_ERR_FORBIDDEN', 'device is not bound to a counter');
      cmd = req.op === 'finish'
        ? { op: 'finish', counterId, outcome: req.outcome as never, dossierCode: (req.dossierCode as string | undefined) ?? null }
        : { op: req.op as 'next' | 'recall' | 'skip' | 'hold', counterId };
    }
    const res = await this.o.queue.submit(cmd, { source, requestId: req.id });
    return res.ticket;
  }

  private answer(d: Device, r: Response): void {
    this.o.bus.publish(deviceTopic(this.o.office, d.kind, d.id, 'response'), r, { qos: 1 });
  }

  /** Token bucket per device, on real time (not the office clock, which tests may freeze). */
  private allow(id: string): boolean {
    const now = performance.now();
    const rate = this.o.ratePerSec ?? 10;
    const burst = this.o.burst ?? 30;
    const b = this.buckets.get(id) ?? { tokens: burst, at: now, warned: 0 };
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

function parse(p: Buffer): unknown {
  const text = p.toString('utf8');
  if (text.includes('\uFFFD')) throw new McError('MC_ERR_BAD_PAYLOAD', 'payload is not valid UTF-8');
  try { return JSON.parse(text); } catch { throw new McError('MC_ERR_BAD_PAYLOAD', 'payload is not JSON'); }
}
