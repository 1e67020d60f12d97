/**
 * (c2) Next → the citizens' live ticket pages: `n` phones hold the server-sent event stream of their own ticket
 * (`/api/tickets/{ref}/events`); each Next at counter 1 changes every one of them (one fewer person ahead). Measured:
 * from sending Next to the last stream receiving its new view. Baseline: the same Next → counter displays over MQTT.
 */
import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import type { BenchDevice } from './figures.js';
import { figure, pct, type Figure } from './stats.js';

/** A ticket's public reference, as broker/queue/ticket-ref.ts makes it (from the secret in the hub's database). */
export function refsFrom(dbFile: string, ids: string[]): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const secret = Buffer.from((db.prepare("SELECT value FROM meta WHERE key = 'ticket_secret'").get() as { value: string }).value, 'hex');
    return ids.map((id) => `${id}.${createHmac('sha256', secret).update(id).digest().subarray(0, 16).toString('base64url')}`);
  } finally { db.close(); }
}

/** Today's waiting tickets of a field, oldest first (the hub's database, read-only). */
export function waitingTickets(dbFile: string, fieldId: string, n: number): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT id FROM tickets WHERE status = 'waiting' AND field_id = ? ORDER BY order_at DESC LIMIT ?").all(fieldId, n) as { id: string }[]).map((r) => r.id);
  } finally { db.close(); }
}

interface Stream { views: number; onView: (() => void) | null; abort: AbortController }

async function openStream(url: string): Promise<Stream> {
  const s: Stream = { views: 0, onView: null, abort: new AbortController() };
  const res = await fetch(url, { signal: s.abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream ${url}: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buf += dec.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith('event: ticket')) { s.views++; s.onView?.(); }
        }
      }
    } catch { /* aborted at the end */ }
  })();
  return s;
}

export async function ticketPush(base: string, refs: string[], keypad: BenchDevice, presses: number, displayP99: number): Promise<Figure> {
  const streams = await Promise.all(refs.map((r) => openStream(`${base}/api/tickets/${r}/events`)));
  const first = Date.now() + 10_000;
  while (streams.some((s) => s.views === 0) && Date.now() < first) await new Promise((r) => setTimeout(r, 20));
  const ms: number[] = [];
  let missed = 0;
  try {
    for (let i = 0; i < presses; i++) {
      const t0 = performance.now();
      const before = ms.length;
      const arrived = streams.map((s) => new Promise<void>((resolve) => { s.onView = () => { s.onView = null; ms.push(performance.now() - t0); resolve(); }; }));
      const a = await keypad.request('next');
      if (!a.ok) throw new Error(`next refused: ${JSON.stringify(a.error)}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(arrived), new Promise<void>((r) => { timer = setTimeout(r, 3000); })]);
      clearTimeout(timer);
      missed += streams.length - (ms.length - before);
      for (const s of streams) s.onView = null;
      await keypad.request('finish', { outcome: 'guidance' });
      await new Promise((r) => setTimeout(r, 220));
    }
  } finally {
    for (const s of streams) s.abort.abort();
  }
  return figure({ name: `Next → ${refs.length} phones' live ticket pages (server-sent events, p99)`, value: pct(ms, 99), unit: 'ms', baseline: displayP99,
    baselineName: 'Next → counter displays over MQTT p99 (same run)', details: { p50: pct(ms, 50), samples: ms.length, expected: refs.length * presses, notWithin3s: missed } });
}
