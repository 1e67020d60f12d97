/**
 * Reception points of one center share live figures over the provincial Mosquitto, each hub with its own
 * credentials and the generated ACL: the other point's waiting count and estimated wait show on the hall display
 * and the kiosk; a point that loses the link keeps serving and says so.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import t from 'tap';
import { hashSecret } from '../../broker/devices/registry.js';
import { rootPath } from '../../broker/paths.js';
import { writeBrokerFiles } from '../../province/broker-files.js';
import { launch, LANDSCAPE, newPage, PORTRAIT, screenshot } from '../helpers/browser.js';
import { startHub, tempDir, testClock, testConfig, atMs } from '../helpers/hub.js';
import { freePort } from '../helpers/net.js';
import { HAVE_ENGINES, mosquittoWith } from '../helpers/services.js';
import { fresh, openDisplay } from '../display/helpers.js';

t.test('two reception points of a center see each other\'s queue; a point without the link serves alone and says so', { skip: HAVE_ENGINES ? false : 'mosquitto not installed' }, async (t) => {
  const dir = tempDir('motcua-points-');
  chmodSync(dir, 0o755); // Mosquitto runs as its own user
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pw = { 'phuong-an-phu': 'mat-khau-an-phu-1234', 'diem-tan-lap': 'mat-khau-tan-lap-123', 'xa-khac': 'mat-khau-xa-khac-123' };
  const port = await freePort();
  const files = join(dir, 'broker');
  writeBrokerFiles(files, [
    { id: 'phuong-an-phu', name: 'An Phú', centerId: 'tt-an-phu', mqttHash: hashSecret(pw['phuong-an-phu']) },
    { id: 'diem-tan-lap', name: 'Tân Lập', centerId: 'tt-an-phu', mqttHash: hashSecret(pw['diem-tan-lap']) },
    { id: 'xa-khac', name: 'Xã khác', centerId: 'tt-khac', mqttHash: hashSecret(pw['xa-khac']) },
  ], { password: 'dich-vu-tinh-123456' }, { port, host: '127.0.0.1' });
  let mq = await mosquittoWith(join(files, 'province.conf'), files);
  t.teardown(() => mq.stop());
  const url = `mqtt://127.0.0.1:${port}`;
  const clock = testClock(atMs('08:00'));
  const hub = async (id: keyof typeof pw, name: string) => {
    const cfg = testConfig(rootPath('config/examples/commune.yaml'), (c) => {
      c.office.id = id; c.office.name = name; c.office.shortName = name;
      c.onestop.mqttUrl = url; c.onestop.mqttUsername = id; c.onestop.mqttPassword = pw[id]; c.onestop.centerId = 'tt-an-phu';
    });
    const th = await startHub({ cfg, clock: clock.now });
    t.teardown(th.stop);
    return th;
  };
  const a = await hub('phuong-an-phu', 'Trụ sở Trung tâm phường An Phú');
  const b = await hub('diem-tan-lap', 'Điểm tiếp nhận Tân Lập');
  // point A has served a few citizens this morning: its wait forecast has a history to go on
  const qa = a.hub.queue;
  qa.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  for (let i = 0; i < 3; i++) {
    qa.execute({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false }, { source: 't' });
    qa.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
    clock.advance(6 * 60_000);
    qa.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
  }
  for (let i = 0; i < 7; i++) a.hub.queue.execute({ op: 'issue', fieldId: i % 2 ? 'datdai' : 'hotich', source: 'kiosk', awaitPrint: false }, { source: 't' });
  const wait = async (what: string, f: () => boolean, ms = 15_000) => { const end = Date.now() + ms; while (!f()) { if (Date.now() > end) throw new Error(what); await new Promise((r) => setTimeout(r, 50)); } };
  const other = () => b.hub.publisher.hallState().points?.others.find((p) => p.office === 'phuong-an-phu');
  await wait('point B hears point A', () => other()?.waiting === 7);
  t.match(b.hub.publisher.hallState().points, { link: 'up', others: [{ office: 'phuong-an-phu', name: 'Trụ sở Trung tâm phường An Phú', waiting: 7, stale: false }] });
  t.ok((other()?.minutes ?? 0) > 0, 'with an estimated wait');
  await wait('point A hears point B (nobody waiting there)', () => a.hub.publisher.hallState().points?.others[0]?.waiting === 0);

  // the ACL: another center's office cannot pose as a point of this one
  const intruder = await mqtt.connectAsync(url, { clientId: 'xa-khac', username: 'xa-khac', password: pw['xa-khac'] });
  t.teardown(() => intruder.endAsync(true));
  await intruder.publishAsync('motcua/centers/tt-an-phu/points/xa-khac', JSON.stringify({ v: 1, office: 'xa-khac', name: 'Giả mạo', waiting: 0, minutes: 0, sentAt: clock.now() }), { qos: 1, retain: true });
  await intruder.publishAsync('motcua/centers/tt-an-phu/points/phuong-an-phu', JSON.stringify({ v: 1, office: 'phuong-an-phu', name: 'Giả mạo', waiting: 0, minutes: 0, sentAt: clock.now() }), { qos: 1, retain: true });
  await new Promise((r) => setTimeout(r, 500));
  t.same(b.hub.publisher.hallState().points?.others.map((p) => [p.office, p.waiting]), [['phuong-an-phu', 7]], 'only the center\'s own points are heard');

  const browser = await launch();
  t.teardown(() => browser.close());
  const { page } = await openDisplay(browser, b, { id: 'hall-b', kind: 'display', size: LANDSCAPE });
  await fresh(page);
  await page.locator('#points .point').filter({ hasText: 'Trụ sở Trung tâm phường An Phú' }).filter({ hasText: '7 người chờ' }).waitFor();
  await screenshot(page, 'points-hall-1920');
  const { secret } = b.hub.registry.add({ id: 'kiosk-b', kind: 'kiosk', counterId: null }, b.hub.cfg.counters.map((c) => c.id));
  const kiosk = await newPage(browser, PORTRAIT);
  await kiosk.page.goto(String(b.hub.pairing('kiosk-b', secret).pageUrl));
  await kiosk.page.locator('#points .point').filter({ hasText: '7 người chờ · khoảng' }).waitFor();
  await screenshot(kiosk.page, 'points-kiosk-1080x1920');

  // the link goes: point B keeps serving, and its screens say so
  await mq.stop();
  await wait('point B knows the link is down', () => b.hub.publisher.hallState().points?.link === 'down');
  t.ok(b.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'kiosk', awaitPrint: false }, { source: 't' }).ticket, 'point B still issues numbers');
  await page.locator('#points-down').filter({ hasText: 'Mất kết nối với các điểm khác. Điểm này vẫn phục vụ bình thường.' }).waitFor({ state: 'visible' });
  t.match(await page.locator('#points .point').innerText(), /chưa có số liệu mới/, 'the old figure is not shown as current');
  await kiosk.page.locator('#points .points-down').waitFor();
  await screenshot(page, 'points-hall-link-down-1920');
  await screenshot(kiosk.page, 'points-kiosk-link-down-1080x1920');
  // the technician sees it in the admin page: the events wait in the database, serving goes on
  await b.hub.staff.add('kythuat', 'mat-khau-ky-thuat-1', 'technician');
  const admin = await newPage(browser, LANDSCAPE);
  await admin.page.goto(`${b.url}/admin`);
  await admin.page.fill('#username', 'kythuat');
  await admin.page.fill('#password', 'mat-khau-ky-thuat-1');
  await admin.page.click('[data-action="login"]');
  await admin.page.waitForSelector('[data-testid="who"]');
  await admin.page.click('[data-tab="lien-thong"]');
  await admin.page.waitForSelector('#uplink');
  t.match(await admin.page.textContent('#uplink'), /Chưa kết nối được; sự kiện được giữ trong cơ sở dữ liệu/);
  t.ok(Number(await admin.page.textContent('[data-testid="uplink-backlog"]')) >= 1, 'the number issued meanwhile waits to be sent');
  await screenshot(admin.page, 'points-admin-uplink-1920');
  mq = await mosquittoWith(join(files, 'province.conf'), files);
  await wait('link back', () => b.hub.publisher.hallState().points?.link === 'up', 20_000);
  t.pass('the link comes back by itself');
  await wait('the backlog sent', () => b.hub.link.status().uplink?.backlog === 0, 20_000);
});
