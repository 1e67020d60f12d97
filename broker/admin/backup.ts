import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { SCHEMA_VERSION } from '../db/open.js';

export type Progress = (line: string) => void;

export class BackupError extends Error {
  constructor(message: string, readonly exit: number) { super(message); this.name = 'BackupError'; }
}

/** Exit codes of backup/restore beyond run.ts's EXIT: 69 the hub is running (stop it first), 74 a database was refused. */
export const BACKUP_EXIT = { RUNNING: 69, DATABASE: 74 } as const;

/**
 * Is another process (the hub) using the database? In WAL mode every open connection keeps a shared lock,
 * so an exclusive lock taken without waiting fails while the hub runs.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || /locked|busy/i.test((e as Error).message)) return true;
    throw e;
  } finally { db.close(); }
}

/** Check a database file: opens read-only, passes integrity_check, and is a hub database this hub can read. */
export function verifyDatabase(file: string): { schemaVersion: number; tickets: number; devices: number; users: number } {
  if (!existsSync(file)) throw new BackupError(`${file}: không có tệp — file not found`, BACKUP_EXIT.DATABASE);
  let db: Database.Database;
  try { db = new Database(file, { readonly: true, fileMustExist: true }); } catch (e) {
    throw new BackupError(`${file}: không mở được — cannot open: ${(e as Error).message}`, BACKUP_EXIT.DATABASE);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true }) as string;
    if (check !== 'ok') throw new BackupError(`${file}: failed integrity_check (${check})`, BACKUP_EXIT.DATABASE);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION) throw new BackupError(`${file}: written by a newer hub (schema ${schemaVersion}, this hub knows ${SCHEMA_VERSION}); upgrade the hub first`, BACKUP_EXIT.DATABASE);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const t of ['tickets', 'devices', 'users']) if (!tables.has(t)) throw new BackupError(`${file}: not a motcua hub database (no table "${t}")`, BACKUP_EXIT.DATABASE);
    const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { schemaVersion, tickets: n('tickets'), devices: n('devices'), users: n('users') };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file}: ${(e as Error).message}`, BACKUP_EXIT.DATABASE);
  } finally { db.close(); }
}

/** Online backup (SQLite backup API: consistent even while the hub writes), then verified. */
export async function backupDatabase(src: string, out: string, progress: Progress = () => undefined): Promise<ReturnType<typeof verifyDatabase> & { bytes: number }> {
  if (!existsSync(src)) throw new BackupError(`${src}: không có cơ sở dữ liệu — no database to back up (has the hub ever run with this config?)`, BACKUP_EXIT.DATABASE);
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose another --out file`, 73);
  const db = new Database(src, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    let last = -1;
    await db.backup(out, { progress: ({ totalPages, remainingPages }) => {
      const pct = totalPages ? Math.round(((totalPages - remainingPages) / totalPages) * 100) : 100;
      if (pct !== last) { last = pct; progress(`  sao lưu / copying… ${pct}%`); }
      return 200;
    } });
    if (last !== 100) progress('  sao lưu / copying… 100%');
  } catch (e) {
    rmSync(out, { force: true });
    throw new BackupError(`backup failed: ${(e as Error).message}`, 1);
  } finally { db.close(); }
  progress('  kiểm tra bản sao / verifying the copy (integrity_check)…');
  return { ...verifyDatabase(out), bytes: statSync(out).size };
}

/**
 * Replace the hub's database with a backup. Refuses while the hub runs; verifies the backup first; keeps the
 * current database (and its WAL, if any) as `.before-restore`.
 */
export function restoreDatabase(from: string, dbFile: string, progress: Progress = () => undefined): ReturnType<typeof verifyDatabase> & { kept: string | null } {
  progress(`  kiểm tra bản sao lưu / verifying ${from}…`);
  const info = verifyDatabase(from);
  if (databaseInUse(dbFile)) throw new BackupError('Hub đang chạy — the hub is running (the database is in use): stop it first (systemctl stop motcua-hub)', BACKUP_EXIT.RUNNING);
  let kept: string | null = null;
  if (existsSync(dbFile)) {
    kept = `${dbFile}.before-restore`;
    for (const s of ['', '-wal', '-shm']) {
      rmSync(`${kept}${s}`, { force: true });
      if (existsSync(`${dbFile}${s}`)) renameSync(`${dbFile}${s}`, `${kept}${s}`);
    }
    progress(`  bản hiện tại giữ tại / current database kept as ${kept}`);
  }
  copyFileSync(from, `${dbFile}.restoring`);
  renameSync(`${dbFile}.restoring`, dbFile);
  progress('  kiểm tra lại / verifying the restored database…');
  verifyDatabase(dbFile);
  return { ...info, kept };
}
