import type { Db } from '../db/open.js';

export interface AuditEntry { id: number; at: number; actor: string; action: string; detail: unknown }
export interface AuditQuery { limit?: number; before?: number; actor?: string; action?: string }

/** Newest first; `before` pages back by id; `action` matches a prefix ("device." lists every device change). */
export function queryAudit(db: Db, q: AuditQuery = {}): AuditEntry[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.before) { where.push('id < ?'); args.push(q.before); }
  if (q.actor) { where.push('actor = ?'); args.push(q.actor); }
  if (q.action) { where.push("action LIKE ? ESCAPE '\\'"); args.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`); }
  const sql = `SELECT id, at, actor, action, detail FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
  args.push(Math.min(Math.max(q.limit ?? 100, 1), 500));
  return (db.prepare(sql).all(...args) as { id: number; at: number; actor: string; action: string; detail: string }[])
    .map((r) => ({ ...r, detail: safeParse(r.detail) }));
}

function safeParse(s: string): unknown {
  try { return JSON.parse(s); } catch { return s; }
}
