import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export class DatabaseRefused extends Error {
  constructor(file: string, why: string) {
    super(`Không mở được cơ sở dữ liệu ${file}: ${why} — the database was left untouched.`);
    this.name = 'DatabaseRefused';
  }
}

/**
 * Open the hub's database: WAL, synchronous=FULL (every committed ticket survives a power loss; see
 * docs/operations.md), foreign-key-free schema migrated forward by PRAGMA user_version.
 * A corrupt file or one written by a newer hub is refused and never modified.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const existed = file !== ':memory:' && existsSync(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false });
  } catch (e) {
    throw new DatabaseRefused(file, (e as Error).message);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) throw new DatabaseRefused(file, `it was written by a newer hub (schema ${version}, this hub knows ${MIGRATIONS.length}); upgrade the hub`);
    if (existed) {
      const check = db.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') throw new DatabaseRefused(file, `it failed the integrity check (${check}); restore a backup`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // erased data (phone numbers past their retention, issue 22) is overwritten on disk, not left in free space
    db.pragma('secure_delete = ON');
    migrate(db, version);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DatabaseRefused) throw e;
    throw new DatabaseRefused(file, (e as Error).message);
  }
}

/**
 * Run `fn` in a write transaction that takes the write lock first (`BEGIN IMMEDIATE`). A deferred transaction
 * that reads and then writes cannot wait for another process's write (SQLite answers "database is locked" at
 * once, busy_timeout or not); an immediate one waits up to busy_timeout for the lock, then works on fresh data.
 */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v] as string;
    writeTx(db, () => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    });
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
