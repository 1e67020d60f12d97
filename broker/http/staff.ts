import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OfficeConfig } from '../../config/types.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Dispensing } from '../hub/dispensing.js';
import type { StatePublisher } from '../hub/publisher.js';
import type { QueueService } from '../queue/service.js';
import type { StaffDirectory } from '../staff/users.js';
import { McError } from '../../protocol/errors.js';
import type { RequestOp } from '../../protocol/messages.js';
import { HTTP_OPS, toCommand } from '../hub/commands.js';
import { SESSION_MS } from '../staff/users.js';
import { requireStaff, SESSION_COOKIE } from './auth.js';
import { checkCounterOp } from './roles.js';
import { consoleCallRoutes, listed } from './console-call.js';
import { errorSchema } from './errors.js';
import { counterOpAnswer, countersAnswer, loginAnswer, meAnswer, mqttTicketAnswer, okAnswer, reprintAnswer, waitingAnswer } from './responses.js';

const counterParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 32 } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

type Body = Record<string, unknown>;
const BODIES: Record<string, object> = {
  signin: { clerkId: { type: 'string', maxLength: 32 } },
  signout: {}, next: {}, recall: {}, skip: {}, hold: {},
  resume: { ticketId: { type: 'string', maxLength: 64 } },
  transfer: { toCounterId: { type: ['string', 'null'], maxLength: 32 }, toFieldId: { type: ['string', 'null'], maxLength: 32 } },
  finish: { outcome: { type: 'string', enum: ['received', 'guidance', 'supplement', 'refused', 'returned'] }, dossierCode: { type: ['string', 'null'], maxLength: 40 } },
  issue: { fieldId: { type: 'string', maxLength: 32 }, priority: { type: ['string', 'null'], enum: ['elderly', 'pregnant', 'disabled', null] } },
};
const REQUIRED: Record<string, string[]> = { resume: ['ticketId'], finish: ['outcome'], issue: ['fieldId'] };

/** What the staff routes use of the hub (`hub` below is only this). */
export interface StaffDeps {
  readonly cfg: OfficeConfig; clock: () => number; queue: QueueService; staff: StaffDirectory; registry: DeviceRegistry;
  dispensing: Dispensing; publisher: Pick<StatePublisher, 'counterState'>; staffMqttTicket: (sessionToken: string, username: string) => { username: string; password: string };
  staffTickets: { sweep(): void };
}

