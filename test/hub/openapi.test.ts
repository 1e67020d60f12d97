/** /docs documents real answers: every REST route declares what it answers, and answers match what it declares. */
import t from 'tap';
import { OPEN_AT, staffFetch, startHub, testClock } from '../helpers/hub.js';

interface Op { responses?: Record<string, { content?: Record<string, { schema?: { type?: string; properties?: Record<string, unknown> } }> }> }

t.test('every route in /docs declares its 2xx answer with its properties', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const doc = (await (await fetch(`${th.url}/docs/json`)).json()) as { paths: Record<string, Record<string, Op>> };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
  t.ok(routes.length >= 40, `${routes.length} routes documented`);
  for (const { route, op } of routes) {
    const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
    if (route.includes('.png') || route.includes('.xlsx') || route === 'GET /metrics') continue; // files, not JSON
    t.ok(ok.length > 0, `${route} declares its answer`);
    for (const [code, r] of ok) {
      const s = Object.values(r.content ?? {})[0]?.schema;
      const described = s?.type === 'string' || Object.keys(s?.properties ?? {}).length > 0;
      t.ok(described, `${route} ${code}: ${s?.type === 'string' ? 'text' : `properties ${Object.keys(s?.properties ?? {}).join(', ')}`}`);
    }
  }
});

t.test('answers keep every field the pages read (the schemas strip nothing)', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const ticket = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' }).ticket;
  await th.hub.staff.add('kythuat', 'matkhau-ky-thuat', 'technician');
  const staff = await staffFetch(th.url, 'kythuat', 'matkhau-ky-thuat');
  const view = (await staff(`/api/tickets/${String(ticket?.id)}`)).body;
  t.same(view, JSON.parse(JSON.stringify(th.hub.queue.ticketView(String(ticket?.id)))), 'a staff login gets the whole view');
  const pub = (await (await fetch(`${th.url}/api/tickets/${th.hub.ticketRefs.ref(String(ticket?.id))}`)).json()) as Record<string, unknown>;
  t.same(Object.keys(pub).sort(), ['counterNumber', 'counters', 'estimate', 'fieldId', 'fieldName', 'fieldOpen', 'id', 'messages', 'number', 'paper', 'rated', 'rating', 'status'], 'the ticket page (by its reference) gets the whole public view');
  const hall = (await (await fetch(`${th.url}/api/state/hall`)).json()) as Record<string, unknown>;
  t.same(Object.keys(hall).sort(), Object.keys(th.hub.publisher.hallState()).sort(), 'the hall state, whole');
});
