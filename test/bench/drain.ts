/**
 * (e) Outbox drain: a backlog of events written into a hub's database before it starts, delivered to the
 * provincial simulator while tickets are issued; baseline: the same events posted straight to a simulator in
 * batches of the same size, one request after the other (what the forwarder does, without the hub).
 */
import { openDatabase } from '../../broker/db/open.js';
import { startOnestopSim, type OnestopSim } from '../../broker/onestop/sim.js';

export const BACKLOG_OFFICE = 'backlog';

/** Fill the outbox with `n` events shaped like the hub's (keys of another office, so they never meet the hub's own). */
export function fillOutbox(dbFile: string, n: number): void {
  const db = openDatabase(dbFile);
  try {
    const ins = db.prepare('INSERT INTO outbox (idem_key, type, payload, created_at) VALUES (?,?,?,?)');
    const at = Date.now() - 86_400_000;
    db.transaction(() => {
      for (let seq = 1; seq <= n; seq++) {
        const type = seq % 3 === 0 ? 'ticket.called' : 'ticket.issued';
        const ticket = { id: `2026-11-23-hotich-${seq}`, day: '2026-11-23', fieldId: 'hotich', number: String(1000 + (seq % 999)), status: 'waiting' };
        ins.run(`${BACKLOG_OFFICE}:${seq}`, type, JSON.stringify({ seq, type, at: at + seq, office: BACKLOG_OFFICE, data: { ticketId: ticket.id }, ticket }), at + seq);
      }
    })();
  } finally { db.close(); }
}

/** Events/s when posting `n` events straight to a fresh simulator, `batch` per request, sequentially. */
export async function directPostRate(n: number, batch: number): Promise<number> {
  const sim = await startOnestopSim();
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i += batch) {
      const events = Array.from({ length: Math.min(batch, n - i) }, (_, k) => {
        const seq = i + k + 1;
        return { idempotencyKey: `direct:${seq}`, type: 'ticket.issued', at: seq, payload: { seq, type: 'ticket.issued', at: seq, office: 'direct', data: { ticketId: `t${seq}` }, ticket: { id: `t${seq}`, number: String(seq) } } };
      });
      const r = await fetch(`${sim.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      if (r.status !== 200) throw new Error(`simulator answered ${r.status}`);
      await r.arrayBuffer();
    }
    return n / ((performance.now() - t0) / 1000);
  } finally { await sim.close(); }
}

/** Resolve with the seconds until the simulator holds `n` backlog events (bounded). */
export function drained(sim: OnestopSim, n: number, t0: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const on = (evs: { idempotencyKey: string }[]) => {
      count += evs.filter((e) => e.idempotencyKey.startsWith(`${BACKLOG_OFFICE}:`)).length;
      if (count >= n) { done(); resolve((performance.now() - t0) / 1000); }
    };
    const timer = setTimeout(() => { done(); reject(new Error(`drain: ${count} of ${n} events in ${timeoutMs} ms`)); }, timeoutMs);
    const done = () => { clearTimeout(timer); sim.off('received', on); };
    sim.on('received', on);
  });
}
