import { randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import type { Db } from '../db/open.js';
import { McError } from '../errors.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: string, len: number) => Promise<Buffer>;

/**
 * Change a staff password (StaffDirectory has no such method yet): the same `scrypt$salt$hex` form as
 * StaffDirectory.add, and every session of the account ends. Tests prove the new password logs in.
 */
export async function setPassword(db: Db, username: string, password: string): Promise<void> {
  if (password.length < 8) throw new McError('MC_ERR_BAD_REQUEST', 'password: at least 8 characters');
  const row = db.prepare('SELECT username FROM users WHERE username = ?').get(username);
  if (!row) throw new McError('MC_ERR_BAD_REQUEST', `no user "${username}"`);
  const salt = randomBytes(16).toString('hex');
  const hash = `scrypt$${salt}$${(await scrypt(password, salt, 32)).toString('hex')}`;
  db.transaction(() => {
    db.prepare('UPDATE users SET pass_hash = ? WHERE username = ?').run(hash, username);
    db.prepare('DELETE FROM sessions WHERE username = ?').run(username);
  })();
}
