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

t.test('migration 6: tickets keep their rows and learn their number series from the issue event', async (t) => {
  const f = join(tempDir(), 'motcua.db');
  const raw = new Database(f);
  const { MIGRATIONS } = await import('../../broker/db/migrations.js');
  for (const m of MIGRATIONS.slice(0, 5)) raw.exec(m);
  raw.pragma('user_version = 5');
  const ins = raw.prepare(`INSERT INTO tickets (id, day, field_id, seq, number, status, source, issued_at, order_at, serial)
    VALUES (?, '2026-11-24', ?, ?, ?, 'waiting', 't', 1, 1, ?)`);
  ins.run('2026-11-24-hotich-1', 'datdai', 1, '1001', 1); // moved to đất đai by a transfer (before the fix)
  ins.run('2026-11-24-datdai-2', 'datdai', 2, '2002', 2);
  raw.prepare(`INSERT INTO events (at, day, type, ticket_id, field_id, data) VALUES (1, '2026-11-24', 'ticket.issued', '2026-11-24-hotich-1', 'hotich', '{}')`).run();
  raw.prepare(`INSERT INTO events (at, day, type, ticket_id, field_id, data) VALUES (1, '2026-11-24', 'ticket.issued', '2026-11-24-datdai-2', 'datdai', '{}')`).run();
  raw.close();
  const db = openDatabase(f);
  t.same(db.prepare('SELECT id, field_id, series_field_id, number FROM tickets ORDER BY id').all(), [
    { id: '2026-11-24-datdai-2', field_id: 'datdai', series_field_id: 'datdai', number: '2002' },
    { id: '2026-11-24-hotich-1', field_id: 'datdai', series_field_id: 'hotich', number: '1001' },
  ]);
  // the same seq in two series of one field is now allowed; twice in one series is not
  db.prepare(`INSERT INTO tickets (id, day, field_id, series_field_id, seq, number, status, source, issued_at, order_at, serial)
    VALUES ('2026-11-24-datdai-1', '2026-11-24', 'datdai', 'datdai', 1, '2001', 'waiting', 't', 1, 1, 3)`).run();
  t.throws(() => db.prepare(`INSERT INTO tickets (id, day, field_id, series_field_id, seq, number, status, source, issued_at, order_at, serial)
    VALUES ('x', '2026-11-24', 'hotich', 'datdai', 2, '2002', 'waiting', 't', 1, 1, 4)`).run(), /UNIQUE/);
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
