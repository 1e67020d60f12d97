import t from 'tap';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseRefused, openDatabase, SCHEMA_VERSION } from '../../broker/db/open.js';
import { tempDir } from '../helpers/hub.js';

t.test('a fresh database is created in WAL mode with full sync and the current schema', async (t) => {
  const f = join(tempDir(), 'motcua.db');
  const db = openDatabase(f);
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
  t.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  db.close();
  const again = openDatabase(f);
  t.equal(again.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'reopening migrates nothing twice');
  again.close();
});

t.test('an older database migrates forward and keeps its rows', async (t) => {
  const f = join(tempDir(), 'motcua.db');
  const raw = new Database(f);
  const { MIGRATIONS } = await import('../../broker/db/migrations.js');
  raw.exec(MIGRATIONS[0] as string);
  raw.pragma('user_version = 1');
  raw.prepare("INSERT INTO meta (key, value) VALUES ('day', '2026-11-24')").run();
  raw.close();
  const db = openDatabase(f);
  t.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  t.same(db.prepare('SELECT value FROM meta').get(), { value: '2026-11-24' });
  db.close();
});

t.test('a database from a newer hub is refused and left byte-for-byte untouched', async (t) => {
  const f = join(tempDir(), 'motcua.db');
  const raw = new Database(f);
  raw.exec('CREATE TABLE x (a)');
  raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  raw.close();
  const before = readFileSync(f);
  t.throws(() => openDatabase(f), DatabaseRefused);
  t.throws(() => openDatabase(f), /newer hub/);
  t.ok(readFileSync(f).equals(before), 'not overwritten');
});

t.test('a corrupt database is refused and left untouched', async (t) => {
  const f = join(tempDir(), 'motcua.db');
  writeFileSync(f, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0xab)]));
  const before = readFileSync(f);
  t.throws(() => openDatabase(f), DatabaseRefused);
  t.ok(readFileSync(f).equals(before), 'not overwritten');
  const junk = join(tempDir(), 'junk.db');
  writeFileSync(junk, 'this is not a database at all, just text '.repeat(200));
  t.throws(() => openDatabase(junk), /Không mở được cơ sở dữ liệu/);
});
