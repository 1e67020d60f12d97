/** Alerts stay until handled: pure rules. */
import t from 'tap';
import { acknowledge, conditions, updateAlerts, type Watch } from '../../broker/admin/alerts.js';

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
