import t from 'tap';
import { connect, OPEN_AT, startHub, staffFetch, TestDevice, testClock, waitFor } from '../helpers/hub.js';

t.test('the hub starts on free ports, answers health and OpenAPI, and speaks MQTT over TCP and WebSocket', async (t) => {
  const th = await startHub();
  t.teardown(th.stop);
  const h = (await (await fetch(`${th.url}/api/health`)).json()) as Record<string, { ok?: boolean } | string>;
  t.match(h, { status: 'ok', version: /^\d+\.\d+\.\d+/, database: { ok: true }, broker: { ok: true, mode: 'embedded' } });
  const api = (await (await fetch(`${th.url}/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
  t.match(api.openapi, /^3\./);
  t.ok(api.paths['/api/health'] && api.paths['/api/counters/{id}/next'], 'routes are documented');
  const dev = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => dev.end());
  const { secret } = th.hub.registry.add({ id: 'hall-1', kind: 'display' }, []);
  const ws = await connect(`ws://127.0.0.1:${th.hub.httpPort}/mqtt`, { clientId: 'hall-1', username: 'hall-1', password: secret });
  t.teardown(() => ws.endAsync());
  await ws.subscribeAsync('motcua/hoa-binh/hub/hall');
  const hall = new Promise<Record<string, unknown>>((r) => ws.on('message', (_t, p) => r(JSON.parse(p.toString()) as Record<string, unknown>)));
  t.match(await hall, { office: { name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình' } }, 'the retained hall state reaches a WebSocket client');
});

t.test('anonymous, wrong-secret, disabled and impostor connections are refused', async (t) => {
  const th = await startHub();
  t.teardown(th.stop);
  const { secret } = th.hub.registry.add({ id: 'disp-1', kind: 'dispenser' }, []);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'anon' }), /Bad username or password|Not authorized/i);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'disp-1', username: 'disp-1', password: 'wrong' }), /Bad username or password/i);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'other', username: 'disp-1', password: secret }), /Bad username or password/i, 'client id must be the device id');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'hub-x', username: 'hub', password: secret }), /Bad username or password/i);
  th.hub.registry.setDisabled('disp-1', true);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'disp-1', username: 'disp-1', password: secret }), /Bad username or password/i);
  th.hub.registry.setDisabled('disp-1', false);
  const ok = await connect(th.hub.brokerUrl, { clientId: 'disp-1', username: 'disp-1', password: secret });
  const closed = new Promise<void>((r) => ok.once('close', () => r()));
  const newSecret = th.hub.registry.rotate('disp-1');
  th.hub.disconnectDevice('disp-1');
  await closed;
  t.pass('rotation drops the live connection without a restart');
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'disp-1', username: 'disp-1', password: secret }), /Bad username or password/i, 'old secret refused');
  const again = await connect(th.hub.brokerUrl, { clientId: 'disp-1', username: 'disp-1', password: newSecret });
  await again.endAsync();
});

t.test('a dispenser press issues one ticket, also when its request is delivered twice', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => d.end());
  const r1 = await d.request('issue', { fieldId: 'hotich' }, 'press-1');
  t.match(r1, { v: 1, id: 'press-1', ok: true, result: { number: '1001', status: 'waiting', fieldName: 'Hộ tịch', estimate: { ahead: 0 } } });
  const r2 = await d.request('issue', { fieldId: 'hotich' }, 'press-1');
  t.match(r2, { ok: true, result: { number: '1001' } }, 'redelivery answers the same ticket');
  const r3 = await d.request('issue', { fieldId: 'hotich', priority: 'elderly' }, 'press-2');
  t.match(r3, { ok: true, result: { number: '1002', priority: 'elderly' } });
  t.equal(th.hub.queue.snapshot.tickets.size, 2, 'two presses, two tickets');
  const bad = await d.request('issue', { fieldId: 'khong-co' });
  t.match(bad, { ok: false, error: { code: 'MC_ERR_UNKNOWN_FIELD', message: 'Lĩnh vực không tồn tại.' } });
});