/** Staff: login, and the clerk console's counter operations (a Fastify plugin). */
export async function staffRoutes(app: FastifyInstance, hub: StaffDeps): Promise<void> {
  const staff = requireStaff(hub.staff);

  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    schema: { tags: ['staff'], summary: 'Sign in (sets a session cookie)', body: { type: 'object', additionalProperties: false, required: ['username', 'password'],
      properties: { username: { type: 'string', maxLength: 64 }, password: { type: 'string', maxLength: 200 } } }, response: { 200: loginAnswer, ...errors, 429: errorSchema } },
  }, async (req, reply) => {
    const { token, staff: s } = await hub.staff.login(req.body.username, req.body.password, req.ip);
    // a lifetime, not a date: the browser's clock need not agree with the hub's (no NTP in many offices)
    const maxAge = Math.floor(SESSION_MS / 1000);
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', maxAge, secure: req.protocol === 'https' }); // https: directly or behind hub.trustProxy
    return { user: s, expiresIn: maxAge, now: hub.clock() };
  });
  app.post('/api/auth/logout', { schema: { tags: ['staff'], response: { 200: okAnswer } } }, async (req, reply) => {
    const t = req.cookies[SESSION_COOKIE];
    if (t) hub.staff.logout(t);
    hub.staffTickets.sweep(); // the login's MQTT tickets and connections end with it
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });
  app.get('/api/auth/me', { onRequest: staff, schema: { tags: ['staff'], response: { 200: meAnswer, 401: errorSchema } } }, async (req) => ({ user: req.staff }));
  app.get('/api/auth/mqtt', { onRequest: staff, schema: { tags: ['staff'], summary: 'Short-lived read-only MQTT credentials for staff pages', response: { 200: mqttTicketAnswer, 401: errorSchema } } },
    async (req) => ({ path: '/mqtt', office: hub.cfg.office.id, ...hub.staffMqttTicket(req.cookies[SESSION_COOKIE] ?? '', req.staff?.username ?? '') }));

  app.get('/api/counters', { onRequest: staff, schema: { tags: ['staff'], response: { 200: countersAnswer, 401: errorSchema } } },
    async () => ({ counters: hub.cfg.counters.map((c) => hub.publisher.counterState(c.id)) }));
  app.get<{ Params: { id: string } }>('/api/counters/:id/waiting', { onRequest: staff, schema: { tags: ['staff'], params: counterParams, response: { 200: waitingAnswer, ...errors } } },
    async (req) => ({ tickets: hub.queue.waitingAt(req.params.id).map(listed) }));
  consoleCallRoutes(app, hub, staff);

  app.post<{ Params: { id: string }; Body: { printerId?: string } }>('/api/tickets/:id/reprint', {
    onRequest: staff,
    schema: { tags: ['staff'], summary: 'Reprint a ticket, marked as a copy (on the printer that printed it, or another)',
      params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } },
      body: { type: 'object', additionalProperties: false, properties: { printerId: { type: 'string', maxLength: 32 } } },
      response: { 200: reprintAnswer, ...errors, 503: errorSchema } },
  }, async (req) => {
    const t = hub.queue.ticket(req.params.id);
    if (!t) throw new McError('MC_ERR_UNKNOWN_TICKET', req.params.id);
    const source = hub.registry.get(t.source);
    const printerId = req.body?.printerId ?? (typeof source?.options.printerId === 'string' ? source.options.printerId : null);
    if (!printerId) throw new McError('MC_ERR_PRINTER_OFFLINE', 'no printer given and the ticket was not printed by a device with a printer');
    await hub.dispensing.reprint(t.id, printerId);
    hub.staff.audit(req.staff?.username ?? '?', 'ticket.reprint', { ticketId: t.id, printerId });
    return { ok: true, ticketId: t.id, printerId };
  });

  for (const op of Object.keys(BODIES)) {
    app.post<{ Params: { id: string }; Body: Body }>(`/api/counters/:id/${op}`, {
      onRequest: staff,
      schema: { tags: ['staff'], summary: `Counter operation: ${op}`, params: counterParams,
        body: { type: 'object', additionalProperties: false, required: REQUIRED[op] ?? [], properties: BODIES[op] },
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 64 } } },
        response: { 200: counterOpAnswer, ...errors, 429: errorSchema, 503: errorSchema } },
    }, async (req) => counterOp(hub, req, op));
  }
}

async function counterOp(hub: StaffDeps, req: FastifyRequest<{ Params: { id: string }; Body: Body }>, op: string): Promise<unknown> {
  const s = req.staff;
  if (!s) throw new McError('MC_ERR_UNAUTHORIZED');
  const counterId = req.params.id;
  const b = req.body ?? {};
  const source = `staff:${s.username}`;
  const requestId = req.headers['idempotency-key'] as string | undefined;
  const here = hub.queue.snapshot.counters.get(counterId)?.clerkId ?? null;
  const as = s.role === 'clerk' ? s.clerkId : (b.clerkId as string | undefined) ?? s.clerkId;
  checkCounterOp(s, op, here, as);
  if (op === 'issue') {
    return { ticket: await hub.dispensing.issue({ fieldId: String(b.fieldId), priority: (b.priority as never) ?? null, source, requestId, printerId: null }) };
  }
  const clerkId = op === 'signin' ? as : undefined;
  if (op === 'signin' && !clerkId) throw new McError('MC_ERR_BAD_REQUEST', 'clerkId is required');
  const q = hub.queue;
  const cmd = toCommand({ ...b, op: wireOp(op), ...(clerkId ? { clerkId } : {}) }, { source, counterId, typesDossierCodes: true },
    { cfg: q.config, heldAt: () => null });
  const res = hub.queue.execute(cmd, { source, requestId });
  return { ticket: res.ticket, counter: hub.publisher.counterState(counterId) };
}

function wireOp(op: string): RequestOp {
  const w = HTTP_OPS[op];
  if (!w) throw new McError('MC_ERR_BAD_REQUEST', `unknown operation ${op}`);
  return w;
}
