/**
 * JSON schemas of the wire shapes (docs/onestop.md), shared by the HTTP adapter (to check what the
 * province answers) and the simulator (to check what the hub sends).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Catalog, DossierStatus, OfficeFigures, Procedure } from './adapter.js';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const count = { type: 'integer', minimum: 0 } as const;

export const procedureSchema = {
  type: 'object',
  required: ['id', 'code', 'name', 'fieldId', 'fieldName', 'documents', 'fee', 'processingTime', 'submitAt', 'legalBasis', 'level', 'inForce'],
  properties: {
    id: { type: 'string', minLength: 1 }, code: str, name: { type: 'string', minLength: 1 }, fieldId: str, fieldName: str,
    documents: { type: 'array', items: str }, fee: str, processingTime: str, submitAt: str, legalBasis: str, level: str, inForce: bool,
    levelKind: { type: 'string', enum: ['province', 'commune', 'vertical', 'district'] }, resultAt: str,
  },
} as const;

export const catalogSchema = {
  type: 'object',
  required: ['version', 'publishedAt', 'procedures'],
  properties: { version: { type: 'string', minLength: 1 }, publishedAt: str, procedures: { type: 'array', items: procedureSchema } },
} as const;

export const dossierSchema = {
  type: 'object',
  required: ['code', 'procedureName', 'status', 'statusCode', 'receivedAt', 'appointmentDate', 'onTime', 'overdue', 'collectAt'],
  properties: {
    code: str, procedureName: str, status: str, statusCode: str, receivedAt: str, appointmentDate: str,
    onTime: bool, overdue: bool, collectAt: str, complained: bool,
  },
} as const;

export const figuresSchema = {
  type: 'object',
  required: ['onTime', 'overdue', 'inProgress', 'asOf'],
  properties: { onTime: count, overdue: count, inProgress: count, asOf: str },
} as const;

/** POST /events request body. */
export const eventsBodySchema = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: {
    events: {
      type: 'array', minItems: 1, maxItems: 5000,
      items: {
        type: 'object', required: ['idempotencyKey', 'type', 'at', 'payload'], additionalProperties: false,
        properties: { idempotencyKey: { type: 'string', minLength: 1, maxLength: 200 }, type: { type: 'string', minLength: 1 }, at: { type: 'integer' }, payload: {} },
      },
    },
  },
} as const;

/** POST /events response body (HTTP 200): the batch is stored, duplicates were ignored. */
export const eventsReplySchema = {
  type: 'object',
  required: ['accepted', 'duplicates'],
  properties: { accepted: count, duplicates: count, duplicateKeys: { type: 'array', items: str } },
} as const;

export interface EventsReply { accepted: number; duplicates: number; duplicateKeys?: string[] }

export interface WireValidators {
  catalog: ValidateFunction<Catalog>;
  procedure: ValidateFunction<Procedure>;
  dossier: ValidateFunction<DossierStatus>;
  figures: ValidateFunction<OfficeFigures>;
  eventsReply: ValidateFunction<EventsReply>;
}

/** Compile the validators (once per adapter or cache). */
export function wireValidators(): WireValidators {
  const ajv = new Ajv({ allErrors: false, strict: false });
  return {
    catalog: ajv.compile<Catalog>(catalogSchema),
    procedure: ajv.compile<Procedure>(procedureSchema),
    dossier: ajv.compile<DossierStatus>(dossierSchema),
    figures: ajv.compile<OfficeFigures>(figuresSchema),
    eventsReply: ajv.compile<EventsReply>(eventsReplySchema),
  };
}

/** First validation error as one line, for logs and McError details. */
export function firstError(v: ValidateFunction): string {
  const e = v.errors?.[0];
  return e ? `${e.instancePath || '/'} ${e.message ?? 'invalid'}` : 'invalid';
}
