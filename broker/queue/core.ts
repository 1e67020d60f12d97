import type { CounterConfig, OfficeConfig } from '../../config/types.js';
import { isDossierCode } from '../../protocol/dossier-code.js';
import { McError } from '../../protocol/errors.js';
import { serviceDay, type CalendarRules, type OpenState } from './calendar.js';
import { fieldOpenState } from './field-calendar.js';
import { formatNumber, seriesSize } from './numbering.js';
import { decideCall } from './call.js';
import { pickNext } from './select.js';
import { OUTCOMES, PRIORITIES, openTickets, type Command, type CounterState, type QueueEvent, type QueueState, type Ticket } from './types.js';

/**
 * The queue rules, pure: `decide` turns a command into events (or throws McError, changing nothing);
 * `apply` folds an event into the state. The service commits events to SQLite before applying them.
 */
export interface Ctx { now: number; cfg: OfficeConfig }

export function calendarOf(cfg: OfficeConfig): CalendarRules {
  return { timezone: cfg.office.timezone, ...cfg.calendar };
}

function counterCfg(cfg: OfficeConfig, id: string): CounterConfig {
  const c = cfg.counters.find((k) => k.id === id);
  if (!c) throw new McError('MC_ERR_UNKNOWN_COUNTER', id);
  return c;
}

function counterState(s: QueueState, id: string): CounterState {
  return s.counters.get(id) ?? { id, clerkId: null, ticketId: null, rating: null };
}

function ticket(s: QueueState, id: string): Ticket {
  const t = s.tickets.get(id);
  if (!t) throw new McError('MC_ERR_UNKNOWN_TICKET', id);
  return t;
}

/** The counter with a clerk, serving (or not) a ticket: throws the right error otherwise. */
function staffed(s: QueueState, ctx: Ctx, counterId: string, mustServe: boolean): { c: CounterConfig; st: CounterState; clerkId: string; cur: Ticket | null } {
  const c = counterCfg(ctx.cfg, counterId);
  const st = counterState(s, counterId);
  if (!st.clerkId) throw new McError('MC_ERR_NOT_SIGNED_IN', counterId);
  const cur = st.ticketId ? s.tickets.get(st.ticketId) ?? null : null;
  if (mustServe && (!cur || cur.status !== 'called')) throw new McError('MC_ERR_WRONG_STATE', 'no ticket is being served at this counter');
  return { c, st, clerkId: st.clerkId, cur };
}

/**
 * The business day at `now`: the clock's local day, but never a day before the one the queue has opened. A clock
 * stepped back across midnight does not reopen a finished day (whose numbers were issued already).
 */
export function businessDay(s: QueueState, now: number, tz: string): string {
  const d = serviceDay(now, tz);
  return d < s.day ? s.day : d;
}

/** Events that close the previous day: everything not finished expires. */
export function rollover(s: QueueState, now: number, cfg: OfficeConfig): QueueEvent[] {
  const today = serviceDay(now, cfg.office.timezone);
  if (today <= s.day) return [];
  const out: QueueEvent[] = [{ type: 'day.opened', at: now, data: { day: today } }];
  for (const t of openTickets(s)) {
    if (t.day < today) out.push({ type: 'ticket.expired', at: now, data: { ticketId: t.id } });
  }
  return out;
}

/** A field outside its sessions: the answer says, in both languages, when it next opens. */
function closedError(fieldId: string, name: string, o: OpenState): McError {
  if (o.open || !o.nextDay) return new McError('MC_ERR_OFFICE_CLOSED', fieldId, { fieldId, nextDay: null, nextStart: null });
  const [y, m, d] = o.nextDay.split('-');
  return new McError('MC_ERR_OFFICE_CLOSED', `${fieldId} opens ${o.nextDay} ${o.nextStart}`, { fieldId, nextDay: o.nextDay, nextStart: o.nextStart },
    `Lĩnh vực ${name} tiếp nhận trở lại lúc ${o.nextStart} ngày ${d}/${m}/${y}.`);
}

function decideIssue(s: QueueState, cmd: Extract<Command, { op: 'issue' }>, ctx: Ctx): QueueEvent[] {
  const { cfg, now } = ctx;
  const f = cfg.fields.find((x) => x.id === cmd.fieldId);
  if (!f) throw new McError('MC_ERR_UNKNOWN_FIELD', cmd.fieldId);
  const priority = cmd.priority ?? null;
  if (priority !== null) {
    if (!PRIORITIES.includes(priority)) throw new McError('MC_ERR_BAD_REQUEST', `unknown priority "${String(priority)}"`);
    if (cfg.queue.priorityMode === 'none') throw new McError('MC_ERR_PRIORITY_NOT_OFFERED');
  }
  const open = fieldOpenState(now, cfg, f.id);
  let day = businessDay(s, now, cfg.office.timezone);
  if (!open.open) {
    if (cfg.calendar.outsideHours === 'refuse' || !open.nextDay) throw closedError(f.id, f.name, open);
    day = open.nextDay < s.day ? s.day : open.nextDay;
  }
  const seq = (s.lastSeq.get(`${day}|${f.id}`) ?? 0) + 1;
  if (seq > seriesSize(f.numbering)) throw new McError('MC_ERR_SERIES_EXHAUSTED', f.id);
  const t: Ticket = {
    id: `${day}-${f.id}-${seq}`, day, fieldId: f.id, series: f.id, seq, number: formatNumber(f.numbering, seq), priority,
    status: cmd.awaitPrint ? 'pending' : 'waiting', source: cmd.source, issuedAt: now, orderAt: cmd.orderAt ?? now, serial: s.serial + 1,
    counterId: null, clerkId: null, targetCounterId: null, calledAt: null, finishedAt: null, recalls: 0, outcome: null, dossierCode: null, rating: null,
    ...(typeof cmd.slotAt === 'number' ? { slotAt: cmd.slotAt } : {}),
  };
  return [{ type: 'ticket.issued', at: now, data: { ticket: t } }];
}

