/**
 * The province's staff: accounts in PostgreSQL with the hub's scrypt hashes (broker/staff/users.ts), a role for the
 * whole province or for one center, sessions whose token only the browser has (the database keeps its hash), and
 * the hub's login rate limit.
 */
import { randomBytes } from 'node:crypto';
import { McError } from '../protocol/errors.js';
import { checkPassword, DUMMY_HASH, hashPassword, sessionKey, SESSION_MS } from '../broker/staff/users.js';
import { LoginGuard } from '../broker/staff/login-guard.js';
import type { Pool } from './db.js';

export type ProvinceRole = 'province' | 'center';
export interface ProvinceStaff { username: string; role: ProvinceRole; centerId: string | null }

export async function addStaff(db: Pool, s: ProvinceStaff & { password: string }): Promise<void> {
  if (s.password.length < 10) throw new Error('mật khẩu quá ngắn (ít nhất 10 ký tự) / password too short (at least 10 characters)');
  if (s.role === 'center' && !s.centerId) throw new Error('vai trò "center" cần --center / role "center" needs --center');
  await db.query(`INSERT INTO staff (username, pass_hash, role, center_id) VALUES ($1, $2, $3, $4)
    ON CONFLICT (username) DO UPDATE SET pass_hash = EXCLUDED.pass_hash, role = EXCLUDED.role, center_id = EXCLUDED.center_id`,
  [s.username, await hashPassword(s.password), s.role, s.role === 'center' ? s.centerId : null]);
}

export class ProvinceAuth {
  private readonly guard: LoginGuard;
  constructor(private readonly db: Pool, private readonly clock: () => number = Date.now) { this.guard = new LoginGuard(clock); }

  /** A new session's token, or MC_ERR_BAD_LOGIN / MC_ERR_RATE_LIMITED. */
  async login(username: string, password: string, from: string): Promise<{ token: string; staff: ProvinceStaff; maxAgeS: number }> {
    if (!this.guard.begin(username, from)) throw new McError('MC_ERR_RATE_LIMITED');
    const r = await this.db.query<{ username: string; pass_hash: string; role: ProvinceRole; center_id: string | null }>('SELECT username, pass_hash, role, center_id FROM staff WHERE username = $1', [username]);
    const row = r.rows[0];
    const ok = await checkPassword(password, row?.pass_hash ?? DUMMY_HASH) && !!row;
    this.guard.end(username, from, ok);
    if (!ok || !row) throw new McError('MC_ERR_BAD_LOGIN');
    const token = randomBytes(32).toString('base64url');
    await this.db.query('INSERT INTO sessions (token_hash, username, expires_at) VALUES ($1, $2, to_timestamp($3 / 1000.0))', [sessionKey(token), row.username, this.clock() + SESSION_MS]);
    await this.db.query('DELETE FROM sessions WHERE expires_at < to_timestamp($1 / 1000.0)', [this.clock()]);
    return { token, staff: { username: row.username, role: row.role, centerId: row.center_id }, maxAgeS: SESSION_MS / 1000 };
  }

  async session(token: string | undefined): Promise<ProvinceStaff | null> {
    if (!token) return null;
    const r = await this.db.query<{ username: string; role: ProvinceRole; center_id: string | null }>(`SELECT s.username, s.role, s.center_id FROM sessions x JOIN staff s ON s.username = x.username
      WHERE x.token_hash = $1 AND x.expires_at > to_timestamp($2 / 1000.0)`, [sessionKey(token), this.clock()]);
    const row = r.rows[0];
    return row ? { username: row.username, role: row.role, centerId: row.center_id } : null;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [sessionKey(token)]);
  }
}
