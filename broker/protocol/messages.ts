import type { ErrorCode } from '../errors.js';
import { PROTOCOL_VERSION } from './topics.js';

/** Payload types of the protocol (JSON, UTF-8, every payload carries `v`). */
export interface RequestBase { v: number; id: string }
export type DeviceRequest =
  | (RequestBase & { op: 'issue'; fieldId: string; priority?: 'elderly' | 'pregnant' | 'disabled' | null })
  | (RequestBase & { op: 'rate'; level: string; ticketId?: string; reason?: string })
  | (RequestBase & { op: 'next' | 'recall' | 'skip' | 'hold' })
  | (RequestBase & { op: 'finish'; outcome: 'received' | 'guidance' | 'supplement' | 'refused' | 'returned'; dossierCode?: string });

export type Response =
  | { v: number; id: string; ok: true; result: unknown }
  | { v: number; id: string | null; ok: false; error: { code: ErrorCode; message: string; messageEn: string } };

export type Availability = 'online' | 'offline';

export interface PrinterState { v: number; status: 'ok' | 'paper_out' | 'paper_low' | 'cover_open' | 'offline' | 'error'; detail?: string; at: number }
/** Hub → printer on its `set` channel: raw ESC/POS bytes, base64. The printer answers on `response` with the same id. */
export interface PrintJob { v: number; id: string; op: 'print'; ticketId: string; copy: boolean; data: string }
/**
 * Hub → rating pad on its `set`: light up for one ticket for `validForS` seconds (a lifetime, counted on the pad's
 * own clock: the pad's clock need not agree with the hub's), or go dark.
 */
export type RatingSet = { v: number; op: 'open'; ticketId: string; validForS: number; levels: { key: string; label: string }[] } | { v: number; op: 'close'; ticketId: string | null; result?: 'counted' | 'not_counted' };

export interface CallMessage { v: number; kind: 'call' | 'recall'; ticketId: string; number: string; counterId: string; counterNumber: number; fieldId: string; at: number; text: string }

export const requestSchema = {
  type: 'object',
  required: ['v', 'id', 'op'],
  additionalProperties: false,
  properties: {
    v: { type: 'integer' },
    id: { type: 'string', minLength: 1, maxLength: 64 },
    op: { type: 'string', enum: ['issue', 'rate', 'next', 'recall', 'skip', 'hold', 'finish'] },
    fieldId: { type: 'string', maxLength: 32 },
    priority: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['elderly', 'pregnant', 'disabled'] }] },
    level: { type: 'string', maxLength: 32 },
    ticketId: { type: 'string', maxLength: 64 },
    reason: { type: 'string', maxLength: 200 },
    outcome: { type: 'string', enum: ['received', 'guidance', 'supplement', 'refused', 'returned'] },
    dossierCode: { type: 'string', maxLength: 40 },
  },
  allOf: [
    { if: { properties: { op: { const: 'issue' } } }, then: { required: ['fieldId'] } },
    { if: { properties: { op: { const: 'rate' } } }, then: { required: ['level'] } },
    { if: { properties: { op: { const: 'finish' } } }, then: { required: ['outcome'] } },
  ],
} as const;

export const printerStateSchema = {
  type: 'object', required: ['v', 'status'], additionalProperties: true,
  properties: { v: { type: 'integer' }, status: { type: 'string', enum: ['ok', 'paper_out', 'paper_low', 'cover_open', 'offline', 'error'] }, detail: { type: 'string', maxLength: 200 } },
} as const;

export const printResponseSchema = {
  type: 'object', required: ['v', 'id', 'ok'], additionalProperties: true,
  properties: { v: { type: 'integer' }, id: { type: 'string', maxLength: 64 }, ok: { type: 'boolean' } },
} as const;

export function ok(id: string, result: unknown): Response {
  return { v: PROTOCOL_VERSION, id, ok: true, result };
}
