import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { CounterConfig, OfficeConfig } from '../../config/types.js';
import type { ConfigSource } from '../live-config.js';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import { apply, pruneBefore } from './apply.js';
import { findCallable, missedAt, waitingOrder } from './call.js';
import { businessDay, decide, rollover } from './core.js';
import { estimateTicket } from './select.js';
import { emptyModel, hasHistory, learnModel, observeEvent, type ForecastModel } from './forecast-model.js';
import { forecastOffice, tzOffsetMs, waitOf, type OfficeForecast, type WaitForecast } from './forecast.js';
import { publicTicket, QueueStore, type ClockStep } from './store.js';
import { addDays, serviceDay } from './calendar.js';
import { fieldOpenState, paperNote } from './field-calendar.js';
import { openTickets, type Command, type QueueEvent, type QueueState, type Ticket } from './types.js';

export type Clock = () => number;

/** A waiting ticket's wait as told everywhere (paper, screens, API): people ahead and the forecast (issue 23). */
export type TicketEstimate = { ahead: number } & WaitForecast;
/** A field's queue and the wait of a citizen who takes a number now. */
export type FieldWaitView = { fieldId: string; name: string; waiting: number } & WaitForecast;

/** Days of history the wait forecaster learns from. */
const HISTORY_DAYS = 28;
/** A forecast is reused while nothing changed, for at most this long (ms). */
const FORECAST_TTL_MS = 30_000;
/** Events that do not change a forecast (a pending ticket is forecast as waiting). */
const NEUTRAL = new Set<QueueEvent['type']>(['ticket.printed', 'rating.recorded', 'ticket.recalled']);

export interface CommandResult {
  events: QueueEvent[];
  ticket: Record<string, unknown> | null;
  replayed: boolean;
}

/** `committed`: the events just made durable, with their sequence numbers in the event log. */
export interface CommandOpts { source: string; requestId?: string | undefined }
interface Pending { cmd: Command; opts: CommandOpts; resolve?: (r: CommandResult) => void; reject?: (e: unknown) => void }
interface Outcome { result?: CommandResult; error?: unknown }

export interface QueueServiceEvents { committed: [QueueEvent[], number[]] }

/**
 * The queue's shell: runs a command through the pure core, commits event + projections + outbox in one
 * SQLite transaction, then applies the events to memory and tells listeners. Idempotent per (source, requestId).
 */
export class QueueService extends EventEmitter<QueueServiceEvents> {
  private state!: QueueState;
  private queued: Pending[] = [];
  /** Commands run and the transactions they took (group commit makes the second smaller than the first). */
  readonly stats = { commands: 0, transactions: 0 };
  /** The previous clock reading (persisted), and the last backward step of the clock (null: none yet). */
  private latestAt = 0;
  clockStep: ClockStep | null = null;
  private readonly store: QueueStore;
  private readonly hooks: ((events: QueueEvent[], state: QueueState) => void)[] = [];
  /** The forecaster's history, and its last forecast with the state version it was made for. */
  private model: ForecastModel = emptyModel();
  private version = 0;
  private cached: { version: number; f: OfficeForecast } | null = null;
  /** The ticket whose issue was the last change, and the state version it made. */
  private justIssued: { id: string; version: number } | null = null;
  /** Forecasts computed and the time they took (ms), for metrics and the benchmark. */
  readonly forecastStats = { runs: 0, ms: 0 };
  constructor(private readonly db: Db, private readonly source: ConfigSource, private readonly clock: Clock, private readonly log: Logger) {
    super();
    this.store = new QueueStore(db, source.get().office.id);
  }

  start(): void {
    this.state = this.store.load(this.clock(), this.cfg.office.timezone);
    this.latestAt = Number(this.store.meta('clock_latest') ?? 0);
    this.clockStep = JSON.parse(this.store.meta('clock_step_back') ?? 'null') as ClockStep | null;
    this.store.pruneRequests(this.clock() - 3 * 86_400_000);
    this.learn();
    this.log.info({ day: this.state.day, open: [...openTickets(this.state)].filter((t) => t.status === 'waiting').length }, 'queue loaded');
  }

