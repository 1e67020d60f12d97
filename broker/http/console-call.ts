/**
 * The clerk console's choices beyond the wire operations: the list of citizens marked absent today, and calling
 * one ticket by choice (a number typed at the console, or an absent citizen called back). Both act for the
 * counter in the path; a clerk must be the one signed in there.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { StatePublisher } from '../hub/publisher.js';
import type { QueueService } from '../queue/service.js';
import { McError } from '../../protocol/errors.js';
import type { Ticket } from '../queue/types.js';
import { errorSchema } from './errors.js';
import { checkCounterOp } from './roles.js';

import { counterOpAnswer, waitingAnswer } from './responses.js';

/** What the console's call routes use. */
export interface ConsoleDeps { queue: QueueService; publisher: Pick<StatePublisher, 'counterState'> }
const counterParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 32 } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** What the console lists of a ticket (the hub's times; the page ages them by the hub's clock); `slotAt`: a booking's slot (slot-first). */
export function listed(t: Ticket): Record<string, unknown> {
  return { id: t.id, number: t.number, fieldId: t.fieldId, priority: t.priority, status: t.status, issuedAt: t.issuedAt, calledAt: t.calledAt, slotAt: t.slotAt ?? null };
}

/** Calling a ticket by choice is counter work, like Next: the roles table of docs/admin.md (checkCounterOp) decides. */
export function mustActHere(hub: ConsoleDeps, req: FastifyRequest, counterId: string): string {
  const s = req.staff;
  if (!s) throw new McError('MC_ERR_UNAUTHORIZED');
  const here = hub.queue.snapshot.counters.get(counterId)?.clerkId ?? null;
  checkCounterOp(s, 'next', here, null);
  return `staff:${s.username}`;
}

export function consoleCallRoutes(app: FastifyInstance, hub: ConsoleDeps, staff: onRequestHookHandler): void {
  app.get<{ Params: { id: string } }>('/api/counters/:id/missed', { onRequest: staff,
    schema: { tags: ['staff'], summary: 'Citizens marked absent today at this counter or in its fields (latest first)', params: counterParams, response: { 200: waitingAnswer, ...errors } } },
  async (req) => ({ tickets: hub.queue.missedAt(req.params.id).map(listed) }));

  app.post<{ Params: { id: string }; Body: { ticketId?: string; number?: string } }>('/api/counters/:id/call', { onRequest: staff,
    schema: { tags: ['staff'], summary: 'Call one ticket by choice: by id, or by the number the clerk typed; an absent citizen may be called back',
      params: counterParams, headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 64 } } },
      body: { type: 'object', additionalProperties: false, properties: { ticketId: { type: 'string', maxLength: 64 }, number: { type: 'string', maxLength: 16 } } },
      response: { 200: counterOpAnswer, ...errors } } },
  async (req) => {
    const counterId = req.params.id;
    const source = mustActHere(hub, req, counterId);
    const b = req.body ?? {};
    const ticketId = b.ticketId ?? (b.number ? hub.queue.findCallable(counterId, b.number)?.id : undefined);
    if (!ticketId) throw new McError('MC_ERR_UNKNOWN_TICKET', b.number ? `no ticket ${b.number} can be called at this counter` : 'ticketId or number is required');
    const requestId = req.headers['idempotency-key'] as string | undefined;
    const res = hub.queue.execute({ op: 'call', counterId, ticketId }, { source, requestId });
    return { ticket: res.ticket, counter: hub.publisher.counterState(counterId) };
  });
}
