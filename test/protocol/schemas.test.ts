/**
 * Schemas and types agree: each schema of protocol/schemas.ts is typed `JSONSchemaType<T>` against its message
 * type, so the TypeScript compiler refuses a schema that disagrees. This test runs that compiler on the contract
 * (and shows, on a schema made to disagree, that it would refuse it), then checks typed examples on the wire.
 */
import t from 'tap';
import { Ajv } from 'ajv';
import ts from 'typescript';
import type { DeviceEvent, DeviceRequest, PrintAck, PrinterState, WireRequest } from '../../protocol/messages.js';
import { REQUEST_OPS } from '../../protocol/messages.js';
import { deviceEventSchema, printAckSchema, printerStateSchema, requestSchema } from '../../protocol/schemas.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const PROBE = `${ROOT}protocol/__probe__.ts`;

function diagnostics(probe: string | null): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === PROBE && probe !== null ? probe : read(f));
  host.fileExists = (f) => (f === PROBE && probe !== null) || exists(f);
  host.getSourceFile = (f, lang) => (f === PROBE && probe !== null ? ts.createSourceFile(f, probe, lang) : getSource(f, lang));
  const roots = [`${ROOT}protocol/schemas.ts`, ...(probe === null ? [] : [PROBE])];
  const program = ts.createProgram(roots, options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

t.test('the contract compiles: every schema agrees with its type', async (t) => {
  t.same(diagnostics(null), [], 'no disagreement between protocol/schemas.ts and protocol/messages.ts');
});

t.test('a schema that disagrees with its type does not compile', async (t) => {
  const wrong = `import type { JSONSchemaType } from 'ajv';
import type { PrintAck } from './messages.js';
export const s: JSONSchemaType<PrintAck> = { type: 'object', required: ['v', 'id', 'ok'], additionalProperties: true,
  properties: { v: { type: 'integer' }, id: { type: 'string' }, ok: { type: 'string' }, status: { type: 'string', nullable: true }, detail: { type: 'string', nullable: true } } };
`;
  t.ok(diagnostics(wrong).length > 0, '`ok` declared a string where the type says boolean: refused');
});

const ajv = new Ajv({ strict: false });
const examples: { name: string; schema: object; good: object[]; bad: object[] }[] = [
  {
    name: 'request', schema: requestSchema,
    good: [
      { v: 1, id: 'a1', op: 'issue', fieldId: 'hotich', priority: null } satisfies DeviceRequest<'issue'>,
      { v: 1, id: 'a2', op: 'rate', level: 'satisfied', ticketId: 't1' } satisfies DeviceRequest<'rate'>,
      { v: 1, id: 'a3', op: 'finish' } satisfies DeviceRequest<'finish'>,
      { v: 1, id: 'a4', op: 'transfer', toCounter: 2 } satisfies DeviceRequest<'transfer'>,
      { v: 1, id: 'a5', op: 'signIn', clerkCode: '1234' } satisfies DeviceRequest<'signIn'>,
    ] satisfies WireRequest[],
    bad: [{ v: 1, id: 'b1', op: 'issue' }, { v: 1, id: 'b2', op: 'rate' }, { v: 1, id: 'b3', op: 'next', extra: 1 }, { v: 1, id: 'b4', op: 'transfer' }, { v: 1, op: 'next' }],
  },
  { name: 'printer state', schema: printerStateSchema, good: [{ v: 1, status: 'paper_low', paper: 'low' } satisfies PrinterState], bad: [{ v: 1, status: 'jammed' }, { v: 1 }] },
  { name: 'print ack', schema: printAckSchema, good: [{ v: 1, id: 'j1', ok: false, status: 'paper_out' } satisfies PrintAck], bad: [{ v: 1, id: 'j1' }, { v: 1, id: 'j1', ok: 'yes' }] },
  { name: 'device event', schema: deviceEventSchema, good: [{ v: 1, type: 'button_stuck' } satisfies DeviceEvent], bad: [{ v: 1 }] },
];

t.test('typed examples pass their schema; broken ones fail', async (t) => {
  for (const e of examples) {
    const check = ajv.compile(e.schema);
    for (const g of e.good) t.ok(check(g), `${e.name}: ${JSON.stringify(g)} is valid`);
    for (const b of e.bad) t.notOk(check(b), `${e.name}: ${JSON.stringify(b)} is refused`);
  }
  t.same([...REQUEST_OPS].sort(), [...(requestSchema.properties.op as { enum: string[] }).enum].sort(), 'the schema lists every operation');
});