t.test('malformed, oversized, wrong-version and forbidden requests get an error answer and change nothing', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser');
  const k = await TestDevice.create(th, 'kiosk-1', 'kiosk');
  t.teardown(() => Promise.all([d.end(), k.end()]));
  t.match(await d.raw('not json'), { ok: false, error: { code: 'MC_ERR_BAD_PAYLOAD' } });
  t.match(await d.raw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), { ok: false, error: { code: 'MC_ERR_BAD_PAYLOAD' } }, 'invalid UTF-8');
  t.match(await d.raw(JSON.stringify({ v: 1, id: 'x', op: 'issue', fieldId: 'hotich', __proto__: { admin: true }, extra: 1 })), { ok: false, error: { code: 'MC_ERR_BAD_PAYLOAD' } });
  t.match(await d.raw(JSON.stringify({ v: 2, id: 'v2', op: 'issue', fieldId: 'hotich' })), { id: 'v2', ok: false, error: { code: 'MC_ERR_BAD_VERSION' } });
  t.match(await d.raw(JSON.stringify({ v: 1, id: 'big', op: 'issue', fieldId: 'hotich', reason: 'x'.repeat(20_000) })), { ok: false, error: { code: 'MC_ERR_PAYLOAD_TOO_LARGE' } });
  t.match(await d.request('next'), { ok: false, error: { code: 'MC_ERR_FORBIDDEN' } }, 'a dispenser cannot call numbers');
  t.match(await k.request('next'), { ok: false, error: { code: 'MC_ERR_FORBIDDEN' } }, 'a kiosk cannot call numbers');
  t.equal(th.hub.queue.snapshot.tickets.size, 0, 'no state changed');
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true }, 'and the device is still served');
});

t.test('a flood from one device is cut off while others keep being served', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const flood = await TestDevice.create(th, 'disp-1', 'dispenser');
  const calm = await TestDevice.create(th, 'disp-2', 'dispenser');
  t.teardown(() => Promise.all([flood.end(), calm.end()]));
  for (let i = 0; i < 200; i++) flood.client.publish(flood.topic('request'), JSON.stringify({ v: 1, id: `f${i}`, op: 'issue', fieldId: 'hotich' }), { qos: 0 });
  t.match(await calm.request('issue', { fieldId: 'datdai' }), { ok: true });
  await waitFor(() => flood.responses.length >= 200);
  const limited = flood.responses.filter((r) => (r.error as { code?: string } | undefined)?.code === 'MC_ERR_RATE_LIMITED').length;
  t.ok(limited > 100, `most of the flood was refused (${limited} of 200)`);
  t.ok(flood.responses.length - limited <= 35, 'only a burst went through');
});

