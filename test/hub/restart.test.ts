import t from 'tap';
import { startHub, OPEN_AT, testClock, tempDir } from '../helpers/hub.js';
import { apply } from '../../broker/queue/apply.js';
import { emptyState, type QueueEvent } from '../../broker/queue/types.js';

t.test('after a stop the queue comes back exactly as committed, and equals a replay of the event log', async (t) => {
  const dir = tempDir();
  const clock = testClock(OPEN_AT);
  const a = await startHub({ dir, clock: clock.now });
  const q = a.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  q.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' }, { source: 't' });
  for (const f of ['hotich', 'datdai', 'hotich', 'tuphap', 'datdai']) { q.execute({ op: 'issue', fieldId: f, source: 't', awaitPrint: false }, { source: 't' }); clock.advance(1000); }
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
  q.execute({ op: 'rate', counterId: 'q1', level: 'satisfied', source: 'pad' }, { source: 'pad' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  q.execute({ op: 'next', counterId: 'q2' }, { source: 't', requestId: 'k-1' });
  const before = JSON.stringify([[...q.snapshot.tickets.values()], [...q.snapshot.counters.values()]]);
  await a.stop();
  const b = await startHub({ dir, clock: clock.now });
  t.teardown(b.stop);
  const q2 = b.hub.queue;
  t.equal(JSON.stringify([[...q2.snapshot.tickets.values()], [...q2.snapshot.counters.values()]]), before, 'same tickets and counters');
  const again = q2.execute({ op: 'next', counterId: 'q2' }, { source: 't', requestId: 'k-1' });
  t.ok(again.replayed, 'a request redelivered after the restart is answered, not run twice');
  const rows = b.hub.db.prepare('SELECT type, at, data FROM events ORDER BY seq').all() as { type: string; at: number; data: string }[];
  const replay = emptyState(q2.snapshot.day);
  for (const r of rows) apply(replay, { type: r.type, at: r.at, data: JSON.parse(r.data) } as QueueEvent);
  const byId = (m: Map<string, { id: string }>) => [...m.values()].sort((x, y) => x.id.localeCompare(y.id));
  t.same(byId(replay.tickets), byId(q2.snapshot.tickets), 'the projection equals a replay of the log');
  t.equal(q2.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' }).ticket?.number, '1003', 'numbering continues, no number twice');
});

t.test('a ticket transferred to another field keeps its number series: no number twice, before or after a restart', async (t) => {
  const dir = tempDir();
  const clock = testClock(OPEN_AT);
  const a = await startHub({ dir, clock: clock.now });
  let stopped = false;
  t.teardown(() => (stopped ? undefined : a.stop()));
  const q = a.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  const issue = (f: string) => { clock.advance(1000); return String(q.execute({ op: 'issue', fieldId: f, source: 't', awaitPrint: false }, { source: 't' }).ticket?.number); };
  t.same([issue('datdai'), issue('datdai'), issue('hotich'), issue('hotich')], ['2001', '2002', '1001', '1002']);
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' }); // 1001
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' }); // 1002: hộ tịch's last number, seq 2 like đất đai's 2002
  const moved = [...q.snapshot.tickets.values()].find((x) => x.status === 'called');
  t.equal(moved?.number, '1002');
  // the transfer used to break the projection's unique (day, field, seq): an error 500 at the console
  q.execute({ op: 'transfer', counterId: 'q1', toFieldId: 'datdai' }, { source: 't' });
  const after = q.snapshot.tickets.get(moved?.id ?? '');
  t.equal(after?.fieldId, 'datdai');
  t.equal(after?.series, 'hotich', 'still from the hộ tịch series');
  stopped = true;
  await a.stop();
  const b = await startHub({ dir, clock: clock.now });
  t.teardown(b.stop);
  const q2 = b.hub.queue;
  clock.advance(1000);
  const next = (f: string) => String(q2.execute({ op: 'issue', fieldId: f, source: 't', awaitPrint: false }, { source: 't' }).ticket?.number);
  t.equal(next('hotich'), '1003', 'hộ tịch continues after its own last number (1002, now waiting for đất đai)');
  t.equal(next('datdai'), '2003', 'đất đai continues after its own 2002');
  const numbers = [...q2.snapshot.tickets.values()].map((x) => x.number);
  t.equal(new Set(numbers).size, numbers.length, `no number twice (${numbers.join(', ')})`);
});
