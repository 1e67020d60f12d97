/**
 * Server-sent events for the citizens' ticket pages: each stream follows one ticket (opened with its unguessable
 * reference) and receives the ticket's public view whenever it changes. Changes are coalesced: after a burst of
 * queue commits every stream's view is computed once and sent only if it differs from the last one sent.
 */
import type { ServerResponse } from 'node:http';

interface Stream { ticketId: string; res: ServerResponse; last: string }

export interface TicketStreamsOptions {
  /** The public view of a ticket, or null when it is gone. */
  view: (ticketId: string) => Record<string, unknown> | null;
  /** Streams at once in all (default 2000) and per ticket (default 4: a phone and a few re-opened tabs). */
  maxStreams?: number;
  maxPerTicket?: number;
  /** A comment line this often keeps proxies and phones from closing an idle stream (ms). Default 20000. */
  heartbeatMs?: number;
}

export class TicketStreams {
  private readonly streams = new Set<Stream>();
  private pending = false;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Views sent (for tests and metrics). */
  sentCount = 0;

  constructor(private readonly o: TicketStreamsOptions) {}

  get size(): number { return this.streams.size; }

  /** Whether another stream may open (false: answer 503 and let the page poll). */
  canOpen(): boolean { return this.streams.size < (this.o.maxStreams ?? 2000); }

  /** Start a stream on a raw response the route has taken over; the first view goes at once. */
  open(ticketId: string, res: ServerResponse): void {
    const mine = [...this.streams].filter((s) => s.ticketId === ticketId);
    if (mine.length >= (this.o.maxPerTicket ?? 4)) this.end(mine[0] as Stream);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.write('retry: 2000\n\n');
    const s: Stream = { ticketId, res, last: '' };
    this.streams.add(s);
    res.on('close', () => this.streams.delete(s));
    this.push(s);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => { for (const x of this.streams) x.res.write(': ping\n\n'); }, this.o.heartbeatMs ?? 20_000);
      this.heartbeat.unref();
    }
  }

  /** Something changed (queue commits, a rating, an opt-in): refresh every stream once, soon. */
  changed(): void {
    if (this.pending || this.streams.size === 0) return;
    this.pending = true;
    setImmediate(() => { this.pending = false; for (const s of this.streams) this.push(s); });
  }

  closeAll(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const s of this.streams) this.end(s);
  }

  private push(s: Stream): void {
    const v = this.o.view(s.ticketId);
    const text = JSON.stringify(v ?? { gone: true });
    if (text === s.last) return;
    s.last = text;
    s.res.write(`event: ticket\ndata: ${text}\n\n`);
    this.sentCount++;
  }

  private end(s: Stream): void {
    this.streams.delete(s);
    s.res.end();
  }
}