function decideRate(s: QueueState, cmd: Extract<Command, { op: 'rate' }>, ctx: Ctx): QueueEvent[] {
  const level = ctx.cfg.rating.levels.find((l) => l.key === cmd.level);
  if (!level) throw new McError('MC_ERR_BAD_RATING', cmd.level);
  let t: Ticket;
  let counterId: string;
  if (cmd.counterId) {
    counterCfg(ctx.cfg, cmd.counterId);
    const w = counterState(s, cmd.counterId).rating;
    if (!w || ctx.now > w.until) {
      const last = w ? s.tickets.get(w.ticketId) : undefined;
      throw new McError(last?.rating ? 'MC_ERR_ALREADY_RATED' : 'MC_ERR_RATING_CLOSED');
    }
    if (cmd.ticketId && cmd.ticketId !== w.ticketId) throw new McError('MC_ERR_RATING_CLOSED', 'that ticket is not the one open for rating at this counter');
    t = ticket(s, w.ticketId);
    counterId = cmd.counterId;
  } else {
    if (!cmd.ticketId) throw new McError('MC_ERR_BAD_REQUEST', 'counterId or ticketId is required');
    t = ticket(s, cmd.ticketId);
    if (t.status !== 'done' || !t.counterId || !t.finishedAt) throw new McError('MC_ERR_RATING_CLOSED', 'the ticket has not been served');
    if (ctx.now > t.finishedAt + (cmd.windowSeconds ?? ctx.cfg.rating.windowSeconds) * 1000) throw new McError(t.rating ? 'MC_ERR_ALREADY_RATED' : 'MC_ERR_RATING_CLOSED');
    counterId = t.counterId;
  }
  if (t.rating) throw new McError('MC_ERR_ALREADY_RATED');
  const reason = cmd.reason ? String(cmd.reason).slice(0, 200) : null;
  return [{ type: 'rating.recorded', at: ctx.now, data: { ticketId: t.id, counterId, clerkId: t.clerkId ?? '', fieldId: t.fieldId, level: level.key, score: level.score, reason, source: cmd.source, dossierCode: t.dossierCode ?? null } }];
}

function decideSignIn(s: QueueState, cmd: Extract<Command, { op: 'signIn' }>, ctx: Ctx): QueueEvent[] {
  counterCfg(ctx.cfg, cmd.counterId);
  if (!ctx.cfg.clerks.some((k) => k.id === cmd.clerkId)) throw new McError('MC_ERR_UNKNOWN_CLERK', cmd.clerkId);
  const out: QueueEvent[] = [];
  const here = counterState(s, cmd.counterId);
  if (here.clerkId === cmd.clerkId) return out;
  for (const st of s.counters.values()) {
    const leaving = st.id === cmd.counterId ? here.clerkId : (st.clerkId === cmd.clerkId ? st.clerkId : null);
    if (!leaving) continue;
    if (st.ticketId && s.tickets.get(st.ticketId)?.status === 'called') throw new McError('MC_ERR_COUNTER_BUSY', st.id);
    out.push({ type: 'clerk.signed_out', at: ctx.now, data: { clerkId: leaving, counterId: st.id } });
  }
  out.push({ type: 'clerk.signed_in', at: ctx.now, data: { clerkId: cmd.clerkId, counterId: cmd.counterId } });
  return out;
}

function decideTransfer(s: QueueState, cmd: Extract<Command, { op: 'transfer' }>, ctx: Ctx): QueueEvent[] {
  const { cur } = staffed(s, ctx, cmd.counterId, true);
  const t = cur as Ticket;
  let toFieldId = cmd.toFieldId ?? t.fieldId;
  if (!ctx.cfg.fields.some((f) => f.id === toFieldId)) throw new McError('MC_ERR_UNKNOWN_FIELD', toFieldId);
  const toCounterId = cmd.toCounterId ?? null;
  if (toCounterId) {
    const to = counterCfg(ctx.cfg, toCounterId);
    if (toCounterId === cmd.counterId) throw new McError('MC_ERR_BAD_REQUEST', 'cannot transfer to the same counter');
    if (!cmd.toFieldId && !to.fields.includes(toFieldId)) toFieldId = to.fields[0] ?? toFieldId;
  } else if (!cmd.toFieldId) throw new McError('MC_ERR_BAD_REQUEST', 'toCounterId or toFieldId is required');
  const keep = ctx.cfg.queue.transferKeepsPlace;
  return [{ type: 'ticket.transferred', at: ctx.now, data: {
    ticketId: t.id, fromCounterId: cmd.counterId, toCounterId, toFieldId,
    orderAt: keep ? t.orderAt : ctx.now, serial: keep ? t.serial : s.serial + 1,
  } }];
}

