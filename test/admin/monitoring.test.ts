/** The admin home for a technician and the office head (real hub, real Chromium): a one-screen summary with the
 * offline devices named first, printers short of paper, the provincial link, disk and the hub's clock; the device
 * list offline first, names not repeating ids, firmware version; the reports in the navigation. */
import t from 'tap';
import { screenshot } from '../helpers/browser.js';
import { connect } from '../helpers/hub.js';
import { adminRig, MANAGER, openAdmin, TECH } from './setup.js';

t.test('summary: devices by state (offline first), paper, link, disk, clock; reachable by the office head', async (t) => {
  const rig = await adminRig(t);
  const { th } = rig;
  const ids = th.hub.cfg.counters.map((c) => c.id);
  const hall = th.hub.registry.add({ id: 'hall-1', kind: 'display', name: 'TV sảnh chính', counterId: null }, ids);
  th.hub.registry.add({ id: 'kiosk-2', kind: 'kiosk', name: 'kiosk-2', counterId: null }, ids);
  const c = await connect(th.hub.brokerUrl, { clientId: 'hall-1', username: 'hall-1', password: hall.secret });
  t.teardown(() => c.endAsync());
  th.hub.presence.set('hall-1', true);
  th.hub.presence.setState('hall-1', { version: '2.3.1' });
  th.hub.registry.add({ id: 'may-in-2', kind: 'printer', name: 'Máy in sảnh', counterId: null }, ids);
  th.hub.presence.setState('may-in-2', { status: 'paper_low' });
  for (const who of [TECH, MANAGER]) {
    const page = await openAdmin(t, rig, who);
    await page.waitForSelector('[data-summary="offline"]');
    t.equal((await page.textContent('[data-summary="offline"] .sum-value'))?.trim(), '1', `${who.username}: one device offline`);
    t.match(await page.textContent('[data-summary-list="offline"]'), /kiosk-2 — Kiốt/, 'the offline device is named');
    t.equal((await page.textContent('[data-summary="paper"] .sum-value'))?.trim(), '1');
    t.match(await page.textContent('[data-summary-list="paper"]'), 'Máy in sảnh (may-in-2) — Sắp hết giấy');
    t.match(await page.textContent('[data-summary="link"]'), /Liên thông tỉnh/);
    t.match(await page.textContent('[data-summary="disk"]'), /GB/);
    const rows = await page.$$eval('tr[data-device]', (trs) => trs.map((r) => r.getAttribute('data-device')));
    t.equal(rows[0], 'kiosk-2', 'the offline device heads the list');
    t.equal(await page.locator('tr[data-device="kiosk-2"] td:first-child .muted').count(), 0, 'a name equal to the id is not repeated');
    t.match(await page.textContent('tr[data-device="hall-1"] td:first-child'), /TV sảnh chính\s*hall-1/);
    t.match(await page.textContent('tr[data-device="hall-1"]'), '2.3.1', 'firmware version shown');
    t.equal(await page.getAttribute('[data-nav="reports"]', 'href'), '/reports', 'the reports are in the navigation');
    await screenshot(page, `admin-summary-${who === TECH ? 'technician' : 'manager'}`);
  }
});

t.test('alerts stay until handled, and /metrics says the same', async (t) => {
  const rig = await adminRig(t);
  const { th } = rig;
  const ids = th.hub.cfg.counters.map((c) => c.id);
  th.hub.registry.add({ id: 'may-in-2', kind: 'printer', name: 'Máy in sảnh', counterId: null }, ids);
  th.hub.presence.set('may-in-2', true);
  th.hub.presence.setState('may-in-2', { status: 'paper_out' });
  const page = await openAdmin(t, rig, TECH);
  await page.waitForSelector('[data-alert="paper:may-in-2"]');
  t.match(await page.textContent('[data-alert="paper:may-in-2"]'), 'Máy in sảnh (may-in-2): hết giấy');
  th.hub.presence.setState('may-in-2', { status: 'ok' }); // paper put in: the alert stays until someone says so
  await page.reload();
  await page.waitForSelector('[data-alert="paper:may-in-2"].alert-cleared');
  t.match(await page.textContent('[data-alert="paper:may-in-2"]'), 'đã hết, chờ xác nhận');
  const metricsText = async (): Promise<string> => (await page.request.get(`${th.url}/metrics`)).text();
  t.match(await metricsText(), /motcua_alerts_open\{[^}]*kind="paper"[^}]*\} 1/, '/metrics counts the alert');
  await screenshot(page, 'admin-alerts');
  await page.click('[data-alert="paper:may-in-2"] [data-action="ack"]');
  await page.waitForSelector('[data-role="no-alerts"]');
  t.notMatch(await metricsText(), /motcua_alerts_open\{[^}]*kind="paper"/, 'handled: gone from /metrics too');
});

t.test('a kiosk\'s pairing data gives the rating-station address too (?rating=1)', async (t) => {
  const rig = await adminRig(t);
  const page = await openAdmin(t, rig, TECH);
  await page.fill('#dev-id', 'kiosk-danh-gia');
  await page.selectOption('#dev-kind', 'kiosk');
  await page.click('[data-action="add-device"]');
  const href = await (await page.waitForSelector('[data-testid="rating-url"]')).getAttribute('href');
  t.match(href, /\/kiosk\?rating=1#device=kiosk-danh-gia&secret=/, 'the rating station address');
  t.equal((await page.request.get(href ?? '')).status(), 200);
  await screenshot(page, 'admin-pairing-rating');
});
