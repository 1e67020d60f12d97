import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { writeTx, type Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import { LoginGuard } from './login-guard.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: string, len: number) => Promise<Buffer>;
export type Role = 'technician' | 'manager' | 'clerk';
export const ROLES: readonly Role[] = ['technician', 'manager', 'clerk'];
export interface Staff { username: string; role: Role; clerkId: string | null; disabled: boolean }

/** A staff session lasts one working day; browsers get it as a lifetime (Max-Age), never as a date. */
export const SESSION_MS = 8 * 3600_000;

/** scrypt hash of a password (also used by the province's staff accounts, province/auth.ts). */
export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(16).toString('hex');
  return `scrypt$${salt}$${(await scrypt(pw, salt, 32)).toString('hex')}`;
}
export async function checkPassword(pw: string, stored: string): Promise<boolean> {
  const [, salt, hex] = stored.split('$');
  if (!salt || !hex) return false;
  const a = await scrypt(pw, salt, 32);
  const b = Buffer.from(hex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
/** Checked when the account does not exist (or is disabled), so that every refusal costs one scrypt: timing tells nothing. */
export const DUMMY_HASH = `scrypt$${'0'.repeat(32)}$${'0'.repeat(64)}`;
const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');
/** A session's key: the hash of its token (what the database keeps; the token itself only the browser has). */
export const sessionKey = tokenHash;

/** Staff accounts (passwords hashed with scrypt), sessions that expire, and a login rate limit. */
export class StaffDirectory {
  private readonly guard: LoginGuard;
  constructor(private readonly db: Db, private readonly clock: () => number) { this.guard = new LoginGuard(clock); }

  count(): number { return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n; }

  list(): Staff[] {
    return (this.db.prepare('SELECT username, role, clerk_id, disabled FROM users ORDER BY username').all() as { username: string; role: Role; clerk_id: string | null; disabled: number }[])
      .map((r) => ({ username: r.username, role: r.role, clerkId: r.clerk_id, disabled: !!r.disabled }));
  }

  async add(username: string, password: string, role: Role, clerkId: string | null = null): Promise<void> {
    if (!/^[a-z0-9._-]{3,32}$/.test(username)) throw new McError('MC_ERR_BAD_REQUEST', 'username: 3–32 lower-case letters, digits, . _ -');
    if (password.length < 8) throw new McError('MC_ERR_BAD_REQUEST', 'password: at least 8 characters');
    if (!ROLES.includes(role)) throw new McError('MC_ERR_BAD_REQUEST', `role: one of ${ROLES.join(', ')}`);
    if (role === 'clerk' && !clerkId) throw new McError('MC_ERR_BAD_REQUEST', 'a clerk account needs a clerk id');
    try {
      this.db.prepare('INSERT INTO users (username, role, clerk_id, pass_hash, created_at) VALUES (?,?,?,?,?)').run(username, role, clerkId, await hashPassword(password), this.clock());
    } catch { throw new McError('MC_ERR_BAD_REQUEST', `user "${username}" already exists`); }
  }

  /** Change a password; every session of the account ends. */
  async setPassword(username: string, password: string): Promise<void> {
    if (password.length < 8) throw new McError('MC_ERR_BAD_REQUEST', 'password: at least 8 characters');
    if (!this.list().some((u) => u.username === username)) throw new McError('MC_ERR_BAD_REQUEST', `no user "${username}"`);
    const hash = await hashPassword(password);
    writeTx(this.db, () => {
      this.db.prepare('UPDATE users SET pass_hash = ? WHERE username = ?').run(hash, username);
      this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
    });
  }

  /** Refuses to disable or demote the last enabled technician: nobody may lock the office out. */
  update(username: string, patch: { role?: Role; disabled?: boolean }): void {
    writeTx(this.db, () => this.updateLocked(username, patch)); // the last-technician check and the change, atomically
  }

  private updateLocked(username: string, patch: { role?: Role; disabled?: boolean }): void {
    const u = this.list().find((x) => x.username === username);
    if (!u) throw new McError('MC_ERR_BAD_REQUEST', `no user "${username}"`);
    const techs = this.list().filter((x) => x.role === 'technician' && !x.disabled);
    const losing = u.role === 'technician' && !u.disabled && ((patch.role && patch.role !== 'technician') || patch.disabled);
    if (losing && techs.length <= 1) throw new McError('MC_ERR_FORBIDDEN', 'this is the last technician account; create another one first');
    if (patch.role) this.db.prepare('UPDATE users SET role = ? WHERE username = ?').run(patch.role, username);
    if (patch.disabled !== undefined) {
      this.db.prepare('UPDATE users SET disabled = ? WHERE username = ?').run(patch.disabled ? 1 : 0, username);
      if (patch.disabled) this.db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
    }
  }

  /** Check a login; returns a session token. Refused and rate-limited per account, address and both (LoginGuard). */
  async login(username: string, password: string, from: string): Promise<{ token: string; staff: Staff; expiresAt: number }> {
    if (!this.guard.begin(username, from)) throw new McError('MC_ERR_RATE_LIMITED');
    let row: { username: string; role: Role; clerk_id: string | null; pass_hash: string; disabled: number } | undefined;
    let ok = false;
    try {
      row = this.db.prepare('SELECT username, role, clerk_id, pass_hash, disabled FROM users WHERE username = ?').get(username) as typeof row;
      const matches = await checkPassword(password, row?.pass_hash ?? DUMMY_HASH); // always one scrypt
      ok = !!row && !row.disabled && matches;
    } finally { this.guard.end(username, from, ok); }
    if (!ok || !row) throw new McError('MC_ERR_BAD_LOGIN');
    const now = this.clock();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + SESSION_MS;
    this.db.prepare('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?,?,?,?)').run(tokenHash(token), username, now, expiresAt);
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now);
    return { token, staff: { username: row.username, role: row.role, clerkId: row.clerk_id, disabled: false }, expiresAt };
  }

  session(token: string | undefined): Staff | null {
    return token ? this.sessionByKey(sessionKey(token)) : null;
  }

  /** The staff member of a session, by its key (the token's hash): null once it ended or expired, or the account is disabled. */
  sessionByKey(key: string): Staff | null {
    const r = this.db.prepare(`SELECT u.username, u.role, u.clerk_id, u.disabled FROM sessions s JOIN users u ON u.username = s.username
      WHERE s.token_hash = ? AND s.expires_at > ?`).get(key, this.clock()) as { username: string; role: Role; clerk_id: string | null; disabled: number } | undefined;
    return r && !r.disabled ? { username: r.username, role: r.role, clerkId: r.clerk_id, disabled: false } : null;
  }

  logout(token: string): void { this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token)); }

  audit(actor: string, action: string, detail: unknown): void {
    this.db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?,?,?,?)').run(this.clock(), actor, action, JSON.stringify(detail ?? {}));
  }
}
