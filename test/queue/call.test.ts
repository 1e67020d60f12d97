/** The console's choices, pure: the list in Next's order, calling a typed number, calling back an absent citizen. */
import t from 'tap';
import { McError } from '../../protocol/errors.js';
import { findCallable, missedAt, waitingOrder } from '../../broker/queue/call.js';
import { Core } from './harness.js';

const code = (f: () => unknown): string => { try { f(); } catch (e) { return (e as McError).code; } return 'no error'; };
const counter = (q: Core, id: string) => q.cfg.counters.find((c) => c.id === id) ?? (() => { throw new Error(id); })();
const numbers = (q: Core, id: string): string[] => waitingOrder(q.s, counter(q, id), q.cfg, q.s.day).map((x) => x.number);

t.test('the waiting list is in the order Next calls it: priority at the top at a priority counter', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q7', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick();
  q.issue('datdai'); q.tick();
  q.issue('hotich', 'elderly'); q.tick();
  q.issue('tuphap', 'pregnant'); q.tick();
  const list = numbers(q, 'q7');
  t.same(list.slice(0, 2), ['1002', '3001'], 'the two priority tickets first, in order of arrival');
  const called: string[] = [];
  for (let i = 0; i < list.length; i++) { called.push(q.next('q7')); q.run({ op: 'finish', counterId: 'q7', outcome: 'guidance' }); }
  t.same(called, list, 'Next calls exactly the list, top to bottom');
});

t.test('held tickets come after the ones Next calls', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick(); q.issue('hotich'); q.tick();
  const a = q.next('q1');
  q.run({ op: 'hold', counterId: 'q1' });
  t.same(numbers(q, 'q1'), ['1002', a]);
});

t.test('call a typed number out of order; a number from another counter\'s field is refused', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick(); q.issue('hotich'); q.tick(); const land = q.issue('datdai');
  const second = findCallable(q.s, counter(q, 'q1'), q.s.day, '1002');
  t.equal(second?.number, '1002');
  q.run({ op: 'call', counterId: 'q1', ticketId: second?.id ?? '' });
  t.equal(q.s.tickets.get(second?.id ?? '')?.status, 'called');
  t.equal(q.s.counters.get('q1')?.ticketId, second?.id, 'now served at counter 1');
  t.equal(code(() => q.run({ op: 'call', counterId: 'q1', ticketId: second?.id ?? '' })), 'MC_ERR_COUNTER_BUSY', 'finish first');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(findCallable(q.s, counter(q, 'q1'), q.s.day, q.s.tickets.get(land)?.number ?? ''), null, 'land is not served at counter 1');
  t.equal(code(() => q.run({ op: 'call', counterId: 'q1', ticketId: land })), 'MC_ERR_WRONG_STATE');
  t.equal(q.next('q1'), '1001', 'the skipped-over ticket is still next');
});

t.test('an absent citizen is listed and can be called back, then leaves the list', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich'); q.tick(); q.issue('tuphap'); q.tick();
  const a = q.next('q1');
  q.run({ op: 'skip', counterId: 'q1' });
  const missed = missedAt(q.s, counter(q, 'q1'), q.s.day);
  t.same(missed.map((x) => x.number), [a], 'listed as absent');
  t.equal(findCallable(q.s, counter(q, 'q1'), q.s.day, a)?.id, missed[0]?.id, 'a typed absent number finds it');
  q.tick(60_000);
  q.run({ op: 'call', counterId: 'q1', ticketId: missed[0]?.id ?? '' });
  const tk = q.s.tickets.get(missed[0]?.id ?? '');
  t.equal(tk?.status, 'called', 'called back');
  t.equal(tk?.calledAt, q.now, 'called now');
  t.same(missedAt(q.s, counter(q, 'q1'), q.s.day), [], 'no longer absent');
  q.run({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  t.equal(q.s.tickets.get(missed[0]?.id ?? '')?.status, 'done');
  t.equal(code(() => q.run({ op: 'call', counterId: 'q1', ticketId: missed[0]?.id ?? '' })), 'MC_ERR_WRONG_STATE', 'a served ticket cannot be called again');
});

t.test('yesterday\'s absent citizens are not callable today', async (t) => {
  const q = Core.district();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  q.issue('hotich');
  q.next('q1');
  q.run({ op: 'skip', counterId: 'q1' });
  const id = [...q.s.tickets.keys()][0] ?? '';
  q.tick(86_400_000);
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  t.same(missedAt(q.s, counter(q, 'q1'), q.s.day), []);
  t.equal(code(() => q.run({ op: 'call', counterId: 'q1', ticketId: id })), 'MC_ERR_WRONG_STATE');
});
