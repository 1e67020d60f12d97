/**
 * The wait forecast in the running hub (issue 23): learned from the office's own days in SQLite (a restart keeps
 * the history), computed once per state change however many read it, and answered by the API with its range.
 */
import t from 'tap';
import { rmSync } from 'node:fs';
import { atMs, OPEN_AT, startHub, tempDir, TestDevice, testClock, testConfig } from '../helpers/hub.js';
import { VirtualPrinter } from '../../printer/index.js';
import { waitLine } from '../../protocol/wait-text.js';

t.test('history from SQLite survives a restart; one recompute per change; /api/queue and /api/tickets carry the range', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const clock = testClock(OPEN_AT);
  const a = await startHub({ dir, clock: clock.now });
  const cmd = (h: typeof a, c: Parameters<typeof a.hub.queue.execute>[0]) => h.hub.queue.execute(c, { source: 't' });
  cmd(a, { op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  t.match(a.hub.queue.fieldWaits().find((w) => w.fieldId === 'hotich'), { basis: 'none', minutes: null }, 'a new office: no figure');
  for (const m of [5, 7, 9]) {
    cmd(a, { op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
    cmd(a, { op: 'next', counterId: 'q1' });
    clock.advance(m * 60_000);
    cmd(a, { op: 'finish', counterId: 'q1', outcome: 'guidance' });
  }
  await a.stop();

  // after a restart, what was learned comes back from the database
  clock.set(atMs('10:00'));
  const b = await startHub({ dir, clock: clock.now });
  t.teardown(b.stop);
  const q = b.hub.queue;
  const ids = [0, 1, 2].map(() => String(cmd(b, { op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }).ticket?.id));
  const runs = q.forecastStats.runs;
  const v = q.ticketView(ids[2] as string) as { estimate: { ahead: number; basis: string; minutes: number; low: number; high: number } };
  t.match(v.estimate, { ahead: 2, basis: 'history' }, 'the services before the restart are the history');
  t.ok(v.estimate.low <= v.estimate.minutes && v.estimate.minutes <= v.estimate.high && v.estimate.high > 0, `a range: ${v.estimate.low}–${v.estimate.high}`);
  q.ticketView(ids[1] as string);
  q.fieldWaits();
  const answer = await (await fetch(`${b.url}/api/queue`)).json() as { fields: { fieldId: string; basis: string; low: number | null; high: number | null; afterBreak: string | null }[] };
  t.equal(q.forecastStats.runs, runs + 1, 'four reads of the same state: one forecast');
  t.match(answer.fields.find((f) => f.fieldId === 'hotich'), { basis: 'history', low: Number, high: Number, afterBreak: null }, '/api/queue: a newcomer\'s range');
  const page = await (await fetch(`${b.url}/api/tickets/${b.hub.ticketRefs.ref(ids[2] as string)}`)).json() as { estimate: unknown };
  t.same(page.estimate, v.estimate, 'the public ticket answer: the same estimate, every field kept by the response schema');
  cmd(b, { op: 'next', counterId: 'q1' });
  q.fieldWaits();
  t.equal(q.forecastStats.runs, runs + 2, 'a call changes the state: recomputed once');
});

t.test('a number taken after closing for the next working day is told "after 07:00", not minutes', async (t) => {
  const th = await startHub({ clock: testClock(atMs('18:30')).now, cfg: testConfig(undefined, (c) => { c.calendar.outsideHours = 'next_session'; }) });
  t.teardown(th.stop);
  const r = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' });
  const v = th.hub.queue.ticketView(String(r.ticket?.id)) as { day: string; estimate: Parameters<typeof waitLine>[0] };
  t.not(v.day, th.hub.queue.today(), 'the ticket is for a later day');
  t.match(v.estimate, { minutes: null, afterBreak: '07:00', beyondToday: false });
  t.equal(waitLine(v.estimate), 'Thời gian chờ dự kiến: sau 07 giờ 00');
});

t.test('a ticket that cannot be reached before the break is printed "sau 13 giờ 00" (decoded printer bytes)', async (t) => {
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await printer.start();
  const clock = testClock(atMs('10:00'));
  // one counter (hộ tịch and tư pháp), so nothing else may come to help
  const th = await startHub({ clock: clock.now, cfg: testConfig(undefined, (c) => { c.counters = c.counters.filter((k) => k.id === 'q1'); }) });
  t.teardown(async () => { await th.stop(); await printer.stop(); });
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258', model: 'epson' } }, []);
  th.hub.addPrinter(p.device);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => d.end());
  const cmd = (c: Parameters<typeof th.hub.queue.execute>[0]) => th.hub.queue.execute(c, { source: 't' });
  cmd({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  for (let i = 0; i < 3; i++) { // three services of 10 minutes: 10:00–10:30
    cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
    cmd({ op: 'next', counterId: 'q1' });
    clock.advance(10 * 60_000);
    cmd({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  }
  for (let i = 0; i < 4; i++) cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
  const job = printer.nextJob();
  const r = await d.request('issue', { fieldId: 'hotich' });
  // four ahead at 10:30, 10:40, 10:50 and (the break) 13:00: this one is called at 13:10
  t.match((r.result as { estimate: unknown }).estimate, { ahead: 4, afterBreak: '13:00', minutes: 160 });
  t.match((await job).decoded.lines.join('\n'), 'Thời gian chờ dự kiến: sau 13 giờ 00', 'the paper tells the afternoon time');
});

t.test('the answer to a number just taken needs no new forecast, and says what a full one says', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const q = th.hub.queue;
  const cmd = (c: Parameters<typeof q.execute>[0]) => q.execute(c, { source: 't' });
  cmd({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  for (const m of [4, 6, 8]) {
    cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
    cmd({ op: 'next', counterId: 'q1' });
    clock.advance(m * 60_000);
    cmd({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  }
  cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
  q.fieldWaits(); // the hall's read after each change keeps the forecast current
  const runs = q.forecastStats.runs;
  const id = String(cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }).ticket?.id);
  const told = (q.ticketView(id) as { estimate: { minutes: number; low: number; high: number } }).estimate;
  t.equal(q.forecastStats.runs, runs, 'answered from the forecast made just before: no simulation on the issue path');
  q.fieldWaits(); // the hall's read: now the full forecast, with this ticket in it
  t.equal(q.forecastStats.runs, runs + 1, 'the next read recomputes');
  t.same((q.ticketView(id) as { estimate: unknown }).estimate, told, 'and tells this ticket the same');
});
