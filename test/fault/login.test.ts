/**
 * The login lockout under parallel guesses (finding 3 of issue 19): attempts in flight count, per account and
 * address, per address over all accounts (spraying) and per account over all addresses; an unknown account costs
 * one password hash like a known one. Real HTTP from several loopback addresses (127.0.0.x).
 */
import t from 'tap';
import { request } from 'node:http';
import { OPEN_AT, startHub, testClock, type TestHub } from '../helpers/hub.js';

/** POST /api/auth/login from a given local address; resolves with the status and the time it took (ms). */
function login(th: TestHub, username: string, password: string, from = '127.0.0.1'): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify({ username, password });
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${th.url}/api/auth/login`, { method: 'POST', localAddress: from, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: th.url } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tally = (rs: { status: number }[]) => rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

t.test('40 wrong guesses and the right one in one burst: five are checked, the right one is not let in', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'dung-mat-khau', 'technician');
  const wrong = Array.from({ length: 40 }, (_, i) => login(th, 'kythuat', `sai-${i}`));
  await new Promise((r) => setTimeout(r, 50)); // the right one goes last, while the wrong ones are still being hashed
  const burst = await Promise.all([...wrong, login(th, 'kythuat', 'dung-mat-khau')]);
  const n = tally(burst);
  t.equal(n[200] ?? 0, 0, 'the right password in the burst is refused too');
  t.equal(n[401] ?? 0, 5, `five passwords were checked (${JSON.stringify(n)})`);
  for (let wave = 0; wave < 3; wave++) {
    const w = tally(await Promise.all(Array.from({ length: 100 }, (_, i) => login(th, 'kythuat', `dot-${wave}-${i}`))));
    t.same(w, { 429: 100 }, `wave ${wave + 1} of 100 parallel guesses: none checked`);
  }
  t.equal((await login(th, 'kythuat', 'dung-mat-khau', '127.0.0.9')).status, 200, 'the technician signs in from another machine');
  clock.advance(5 * 60_000 + 1);
  t.equal((await login(th, 'kythuat', 'dung-mat-khau')).status, 200, 'and from this one once the window has passed');
});

t.test('spraying one guess over many accounts from one address stops at 20', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const names = Array.from({ length: 26 }, (_, i) => `nv-${String(i).padStart(2, '0')}`);
  for (const u of names) await th.hub.staff.add(u, 'mat-khau-dung', 'clerk', u);
  const sprayed = await Promise.all(names.slice(0, 25).map((u) => login(th, u, 'matkhau123', '127.0.0.2')));
  t.same(tally(sprayed), { 401: 20, 429: 5 }, 'twenty accounts tried, then the address is refused');
  t.equal((await login(th, names[25] ?? '', 'mat-khau-dung', '127.0.0.2')).status, 429, 'even with a right password, from that address');
  t.equal((await login(th, names[25] ?? '', 'mat-khau-dung', '127.0.0.1')).status, 200, 'while the clerk signs in from the counter');
});

t.test('guesses on one account spread over many addresses stop at 50', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'dung-mat-khau', 'technician');
  const rs = [];
  for (let a = 10; a < 21; a++) rs.push(...await Promise.all(Array.from({ length: 5 }, (_, i) => login(th, 'kythuat', `sai-${a}-${i}`, `127.0.0.${a}`))));
  t.same(tally(rs), { 401: 50, 429: 5 }, 'fifty guesses checked over eleven addresses, then the account is locked');
});

t.test('an unknown account costs one password hash, like a known one', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  for (let i = 0; i < 5; i++) await th.hub.staff.add(`that-${i}`, 'dung-mat-khau', 'clerk', `c${i}`);
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < 5; i++) { // one after another, alternating, so that both see the same machine load
    const k = await login(th, `that-${i}`, 'sai-mat-khau', '127.0.0.3');
    const u = await login(th, `khong-co-${i}`, 'sai-mat-khau', '127.0.0.4');
    t.same([k.status, u.status], [401, 401]);
    known.push(k.ms);
    unknown.push(u.ms);
  }
  const [km, um] = [median(known), median(unknown)];
  t.ok(um > km * 0.5, `unknown ${um.toFixed(1)} ms, known ${km.toFixed(1)} ms (medians of 5): the same order of cost`);
});