  /** The office configuration in force (read from the live source at every use). */
  get config(): OfficeConfig { return this.source.get(); }
  private get cfg(): OfficeConfig { return this.source.get(); }
  get snapshot(): QueueState { return this.state; }
  today(): string { return businessDay(this.state, this.clock(), this.cfg.office.timezone); }

  /** Run one command now. `requestId` makes it idempotent for its `source`. Throws McError with nothing changed. */
  execute(cmd: Command, opts: CommandOpts): CommandResult {
    const [r] = this.runAll([{ cmd, opts }]);
    if (!r || r.error !== undefined) throw r?.error ?? new McError('MC_ERR_INTERNAL');
    return r.result as CommandResult;
  }

  /**
   * Group commit: commands submitted in the same turn of the event loop share one durable transaction, and each
   * answer comes after that commit. Under load (many devices at once) this multiplies throughput; alone it costs
   * one `setImmediate`. Each command still succeeds or fails on its own.
   */
  submit(cmd: Command, opts: CommandOpts): Promise<CommandResult> {
    return new Promise<CommandResult>((resolve, reject) => {
      this.queued.push({ cmd, opts, resolve, reject });
      if (this.queued.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const items = this.queued;
    this.queued = [];
    let outs: Outcome[];
    try { outs = this.runAll(items); } catch (e) { items.forEach((i) => i.reject?.(e)); return; }
    outs.forEach((r, i) => { const it = items[i]; if (r.error !== undefined) it?.reject?.(r.error); else it?.resolve?.(r.result as CommandResult); });
  }

  /** Run commands in one transaction; memory follows only what committed. */
  private runAll(items: Pending[]): Outcome[] {
    const now = this.clock();
    const outs: Outcome[] = [];
    const committed: [QueueEvent[], number[]][] = [];
    try {
      this.stats.transactions++;
      this.stats.commands += items.length;
      this.store.transaction(() => {
        this.watchClock(now);
        for (const it of items) outs.push(this.runOne(it, now, committed));
        for (const [evs] of committed) for (const h of this.hooks) h(evs, this.state);
        if (committed.length) this.store.writeMeta(this.state, this.latestAt);
      });
    } catch (e) {
      // memory was changed before the failed commit: go back to what is on disk
      this.log.error({ err: e }, 'commit failed; reloading state from the database');
      this.state = this.store.load(now, this.cfg.office.timezone);
      throw e instanceof McError ? e : new McError('MC_ERR_INTERNAL', (e as Error).message);
    }
    if (committed.some(([evs]) => evs.some((e) => e.type === 'day.opened'))) { pruneBefore(this.state, this.state.day); this.learn(); }
    this.observe(committed);
    for (const [evs, seqs] of committed) this.emit('committed', evs, seqs);
    return outs;
  }

  /**
   * Run `fn` inside the transaction that commits each batch of events, after they are applied (the outbox pattern:
   * what the events mean for another part is written in the same transaction). `fn` must not throw; it may use a
   * nested `db.transaction()` (a savepoint) to keep its own failures apart from the queue's.
   */
  addCommitHook(fn: (events: QueueEvent[], state: QueueState) => void): void { this.hooks.push(fn); }
  /** Learn the forecaster's model from the office's recent days in SQLite. */
  private learn(): void {
    const now = this.clock();
    this.model = learnModel(this.store.history(addDays(this.state.day, -HISTORY_DAYS)), tzOffsetMs(now, this.cfg.office.timezone));
    this.version++;
  }

  /** Keep the model current and mark the forecast stale; it is recomputed once, on the next read (coalesced). */
  private observe(committed: [QueueEvent[], number[]][]): void {
    for (const [evs] of committed) {
      for (const e of evs) {
        const id = (e.data as { ticketId?: string }).ticketId;
        observeEvent(this.model, e, id ? this.state.tickets.get(id) : undefined);
        if (NEUTRAL.has(e.type)) continue;
        this.version++;
        this.justIssued = e.type === 'ticket.issued' ? { id: e.data.ticket.id, version: this.version } : null;
      }
    }
  }

  /**
   * The office forecast for the current state: computed at most once per state change (and every 30 s as time
   * passes), on the first read after it. The command commits first; the answer to a number just taken reads the
   * forecast made before it (see `estimate`), so issuing waits for no simulation when the hall is kept current.
   */
  forecast(): OfficeForecast {
    const now = this.clock();
    const c = this.cached;
    if (c && c.version === this.version && now >= c.f.at && now - c.f.at < FORECAST_TTL_MS) return c.f;
    const t0 = performance.now();
    const f = forecastOffice(this.state, this.cfg, this.model, now);
    this.forecastStats.runs++;
    this.forecastStats.ms += performance.now() - t0;
    this.cached = { version: this.version, f };
    return f;
  }

  /** A clock that went back more than a second is logged and recorded (metrics, doctor); business days never go back. */
  private watchClock(now: number): void {
    if (now < this.latestAt - 1000) {
      const step: ClockStep = { from: this.latestAt, to: now, count: (this.clockStep?.count ?? 0) + 1 };
      this.log.warn({ from: new Date(step.from).toISOString(), to: new Date(now).toISOString(), backS: Math.round((step.from - now) / 1000), day: this.state.day },
        'the clock stepped back; the business day stays and numbers continue');
      this.store.writeClockStep(step);
      this.clockStep = step;
    }
    this.latestAt = now; // one step is counted once: later readings are compared with the new time
  }

  private runOne(it: Pending, now: number, committed: [QueueEvent[], number[]][]): Outcome {
    const { cmd, opts } = it;
    if (opts.requestId) {
      const prior = this.store.findRequest(opts.source, opts.requestId) as Pick<CommandResult, 'ticket'> | undefined;
      if (prior) return { result: { events: [], ticket: prior.ticket, replayed: true } };
    }
    const closing = rollover(this.state, now, this.cfg);
    if (closing.length) committed.push([closing, this.applyAndWrite(closing)]);
    let events: QueueEvent[];
    try { events = decide(this.state, cmd, { now, cfg: this.cfg }); } catch (e) { return { error: e }; }
    const seqs = this.applyAndWrite(events);
    const result: CommandResult = { events, ticket: this.ticketOf(cmd, events, this.state), replayed: false };
    if (opts.requestId) this.store.saveRequest(opts.source, opts.requestId, now, { ticket: result.ticket }); // what a replay answers
    committed.push([events, seqs]);
    return { result };
  }

  private applyAndWrite(events: QueueEvent[]): number[] {
    if (events.length === 0) return [];
    const touched = { tickets: new Set<string>(), counters: new Set<string>() };
    for (const e of events) {
      const t = apply(this.state, e);
      t.tickets.forEach((x) => touched.tickets.add(x));
      t.counters.forEach((x) => touched.counters.add(x));
    }
    return this.store.write(this.state, events, touched);
  }

  private ticketOf(cmd: Command, events: QueueEvent[], s: QueueState): CommandResult['ticket'] {
    const e = events[events.length - 1];
    if (!e) return null;
    const d = e.data as { ticketId?: string; ticket?: Ticket };
    const id = d.ticketId ?? d.ticket?.id;
    const t = id ? s.tickets.get(id) : undefined;
    if (!t) return null;
    return publicTicket(t); // callers that show a wait ask ticketView(), which estimates it
  }

  ticket(id: string): Ticket | undefined { return this.state.tickets.get(id); }

  /** A ticket with its live position, for the QR page and kiosks. */
  ticketView(id: string): Record<string, unknown> {
    const t = this.state.tickets.get(id);
    if (!t) throw new McError('MC_ERR_UNKNOWN_TICKET', id);
    const field = this.cfg.fields.find((f) => f.id === t.fieldId);
    const serving = this.cfg.counters.filter((c) => c.fields.includes(t.fieldId)).map((c) => {
      const cur = this.state.counters.get(c.id)?.ticketId;
      return { counterId: c.id, number: c.number, name: c.name, serving: cur ? this.state.tickets.get(cur)?.number ?? null : null };
    });
    const counter = t.counterId ? this.cfg.counters.find((c) => c.id === t.counterId) : undefined;
    return { ...publicTicket(t), fieldName: field?.name ?? t.fieldId, counterNumber: counter?.number ?? null, rated: t.rating !== null,
      // a pending ticket is being printed: the paper must say the same wait as the screen and the answer
      estimate: t.status === 'waiting' || t.status === 'pending' ? this.estimate(t) : null, counters: serving,
      paper: paperNote(this.cfg, t.fieldId, t.day, t.issuedAt), fieldOpen: fieldOpenState(this.clock(), this.cfg, t.fieldId) };
  }

  /** A waiting ticket's people ahead (same field, as before) and its forecast call time as a wait from now. */
  private estimate(t: Ticket): TicketEstimate {
    const ahead = estimateTicket(this.state, t, this.cfg).ahead;
    if (t.day > this.today()) {
      // issued outside hours for a later day: called after its field opens, no figure in minutes
      const open = fieldOpenState(this.clock(), this.cfg, t.fieldId);
      return { ahead, basis: hasHistory(this.model) ? 'history' : 'none', minutes: null, low: null, high: null, afterBreak: open.open ? null : open.nextStart, beyondToday: false };
    }
    const now = this.clock();
    // A number just taken (nothing else changed since the last forecast) is the newcomer of that forecast, whose
    // runs are draw for draw the ticket's: its answer and its paper need no recompute (the hall's next read does it).
    const c = this.cached;
    if (c && !t.priority && this.justIssued?.id === t.id && this.justIssued.version === this.version && c.version === this.version - 1
      && now >= c.f.at && now - c.f.at < FORECAST_TTL_MS && c.f.newcomers.has(t.fieldId)) {
      return { ahead, ...waitOf(c.f, c.f.newcomers.get(t.fieldId), now, t.fieldId) };
    }
    const f = this.forecast();
    return { ahead, ...waitOf(f, f.tickets.get(t.id), now, t.fieldId) };
  }

  /** People waiting per field and the forecast wait of a citizen who takes a number now. */
  fieldWaits(): FieldWaitView[] {
    const today = this.today();
    const waiting = new Map<string, number>();
    for (const t of openTickets(this.state)) if (t.status === 'waiting' && t.day === today) waiting.set(t.fieldId, (waiting.get(t.fieldId) ?? 0) + 1);
    const f = this.forecast();
    const now = this.clock();
    return this.cfg.fields.map((x) => ({ fieldId: x.id, name: x.name, waiting: waiting.get(x.id) ?? 0, ...waitOf(f, f.newcomers.get(x.id), now, x.id) }));
  }

  /** The waiting list of a counter in the order Next calls it, then the tickets held there. */
  waitingAt(counterId: string): Ticket[] {
    return waitingOrder(this.state, this.counterCfg(counterId), this.cfg, this.today());
  }

  /** Today's citizens marked absent at this counter or in its fields, the latest first. */
  missedAt(counterId: string): Ticket[] {
    return missedAt(this.state, this.counterCfg(counterId), this.today());
  }

  /** The ticket a number typed at the console means at this counter, or null. */
  findCallable(counterId: string, number: string): Ticket | null {
    return findCallable(this.state, this.counterCfg(counterId), this.today(), number);
  }

  private counterCfg(counterId: string): CounterConfig {
    const c = this.cfg.counters.find((k) => k.id === counterId);
    if (!c) throw new McError('MC_ERR_UNKNOWN_COUNTER', counterId);
    return c;
  }
}
