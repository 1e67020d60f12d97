import t from 'tap';
import { OPEN_AT, startHub, TestDevice, testClock, waitFor } from '../helpers/hub.js';

t.test('a rating pad lights up when its clerk finishes, counts one press for that ticket and clerk, and nothing else', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const q = th.hub.queue;
  const pad1 = await TestDevice.create(th, 'rating-q1', 'rating', 'q1');
  const pad2 = await TestDevice.create(th, 'rating-q2', 'rating', 'q2');
  t.teardown(() => Promise.all([pad1.end(), pad2.end()]));
  const sets: Record<string, unknown>[] = [];
  pad1.client.on('message', (topic, p) => { if (topic.endsWith('/set')) sets.push(JSON.parse(p.toString()) as Record<string, unknown>); });
  await pad1.client.subscribeAsync(pad1.topic('set'), { qos: 1 });

  t.match(await pad1.request('rate', { level: 'satisfied' }), { ok: false, error: { code: 'MC_ERR_RATING_CLOSED' } }, 'a press before any service does not count');
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  q.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' }, { source: 't' });
  const id = String(q.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' }).ticket?.id);
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
  const open = await waitFor(() => sets.find((s) => s.op === 'open'));
  t.match(open, { ticketId: id, validForS: 90, levels: [{ key: 'very_satisfied', label: 'Rất hài lòng' }, {}, {}, { label: 'Không hài lòng' }] }, 'the pad lights with the office\'s scale');

  t.match(await pad2.request('rate', { level: 'unsatisfied' }), { ok: false, error: { code: 'MC_ERR_RATING_CLOSED' } }, 'the pad at counter 2 cannot rate counter 1\'s service');
  const spoof = await pad2.request('rate', { level: 'unsatisfied', ticketId: id });
  t.match(spoof, { ok: false }, 'naming another counter\'s ticket does not help');
  t.match(await pad1.request('rate', { level: 'very_satisfied', reason: 'Nhanh chóng' }), { ok: true });
  t.match(await pad1.request('rate', { level: 'unsatisfied' }), { ok: false, error: { code: 'MC_ERR_ALREADY_RATED', message: 'Lượt phục vụ này đã được đánh giá.' } }, 'a second press does not count');
  await waitFor(() => sets.find((s) => s.op === 'close' && s.result === 'counted'));
  const rows = th.hub.db.prepare('SELECT ticket_id, clerk_id, counter_id, level, score, reason FROM ratings').all();
  t.same(rows, [{ ticket_id: id, clerk_id: 'nv-lan', counter_id: 'q1', level: 'very_satisfied', score: 100, reason: 'Nhanh chóng' }]);
  const out = th.hub.db.prepare("SELECT payload FROM outbox WHERE type = 'rating.recorded'").all() as { payload: string }[];
  t.equal(out.length, 1, 'forwarded to the province once, through the outbox');
  t.match(JSON.parse(out[0]?.payload ?? '{}'), { type: 'rating.recorded', data: { level: 'very_satisfied', clerkId: 'nv-lan' }, ticket: { id, fieldId: 'hotich', outcome: 'guidance' } });
});

t.test('a bouncing key (the same press delivered several times) counts once', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const q = th.hub.queue;
  const pad = await TestDevice.create(th, 'rating-q1', 'rating', 'q1');
  t.teardown(() => pad.end());
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  q.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
  const answers = await Promise.all([pad.request('rate', { level: 'satisfied' }, 'press-1'), pad.request('rate', { level: 'satisfied' }, 'press-1')]);
  t.ok(answers.every((a) => a.ok === true), 'both deliveries of the same press answer ok');
  t.equal((th.hub.db.prepare('SELECT COUNT(*) AS n FROM ratings').get() as { n: number }).n, 1, 'one rating stored');
});
