/** Shared helpers of the one-stop tests: temp databases, outbox rows in the store's shape, event waits. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { openDatabase, type Db } from '../../broker/db/open.js';

export const silent = pino({ level: 'silent' });

interface Teardown { teardown(fn: () => unknown): void }

/** A fresh temp directory removed when the test ends. */
export function tempDir(t: Teardown): string {
  const dir = mkdtempSync(join(tmpdir(), 'motcua-onestop-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Open (and migrate) a hub database file; closed when the test ends unless already closed. */
export function openDb(t: Teardown, file: string): Db {
  const db = openDatabase(file);
  t.teardown(() => { if (db.open) db.close(); });
  return db;
}

/** Insert outbox rows exactly as broker/queue/store.ts writes them; returns their idempotency keys. */
export function addOutbox(db: Db, office: string, fromSeq: number, count: number, at = 1_760_000_000_000): string[] {
  const ins = db.prepare('INSERT INTO outbox (idem_key, type, payload, created_at) VALUES (?,?,?,?)');
  const keys: string[] = [];
  db.transaction(() => {
    for (let seq = fromSeq; seq < fromSeq + count; seq++) {
      const type = seq % 3 === 0 ? 'ticket.called' : 'ticket.issued';
      const ticket = { id: `2025-10-09:hotich:${seq}`, number: `A${String(seq).padStart(3, '0')}`, fieldId: 'hotich', status: 'waiting' };
      ins.run(`${office}:${seq}`, type, JSON.stringify({ seq, type, at: at + seq, office, data: { ticketId: ticket.id }, ticket }), at + seq);
      keys.push(`${office}:${seq}`);
    }
  })();
  return keys;
}

export function unsentCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
}

/**
 * Resolve when `check()` holds, re-checking each time `emitter` emits one of `events`; reject after
 * `timeoutMs` (a bound, not a wait: the normal path is event-driven).
 */
/** Anything with on/off (node EventEmitter, MqttClient …). */
export interface Emits { on(event: string, fn: () => void): unknown; off(event: string, fn: () => void): unknown }

export function until(emitter: Emits, events: string[], check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer);
      for (const e of events) emitter.off(e, onEvent);
      if (err) reject(err); else resolve();
    };
    const onEvent = (): void => { try { if (check()) done(); } catch (e) { done(e as Error); } };
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), timeoutMs);
    for (const e of events) emitter.on(e, onEvent);
    onEvent();
  });
}
