/**
 * CSRF and framing (finding 7 of issue 19), in a real browser: a technician signed in to the hub opens a page
 * served on another port of the same host (the same "site", so the SameSite cookie goes along). Its form and its
 * fetch must not change anything, and it must not be able to frame /admin. The hub's own pages keep working.
 */
import t from 'tap';
import { createServer, type Server } from 'node:http';
import { launch, newPage } from '../helpers/browser.js';
import { OPEN_AT, startHub, testClock, waitFor } from '../helpers/hub.js';

/** The attacker's site: another port on 127.0.0.1. */
async function evilSite(hub: string): Promise<{ url: string; server: Server }> {
  const pages: Record<string, string> = {
    '/form.html': `<form id="f" method="POST" action="${hub}/api/devices/disp-form/disable" enctype="text/plain"><input name='{"a":"' value='1"}'></form>
      <script>document.getElementById('f').submit()</script>`,
    '/fetch.html': `<script>
      window.done = Promise.all([
        fetch('${hub}/api/devices/disp-fetch/disable', { method: 'POST', mode: 'no-cors', credentials: 'include' }),
        fetch('${hub}/api/devices/disp-fetch/disable', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      ]).then(() => 'sent', (e) => String(e));</script>`,
    '/frame.html': `<iframe id="x" src="${hub}/admin" width="800" height="600"></iframe>`,
  };
  const server = createServer((req, res) => { res.setHeader('content-type', 'text/html; charset=utf-8'); res.end(pages[req.url ?? ''] ?? 'no'); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

t.test('a page on another port cannot disable a device for a signed-in technician, nor frame /admin', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  for (const id of ['disp-form', 'disp-fetch', 'disp-own']) th.hub.registry.add({ id, kind: 'dispenser' }, []);
  const evil = await evilSite(th.url);
  t.teardown(() => new Promise<void>((r) => evil.server.close(() => r())));
  const browser = await launch();
  t.teardown(() => browser.close());
  const { context, page } = await newPage(browser);
  const login = await context.request.post(`${th.url}/api/auth/login`, { data: { username: 'kythuat', password: 'mat-khau-kt' } });
  t.equal(login.status(), 200, 'the technician is signed in (cookie in the browser)');

  const answer = page.waitForResponse((r) => r.url().includes('/api/devices/disp-form/disable'));
  await page.goto(`${evil.url}/form.html`);
  t.equal((await answer).status(), 403, 'the cross-site form is refused');
  await page.goto(`${evil.url}/fetch.html`);
  t.equal(await page.evaluate(() => (window as unknown as { done: Promise<string> }).done), 'sent');
  t.equal(th.hub.registry.get('disp-form')?.disabled, false, 'the form changed nothing');
  t.equal(th.hub.registry.get('disp-fetch')?.disabled, false, 'the fetches changed nothing');

  await page.goto(`${evil.url}/frame.html`);
  await waitFor(() => page.frames().length === 2);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const framed = await frame?.evaluate(() => document.querySelectorAll('script[src*="admin.js"]').length).catch(() => 0);
  t.equal(framed ?? 0, 0, `/admin is not shown inside another site's frame (${frame?.url() ?? 'no frame'})`);

  await page.goto(`${th.url}/admin`); // the hub's own page, same origin, still works
  const own = await page.evaluate(async () => (await fetch('/api/devices/disp-own/disable', { method: 'POST', credentials: 'same-origin' })).status);
  t.equal(own, 200, 'the hub\'s own page disables a device');
  t.equal(th.hub.registry.get('disp-own')?.disabled, true);
});

t.test('security headers on pages and API answers', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  for (const path of ['/admin', '/console', '/api/health', '/t/x']) {
    const r = await fetch(`${th.url}${path}`);
    t.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/, `${path}: CSP with frame-ancestors`);
    t.equal(r.headers.get('x-content-type-options'), 'nosniff', `${path}: nosniff`);
    t.equal(r.headers.get('referrer-policy'), 'no-referrer', `${path}: no referrer`);
  }
  const plain = await fetch(`${th.url}/api/auth/logout`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  t.equal(plain.status, 415, 'a body that is not JSON is refused');
  t.match(await plain.json(), { code: 'MC_ERR_NOT_JSON', message: 'Dữ liệu gửi lên phải ở dạng JSON.' });
  const other = await fetch(`${th.url}/api/auth/logout`, { method: 'POST', headers: { origin: 'http://127.0.0.1:1' } });
  t.equal(other.status, 403, 'another Origin is refused');
  t.match(await other.json(), { code: 'MC_ERR_CROSS_ORIGIN' });
});
