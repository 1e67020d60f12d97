/**
 * The clock stepping back across midnight (finding 8 of issue 19): a day the queue has left is never reopened, so
 * no number is issued twice and no ticket row is overwritten; the database refuses a second issue of a ticket id
 * by itself; the hub logs the step and `/metrics` and `motcua doctor` show it.
 */
import t from 'tap';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../broker/logger.js';
import { at, DISTRICT_EXAMPLE, startHub, testClock, testConfig, TEST_DAY, TestDevice } from '../helpers/hub.js';
import { addDays } from '../helpers/days.js';
import { officeFileOf, run } from '../helpers/cli.js';
import { QueueStore } from '../../broker/queue/store.js';

const DAY2 = addDays(TEST_DAY, 1);
/** The district office, open around the clock (as the demo is): 23:59 is working time. */
const allDay = () => testConfig(DISTRICT_EXAMPLE, (c) => { c.calendar = { ...c.calendar, weekdays: [1, 2, 3, 4, 5, 6, 7], sessions: [{ start: '00:00', end: '24:00' }], holidays: [] }; });

function captureLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>); cb(); } });
  return { log: createLogger('warn', sink), lines };
}

t.test('a clock stepped back from the next day to 23:59:30 continues the numbers and overwrites nothing', async (t) => {
  const clock = testClock(at('10:00'));
  const { log, lines } = captureLog();
  const th = await startHub({ clock: clock.now, cfg: allDay(), opts: { log } });
  t.teardown(th.stop);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const first = [await d.request('issue', { fieldId: 'hotich' }), await d.request('issue', { fieldId: 'hotich' })];
  t.same(first.map((r) => (r.result as { number: string }).number), ['1001', '1002']);
  const before = th.hub.db.prepare('SELECT id, status, issued_at FROM tickets ORDER BY id').all();
  clock.set(at('09:00', DAY2));
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { day: DAY2, number: '1001' } });
  clock.set(at('23:59:30', TEST_DAY)); // NTP or a technician puts the clock back across midnight
  const after = [await d.request('issue', { fieldId: 'hotich' }), await d.request('issue', { fieldId: 'hotich' })];
  t.same(after.map((r) => r.ok), [true, true], 'presses still get tickets');
  t.same(after.map((r) => (r.result as { day: string; number: string })).map((x) => `${x.day} ${x.number}`), [`${DAY2} 1002`, `${DAY2} 1003`], 'the numbers of the day in force continue');
  const dup = th.hub.db.prepare('SELECT day, number, COUNT(*) AS n FROM tickets GROUP BY day, series_field_id, number HAVING n > 1').all();
  t.same(dup, [], 'no number twice on a day');
  t.same(th.hub.db.prepare(`SELECT id, status, issued_at FROM tickets WHERE day = ? ORDER BY id`).all(TEST_DAY), before.map((r) => ({ ...(r as object), status: 'expired' })),
    'the first day\'s rows are as they were (expired at the day change), never overwritten');
  const issuedEvents = th.hub.db.prepare("SELECT ticket_id, COUNT(*) AS n FROM events WHERE type = 'ticket.issued' GROUP BY ticket_id HAVING n > 1").all();
  t.same(issuedEvents, [], 'one issue event per ticket');
  t.ok(lines.some((l) => l.msg === 'the clock stepped back; the business day stays and numbers continue' && l.backS === 32_430), 'the hub logged the step');
  const metrics = await (await fetch(`${th.url}/metrics`)).text();
  t.match(metrics, /motcua_clock_steps_back_total(\{[^}]*\})? 1\n/, '/metrics counts the step');
  t.match(metrics, /motcua_clock_last_step_back_seconds(\{[^}]*\})? 32430\n/, 'and its size');
  const doc = await run(['doctor', '--config', officeFileOf(th.hub, th.dir)]);
  t.match(doc.out, /✘ Đồng hồ lùi \/ clock steps: the clock went back 1 time\(s\)/, 'doctor shows it');
});

t.test('the database itself refuses a second issue of a ticket id', async (t) => {
  const clock = testClock(at('10:00'));
  const th = await startHub({ clock: clock.now, cfg: allDay() });
  t.teardown(th.stop);
  const r = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' });
  const ticket = th.hub.queue.ticket(String(r.ticket?.id));
  if (!ticket) throw new Error('no ticket');
  const store = new QueueStore(th.hub.db, th.hub.cfg.office.id);
  const again = { ...ticket, status: 'waiting' as const, issuedAt: ticket.issuedAt + 1 };
  const state = { ...th.hub.queue.snapshot, tickets: new Map([[again.id, again]]) };
  t.throws(() => store.transaction(() => store.write(state, [{ type: 'ticket.issued', at: again.issuedAt, data: { ticket: again } }], { tickets: new Set([again.id]), counters: new Set() })),
    /already issued|UNIQUE|constraint/i, 'writing the same ticket id as a new issue fails');
  t.throws(() => th.hub.db.prepare("INSERT INTO events (at, day, type, ticket_id, data) VALUES (?, ?, 'ticket.issued', ?, '{}')").run(again.issuedAt, again.day, again.id),
    /ticket number already issued/, 'a raw second issue event is refused by the trigger');
  t.match(th.hub.db.prepare('SELECT issued_at FROM tickets WHERE id = ?').get(again.id), { issued_at: ticket.issuedAt }, 'the row is as it was');
});
