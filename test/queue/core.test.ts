import t from 'tap';
import { McError } from '../../protocol/errors.js';
import { Core } from './harness.js';

const code = (f: () => unknown): string => { try { f(); } catch (e) { return (e as McError).code; } return 'no error'; };

t.test('numbers follow each field\'s block, oldest waiting first', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick();
  q.issue('tuphap'); q.tick();
  q.issue('hotich'); q.tick();
  t.same([...q.s.tickets.values()].map((x) => x.number), ['1001', '3001', '1002']);
  t.equal(q.next('q1'), '1001');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '3001', 'the other field of the counter, in order of arrival');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.next('q1'), '1002');
});

t.test('letter-prefix numbering and an exhausted series', async (t) => {
  const q = Core.district(undefined, (c) => { const f = c.fields[0]; if (f) f.numbering = { prefix: 'A', pad: 3, start: 1, end: 2 }; });
  q.issue('hotich'); q.issue('hotich');
  t.same([...q.s.tickets.values()].map((x) => x.number), ['A-001', 'A-002']);
  t.equal(code(() => q.issue('hotich')), 'MC_ERR_SERIES_EXHAUSTED');
});

t.test('the day boundary is local midnight in Asia/Ho_Chi_Minh, exactly', async (t) => {
  const q = Core.district('2026-11-24T16:59:59.999Z', (c) => { c.calendar.sessions = [{ start: '00:00', end: '24:00' }]; c.calendar.weekdays = [1, 2, 3, 4, 5, 6, 7]; });
  // 16:59:59.999Z is 23:59:59.999 on 24/11 in Hà Nội; one millisecond later is 25/11
  q.issue('hotich');
  q.now = Date.parse('2026-11-24T17:00:00.000Z');
  q.issue('hotich');
  const ts = [...q.s.tickets.values()];
  t.same(ts.map((x) => [x.day, x.number]), [['2026-11-24', '1001'], ['2026-11-25', '1001']], 'numbers restart at local midnight');
  t.equal(ts[0]?.status, 'expired', 'yesterday\'s waiting ticket expires, never called today');
  t.ok(q.log.some((e) => e.type === 'day.opened'));
});

t.test('outside hours: refuse, or issue for the next session', async (t) => {
  const q = Core.district('2026-11-24T11:30:00+07:00');
  t.equal(code(() => q.issue('hotich')), 'MC_ERR_OFFICE_CLOSED', 'lunch break refuses');
  const n = Core.district('2026-11-27T17:30:00+07:00', (c) => { c.calendar.outsideHours = 'next_session'; }); // Friday evening
  n.issue('hotich');
  t.equal([...n.s.tickets.values()][0]?.day, '2026-11-30', 'Friday evening → Monday\'s first session');
  const h = Core.district('2026-09-02T09:00:00+07:00');
  t.equal(code(() => h.issue('hotich')), 'MC_ERR_OFFICE_CLOSED', 'a holiday is closed');
});

t.test('priority tickets: served first where accepted; "dedicated" keeps them at the priority counter', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick();
  q.issue('hotich', 'elderly'); q.tick();
  t.equal(q.next('q1'), '1002', 'the elderly citizen first');
  const d = Core.district(undefined, (c) => { c.queue.priorityMode = 'dedicated'; });
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q7', clerkId: 'nv-an' });
  d.issue('hotich', 'pregnant'); d.tick();
  t.equal(code(() => d.next('q1')), 'MC_ERR_QUEUE_EMPTY', 'an ordinary counter never takes priority tickets');
  t.equal(d.next('q7'), '1001');
  const none = Core.district(undefined, (c) => { c.queue.priorityMode = 'none'; });
  t.equal(code(() => none.issue('hotich', 'disabled')), 'MC_ERR_PRIORITY_NOT_OFFERED');
});

