/** Alerts stay until handled: pure rules; kept in SQLite across a restart; /metrics carries them and the disk. */
import t from 'tap';
import { acknowledge, conditions, updateAlerts, type Alert, type Watch } from '../../broker/admin/alerts.js';
import { OPEN_AT, staffFetch, startHub, tempDir, testClock } from '../helpers/hub.js';

const calm: Watch = { offline: [], paper: [], link: { configured: true, failures: 0, parked: 0 }, disk: { freeBytes: 50, totalBytes: 100 } };

t.test('an alert is raised, kept as cleared when its cause goes away, and gone only when acknowledged', async (t) => {
  let list = updateAlerts([], conditions({ ...calm, offline: [{ id: 'kiosk-2', name: 'Kiốt sảnh' }], paper: [{ id: 'p1', name: 'p1', paper: 'out' }] }, 1000));
  t.same(list.map((a) => [a.id, a.text, a.cleared]), [['offline:kiosk-2', 'Kiốt sảnh (kiosk-2) mất kết nối', false], ['paper:p1', 'p1: hết giấy', false]]);
  list = updateAlerts(list, conditions(calm, 2000));
  t.same(list.map((a) => [a.id, a.cleared, a.raisedAt]), [['offline:kiosk-2', true, 1000], ['paper:p1', true, 1000]], 'kept, marked cleared, first time kept');
  list = acknowledge(list, 'offline:kiosk-2');
  t.same(list.map((a) => a.id), ['paper:p1'], 'handled: gone');
  list = updateAlerts(list, conditions({ ...calm, link: { configured: true, failures: 3, parked: 0 }, disk: { freeBytes: 5, totalBytes: 100 } }, 3000));
  t.same(list.map((a) => a.id), ['paper:p1', 'link:onestop', 'disk:data'], 'link and disk alerts');
  t.equal(updateAlerts([], conditions({ ...calm, link: { configured: false, failures: 9, parked: 0 } }, 0)).length, 0, 'no link configured: no alert');
});

t.test('an alert nobody handled is still there after a restart, first-raised time kept; one handled does not come back', async (t) => {
  const dir = tempDir();
  const clock = testClock(OPEN_AT);
  const a = await startHub({ dir, clock: clock.now });
  await a.hub.staff.add('kythuat', 'ky-thuat-2026', 'technician');
  const ids = a.hub.cfg.counters.map((c) => c.id);
  a.hub.registry.add({ id: 'may-in-2', kind: 'printer', name: 'Máy in sảnh', counterId: null }, ids);
  a.hub.presence.setState('may-in-2', { status: 'paper_out' });
  a.hub.registry.add({ id: 'may-in-3', kind: 'printer', name: 'Máy in quầy', counterId: null }, ids);
  a.hub.presence.setState('may-in-3', { status: 'paper_low' });
  let api = await staffFetch(a.url, 'kythuat', 'ky-thuat-2026');
  const first = (await api('/api/admin/summary')).body.alerts as Alert[];
  const raised = first.find((x) => x.id === 'paper:may-in-2');
  t.ok(raised, 'raised');
  // paper put into the counter printer, and its alert handled; the hall printer's is left for later
  a.hub.presence.setState('may-in-3', { status: 'ok' });
  t.equal((await api('/api/admin/alerts/paper:may-in-3/ack', { method: 'POST', body: {}, headers: { origin: a.url } })).status, 200);
  clock.advance(60_000);
  await a.stop();

  const b = await startHub({ dir, clock: clock.now });
  t.teardown(b.stop);
  api = await staffFetch(b.url, 'kythuat', 'ky-thuat-2026');
  const after = (await api('/api/admin/summary')).body.alerts as Alert[];
  const kept = after.find((x) => x.id === 'paper:may-in-2');
  t.equal(kept?.raisedAt, raised?.raisedAt, 'the unhandled alert survived the restart with the time it was first raised');
  t.notOk(after.some((x) => x.id === 'paper:may-in-3'), 'the handled one did not come back');
  t.match(await (await fetch(`${b.url}/metrics`)).text(), /motcua_alerts_open\{[^}]*kind="paper"[^}]*\} 1/, '/metrics after the restart too');
});

t.test('/metrics gives the data disk, as the summary does', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const text = await (await fetch(`${th.url}/metrics`)).text();
  const free = Number(/motcua_disk_bytes\{[^}]*kind="free"[^}]*\} (\d+)/.exec(text)?.[1]);
  const total = Number(/motcua_disk_bytes\{[^}]*kind="total"[^}]*\} (\d+)/.exec(text)?.[1]);
  t.ok(total > 0 && free > 0 && free <= total, `free ${free} of ${total} bytes`);
});
