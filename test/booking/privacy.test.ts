/**
 * Identity is never stored (issue 22, docs/privacy.md): after a day of chip-card scans, bookings with phones, check-ins
 * and numbers from phones, no table, no byte of the database files and no log line holds an ID number, a name or an
 * address; the day's person key is destroyed when the day is over; phone numbers are erased `phoneRetentionDays` after
 * their booking's day, from the tables and from the files.
 */
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { addDays, at, TEST_DAY } from '../helpers/days.js';
import { TestDevice } from '../helpers/hub.js';
import { API_KEY, bookingHub, verifyPhone } from './helpers.js';

const year = Number(TEST_DAY.slice(0, 4));
const CARDS = [
  { id: '079050001234', old: '', name: 'Nguyễn Văn Bảo', addr: 'Số 12 đường Lê Lợi, phường Bến Thành', born: `0101${year - 72}` },
  { id: '001085009876', old: '285123456', name: 'Trần Thị Mỹ Dung', addr: 'Thôn Phú Hòa, xã Đông Anh', born: `1508${year - 41}` },
  { id: '031099004321', old: '', name: 'Lê Hoàng Khánh', addr: 'Tổ 5 khu phố 3, đặc khu Phú Quốc', born: `3112${year - 19}` },
];
const cardText = (c: (typeof CARDS)[number]): string => [c.id, c.old, c.name, c.born, 'Nam', c.addr, '01012022'].join('|');
const PHONES = ['0912000111', '0987000222', '0933000333'];
const SECRETS = CARDS.flatMap((c) => [c.id, c.name, c.addr, ...(c.old ? [c.old] : [])]);

function dbBytes(file: string): string {
  return [file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
}
const utf8AsLatin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

function allRows(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    return tables.map((tb) => `${tb}: ${JSON.stringify(db.prepare(`SELECT * FROM "${tb}"`).all())}`).join('\n');
  } finally { db.close(); }
}

t.test('a day of cards, bookings and phone numbers leaves no identity in the database or the logs', async (t) => {
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, new Writable({ write(chunk: Buffer, _e, cb) { lines.push(chunk.toString('utf8')); cb(); } }));
  const rig = await bookingHub((c) => { c.booking.remoteNumbers = true; c.hub.logLevel = 'trace'; }, { log });
  t.teardown(rig.th.stop);
  const kiosk = await TestDevice.create(rig.th, 'kiosk-1', 'kiosk');
  const disp = await TestDevice.create(rig.th, 'disp-1', 'dispenser');
  t.teardown(async () => { await kiosk.end(); await disp.end(); });

  for (const c of CARDS) {
    await kiosk.request('issue', { fieldId: 'hotich', card: cardText(c) });
    await disp.request('issue', { fieldId: 'datdai', card: cardText(c), priority: 'elderly' }); // the younger ones are refused
    await disp.request('issue', { fieldId: 'tuphap', card: cardText(c) });
  }
  await kiosk.request('issue', { fieldId: 'hotich', card: `${CARDS[0]?.id}|broken` }); // unreadable
  const tomorrow = addDays(TEST_DAY, 1);
  const proof = await verifyPhone(rig, PHONES[0] as string);
  const web = await rig.call('POST', '/api/bookings', { fieldId: 'hotich', day: tomorrow, slot: '09:00', phone: PHONES[0], proof });
  const api = await rig.call('POST', '/api/bookings', { fieldId: 'datdai', day: tomorrow, slot: '09:00', phone: PHONES[1] }, { 'x-api-key': API_KEY });
  await rig.call('POST', '/api/bookings', { fieldId: 'datdai', day: tomorrow, slot: 'xx' }, { 'x-api-key': API_KEY }); // a refused one
  await rig.call('POST', '/api/remote-numbers', { fieldId: 'hotich', phone: PHONES[2] }, { 'x-api-key': API_KEY });
  t.equal(web.status, 201);
  t.equal(api.status, 201);
  rig.clock.set(at('08:55', tomorrow));
  const ci = await kiosk.request('checkIn', { code: String(web.body.url) });
  t.equal(ci.ok, true, 'checked in the next day');
  t.ok(lines.some((l) => l.includes('MC_ERR_CARD_UNREADABLE')) && lines.some((l) => l.includes('MC_ERR_CARD_UNDER_AGE')), 'the refusals of cards were logged (the log is captured)');

  const rows = allRows(rig.th.dbFile);
  const bytes = dbBytes(rig.th.dbFile);
  for (const s of SECRETS) {
    t.notOk(rows.includes(s), `no table holds "${s}"`);
    t.notOk(bytes.includes(utf8AsLatin1(s)), `no byte of the database files holds "${s}"`);
    t.notOk(lines.some((l) => l.includes(s)), `no log line holds "${s}"`);
  }
  for (const p of PHONES) t.notOk(lines.some((l) => l.includes(p) || l.includes(p.slice(1))), `no log line holds the phone ${p}`);
  t.ok(rows.includes(PHONES[0] as string), 'the booking keeps its phone (for its messages) until the retention ends');

  const db = new Database(rig.th.dbFile, { readonly: true });
  t.teardown(() => db.close());
  const keys = (): string[] => (db.prepare('SELECT day FROM person_day_keys ORDER BY day').all() as { day: string }[]).map((r) => r.day);
  const uses = (day: string): number => (db.prepare('SELECT COUNT(*) AS n FROM person_uses WHERE day = ?').get(day) as { n: number }).n;
  t.notOk(keys().includes(TEST_DAY), 'yesterday\'s person key is destroyed');
  t.equal(uses(TEST_DAY), 0, 'and so are its uses');

  rig.clock.set(at('09:00', addDays(tomorrow, 7)));
  rig.th.hub.bookings.sweep();
  t.ok(allRows(rig.th.dbFile).includes(PHONES[0] as string), '7 days after the booking\'s day the phone is still kept');
  rig.clock.set(at('09:00', addDays(tomorrow, 8)));
  rig.th.hub.bookings.sweep();
  const after = allRows(rig.th.dbFile);
  const afterBytes = dbBytes(rig.th.dbFile);
  for (const p of PHONES) {
    t.notOk(after.includes(p), `phone ${p} erased from every table ${'8'} days after`);
    t.notOk(afterBytes.includes(p), `and from the database files`);
  }
  t.same(keys().filter((d) => d < addDays(tomorrow, 8)), [], 'no key of a past day is left');
});
