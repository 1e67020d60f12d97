/**
 * Citizens' messages: the API other parts use (`enqueue`), the ticket page's opt-in (`subscribe`), the queue hook
 * that turns calls into messages inside the queue's own transaction, the dispatcher that sends the outbox, and the
 * erasure of phone numbers when their purpose has ended. See docs/messages.md.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import type { ConfigSource } from '../live-config.js';
import type { OfficeConfig } from '../../config/types.js';
import { McError } from '../../protocol/errors.js';
import { addDays } from '../../protocol/days.js';
import { serviceDay } from '../queue/calendar.js';
import type { QueueEvent, QueueState } from '../queue/types.js';
import { Dispatcher, type DispatcherOptions, type DispatcherStatus } from './dispatcher.js';
import type { MessageGateway } from './gateway.js';
import { maskPhone, requirePhone } from './phone.js';
import { MessageRepo } from './repo.js';
import { SmsGateway } from './sms-gateway.js';
import { isMessageKind, missingVars, type MessageKind } from './templates.js';
import { queueTriggers, type Triggered } from './triggers.js';
import { ZnsGateway } from './zns-gateway.js';
import { messageFigures } from '../reports/messages.js';
import type { MessageFigures } from '../../protocol/reports.js';

/** What a part of the hub asks to send (see docs/messages.md, "The API"). */
export interface EnqueueRequest {
  kind: MessageKind;
  /** As typed by the citizen: 0912345678, +84 912 345 678, 84912345678 … (normalised here; MC_ERR_BAD_PHONE if not a mobile). */
  phone: string;
  /** The template's variables (templates.ts); `office` defaults to the office's short name. */
  vars: Record<string, string>;
  ticketId?: string | undefined;
  bookingCode?: string | undefined;
  /** YYYY-MM-DD: the day the purpose ends (the booking's day, the ticket's day); the phone is erased keepPhoneDays after it. */
  purposeEndsDay: string;
  /** Makes the call idempotent (default: a fresh key per call). */
  idemKey?: string | undefined;
  /** Give up if not delivered within this long (ms). Default: until the phone is erased (keepPhoneDays after the purpose day). */
  validForMs?: number | undefined;
  /** Hold the message until this time (ms, hub time), e.g. a reminder at 16:00 the day before the booking. */
  sendAfter?: number | undefined;
}

export interface MessagesOptions { db: Db; config: ConfigSource; clock: () => number; log: Logger; dispatcher?: Partial<DispatcherOptions> }


const MAX_PHONE_CHANGES = 3;

export function gatewayFor(cfg: OfficeConfig): MessageGateway | null {
  const m = cfg.messages;
  if (m.gateway === 'sms' && m.sms.url) return new SmsGateway(m.sms);
  if (m.gateway === 'zns' && m.zns.url) return new ZnsGateway(m.zns);
  return null;
}

export class Messages {
  readonly repo: MessageRepo;
  readonly dispatcher: Dispatcher;
  /** Today's and later subscriptions, ticket id → whether its "few ahead" message was made (read by the queue hook). */
  private readonly subs = new Map<string, { aheadSent: boolean }>();
  private eraser: NodeJS.Timeout | null = null;
  private seq = 0;

  constructor(private readonly o: MessagesOptions) {
    this.repo = new MessageRepo(o.db);
    const gateway = gatewayFor(o.config.get());
    this.dispatcher = new Dispatcher({ repo: this.repo, gateway, log: o.log.child({ mod: 'messages' }), clock: o.clock,
      timeoutMs: () => this.cfg.messages.timeoutMs, ...o.dispatcher });
  }

  private get cfg(): OfficeConfig { return this.o.config.get(); }
  private today(): string { return serviceDay(this.o.clock(), this.cfg.office.timezone); }

  /** Whether the office sends messages at all (a gateway is configured; restart to change). */
  get enabled(): boolean { return this.dispatcher.status().gateway !== 'none'; }

  start(): void {
    this.eraseExpired();
    for (const s of this.repo.activeSubscriptions(this.today())) this.subs.set(s.ticketId, { aheadSent: s.aheadSent });
    this.dispatcher.start();
    this.eraser = setInterval(() => this.eraseExpired(), 3600_000);
    this.eraser.unref();
  }

  async stop(): Promise<void> {
    if (this.eraser) clearInterval(this.eraser);
    await this.dispatcher.stop();
  }