t.test('two counters calling at once never get the same ticket', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  q.run({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' });
  q.issue('datdai');
  q.issue('datdai');
  const a = q.next('q2');
  const b = q.next('q3');
  t.not(a, b);
  t.equal(code(() => q.next('q2')), 'MC_ERR_COUNTER_BUSY');
});

t.test('recall limit, skip (no-show), hold and call back', async (t) => {
  const q = Core.district(undefined, (c) => { c.queue.recallLimit = 2; });
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  const a = q.issue('hotich'); q.tick();
  const b = q.issue('hotich');
  q.next('q1');
  q.run({ op: 'recall', counterId: 'q1' });
  q.run({ op: 'recall', counterId: 'q1' });
  t.equal(code(() => q.run({ op: 'recall', counterId: 'q1' })), 'MC_ERR_RECALL_LIMIT');
  q.run({ op: 'hold', counterId: 'q1' });
  t.equal(q.s.tickets.get(a)?.status, 'held');
  t.equal(q.next('q1'), '1002', 'a held ticket is not called by Next');
  t.equal(code(() => q.run({ op: 'resume', counterId: 'q1', ticketId: a })), 'MC_ERR_COUNTER_BUSY');
  q.run({ op: 'skip', counterId: 'q1' });
  t.equal(q.s.tickets.get(b)?.status, 'no_show');
  q.run({ op: 'resume', counterId: 'q1', ticketId: a });
  t.equal(q.s.tickets.get(a)?.status, 'called');
});

t.test('transfer to a counter or a field, keeping the place or not', async (t) => {
  const keep = Core.district();
  keep.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  keep.run({ op: 'signIn', counterId: 'q4', clerkId: 'nv-hoa' });
  const a = keep.issue('hotich'); keep.tick();
  keep.issue('tuphap'); keep.tick();
  keep.next('q1');
  keep.run({ op: 'transfer', counterId: 'q1', toCounterId: 'q4' });
  t.equal(keep.s.tickets.get(a)?.targetCounterId, 'q4');
  t.equal(keep.next('q4'), '1001', 'kept its place ahead of 3001');
  const renew = Core.district(undefined, (c) => { c.queue.transferKeepsPlace = false; });
  renew.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  renew.run({ op: 'signIn', counterId: 'q4', clerkId: 'nv-hoa' });
  renew.issue('hotich'); renew.tick();
  renew.issue('tuphap'); renew.tick();
  renew.next('q1');
  renew.run({ op: 'transfer', counterId: 'q1', toFieldId: 'tuphap' });
  t.equal(renew.next('q4'), '3001', 'joined the end of the line');
  t.equal(code(() => renew.run({ op: 'transfer', counterId: 'q1', toFieldId: 'nope' })), 'MC_ERR_WRONG_STATE', 'nothing being served');
});

t.test('finish with outcomes; wrong states and unknowns are refused with codes', async (t) => {
  const q = Core.district();
  t.equal(code(() => q.run({ op: 'next', counterId: 'q1' })), 'MC_ERR_NOT_SIGNED_IN');
  t.equal(code(() => q.run({ op: 'next', counterId: 'q99' })), 'MC_ERR_UNKNOWN_COUNTER');
  t.equal(code(() => q.issue('nope')), 'MC_ERR_UNKNOWN_FIELD');
  t.equal(code(() => q.run({ op: 'signIn', counterId: 'q1', clerkId: 'ghost' })), 'MC_ERR_UNKNOWN_CLERK');
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  t.equal(code(() => q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' })), 'MC_ERR_WRONG_STATE', 'finish a ticket never called');
  const id = q.issue('hotich');
  q.next('q1');
  t.equal(code(() => q.run({ op: 'finish', counterId: 'q1', outcome: 'received' })), 'MC_ERR_DOSSIER_CODE_REQUIRED');
  t.equal(code(() => q.run({ op: 'void', ticketId: id, reason: 'x' })), 'MC_ERR_WRONG_STATE', 'only unprinted tickets are voided');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'received', dossierCode: '000.00.12.H01-261124-0001' });
  t.equal(q.s.tickets.get(id)?.dossierCode, '000.00.12.H01-261124-0001');
  t.equal(q.s.tickets.get(id)?.status, 'done');
});

t.test('a rating belongs to one served ticket, its clerk and counter, once, within the window', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  t.equal(code(() => q.run({ op: 'rate', counterId: 'q1', level: 'satisfied', source: 'pad' })), 'MC_ERR_RATING_CLOSED', 'nothing served yet');
  const id = q.issue('hotich');
  q.next('q1');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(code(() => q.run({ op: 'rate', counterId: 'q1', level: 'wonderful', source: 'pad' })), 'MC_ERR_BAD_RATING');
  const [e] = q.run({ op: 'rate', counterId: 'q1', level: 'very_satisfied', source: 'pad' });
  t.match(e, { type: 'rating.recorded', data: { ticketId: id, clerkId: 'nv-lan', counterId: 'q1', score: 100 } });
  t.equal(code(() => q.run({ op: 'rate', counterId: 'q1', level: 'unsatisfied', source: 'pad' })), 'MC_ERR_ALREADY_RATED', 'a second press changes nothing');
  q.issue('hotich');
  q.next('q1');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  q.tick(91_000);
  t.equal(code(() => q.run({ op: 'rate', counterId: 'q1', level: 'satisfied', source: 'pad' })), 'MC_ERR_RATING_CLOSED', 'after the window');
});

t.test('a clerk who moves counters takes their ratings along; the old pad cannot rate them', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich');
  q.next('q1');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  q.run({ op: 'signIn', counterId: 'q6', clerkId: 'nv-lan' });
  t.equal(q.s.counters.get('q1')?.clerkId, null, 'signed out of q1');
  t.equal(code(() => q.run({ op: 'rate', counterId: 'q1', level: 'satisfied', source: 'pad-q1' })), 'MC_ERR_RATING_CLOSED', 'q1\'s pad no longer rates her');
  q.issue('ldtbxh');
  q.next('q6');
  q.run({ op: 'finish', counterId: 'q6', outcome: 'guidance' });
  const [e] = q.run({ op: 'rate', counterId: 'q6', level: 'satisfied', source: 'pad-q6' });
  t.match(e, { data: { clerkId: 'nv-lan', counterId: 'q6' } });
});

t.test('finished days are forgotten in memory (they stay in the database)', async (t) => {
  const { pruneBefore } = await import('../../broker/queue/apply.js');
  const q = Core.district('2026-11-24T09:00:00+07:00');
  q.issue('hotich');
  q.now = Date.parse('2026-11-25T09:00:00+07:00');
  q.issue('hotich');
  pruneBefore(q.s, q.s.day);
  t.same([...q.s.tickets.values()].map((x) => x.day), ['2026-11-25']);
  t.same([...q.s.lastSeq.keys()], ['2026-11-25|hotich']);
});
