/**
 * Messages to citizens over a period (issue 22b): how many were sent, failed (refused for good), expired (too late,
 * or their phone erased first) or are still pending, per kind. Read from the message outbox, whose rows outlive
 * their phone numbers (docs/messages.md).
 */
import type { Db } from '../db/open.js';
import type { MessageFigures } from '../../protocol/reports.js';

export function messageFigures(db: Db, fromDay: string, toDay: string): MessageFigures {
  const f: MessageFigures = { sent: 0, failed: 0, expired: 0, pending: 0, byKind: {} };
  const rows = db.prepare('SELECT kind, status, count(*) AS n FROM msg_outbox WHERE day >= ? AND day <= ? GROUP BY kind, status').all(fromDay, toDay) as { kind: string; status: string; n: number }[];
  for (const r of rows) {
    const k = (f.byKind[r.kind] ??= {});
    k[r.status] = (k[r.status] ?? 0) + r.n;
    if (r.status === 'sent' || r.status === 'failed' || r.status === 'expired' || r.status === 'pending') f[r.status] += r.n;
  }
  return f;
}
