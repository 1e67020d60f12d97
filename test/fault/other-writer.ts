/**
 * A second process writing to the hub's database, the way a technician's `motcua users`/`devices` command does:
 * every `periodMs` it takes the write lock, writes an audit row, keeps the lock `holdMs` (a larger change) and
 * commits. Prints "ready" once it wrote its first row and "done N" when it stops after `count` commits.
 * Usage: node --import tsx test/fault/other-writer.ts DBFILE [count] [periodMs] [holdMs]
 */
import Database from 'better-sqlite3';

const [file, countArg, periodArg, holdArg] = process.argv.slice(2);
if (!file) throw new Error('usage: other-writer.ts DBFILE [count] [periodMs] [holdMs]');
const count = Number(countArg ?? 500);
const periodMs = Number(periodArg ?? 20);
const holdMs = Number(holdArg ?? 4);
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const insert = db.prepare('INSERT INTO audit (at, actor, action, detail) VALUES (?,?,?,?)');
const hold = new Int32Array(new SharedArrayBuffer(4));
let n = 0;

function commitOne(): void {
  db.exec('BEGIN IMMEDIATE');
  insert.run(Date.now(), 'cli:other-writer', 'test.write', JSON.stringify({ n }));
  Atomics.wait(hold, 0, 0, holdMs); // the lock is held, as during a larger change
  db.exec('COMMIT');
  n++;
  if (n === 1) process.stdout.write('ready\n');
  if (n >= count) { db.close(); process.stdout.write(`done ${n}\n`); return; }
  setTimeout(commitOne, periodMs);
}
commitOne();
