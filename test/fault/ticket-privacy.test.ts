/**
 * Public ticket views (finding 4 of issue 19): without login a ticket is reached only by its public reference
 * (`{id}.{token}`, printed in its QR code) and shows number, status, place and wait; guessing ids gives nothing;
 * a staff login sees everything.
 */
import t from 'tap';
import { OPEN_AT, staffFetch, startHub, testClock, TestDevice } from '../helpers/hub.js';

t.test('a finished ticket: its id alone says nothing, its reference says number, status, place and wait only', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const r = await d.request('issue', { fieldId: 'hotich' });
  const { id, ref } = r.result as { id: string; ref: string };
  t.match(ref, new RegExp(`^${id}\\.[A-Za-z0-9_-]{22}$`), 'the issuing device gets the reference');
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
  q.execute({ op: 'finish', counterId: 'q1', outcome: 'received', dossierCode: '000.00.12.H01-261124-0007' }, { source: 't' });

  const byId = await fetch(`${th.url}/api/tickets/${id}`);
  t.equal(byId.status, 404, 'the guessable id alone: not found, as for a ticket that does not exist');
  t.match(await byId.json(), { code: 'MC_ERR_UNKNOWN_TICKET', message: 'Không tìm thấy số thứ tự.' });
  const forged = await fetch(`${th.url}/api/tickets/${id}.${'A'.repeat(22)}`);
  t.equal(forged.status, 404, 'a made-up token: not found');
  const pub = (await (await fetch(`${th.url}/api/tickets/${ref}`)).json()) as Record<string, unknown>;
  t.same(Object.keys(pub).sort(), ['counterNumber', 'counters', 'estimate', 'fieldId', 'fieldName', 'fieldOpen', 'id', 'messages', 'number', 'paper', 'rated', 'rating', 'status'],
    'only number, status, place and wait (and when its field is open, and its paper cut-off: facts of the office, not of the citizen; whether the page may offer messages and a rating, and whether it was rated)');
  t.match(pub, { number: '1001', status: 'done', counterNumber: 1 });
  const text = JSON.stringify(pub);
  for (const secret of ['000.00.12.H01-261124-0007', 'nv-lan', 'received']) t.notOk(text.includes(secret), `no ${secret} in the public view`);

  const staff = await staffFetch(th.url, 'kythuat', 'mat-khau-kt');
  t.match((await staff(`/api/tickets/${id}`)).body, { dossierCode: '000.00.12.H01-261124-0007', clerkId: 'nv-lan', outcome: 'received' }, 'a staff login sees everything, by id');
});

t.test('guessing ids of a busy day finds nothing', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const ids: string[] = [];
  for (let i = 0; i < 20; i++) ids.push(String(th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false }, { source: 't' }).ticket?.id));
  const statuses = new Set<number>();
  for (const id of ids) statuses.add((await fetch(`${th.url}/api/tickets/${id}`)).status);
  t.same([...statuses], [404], `${ids.length} real ids tried without their token: all 404`);
  const calls = (await (await fetch(`${th.url}/api/calls/recent`)).json()) as { calls: unknown[] };
  t.same(calls, { calls: [] }, 'the public list of recent calls (the hall display\'s) is empty before any call');
});
