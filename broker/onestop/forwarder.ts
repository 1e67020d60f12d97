/**
 * Store-and-forward of the outbox to the provincial system. Sends unsent rows in id order, in batches;
 * marks them sent only after the receiver acknowledged the whole batch; retries the same batch with
 * exponential backoff and jitter, so row N+1 never goes before row N is acknowledged. Its only state is
 * the outbox table: a new forwarder on the same database carries on where the last one stopped.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import type { OnestopAdapter } from './adapter.js';
import { OutboxRepo, type OutboxBatch } from './outbox-repo.js';

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
}

export interface ForwarderEvents {
  delivered: [{ count: number; firstId: number; lastId: number }];
  failed: [{ error: string; attempt: number; retryInMs: number }];
  /** Nothing left to send. */
  idle: [];
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
    };
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
    const batch = this.repo.next(this.opts.batchSize);
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

  /** Exponential backoff with "equal jitter": half the step fixed, half random. */
  private backoff(): number {
    const base = this.opts.baseDelayMs ?? 1000;
    const max = this.opts.maxDelayMs ?? 60_000;
    const step = Math.min(max, base * 2 ** Math.min(this.failures - 1, 30));
    return Math.round(step / 2 + (this.opts.random ?? Math.random)() * (step / 2));
  }
}