function decideCounterOp(s: QueueState, cmd: Extract<Command, { counterId: string }>, ctx: Ctx): QueueEvent[] {
  const at = ctx.now;
  switch (cmd.op) {
    case 'next': {
      const { c, clerkId, cur } = staffed(s, ctx, cmd.counterId, false);
      if (cur && cur.status === 'called') throw new McError('MC_ERR_COUNTER_BUSY');
      const t = pickNext(s, c, ctx.cfg, businessDay(s, at, ctx.cfg.office.timezone), at);
      if (!t) throw new McError('MC_ERR_QUEUE_EMPTY');
      return [{ type: 'ticket.called', at, data: { ticketId: t.id, counterId: c.id, clerkId } }];
    }
    case 'recall': {
      const { cur } = staffed(s, ctx, cmd.counterId, true);
      const t = cur as Ticket;
      if (t.recalls >= ctx.cfg.queue.recallLimit) throw new McError('MC_ERR_RECALL_LIMIT');
      return [{ type: 'ticket.recalled', at, data: { ticketId: t.id, counterId: cmd.counterId, count: t.recalls + 1 } }];
    }
    case 'skip': case 'hold': {
      const { clerkId, cur } = staffed(s, ctx, cmd.counterId, true);
      const type = cmd.op === 'skip' ? 'ticket.no_show' : 'ticket.held';
      return [{ type, at, data: { ticketId: (cur as Ticket).id, counterId: cmd.counterId, clerkId } }];
    }
    case 'resume': {
      const { clerkId, cur } = staffed(s, ctx, cmd.counterId, false);
      if (cur && cur.status === 'called') throw new McError('MC_ERR_COUNTER_BUSY');
      const t = ticket(s, cmd.ticketId);
      if (t.status !== 'held' || t.counterId !== cmd.counterId) throw new McError('MC_ERR_WRONG_STATE', 'only a ticket held at this counter can be called back');
      return [{ type: 'ticket.resumed', at, data: { ticketId: t.id, counterId: cmd.counterId, clerkId } }];
    }
    case 'call': {
      const { c, clerkId, cur } = staffed(s, ctx, cmd.counterId, false);
      return decideCall(s, c, clerkId, cur, cmd.ticketId, at, serviceDay(at, ctx.cfg.office.timezone));
    }
    case 'transfer': return decideTransfer(s, cmd, ctx);
    case 'finish': {
      const { clerkId, cur } = staffed(s, ctx, cmd.counterId, true);
      if (!OUTCOMES.includes(cmd.outcome)) throw new McError('MC_ERR_BAD_OUTCOME', String(cmd.outcome));
      const code = cmd.dossierCode ? String(cmd.dossierCode).trim().toUpperCase() : null;
      if (cmd.outcome === 'received' && !code) throw new McError('MC_ERR_DOSSIER_CODE_REQUIRED');
      if (code && !isDossierCode(code, ctx.cfg.onestop.dossierCodePattern)) throw new McError('MC_ERR_BAD_DOSSIER_CODE', code.slice(0, 40));
      return [{ type: 'ticket.finished', at, data: { ticketId: (cur as Ticket).id, counterId: cmd.counterId, clerkId, outcome: cmd.outcome, dossierCode: code, ratingUntil: at + ctx.cfg.rating.windowSeconds * 1000 } }];
    }
    case 'signIn': return decideSignIn(s, cmd, ctx);
    case 'signOut': {
      const { clerkId, cur } = staffed(s, ctx, cmd.counterId, false);
      if (cur && cur.status === 'called') throw new McError('MC_ERR_COUNTER_BUSY');
      return [{ type: 'clerk.signed_out', at, data: { clerkId, counterId: cmd.counterId } }];
    }
  }
}

export function decide(s: QueueState, cmd: Command, ctx: Ctx): QueueEvent[] {
  switch (cmd.op) {
    case 'issue': return decideIssue(s, cmd, ctx);
    case 'printed': {
      const t = ticket(s, cmd.ticketId);
      if (t.status !== 'pending') throw new McError('MC_ERR_WRONG_STATE', `ticket is ${t.status}`);
      return [{ type: 'ticket.printed', at: ctx.now, data: { ticketId: t.id } }];
    }
    case 'void': {
      const t = ticket(s, cmd.ticketId);
      if (t.status !== 'pending') throw new McError('MC_ERR_WRONG_STATE', 'only a ticket not yet printed can be voided');
      return [{ type: 'ticket.voided', at: ctx.now, data: { ticketId: t.id, reason: cmd.reason } }];
    }
    case 'rate': return decideRate(s, cmd, ctx);
    default: return decideCounterOp(s, cmd, ctx);
  }
}
