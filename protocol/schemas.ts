/**
 * JSON schemas of the wire messages a hub must check (what devices send). Each is typed `JSONSchemaType<T>`
 * against its TypeScript type, so a schema that disagrees with its type does not compile;
 * `test/protocol/schemas.test.ts` compiles this room and checks typed examples against the schemas.
 */
import type { JSONSchemaType } from 'ajv';
import { OUTCOMES, PRINTER_STATUSES, PRIORITIES } from './enums.js';
import { REQUEST_OPS, type DeviceEvent, type PrintAck, type PrinterState, type WireRequest } from './messages.js';

const str = (maxLength: number) => ({ type: 'string', maxLength, nullable: true } as const);

export const requestSchema: JSONSchemaType<WireRequest> = {
  type: 'object',
  required: ['v', 'id', 'op'],
  additionalProperties: false,
  properties: {
    v: { type: 'integer' },
    id: { type: 'string', minLength: 1, maxLength: 64 },
    op: { type: 'string', enum: REQUEST_OPS },
    fieldId: str(32),
    priority: { type: 'string', enum: [...PRIORITIES, null], nullable: true },
    level: str(32),
    ticketId: str(64),
    reason: str(200),
    outcome: { type: 'string', enum: OUTCOMES, nullable: true },
    dossierCode: str(40),
    clerkCode: { type: 'string', minLength: 1, maxLength: 16, nullable: true },
    toCounter: { type: 'integer', minimum: 1, maximum: 999, nullable: true },
    code: { type: 'string', minLength: 1, maxLength: 200, nullable: true },
    card: { type: 'string', minLength: 1, maxLength: 400, nullable: true },
  },
  allOf: [
    { if: { properties: { op: { const: 'issue' } } }, then: { required: ['fieldId'] } },
    { if: { properties: { op: { const: 'rate' } } }, then: { required: ['level'] } },
    { if: { properties: { op: { const: 'transfer' } } }, then: { required: ['toCounter'] } },
    { if: { properties: { op: { const: 'signIn' } } }, then: { required: ['clerkCode'] } },
    { if: { properties: { op: { const: 'checkIn' } } }, then: { required: ['code'] } },
  ],
};

export const printerStateSchema: JSONSchemaType<PrinterState> = {
  type: 'object', required: ['v', 'status'], additionalProperties: true,
  properties: {
    v: { type: 'integer' },
    status: { type: 'string', enum: PRINTER_STATUSES },
    paper: { type: 'string', enum: ['ok', 'low', 'out'], nullable: true },
    detail: str(200),
    at: { type: 'number', nullable: true },
  },
};

export const printAckSchema: JSONSchemaType<PrintAck> = {
  type: 'object', required: ['v', 'id', 'ok'], additionalProperties: true,
  properties: {
    v: { type: 'integer' },
    id: { type: 'string', maxLength: 64 },
    ok: { type: 'boolean' },
    status: { type: 'string', enum: PRINTER_STATUSES, nullable: true },
    detail: str(200),
  },
};

export const deviceEventSchema: JSONSchemaType<DeviceEvent> = {
  type: 'object', required: ['v', 'type'], additionalProperties: true,
  properties: { v: { type: 'integer' }, type: { type: 'string', maxLength: 64 }, detail: str(200), at: { type: 'number', nullable: true } },
};

/** Any other device's `state`: a JSON object with `v`. */
export const deviceStateSchema = {
  type: 'object', required: ['v'], additionalProperties: true, properties: { v: { type: 'integer' } },
} as const;