t.test('two keypads pressing Next at the same instant never get the same ticket', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const q = th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' }, { source: 't' });
  q.execute({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' }, { source: 't' });
  for (let i = 0; i < 2; i++) q.execute({ op: 'issue', fieldId: 'datdai', source: 't', awaitPrint: false }, { source: 't' });
  const a = await TestDevice.create(th, 'keypad-q2', 'keypad', 'q2');
  const b = await TestDevice.create(th, 'keypad-q3', 'keypad', 'q3');
  t.teardown(() => Promise.all([a.end(), b.end()]));
  const [ra, rb] = await Promise.all([a.request('next'), b.request('next')]);
  t.match(ra, { ok: true }); t.match(rb, { ok: true });
  t.not((ra.result as { number: string }).number, (rb.result as { number: string }).number);
});

t.test('staff routes need a login; the clerk console flow works over HTTP and displays follow it', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  t.equal((await fetch(`${th.url}/api/counters`)).status, 401);
  t.equal((await fetch(`${th.url}/api/counters/q1/next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401);
  await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
  const bad = await fetch(`${th.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nv-lan', password: 'sai' }) });
  t.match(await bad.json(), { code: 'MC_ERR_BAD_LOGIN', message: 'Sai tên đăng nhập hoặc mật khẩu.' });
  const good = await fetch(`${th.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nv-lan', password: 'matkhau-123' }) });
  const setCookie = good.headers.get('set-cookie') ?? '';
  t.match(setCookie, /Max-Age=28800/, 'the session cookie carries a lifetime (8 h)…');
  t.notMatch(setCookie, /Expires=/i, '…not a date from the hub\'s clock, which a browser would compare with its own');
  t.match(await good.json(), { expiresIn: 28800, now: Date.parse(OPEN_AT) }, 'the answer says the lifetime and the hub\'s time');
  const time = await (await fetch(`${th.url}/api/time`)).json();
  t.same(time, { now: Date.parse(OPEN_AT), timezone: 'Asia/Ho_Chi_Minh' }, 'pages read the hub\'s time from /api/time');
  const api = await staffFetch(th.url, 'nv-lan', 'matkhau-123');
  const { secret } = th.hub.registry.add({ id: 'counter-q1', kind: 'counter', counterId: 'q1' }, ['q1']);
  const disp = await connect(th.hub.brokerUrl, { clientId: 'counter-q1', username: 'counter-q1', password: secret });
  t.teardown(() => disp.endAsync());
  const states: Record<string, unknown>[] = [];
  disp.on('message', (_t, p) => states.push(JSON.parse(p.toString()) as Record<string, unknown>));
  await disp.subscribeAsync('motcua/hoa-binh/hub/counter/q1');
  t.match(await api('/api/counters/q1/next', { body: {} }), { status: 403 }, 'not signed in at the counter');
  t.match(await api('/api/counters/q1/signin', { body: {} }), { status: 200 });
  t.match(await api('/api/counters/q1/next', { body: {} }), { status: 404, body: { code: 'MC_ERR_QUEUE_EMPTY' } });
  t.match(await api('/api/counters/q1/issue', { body: { fieldId: 'hotich' } }), { status: 200, body: { ticket: { number: '1001' } } }, 'clerk-issued number');
  t.match(await api('/api/counters/q1/next', { body: {} }), { status: 200, body: { ticket: { number: '1001', status: 'called' } } });
  await waitFor(() => states.find((s) => (s.ticket as { number?: string } | null)?.number === '1001'));
  t.match(states[states.length - 1], { counterNumber: 1, open: true, clerk: { name: 'Nguyễn Thị Lan' }, ticket: { number: '1001', fieldName: 'Hộ tịch' } });
  t.match(await api('/api/counters/q1/finish', { body: { outcome: 'received' } }), { status: 400, body: { code: 'MC_ERR_DOSSIER_CODE_REQUIRED' } });
  t.match(await api('/api/counters/q1/finish', { body: { outcome: 'received', dossierCode: '000.00.12.H01-261124-0001' } }), { status: 200, body: { ticket: { status: 'done' } } });
  t.match(await api('/api/counters/q1/finish', { body: { outcome: 'bogus' } }), { status: 400, body: { code: 'MC_ERR_BAD_REQUEST' } });
});

t.test('the device ACL: every kind against topics it must not touch', async (t) => {
  const th = await startHub();
  t.teardown(th.stop);
  const o = 'motcua/hoa-binh';
  const kinds: [string, string, string | null][] = [['dispenser', 'd1', null], ['printer', 'p1', null], ['counter', 'c1', 'q1'], ['display', 'h1', null], ['rating', 'r1', 'q1'], ['keypad', 'k1', 'q1'], ['kiosk', 'i1', null]];
  for (const [kind, id, counterId] of kinds) {
    const { secret } = th.hub.registry.add({ id, kind, counterId }, ['q1', 'q2']);
    const c = await connect(th.hub.brokerUrl, { clientId: id, username: id, password: secret });
    const forbiddenSubs = [`${o}/#`, `${o}/+/+/request`, `${o}/hub/#`, `motcua/other-office/hub/hall`, `${o}/dispenser/x9/response`, `${o}/rating/other/set`];
    if (kind !== 'display') forbiddenSubs.push(`${o}/hub/calls`, `${o}/hub/counter/q2`, `${o}/hub/counter/+`);
    for (const f of forbiddenSubs) {
      await t.rejects(c.subscribeAsync(f, { qos: 1 }), `${kind} may not subscribe ${f}`);
    }
    await c.subscribeAsync(`${o}/${kind}/${id}/response`, { qos: 1 });
    await c.endAsync();
    // publishing on another device's topic closes the offender's connection (aedes), and the hub hears nothing
    for (const topic of [`${o}/keypad/k1/request`, `${o}/hub/hall`, `${o}/${kind}/${id}/response`, `${o}/${kind}/${id}/set`].filter((x) => !x.startsWith(`${o}/${kind}/${id}/request`))) {
      if (topic === `${o}/keypad/k1/request` && kind === 'keypad') continue;
      const p = await connect(th.hub.brokerUrl, { clientId: id, username: id, password: secret });
      const closed = new Promise<void>((r) => p.once('close', () => r()));
      p.publish(topic, '{"v":1,"id":"x","op":"next"}', { qos: 1 });
      await closed;
      t.pass(`${kind} publishing ${topic} is cut off`);
    }
  }
  t.equal(th.hub.queue.snapshot.tickets.size, 0);
});

t.test('group commit: many devices pressing at once share transactions, each gets its own durable ticket', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const devs = await Promise.all(Array.from({ length: 20 }, (_, i) => TestDevice.create(th, `disp-${i}`, 'dispenser')));
  t.teardown(() => Promise.all(devs.map((d) => d.end())));
  const before = { ...th.hub.queue.stats };
  const answers = await Promise.all(devs.flatMap((d) => [d.request('issue', { fieldId: 'hotich' }), d.request('issue', { fieldId: 'khong-co' })]));
  const ok = answers.filter((a) => a.ok);
  t.equal(ok.length, 20, 'every valid press answered ok');
  t.equal(answers.filter((a) => (a.error as { code?: string } | undefined)?.code === 'MC_ERR_UNKNOWN_FIELD').length, 20, 'a bad press in the same batch fails alone');
  t.same(new Set(ok.map((a) => (a.result as { number: string }).number)).size, 20, 'twenty different numbers');
  const rows = (th.hub.db.prepare("SELECT COUNT(*) AS n FROM tickets").get() as { n: number }).n;
  t.equal(rows, 20, 'all durable before being answered');
  const commands = th.hub.queue.stats.commands - before.commands;
  const transactions = th.hub.queue.stats.transactions - before.transactions;
  t.equal(commands, 40);
  t.ok(transactions < commands, `the 40 commands shared transactions (${transactions} transactions)`);
});
