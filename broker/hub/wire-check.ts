/**
 * Checks of what a device sends, in the documented order: size, UTF-8, JSON, `v`, `id`, `op`, then the schema.
 * Each failure is an `McError` whose message names the first thing wrong.
 */
import { Ajv } from 'ajv';
import { McError } from '../../protocol/errors.js';
import { REQUEST_OPS, type WireRequest } from '../../protocol/messages.js';
import { deviceEventSchema, deviceStateSchema, printAckSchema, printerStateSchema, requestSchema } from '../../protocol/schemas.js';
import { PROTOCOL_VERSION } from '../../protocol/topics.js';

const ajv = new Ajv({ allErrors: false, strict: false });
export const validRequest = ajv.compile(requestSchema);
export const validPrinterState = ajv.compile(printerStateSchema);
export const validDeviceState = ajv.compile(deviceStateSchema);
export const validDeviceEvent = ajv.compile(deviceEventSchema);
export const validPrintAck = ajv.compile(printAckSchema);

export function parseJson(p: Buffer, maxBytes: number): unknown {
  if (p.length > maxBytes) throw new McError('MC_ERR_PAYLOAD_TOO_LARGE', `${p.length} bytes`);
  const text = p.toString('utf8');
  if (text.includes('\uFFFD')) throw new McError('MC_ERR_BAD_PAYLOAD', 'payload is not valid UTF-8');
  try { return JSON.parse(text); } catch { throw new McError('MC_ERR_BAD_PAYLOAD', 'payload is not JSON'); }
}

/** The request's id when it has a usable one (answers carry it, refusals included). */
export function readId(body: unknown): string | null {
  const id = isObject(body) ? body.id : undefined;
  return typeof id === 'string' && id.length >= 1 && id.length <= 64 ? id : null;
}

/** `v` first: a message without it, with a string, or with another version is `MC_ERR_BAD_VERSION`. */
export function checkVersion(body: unknown): void {
  if (!isObject(body)) throw new McError('MC_ERR_BAD_PAYLOAD', 'payload is not a JSON object');
  const v = body.v;
  if (v === undefined) throw new McError('MC_ERR_BAD_VERSION', `"v" is missing; this hub speaks v=${PROTOCOL_VERSION}`);
  if (v !== PROTOCOL_VERSION) throw new McError('MC_ERR_BAD_VERSION', `v=${JSON.stringify(v)}, this hub speaks v=${PROTOCOL_VERSION}`);
}

export function checkRequest(body: unknown): WireRequest {
  checkVersion(body);
  const b = body as Record<string, unknown>;
  if (readId(b) === null) throw new McError('MC_ERR_BAD_PAYLOAD', '"id" is missing or not a string of 1–64 characters');
  if (b.op === undefined) throw new McError('MC_ERR_BAD_PAYLOAD', '"op" is missing');
  if (!(REQUEST_OPS as readonly unknown[]).includes(b.op)) throw new McError('MC_ERR_BAD_PAYLOAD', `unknown op ${JSON.stringify(b.op)}`);
  if (!validRequest(b)) throw new McError('MC_ERR_BAD_PAYLOAD', ajv.errorsText(validRequest.errors));
  return b;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