  /**
   * Put a message in the outbox; the dispatcher sends it. Returns its row id and key, or null when the office sends
   * no messages. Throws MC_ERR_BAD_PHONE (Vietnamese message) for a number that is not a Vietnamese mobile, and
   * MC_ERR_BAD_REQUEST for an unknown kind or missing variables.
   */
  enqueue(r: EnqueueRequest): { id: number; idemKey: string; created: boolean } | null {
    const phone = requirePhone(r.phone);
    if (!isMessageKind(r.kind)) throw new McError('MC_ERR_BAD_REQUEST', `unknown message kind ${String(r.kind)}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.purposeEndsDay)) throw new McError('MC_ERR_BAD_REQUEST', 'purposeEndsDay: YYYY-MM-DD');
    const vars: Record<string, string> = { office: this.cfg.office.shortName || this.cfg.office.name, ...r.vars };
    const missing = missingVars(r.kind, vars);
    if (missing.length) throw new McError('MC_ERR_BAD_REQUEST', `message ${r.kind} needs ${missing.join(', ')}`);
    if (!this.enabled) return null;
    const now = this.o.clock();
    const idemKey = r.idemKey ?? `${r.kind}:${now}:${++this.seq}:${Math.random().toString(36).slice(2, 8)}`;
    const row = this.repo.insert({ idemKey, kind: r.kind, phone, vars, ticketId: r.ticketId ?? null, bookingCode: r.bookingCode ?? null,
      purposeDay: r.purposeEndsDay, day: this.today(), createdAt: now, sendAfter: r.sendAfter ?? null,
      validUntil: r.validForMs !== undefined ? (r.sendAfter ?? now) + r.validForMs : null });
    setImmediate(() => this.dispatcher.wake());
    return { ...row, idemKey };
  }

  /**
   * Cancel messages not yet sent: a booking's (all, or one kind: its reminder when it is moved), or one by its key.
   * Returns how many were cancelled (0 when they already went).
   */
  cancel(o: { bookingCode: string; kind?: MessageKind } | { idemKey: string }): number {
    const now = this.o.clock();
    return 'idemKey' in o ? this.repo.cancelKey(o.idemKey, now) : this.repo.cancelBooking(o.bookingCode, o.kind ?? null, now);
  }

  /** The ticket page's opt-in: messages for this ticket go to this phone (its purpose ends on the ticket's day). */
  subscribe(ticketId: string, ticketDay: string, phoneText: unknown, lang: string, state: QueueState): { phone: string } {
    if (!this.enabled) throw new McError('MC_ERR_MESSAGES_OFF');
    const phone = requirePhone(phoneText);
    if (this.repo.changes(ticketId) >= MAX_PHONE_CHANGES) throw new McError('MC_ERR_TOO_MANY_CHANGES');
    this.repo.subscribe(ticketId, phone, ticketDay, lang === 'en' ? 'en' : 'vi', this.o.clock());
    const sub = this.repo.subscription(ticketId);
    this.subs.set(ticketId, { aheadSent: sub?.aheadSent ?? false });
    this.write(queueTriggers([], state, this.subs, this.cfg, true), state); // already few ahead: say so now
    return { phone: maskPhone(phone) };
  }

  unsubscribe(ticketId: string): void {
    this.repo.unsubscribe(ticketId, this.o.clock());
    this.subs.delete(ticketId);
  }

  /** The masked phone a ticket's messages go to, or null. */
  subscription(ticketId: string): string | null {
    const s = this.repo.subscription(ticketId);
    return s ? maskPhone(s.phone) : null;
  }

  /**
   * The queue's hook, run inside the transaction that commits `events`: the messages they mean are written in the
   * same transaction. A failure here is logged and rolls back only the messages (a savepoint), never the queue.
   */
  committed(events: QueueEvent[], state: QueueState): void {
    if (this.subs.size === 0) return;
    try {
      this.write(queueTriggers(events, state, this.subs, this.cfg), state);
    } catch (e) {
      this.o.log.error({ err: e }, 'messages for queue events not written; the queue goes on');
    }
  }

  /** Write the messages queue events made, in one (nested) transaction. */
  private write(made: Triggered[], state: QueueState): void {
    if (made.length === 0) return;
    const now = this.o.clock();
    const ttl = this.cfg.messages.queueMessageMinutes * 60_000;
    this.o.db.transaction(() => {
      for (const m of made) {
        const sub = this.repo.subscription(m.ticketId);
        const t = state.tickets.get(m.ticketId);
        if (!sub || !t) continue;
        if (m.kind === 'called') this.repo.supersedeAhead(m.ticketId, now);
        this.repo.insert({ idemKey: m.idemKey, kind: m.kind, phone: sub.phone, vars: m.vars, ticketId: m.ticketId, bookingCode: null,
          purposeDay: t.day, day: this.today(), createdAt: now, validUntil: now + ttl });
        if (m.kind === 'ahead') { this.repo.markAheadSent(m.ticketId); const s = this.subs.get(m.ticketId); if (s) s.aheadSent = true; }
      }
    })();
    setImmediate(() => this.dispatcher.wake());
  }

  /** Erase phones whose purpose ended more than keepPhoneDays ago (a pending message then expires). Returns rows erased. */
  eraseExpired(): number {
    const before = addDays(this.today(), -this.cfg.messages.keepPhoneDays);
    const n = this.repo.erase(before, this.o.clock());
    for (const [id] of this.subs) if (!this.repo.subscription(id)) this.subs.delete(id);
    if (n > 0) this.o.log.info({ rows: n, before }, 'phone numbers erased');
    return n;
  }

  figures(fromDay: string, toDay: string): MessageFigures { return messageFigures(this.o.db, fromDay, toDay); }

  status(): DispatcherStatus { return this.dispatcher.status(); }
}
