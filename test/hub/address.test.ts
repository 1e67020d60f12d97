/** One public address for the running hub, the CLI's pairing data and the ticket QR code; never 127.0.0.1 unnoticed. */
import t from 'tap';
import { rmSync } from 'node:fs';
import { checkPublicAddress } from '../../broker/admin/doctor.js';
import { mqttBindHost, publicBaseUrl, publicMqttUrl, unreachablePublicAddress } from '../../broker/address.js';
import { VirtualPrinter } from '../../printer/index.js';
import { officeFile, run } from '../helpers/cli.js';
import { OPEN_AT, startHub, tempDir, TestDevice, testClock, testConfig } from '../helpers/hub.js';

const LAN = () => '192.168.1.23';
const NO_NETWORK = () => null;

t.test('the public address: hub.publicUrl, else the LAN address for a hub bound to every interface', async (t) => {
  const cfg = testConfig(undefined, (c) => { c.hub.host = '0.0.0.0'; c.hub.port = 8080; c.hub.mqttPort = 1883; });
  t.equal(publicBaseUrl(cfg, 8080, LAN), 'http://192.168.1.23:8080', 'the machine\'s LAN address, not 127.0.0.1');
  t.equal(publicMqttUrl(cfg, publicBaseUrl(cfg, 8080, LAN)), 'mqtt://192.168.1.23:1883');
  t.equal(unreachablePublicAddress(cfg, LAN), null);
  t.equal(publicBaseUrl(cfg, 8080, NO_NETWORK), 'http://127.0.0.1:8080', 'a machine without a network has only its loopback…');
  t.match(unreachablePublicAddress(cfg, NO_NETWORK), /loopback/, '…and that is said');
  cfg.office.publicUrl = 'http://old.example:8080/';
  t.equal(publicBaseUrl(cfg, 8080, LAN), 'http://old.example:8080', 'the older key office.publicUrl is still read');
  cfg.hub.publicUrl = 'http://motcua.hoabinh.lan:8080/';
  t.equal(publicBaseUrl(cfg, 8080, NO_NETWORK), 'http://motcua.hoabinh.lan:8080', 'hub.publicUrl wins, without its trailing slash');
  cfg.hub.externalBrokerUrl = 'mqtt://10.0.0.5:1883';
  t.equal(publicMqttUrl(cfg, publicBaseUrl(cfg)), 'mqtt://10.0.0.5:1883', 'devices are given the external broker');
});

t.test('the MQTT broker binds hub.host unless hub.mqttHost says otherwise', async (t) => {
  const cfg = testConfig(undefined, (c) => { c.hub.host = '192.168.1.23'; c.hub.mqttHost = ''; });
  t.equal(mqttBindHost(cfg), '192.168.1.23');
  cfg.hub.mqttHost = '0.0.0.0';
  t.equal(mqttBindHost(cfg), '0.0.0.0');
  const th = await startHub({ cfg: testConfig(undefined, (c) => { c.hub.mqttHost = ''; }), clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  t.equal(th.hub.broker?.boundHost, '127.0.0.1', 'a hub on 127.0.0.1 with no mqttHost serves MQTT there too');
});

t.test('doctor warns when QR codes and pairing data would point at 127.0.0.1', async (t) => {
  const cfg = testConfig(undefined, (c) => { c.hub.host = '0.0.0.0'; });
  t.match(checkPublicAddress(cfg, NO_NETWORK), { state: 'warn', detail: /127\.0\.0\.1/, fix: /hub\.publicUrl/ });
  t.match(checkPublicAddress(cfg, LAN), { state: 'ok', detail: /192\.168\.1\.23/ });
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const doctor = await run(['doctor', '--config', officeFile(dir)]);
  t.match(doctor.out, /⚠ Địa chỉ công khai \/ public address: Mã QR và mã ghép nối sẽ trỏ tới 127\.0\.0\.1[^\n]*\n\s+→ set hub\.publicUrl/);
});

t.test('the running hub, the CLI pairing data and the printed QR code use the same address', async (t) => {
  const publicUrl = 'http://192.0.2.10:8080';
  const vp = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await vp.start();
  t.teardown(() => vp.stop());
  const th = await startHub({ cfg: testConfig(undefined, (c) => { c.hub.publicUrl = publicUrl; }), clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258' } }, []);
  th.hub.addPrinter(p.device);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => d.end());
  const job = vp.nextJob();
  const r = await d.request('issue', { fieldId: 'hotich' });
  t.same((await job).decoded.qr, [`${publicUrl}/t/${String((r.result as { ref: string }).ref)}`], 'the ticket QR code');
  const { secret } = th.hub.registry.add({ id: 'kiosk-1', kind: 'kiosk', counterId: null }, []);
  t.match(th.hub.pairing('kiosk-1', secret), { mqttUrl: `mqtt://192.0.2.10:${th.hub.mqttPort}`, wsUrl: 'ws://192.0.2.10:8080/mqtt', pageUrl: new RegExp(`^${publicUrl}/kiosk#device=kiosk-1`) }, 'the hub\'s pairing data');

  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const add = await run(['devices', 'add', '--config', officeFile(dir, (c) => { c.hub.publicUrl = publicUrl; c.hub.mqttPort = 1883; }), '--id', 'tv-1', '--kind', 'display']);
  const cli = JSON.parse(add.out) as { pairing: Record<string, unknown> };
  t.match(cli.pairing, { mqttUrl: 'mqtt://192.0.2.10:1883', wsUrl: 'ws://192.0.2.10:8080/mqtt', pageUrl: new RegExp(`^${publicUrl}/display/hall#`) }, 'the CLI\'s pairing data');
});
