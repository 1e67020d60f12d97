/**
 * How the ticket page gets its ticket: server-sent events (`/api/tickets/:ref/events`, pushed within a second of a
 * change), reconnecting with backoff when the stream drops, and polling `/api/tickets/:ref` meanwhile (or for good
 * when `?transport=poll`, or when the browser has no EventSource). Business time never comes from here: the page
 * reads the hub's time (web-lib/hub-time.ts).
 */
import { ApiError, getJson } from '../../../web-lib/http.js';

export type Transport = 'connecting' | 'sse' | 'poll';

export interface FeedState { transport: Transport; stale: boolean; gone: boolean }

export interface FeedOptions { pollMs: number; forcePoll: boolean; maxBackoffMs?: number }

export class TicketFeed<V> {
  state: FeedState = { transport: 'connecting', stale: false, gone: false };
  private es: EventSource | null = null;
  private failures = 0;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly ref: string, private readonly onView: (v: V) => void, private readonly onState: (s: FeedState) => void, private readonly o: FeedOptions) {}

  start(): void {
    if (this.o.forcePoll || typeof EventSource === 'undefined') { this.set({ transport: 'poll' }); void this.poll(); return; }
    this.openStream();
  }

  /** Stop everything (a final ticket that needs no more updates). */
  stop(): void {
    this.stopped = true;
    this.es?.close();
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private set(p: Partial<FeedState>): void {
    const next = { ...this.state, ...p };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.onState(next);
  }

  private openStream(): void {
    if (this.stopped) return;
    const es = new EventSource(`/api/tickets/${encodeURIComponent(this.ref)}/events`);
    this.es = es;
    es.addEventListener('ticket', (e) => {
      this.failures = 0;
      if (this.pollTimer) { clearTimeout(this.pollTimer); this.pollTimer = null; }
      const v = JSON.parse((e as MessageEvent<string>).data) as V & { gone?: boolean };
      if (v.gone) { this.set({ gone: true }); this.stop(); return; } // the ticket is no longer kept (a past day)
      this.set({ transport: 'sse', stale: false });
      this.onView(v);
    });
    es.onerror = () => {
      es.close();
      if (this.stopped) return;
      this.failures++;
      // meanwhile: poll (this also tells a ticket that is gone from a stream that cannot open)
      if (!this.pollTimer) { this.set({ transport: 'poll' }); void this.poll(); }
      const step = Math.min(this.o.maxBackoffMs ?? 30_000, 1000 * 2 ** Math.min(this.failures - 1, 10));
      this.retryTimer = setTimeout(() => this.openStream(), step / 2 + Math.random() * (step / 2));
    };
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const v = await getJson<V>(`/api/tickets/${encodeURIComponent(this.ref)}`);
      if (this.state.transport === 'sse') return; // the stream came back meanwhile
      this.set({ stale: false });
      this.onView(v);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) { this.set({ gone: true }); this.stop(); return; }
      this.set({ stale: true });
    }
    if (!this.stopped && this.state.transport !== 'sse') this.pollTimer = setTimeout(() => { this.pollTimer = null; void this.poll(); }, this.o.pollMs);
  }
}
