/**
 * Sends the message outbox through the gateway. Messages are independent (unlike the provincial link, order does
 * not matter), so one refused message never holds up the others: each pending row is tried, a few at a time, and a
 * failed one waits its own backoff. When the gateway itself is down (no answer, HTTP errors) the dispatcher also
 * backs off as a whole and probes with one message at a time until an answer comes back. All of this runs off the
 * queue's path: the queue only inserts rows (in its own transaction); a dead gateway cannot slow it.
 * Retry times are kept in memory (performance.now()): after a restart every pending message is due at once.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { GatewayError, type MessageGateway } from './gateway.js';
import type { MessageRepo, MessageRow } from './repo.js';

export interface DispatcherOptions {
  repo: MessageRepo;
  gateway: MessageGateway | null;
  log: Logger;
  clock: () => number;
  timeoutMs: () => number;
  /** Messages in flight at once when the gateway answers (default 4). */
  concurrency?: number;
  /** First retry delay (ms), doubled per failure. Default 2000. */
  baseDelayMs?: number;
  /** Ceiling of the retry delay (ms). Default 600000 (10 minutes). */
  maxDelayMs?: number;
  /** Look at the table again after this long when idle (ms). Default 15000. */
  idlePollMs?: number;
  random?: () => number;
}

export interface DispatcherEvents {
  sent: [{ id: number; idemKey: string; gatewayId: string }];
  retry: [{ id: number; idemKey: string; error: string; attempt: number; retryInMs: number }];
  failed: [{ id: number; idemKey: string; error: string }];
  idle: [];
}

export interface DispatcherStatus { gateway: string; backlog: number; inflight: number; consecutiveFailures: number; lastError: string | null; lastSuccessAt: number | null }

export class Dispatcher extends EventEmitter<DispatcherEvents> {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly inflight = new Map<number, AbortController>();
  private readonly notBefore = new Map<number, number>();
  private readonly settled = new Set<Promise<void>>();
  /** Consecutive failures of the gateway as a whole (no answer, HTTP errors); while > 0 one message probes at a time. */
  private failures = 0;
  private pausedUntil = 0;
  private lastError: string | null = null;
  private lastSuccessAt: number | null = null;

  constructor(private readonly o: DispatcherOptions) { super(); }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** New rows: look now. */
  wake(): void { if (this.running) this.schedule(0); }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const a of this.inflight.values()) a.abort();
    await Promise.allSettled([...this.settled]);
  }

  status(): DispatcherStatus {
    return { gateway: this.o.gateway?.name ?? 'none', backlog: this.o.repo.backlog(), inflight: this.inflight.size, consecutiveFailures: this.failures,
      lastError: this.lastError, lastSuccessAt: this.lastSuccessAt };
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.tick(); }, Math.max(0, ms));
    this.timer.unref();
  }

  private tick(): void {
    if (!this.running) return;
    this.o.repo.expire(this.o.clock());
    const gw = this.o.gateway;
    const rows = gw ? this.o.repo.pending(this.o.clock(), 500) : [];
    const now = performance.now();
    const room = (this.failures > 0 ? 1 : this.o.concurrency ?? 4) - this.inflight.size;
    let next = now + (this.o.idlePollMs ?? 15_000);
    if (now < this.pausedUntil) next = Math.min(next, this.pausedUntil);
    else {
      let started = 0;
      for (const r of rows) {
        if (this.inflight.has(r.id)) continue;
        const due = this.notBefore.get(r.id) ?? 0;
        if (due > now) { next = Math.min(next, due); continue; }
        if (started >= room || !r.phone) continue;
        started++;
        this.send(gw as MessageGateway, r);
      }
      if (rows.length === 0 && this.inflight.size === 0) this.emit('idle');
    }
    // a message held until a time (a reminder): look again then (hub time; at most the idle poll away)
    const later = gw ? this.o.repo.nextDue(this.o.clock()) : null;
    if (later !== null) next = Math.min(next, now + Math.max(0, later - this.o.clock()));
    this.schedule(next - now);
  }

  private send(gw: MessageGateway, r: MessageRow): void {
    const abort = new AbortController();
    this.inflight.set(r.id, abort);
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(this.o.timeoutMs())]);
    const p = gw.send({ idemKey: r.idemKey, kind: r.kind, phone: r.phone ?? '', vars: r.vars }, signal)
      .then((ok) => this.onSent(gw, r, ok.gatewayId), (e: unknown) => this.onError(r, e))
      .finally(() => { this.inflight.delete(r.id); this.settled.delete(p); if (this.running) this.schedule(0); });
    this.settled.add(p);
  }

  private onSent(gw: MessageGateway, r: MessageRow, gatewayId: string): void {
    this.o.repo.markSent(r.id, gw.name, gatewayId, this.o.clock());
    this.notBefore.delete(r.id);
    this.failures = 0;
    this.pausedUntil = 0;
    this.lastSuccessAt = this.o.clock();
    this.emit('sent', { id: r.id, idemKey: r.idemKey, gatewayId });
  }

  private onError(r: MessageRow, e: unknown): void {
    if (!this.running) return; // abandoned at stop: still pending, sent again after the restart
    const err = e instanceof GatewayError ? e : new GatewayError((e as Error).message, false, 'internal');
    this.lastError = err.message;
    if (err.permanent) {
      this.o.repo.markFailed(r.id, err.message, this.o.clock());
      this.notBefore.delete(r.id);
      this.o.log.warn({ id: r.id, kind: r.kind, err: err.message }, 'message refused for good');
      this.emit('failed', { id: r.id, idemKey: r.idemKey, error: err.message });
      return;
    }
    this.o.repo.markRetry(r.id, err.message);
    const attempt = r.attempts + 1;
    const retryInMs = this.backoff(attempt);
    this.notBefore.set(r.id, performance.now() + retryInMs);
    if (/^(timeout|network|http_)/.test(err.code)) {
      this.failures++;
      this.pausedUntil = performance.now() + this.backoff(this.failures);
    }
    this.o.log.info({ id: r.id, kind: r.kind, err: err.message, attempt, retryInMs }, 'message not sent; will retry');
    this.emit('retry', { id: r.id, idemKey: r.idemKey, error: err.message, attempt, retryInMs });
  }

  /** Exponential backoff with equal jitter. */
  private backoff(n: number): number {
    const step = Math.min(this.o.maxDelayMs ?? 600_000, (this.o.baseDelayMs ?? 2000) * 2 ** Math.min(n - 1, 30));
    return Math.round(step / 2 + (this.o.random ?? Math.random)() * (step / 2));
  }
}
