/**
 * Fuzz over HTTP: ≥ 10,000 hostile bodies, query strings and path parameters against every route of the OpenAPI
 * document (/docs/json), half with a technician's session. Never a 5xx, an error answer with a code for each,
 * no state change, no prototype pollution, the hub healthy afterwards.
 */
import t from 'tap';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { DISTRICT_EXAMPLE, OPEN_AT, startHub, testClock, testConfig } from '../helpers/hub.js';
import { counts, hostileBody, hostileParam, hostileQuery, polluted, rng } from './hostile.js';

const SEED = Number(process.env.MC_FUZZ_SEED ?? 20261124);
const HTTP_TOTAL = Number(process.env.MC_FUZZ_HTTP ?? 10_000);

interface Op { method: string; path: string; params: string[]; query: string[]; body: string[] }

function routes(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>> }): Op[] {
  const out: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const ps = op.parameters ?? [];
      out.push({ method: method.toUpperCase(), path, params: ps.filter((p) => p.in === 'path').map((p) => p.name), query: ps.filter((p) => p.in === 'query').map((p) => p.name),
        body: Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {}) });
    }
  }
  return out;
}

t.test(`${HTTP_TOTAL} hostile HTTP requests against every route: an error answer, never a 5xx, no state change`, async (t) => {
  const sim = await startOnestopSim();
  const th = await startHub({ clock: testClock(OPEN_AT).now, cfg: testConfig(DISTRICT_EXAMPLE, (c) => { c.onestop.url = sim.url; }) });
  t.teardown(async () => { await th.stop(); await sim.close(); });
  await th.hub.staff.add('kythuat', 'matkhau-ky-thuat', 'technician');
  const login = await fetch(`${th.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kythuat', password: 'matkhau-ky-thuat' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  t.ok(cookie.startsWith('mc_session='), 'a technician session for the authenticated half');
  const doc = (await (await fetch(`${th.url}/docs/json`)).json()) as Parameters<typeof routes>[0];
  const ops = routes(doc);
  t.ok(ops.length >= 20, `${ops.length} documented operations`);
  const before = counts(th);
  const r = rng(SEED + 1);
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  const perRoute = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= HTTP_TOTAL) return;
      const op = ops[i % ops.length] as Op;
      const authed = r() < 0.5 && !(op.path === '/api/auth/logout');
      let path = op.path;
      for (const p of op.params) path = path.replace(`{${p}}`, hostileParam(r));
      const url = `${th.url}${path}?${hostileQuery(r, op.query)}`;
      const headers: Record<string, string> = authed ? { cookie } : {};
      let body: Buffer | undefined;
      if (op.method !== 'GET' && op.method !== 'HEAD') {
        const [ct, b] = hostileBody(r, op.body);
        if (ct) headers['content-type'] = ct;
        body = b;
      }
      let status = 0;
      let text = '';
      try {
        const res = await fetch(url, { method: op.method, headers, body: body ? new Uint8Array(body) : undefined });
        status = res.status;
        text = await res.text();
      } catch (e) { problems.push(`${op.method} ${op.path}: ${(e as Error).message}`); continue; }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      perRoute.set(`${op.method} ${op.path}`, (perRoute.get(`${op.method} ${op.path}`) ?? 0) + 1);
      if (status >= 500) problems.push(`${op.method} ${op.path} → ${status}: ${text.slice(0, 200)}`);
      else if (status >= 400) {
        try { if (typeof (JSON.parse(text) as { code?: unknown }).code !== 'string') problems.push(`${op.method} ${op.path} → ${status} without a code`); } catch { problems.push(`${op.method} ${op.path} → ${status}, body not JSON`); }
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const secs = (performance.now() - t0) / 1000;
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  t.ok(total >= HTTP_TOTAL, `${total} requests answered in ${secs.toFixed(1)} s over ${perRoute.size} operations`);
  t.same(problems.slice(0, 10), [], 'no 5xx, no transport error, every error answer carries a code');
  t.same(counts(th), before, 'no state changed');
  t.notOk(polluted(), 'Object.prototype was not polluted');
  t.ok((statuses.get(400) ?? 0) > 0 && (statuses.get(401) ?? 0) > 0 && (statuses.get(413) ?? 0) > 0, 'bad requests, refused logins and oversize bodies were all answered');
  t.comment(`statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  const h = await fetch(`${th.url}/api/health`);
  t.equal(h.status, 200, 'the hub is still healthy');
  const k = await fetch(`${th.url}/api/auth/me`, { headers: { cookie } });
  t.equal(k.status, 200, 'the technician session survived the fuzz');
});
