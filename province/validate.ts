/**
 * What the province accepts from a hub, message by message. Every refusal has a reason (Vietnamese, then English)
 * that is logged, counted and kept with the payload in `quarantine`.
 */
import type { EventRow, HealthRow } from './db.js';

export type Parsed =
  | { kind: 'event'; row: EventRow }
  | { kind: 'health'; row: HealthRow }
  | { kind: 'online'; office: string; online: boolean }
  | { kind: 'bad'; office: string | null; seq: number | null; reason: string };

const MIN_AT = Date.UTC(2015, 0, 1);
const MAX_AT = Date.UTC(2100, 0, 1);
const TYPE = /^[a-z_]+\.[a-z_]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_BYTES = 64 * 1024;

type Obj = Record<string, unknown>;
const optStr = (v: unknown): v is string | null | undefined => v === undefined || v === null || (typeof v === 'string' && v.length <= 200);

/** The topic's office id and what follows it, or null if the topic is not one of ours. */
function splitTopic(topic: string, prefix: string): { office: string; rest: string[] } | null {
  const parts = topic.split('/');
  if (parts[0] !== prefix || parts.length < 3 || !parts[1]) return null;
  return { office: parts[1], rest: parts.slice(2) };
}

export function parseMessage(topic: string, payload: Buffer, now: number, prefix = 'motcua'): Parsed {
  const t = splitTopic(topic, prefix);
  if (!t) return { kind: 'bad', office: null, seq: null, reason: `chủ đề không đúng / unexpected topic ${topic.slice(0, 200)}` };
  const bad = (reason: string, seq: number | null = null): Parsed => ({ kind: 'bad', office: t.office, seq, reason });
  if (t.rest.join('/') === 'hub/online') { const v = payload.toString(); return { kind: 'online', office: t.office, online: v === 'true' || v === '1' }; }
  if (payload.length > MAX_BYTES) return bad(`quá lớn / too large (${payload.length} bytes)`);
  let v: unknown;
  try { v = JSON.parse(payload.toString('utf8')); } catch (e) { return bad(`không phải JSON / not JSON: ${(e as Error).message}`); }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return bad('không phải đối tượng JSON / not a JSON object');
  const o = v as Obj;
  if (o.v !== 1) return bad(`phiên bản không hỗ trợ / unsupported version ${JSON.stringify(o.v)}`);
  if (o.office !== t.office) return bad(`mã cơ quan trong nội dung khác chủ đề / office ${JSON.stringify(o.office)} differs from the topic's`);
  if (typeof o.sentAt !== 'number' || !Number.isFinite(o.sentAt)) return bad('thiếu sentAt / sentAt missing');
  if (typeof o.at !== 'number' || !Number.isFinite(o.at) || o.at < MIN_AT || o.at > MAX_AT) return bad(`thời điểm không hợp lệ / at out of range: ${JSON.stringify(o.at)}`);
  const skewMs = Math.round(now - o.sentAt);
  if (t.rest.length === 1 && t.rest[0] === 'health') {
    if (!Number.isSafeInteger(o.hseq) || (o.hseq as number) <= 0) return bad('hseq phải là số nguyên dương / hseq must be a positive integer');
    if (!Array.isArray(o.devices) || typeof o.waiting !== 'number') return bad('thiếu danh sách thiết bị hoặc số người chờ / devices or waiting missing');
    const { v: _v, office: _o, hseq, at, sentAt: _s, ...body } = o;
    return { kind: 'health', row: { office: t.office, hseq: hseq as number, at: at as number, body: { ...body, skewMs } } };
  }
  if (t.rest.length !== 2 || t.rest[0] !== 'events') return bad(`chủ đề không đúng / unexpected topic ${topic.slice(0, 200)}`);
  const seq = Number.isSafeInteger(o.seq) && (o.seq as number) > 0 ? (o.seq as number) : null;
  if (seq === null) return bad(`seq phải là số nguyên dương / seq must be a positive integer: ${JSON.stringify(o.seq)}`);
  if (typeof o.type !== 'string' || !TYPE.test(o.type) || o.type !== t.rest[1]) return bad(`loại sự kiện không hợp lệ / bad event type ${JSON.stringify(o.type)}`, seq);
  if (typeof o.day !== 'string' || !DAY.test(o.day) || Number.isNaN(Date.parse(o.day))) return bad(`ngày không hợp lệ / bad day ${JSON.stringify(o.day)}`, seq);
  if (!optStr(o.ticketId) || !optStr(o.counterId) || !optStr(o.clerkId) || !optStr(o.fieldId)) return bad('mã vé/quầy/công chức/lĩnh vực không hợp lệ / bad ticketId, counterId, clerkId or fieldId', seq);
  return { kind: 'event', row: { office: t.office, seq, at: o.at, day: o.day, type: o.type, ticketId: o.ticketId ?? null, counterId: o.counterId ?? null,
    clerkId: o.clerkId ?? null, fieldId: o.fieldId ?? null, data: o.data ?? null, receivedAt: now, skewMs } };
}
