/** One owner of the live office configuration: an admin edit reaches every part at once. */
import t from 'tap';
import { OPEN_AT, startHub, testClock, waitFor } from '../helpers/hub.js';

t.test('an admin edit is live everywhere at once: queue answers, retained display state, the public API', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const changes: string[] = [];
  th.hub.config.on('change', (next, prev) => changes.push(`${prev.fields[0]?.name} → ${next.fields[0]?.name}`));
  const ticket = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' }).ticket;
  const hall: { waiting?: { fieldId: string; name: string }[] }[] = [];
  await th.hub.bus.subscribe('motcua/hoa-binh/hub/hall', (_t, p) => { hall.push(JSON.parse(p.toString()) as (typeof hall)[number]); });

  const doc = structuredClone(th.hub.cfg);
  const hotich = doc.fields.find((f) => f.id === 'hotich');
  if (hotich) hotich.name = 'Hộ tịch – Quốc tịch';
  th.hub.applyConfig(doc, 'test');

  t.same(changes, ['Hộ tịch → Hộ tịch – Quốc tịch'], 'one change event, from the one owner');
  t.equal(th.hub.queue.ticketView(String(ticket?.id)).fieldName, 'Hộ tịch – Quốc tịch', 'the queue reads the live configuration');
  await waitFor(() => hall.at(-1)?.waiting?.some((w) => w.fieldId === 'hotich' && w.name === 'Hộ tịch – Quốc tịch'));
  t.pass('the hall display\'s retained state follows the change');
  const office = (await (await fetch(`${th.url}/api/office`)).json()) as { fields: { id: string; name: string }[] };
  t.equal(office.fields.find((f) => f.id === 'hotich')?.name, 'Hộ tịch – Quốc tịch', 'the public API too');
  t.equal(th.hub.cfg.hub.port, 0, 'hub settings stay as started (they need a restart)');
});
