/** Pure parts of the admin tools: what the audit says changed, extra config rules, pairing data, clock check. */
import t from 'tap';
import { describeChange, extraProblems, mayEdit, nfcDeep, redacted, withSection } from '../../broker/admin/config-edit.js';
import { checkClock } from '../../broker/admin/doctor.js';
import { pairingFromConfig, qrText } from '../../broker/admin/pairing.js';
import { testConfig } from '../helpers/hub.js';

t.test('describeChange: ids added/removed and per-item before → after', async (t) => {
  const before = [{ id: 'a', name: 'Hộ tịch' }, { id: 'b', name: 'Đất đai' }];
  const after = [{ id: 'a', name: 'Hộ tịch – Chứng thực' }, { id: 'c', name: 'Xây dựng' }];
  t.same(describeChange(before, after), { added: ['c'], removed: ['b'], changed: { a: { name: { before: 'Hộ tịch', after: 'Hộ tịch – Chứng thực' } } } });
  t.same(describeChange({ notice: 'x', footer: 'y' }, { notice: 'x', footer: 'z' }), { footer: { before: 'y', after: 'z' } });
});

t.test('extra rules and NFC', async (t) => {
  t.same(extraProblems('fields', [{ id: 'a', name: ' ' }, { id: 'b', name: 'ok' }]), [{ path: 'fields[0].name', message: 'the field name must not be empty' }]);
  t.same(extraProblems('rating', { levels: [{ key: 'x', label: '' }] }), [{ path: 'rating.levels[0].label', message: 'the level label must not be empty' }]);
  const decomposed = 'Ho\u0302\u0323 ti\u0323ch';
  t.equal(nfcDeep({ a: [decomposed] }).a[0], 'Hộ tịch', 'stored NFC');
  const cfg = testConfig();
  t.equal((withSection(cfg, 'texts', { ...cfg.texts, notice: ` ${decomposed} ` }).texts as { notice: string }).notice, 'Hộ tịch');
  t.ok(mayEdit('manager', 'clerks'));
  t.notOk(mayEdit('manager', 'counters'));
  cfg.onestop.apiKey = 'k';
  cfg.onestop.mqttPassword = 'p';
  t.match(redacted(cfg).onestop, { apiKey: '••••', mqttPassword: '••••' }, 'secrets never leave');
});

t.test('pairing data from the config; the QR text leaves out the page URL', async (t) => {
  const cfg = testConfig(undefined, (c) => { c.office.publicUrl = 'http://192.168.1.10:8080/'; c.hub.mqttPort = 1883; });
  const p = pairingFromConfig(cfg, { id: 'tv-1', kind: 'display', counterId: null }, 's3cret');
  t.match(p, { office: 'hoa-binh', mqttUrl: 'mqtt://192.168.1.10:1883', wsUrl: 'ws://192.168.1.10:8080/mqtt', pageUrl: 'http://192.168.1.10:8080/display/hall#device=tv-1&secret=s3cret' });
  t.notMatch(qrText(p), /pageUrl/);
  t.notOk('secret' in pairingFromConfig(cfg, { id: 'tv-1', kind: 'display', counterId: null }));
});

t.test('clock check: a year before 2025 fails with the fix', async (t) => {
  const cfg = testConfig();
  t.equal(checkClock(cfg, Date.parse('2026-11-24T02:00:00Z')).state, 'ok');
  const r = checkClock(cfg, Date.parse('2000-01-01T00:00:00Z'));
  t.equal(r.state, 'fail');
  t.match(r.fix, /timedatectl/);
  cfg.office.timezone = 'Mars/Olympus';
  t.equal(checkClock(cfg, Date.now()).state, 'fail');
});
