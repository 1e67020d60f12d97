/**
 * Rating from the phone: by the ticket's reference only, on the office's scale, within rating.phoneWindowMinutes
 * (longer than the pads' window), once; the answers a citizen reads are Vietnamese.
 */
import t from 'tap';
import { OPEN_AT, startHub, testClock } from '../helpers/hub.js';
import { call } from './rig.js';

t.test('the phone rates within its own window, once, through the queue\'s rating', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(() => th.stop());
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const serve = () => {
    const id = String(q.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' }).ticket?.id);
    q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
    return id;
  };
  const a = serve();
  const url = (id: string) => `${th.url}/api/tickets/${th.hub.ticketRefs.ref(id)}/rating`;
  const early = await call(url(a), 'POST', { level: 'satisfied' });
  t.equal(early.status, 409, 'not before the service ends');
  t.equal(early.body.message, 'Không có lượt phục vụ nào đang chờ đánh giá.');
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  clock.advance(30 * 60_000); // long after the pad's 90 s
  t.throws(() => q.execute({ op: 'rate', ticketId: a, level: 'satisfied', source: 'kiosk' }, { source: 'test' }), { code: 'MC_ERR_RATING_CLOSED' }, 'the kiosk\'s window has passed');
  const view = (await (await fetch(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(a)}`)).json()) as { rating: { open: boolean; forS: number } };
  t.same(view.rating, { rated: false, open: true, forS: 90 * 60 }, 'the page is told it may rate, and for how long');
  t.equal((await call(url(a), 'POST', { level: 'bad-level' })).body.code, 'MC_ERR_BAD_RATING');
  const ok = await call(url(a), 'POST', { level: 'very_satisfied', reason: null });
  t.equal(ok.status, 200);
  t.match(th.hub.db.prepare('SELECT level, score, source FROM ratings WHERE ticket_id = ?').get(a), { level: 'very_satisfied', score: 100, source: 'phone' });
  const twice = await call(url(a), 'POST', { level: 'unsatisfied' });
  t.equal(twice.status, 409);
  t.match(twice.body.message, /^Lượt phục vụ này đã được đánh giá\./);
  t.equal((await call(url(a), 'POST', { level: 'satisfied' })).status, 409, 'and again');
  t.equal((th.hub.db.prepare('SELECT count(*) AS n FROM ratings WHERE ticket_id = ?').get(a) as { n: number }).n, 1, 'counted once');

  const b = serve();
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 'test' });
  clock.advance(121 * 60_000);
  const late = await call(url(b), 'POST', { level: 'satisfied' });
  t.equal(late.status, 409, 'after rating.phoneWindowMinutes');
  t.equal(late.body.code, 'MC_ERR_RATING_CLOSED');
  t.equal((await call(`${th.url}/api/tickets/${b}.AAAAAAAAAAAAAAAAAAAAAA/rating`, 'POST', { level: 'satisfied' })).status, 404, 'a forged reference');
});
