/**
 * Store-and-forward of the outbox to the provincial system. Sends unsent rows in id order, in batches;
 * marks them sent only after the receiver acknowledged the whole batch; retries the same batch with
 * exponential backoff and jitter, so row N+1 never goes before row N is acknowledged. Its only state is
 * the outbox table: a new forwarder on the same database carries on where the last one stopped.
 *
 * A batch the receiver refuses for good (400, 409, 410, 413, 415, 422: the content, not the link) would block the
 * line forever. The forwarder then sends that batch's events one by one; each one refused alone is set aside
 * ("parked", with the receiver's reason) and the line goes on. Parked rows stay in the table until a technician
 * puts them back in line (after the province fixed its side) — see docs/onestop.md.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import { isMcError } from '../../protocol/errors.js';
import type { OnestopAdapter, UplinkFailure } from './adapter.js';
import { OutboxRepo, type OutboxBatch, type ParkedRow } from './outbox-repo.js';

/** HTTP answers that refuse the batch's content: sending the same bytes again cannot succeed. */
const REFUSED_FOR_GOOD = new Set([400, 409, 410, 413, 415, 422]);

export function refusedForGood(e: unknown): boolean {
  if (!isMcError(e)) return false;
  const d = e.details as UplinkFailure | undefined;
  return d?.kind === 'http' && typeof d.status === 'number' && REFUSED_FOR_GOOD.has(d.status);
}

export interface ForwarderOptions {
  db: Db;
  adapter: OnestopAdapter;
  log: Logger;
  clock?: () => number;
  /** Events per request (config `onestop.batchSize`, default 200). */
  batchSize: number;
  /** First retry delay (ms), doubled per consecutive failure. Default 1000. */
  baseDelayMs?: number;
  /** Ceiling of the retry delay (ms). Default 60000. */
  maxDelayMs?: number;
  /** When idle, look at the table again after this long even without wake() (ms). Default 30000. */
  idlePollMs?: number;
  /** Source of jitter in [0, 1). Default Math.random. */
  random?: () => number;
}

export interface ForwarderStatus {
  backlog: number;
  oldestUnsentAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  sending: boolean;
  /** When the next retry is due after a failure; null when not backing off. */
  nextRetryAt: number | null;
  consecutiveFailures: number;
  /** Events set aside because the receiver refused them for good. */
  parked: number;
  /** Sending one by one to find the refused events of a refused batch. */
  isolating: boolean;
}

export interface ForwarderEvents {
  delivered: [{ count: number; firstId: number; lastId: number }];
  failed: [{ error: string; attempt: number; retryInMs: number }];
  /** Nothing left to send. */
  idle: [];
  /** One event set aside (refused for good). */
  parked: [{ id: number; idemKey: string; type: string; error: string }];
}

export class Forwarder extends EventEmitter<ForwarderEvents> {
  private readonly repo: OutboxRepo;
  private readonly clock: () => number;
  private readonly log: Logger;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private failures = 0;
  /** wake() arrived while a tick was running: look again when it ends. */
  private woken = false;
  private nextRetryAt: number | null = null;
  private lastSuccessAt: number | null = null;
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  /** While set: send one row at a time, up to this id (the last row of a batch refused for good). */
  private isolateUntil: number | null = null;

  constructor(private readonly opts: ForwarderOptions) {
    super();
    this.repo = new OutboxRepo(opts.db);
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log.child({ mod: 'onestop-forwarder' });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const oldest = this.repo.oldestUnsent();
    if (oldest?.lastError && this.lastError === null) this.lastError = oldest.lastError;
    this.schedule(0);
  }

  /** New outbox rows were committed: send them now unless a request is under way or the link is backing off. */
  wake(): void {
    if (!this.running || this.nextRetryAt !== null) return;
    if (this.inflight) { this.woken = true; return; }
    this.schedule(0);
  }

