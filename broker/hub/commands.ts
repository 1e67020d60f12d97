/**
 * The one translator from a request (a device's wire request over MQTT, or a console route's operation and body
 * over HTTP) to a queue command. Both doors call it, so an operation means the same thing whoever sends it.
 */
import type { OfficeConfig } from '../../config/types.js';
import { isOneOf, OUTCOMES, OUTCOMES_NEEDING_DOSSIER, type Outcome } from '../../protocol/enums.js';
import { McError } from '../../protocol/errors.js';
import type { RequestOp, WireRequest } from '../../protocol/messages.js';
import type { Command } from '../queue/types.js';

/** A wire request's fields, plus the ids a console names directly (a keypad types numbers and codes). */
export type CommandRequest = Omit<WireRequest, 'v' | 'id'> & { clerkId?: string; toCounterId?: string | null; toFieldId?: string | null };

/** Who asks: its source label, the counter it acts for, whether it can type a dossier code. */
export interface Actor { source: string; counterId: string | null; typesDossierCodes: boolean }

/** What the translator may look up. */
export interface CommandContext { cfg: OfficeConfig; heldAt(counterId: string): string | null }

/** The outcome a keypad's `finish` without `outcome` gets. */
export const DEFAULT_OUTCOME: Outcome = 'guidance';

export function toCommand(r: CommandRequest, a: Actor, ctx: CommandContext): Command {
  if (r.op === 'issue' || r.op === 'checkIn') throw new McError('MC_ERR_INTERNAL', `${r.op} goes through Dispensing`);
  if (r.op === 'rate') return rateCommand(r, a);
  const counterId = a.counterId;
  if (!counterId) throw new McError('MC_ERR_FORBIDDEN', 'device is not bound to a counter');
  switch (r.op) {
    case 'signIn': return { op: 'signIn', counterId, clerkId: clerkOf(r, ctx.cfg) };
    case 'signOut': return { op: 'signOut', counterId };
    case 'resume': return { op: 'resume', counterId, ticketId: r.ticketId ?? heldTicket(ctx, counterId) };
    case 'transfer': return { op: 'transfer', counterId, toCounterId: counterOf(r, ctx.cfg), toFieldId: r.toFieldId ?? null };
    case 'finish': return finishCommand(r, a, counterId);
    case 'next': case 'recall': case 'skip': case 'hold': return { op: r.op, counterId };
  }
}

function rateCommand(r: CommandRequest, a: Actor): Command {
  const level = String(r.level);
  const reason = r.reason ?? null;
  if (a.counterId) return { op: 'rate', counterId: a.counterId, level, reason, source: a.source };
  if (!r.ticketId) throw new McError('MC_ERR_BAD_PAYLOAD', 'a kiosk rates by ticketId');
  return { op: 'rate', ticketId: r.ticketId, level, reason, source: a.source };
}

function finishCommand(r: CommandRequest, a: Actor, counterId: string): Command {
  const outcome = r.outcome ?? DEFAULT_OUTCOME;
  if (!isOneOf(OUTCOMES, outcome)) throw new McError('MC_ERR_BAD_OUTCOME', String(outcome));
  if (!a.typesDossierCodes && !r.dossierCode && OUTCOMES_NEEDING_DOSSIER.includes(outcome)) {
    throw new McError('MC_ERR_DOSSIER_CODE_REQUIRED', `outcome "${outcome}" needs a dossier code: finish it from the clerk console`);
  }
  return { op: 'finish', counterId, outcome, dossierCode: r.dossierCode ?? null };
}

function clerkOf(r: CommandRequest, cfg: OfficeConfig): string {
  if (r.clerkId) return r.clerkId;
  const code = r.clerkCode?.trim();
  const clerk = code ? cfg.clerks.find((c) => c.keypadCode === code) : undefined;
  if (!clerk) throw new McError('MC_ERR_UNKNOWN_CLERK', 'no clerk has this keypad code');
  return clerk.id;
}

function counterOf(r: CommandRequest, cfg: OfficeConfig): string | null {
  if (r.toCounter === undefined) return r.toCounterId ?? null;
  const c = cfg.counters.find((k) => k.number === r.toCounter);
  if (!c) throw new McError('MC_ERR_UNKNOWN_COUNTER', `counter number ${r.toCounter}`);
  return c.id;
}

function heldTicket(ctx: CommandContext, counterId: string): string {
  const id = ctx.heldAt(counterId);
  if (!id) throw new McError('MC_ERR_WRONG_STATE', 'no ticket is held at this counter');
  return id;
}

/** The console's route names for the wire operations. */
export const HTTP_OPS: Readonly<Record<string, RequestOp>> = {
  signin: 'signIn', signout: 'signOut', next: 'next', recall: 'recall', skip: 'skip', hold: 'hold', resume: 'resume', transfer: 'transfer', finish: 'finish', issue: 'issue',
};
