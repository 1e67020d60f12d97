/**
 * What a device is answered (docs/protocol.md): every answer carries its request's id, rate-limited ones included,
 * in the order of the requests; a repeated id gets the first answer again, errors included; `v` is checked first;
 * a missing `op` says so; keypads sign in and out, hold and resume, transfer and finish with the default outcome.
 */
import t from 'tap';
import { OPEN_AT, startHub, TestDevice, testClock, testConfig } from '../helpers/hub.js';

t.test('ids, order, replay and versions', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, opts: { ratePerSec: 0.001 } });
  t.teardown(th.stop);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());

  t.match(await d.request('issue', { fieldId: 'nope' }, 'same-1'), { id: 'same-1', ok: false, error: { code: 'MC_ERR_UNKNOWN_FIELD' } });
  t.match(await d.request('issue', { fieldId: 'hotich' }, 'same-1'), { id: 'same-1', ok: false, error: { code: 'MC_ERR_UNKNOWN_FIELD' } },
    'a retry with the same id gets the first answer: no ticket');
  t.equal(th.hub.queue.waitingAt('q1').length, 0, 'nothing was issued by the retry');

  t.match(await d.raw(JSON.stringify({ id: 'v-1', op: 'issue', fieldId: 'hotich' })), { id: 'v-1', ok: false, error: { code: 'MC_ERR_BAD_VERSION' } }, 'v missing');
  t.match(await d.raw(JSON.stringify({ v: '1', id: 'v-2', op: 'issue', fieldId: 'hotich' })), { id: 'v-2', ok: false, error: { code: 'MC_ERR_BAD_VERSION' } }, 'v a string');
  t.match(await d.raw(JSON.stringify({ v: 2, id: 'v-3', op: 'issue', fieldId: 'hotich' })), { id: 'v-3', ok: false, error: { code: 'MC_ERR_BAD_VERSION' } }, 'v unsupported');
  t.match(await d.request('issue', { fieldId: 'hotich' }, 'v-2'), { id: 'v-2', ok: false, error: { code: 'MC_ERR_BAD_VERSION' } }, 'a corrected retry under the same id keeps its first answer');
  const noOp = await d.raw(JSON.stringify({ v: 1, id: 'o-1', level: 'x' }));
  t.match(noOp, { id: 'o-1', ok: false, error: { code: 'MC_ERR_BAD_PAYLOAD', messageEn: /"op" is missing/ } }, 'a missing op says so');

  // burst of 30, then refused: each refusal carries its id, and no answer overtakes an earlier one
  const ids = Array.from({ length: 40 }, (_, i) => `b-${i}`);
  const answers = await Promise.all(ids.map((id) => d.request('issue', { fieldId: 'nope' }, id)));
  t.same(answers.map((a) => a.id), ids, 'every answer carries its id');
  t.ok(answers.some((a) => (a.error as { code?: string } | undefined)?.code === 'MC_ERR_RATE_LIMITED'), 'some were rate limited');
  const order = d.responses.map((r) => r.id).filter((id) => typeof id === 'string' && id.startsWith('b-'));
  t.same(order, ids, 'answers leave in the order of the requests');
});

t.test('keypad operations: sign in and out, hold and resume, transfer, default outcome', async (t) => {
  const cfg = testConfig(undefined, (c) => { const lan = c.clerks[0]; if (lan) lan.keypadCode = '1234'; });
  const th = await startHub({ cfg, clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const kp = await TestDevice.create(th, 'kp-1', 'keypad', 'q1');
  const disp = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(async () => { await kp.end(); await disp.end(); });
  t.match(await kp.request('signIn', { clerkCode: '9999' }), { ok: false, error: { code: 'MC_ERR_UNKNOWN_CLERK' } }, 'a wrong code is refused');
  t.match(await kp.request('signIn', { clerkCode: '1234' }), { ok: true });
  t.equal(th.hub.queue.snapshot.counters.get('q1')?.clerkId, cfg.clerks[0]?.id, 'the clerk of that code is signed in at the keypad\'s counter');
  await disp.request('issue', { fieldId: 'hotich' });
  await disp.request('issue', { fieldId: 'hotich' });
  t.match(await kp.request('next'), { ok: true, result: { number: '1001' } });
  t.match(await kp.request('hold'), { ok: true });
  t.match(await kp.request('next'), { ok: true, result: { number: '1002' } });
  const transferred = await kp.request('transfer', { toCounter: 2 });
  t.match(transferred, { ok: true }, 'transfer to counter number 2');
  t.match(await kp.request('resume'), { ok: true, result: { number: '1001', status: 'called' } }, 'resume without an id calls back the held ticket');
  t.match(await kp.request('finish', { outcome: 'received' }), { ok: false, error: { code: 'MC_ERR_DOSSIER_CODE_REQUIRED', messageEn: /clerk console/ } },
    'an outcome that needs a dossier code is sent to the console');
  t.match(await kp.request('finish'), { ok: true, result: { outcome: 'guidance' } }, 'finish alone uses the default outcome');
  t.match(await kp.request('signOut'), { ok: true });
  t.equal(th.hub.queue.snapshot.counters.get('q1')?.clerkId ?? null, null, 'signed out');
});