  /** Stop: clears timers, abandons an in-flight request (its rows stay unsent and go again later; the receiver dedupes) and waits for it to settle. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.inflight;
  }

  status(): ForwarderStatus {
    return {
      backlog: this.repo.backlog(), oldestUnsentAt: this.repo.oldestUnsent()?.createdAt ?? null,
      lastSuccessAt: this.lastSuccessAt, lastError: this.lastError, lastErrorAt: this.lastErrorAt,
      sending: this.inflight !== null, nextRetryAt: this.nextRetryAt, consecutiveFailures: this.failures,
      parked: this.repo.parkedCount(), isolating: this.isolateUntil !== null,
    };
  }

  parkedRows(limit = 100): ParkedRow[] { return this.repo.parked(limit); }

  /** Put the parked events back in line, in their places, and send now. Returns how many. */
  retryParked(): number {
    const n = this.repo.unparkAll();
    if (n > 0) {
      this.log.info({ events: n }, 'parked events put back in line');
      this.nextRetryAt = null;
      this.wake();
    }
    return n;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.running || this.inflight) return;
      this.woken = false;
      this.inflight = this.tick().finally(() => {
        this.inflight = null;
        if (this.woken && this.running && this.nextRetryAt === null) this.schedule(0);
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    let batch = this.repo.next(this.isolateUntil !== null ? 1 : this.opts.batchSize);
    if (batch && this.isolateUntil !== null && batch.firstId > this.isolateUntil) {
      this.isolateUntil = null; // past the refused batch: full batches again
      batch = this.repo.next(this.opts.batchSize);
    }
    if (!batch) {
      this.emit('idle');
      if (this.running) this.schedule(this.opts.idlePollMs ?? 30_000);
      return;
    }
    this.abort = new AbortController();
    try {
      await this.opts.adapter.forward(batch.events, { signal: this.abort.signal });
    } catch (e) {
      this.onFailure(batch, e);
      return;
    } finally {
      this.abort = null;
    }
    this.onSuccess(batch);
  }

  private onSuccess(b: OutboxBatch): void {
    const now = this.clock();
    const marked = this.repo.markSent(b, now);
    if (marked !== b.events.length) this.log.warn({ marked, sent: b.events.length }, 'outbox rows changed while a batch was in flight');
    this.lastSuccessAt = now;
    if (this.isolateUntil !== null && b.lastId >= this.isolateUntil) this.isolateUntil = null;
    this.failures = 0;
    this.nextRetryAt = null;
    this.log.debug({ count: b.events.length, lastId: b.lastId }, 'events delivered');
    this.emit('delivered', { count: b.events.length, firstId: b.firstId, lastId: b.lastId });
    if (this.running) this.schedule(0);
  }

  private onFailure(b: OutboxBatch, e: unknown): void {
    if (!this.running) {
      this.log.info({ firstId: b.firstId }, 'forwarder stopped; in-flight batch abandoned, it will be sent again');
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (refusedForGood(e)) { this.onRefused(b, msg); return; }
    this.failures++;
    this.lastError = msg;
    this.lastErrorAt = this.clock();
    this.repo.markFailed(b, msg);
    const retryInMs = this.backoff();
    this.nextRetryAt = this.clock() + retryInMs;
    this.log.warn({ err: msg, attempt: this.failures, retryInMs, firstId: b.firstId }, 'forwarding failed');
    this.emit('failed', { error: msg, attempt: this.failures, retryInMs });
    this.schedule(retryInMs);
  }

  /** The receiver refused the batch's content: find the refused events one by one, set each aside, go on. */
  private onRefused(b: OutboxBatch, msg: string): void {
    this.lastError = msg;
    this.lastErrorAt = this.clock();
    this.failures = 0;
    this.nextRetryAt = null;
    if (b.events.length > 1) {
      this.isolateUntil = Math.max(this.isolateUntil ?? 0, b.lastId);
      this.log.warn({ err: msg, firstId: b.firstId, lastId: b.lastId, events: b.events.length }, 'batch refused by the provincial system; sending its events one by one');
    } else {
      const id = b.firstId;
      const ev = b.events[0];
      this.repo.park(id, msg, this.clock());
      this.log.error({ err: msg, id, idemKey: ev?.idemKey, type: ev?.type }, 'event refused by the provincial system: set aside (parked); the others go on');
      this.emit('parked', { id, idemKey: ev?.idemKey ?? '', type: ev?.type ?? '', error: msg });
    }
    this.schedule(0);
  }

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  private backoff(): number {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 60_000;
    const step = Math.min(max, base * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(step / 2 + (this.opts.random ?? Math.random)() * (step / 2));
  }
}
