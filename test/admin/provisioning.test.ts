/** Provisioning refuses what nothing could drive: the CLI (as a process) and the admin API give the same reasons. */
import t from 'tap';
import { rmSync } from 'node:fs';
import { ERRORS } from '../../protocol/errors.js';
import { officeFile, run } from '../helpers/cli.js';
import { OPEN_AT, staffFetch, startHub, tempDir, testClock } from '../helpers/hub.js';

const NFC = (s: string) => s === s.normalize('NFC');

t.test('motcua devices add: unknown transport, a printer without its options, --printer naming no printer', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const f = officeFile(dir);
  const add = (...a: string[]) => run(['devices', 'add', '--config', f, ...a]);

  const pigeon = await add('--id', 'p1', '--kind', 'printer', '--options', '{"transport":"pigeon"}');
  t.equal(pigeon.code, 1, 'refused');
  t.match(pigeon.err, /MC_ERR_BAD_TRANSPORT: Kiểu kết nối máy in không được hỗ trợ[\s\S]*use tcp, usblp, serial or mqtt\. "pigeon"/);
  t.ok(NFC(pigeon.err), 'Vietnamese in NFC');

  const bare = await add('--id', 'p1', '--kind', 'printer');
  t.equal(bare.code, 1);
  t.match(bare.err, /MC_ERR_PRINTER_OPTIONS: Máy in thiếu thông tin kết nối[\s\S]*give its transport \(tcp, usblp, serial, mqtt\)/);
  const noHost = await add('--id', 'p1', '--kind', 'printer', '--options', '{"transport":"tcp","port":9100}');
  t.match(noHost.err, /a network printer needs options\.host/);
  const noPath = await add('--id', 'p1', '--kind', 'printer', '--options', '{"transport":"usblp"}');
  t.match(noPath.err, /a usblp printer needs options\.path \(e\.g\. \/dev\/usb\/lp0\)/);

  const ghost = await add('--id', 'disp-1', '--kind', 'dispenser', '--printer', 'may-in-ma');
  t.equal(ghost.code, 1);
  t.match(ghost.err, /MC_ERR_UNKNOWN_PRINTER: Không có máy in với mã này[\s\S]*"may-in-ma" is not a device/);

  t.equal((await add('--id', 'p1', '--kind', 'printer', '--options', '{"transport":"mqtt"}')).code, 0, 'an MQTT printer needs no address');
  t.equal((await add('--id', 'p2', '--kind', 'printer', '--options', '{"transport":"tcp","host":"127.0.0.1"}')).code, 0);
  const notPrinter = await add('--id', 'disp-2', '--kind', 'dispenser', '--printer', 'disp-1');
  t.match(notPrinter.err, /MC_ERR_UNKNOWN_PRINTER/, 'a refused dispenser was never created, so it is no printer either');
  const ok = await add('--id', 'disp-1', '--kind', 'dispenser', '--printer', 'p1');
  t.equal(ok.code, 0, 'a dispenser paired with an existing printer');
  const list = await run(['devices', 'list', '--config', f]);
  t.same(list.out.trim().split('\n').map((l) => l.split('\t')[0]), ['disp-1', 'p1', 'p2'], 'only the accepted devices exist');
});

t.test('the admin API refuses the same, with codes and both messages', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('ky-thuat', 'mat-khau-dai-1', 'technician', null);
  const api = await staffFetch(th.url, 'ky-thuat', 'mat-khau-dai-1');
  const post = (body: Record<string, unknown>) => api('/api/devices', { body });

  const cases: [Record<string, unknown>, keyof typeof ERRORS, RegExp][] = [
    [{ id: 'p1', kind: 'printer', options: { transport: 'bluetooth' } }, 'MC_ERR_BAD_TRANSPORT', /"bluetooth"/],
    [{ id: 'p1', kind: 'printer' }, 'MC_ERR_PRINTER_OPTIONS', /give its transport/],
    [{ id: 'p1', kind: 'printer', options: { transport: 'serial' } }, 'MC_ERR_PRINTER_OPTIONS', /\/dev\/ttyUSB0/],
    [{ id: 'p1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port: 70000 } }, 'MC_ERR_PRINTER_OPTIONS', /70000 is not a TCP port/],
    [{ id: 'd1', kind: 'dispenser', options: { printerId: 'ghost' } }, 'MC_ERR_UNKNOWN_PRINTER', /"ghost" is not a device/],
    [{ id: 'r1', kind: 'rating', counterId: 'q1', options: { printerId: 'ghost' } }, 'MC_ERR_BAD_REQUEST', /a rating prints nothing/],
  ];
  for (const [body, code, en] of cases) {
    const r = await post(body);
    t.equal(r.status, ERRORS[code].http, `${JSON.stringify(body)} → ${r.status}`);
    t.match(r.body, { code, message: ERRORS[code].vi, messageEn: en });
  }
  t.same(th.hub.registry.list(), [], 'nothing was created');
  t.equal((await post({ id: 'p1', kind: 'printer', options: { transport: 'mqtt' } })).status, 200);
  t.equal((await post({ id: 'd1', kind: 'dispenser', options: { printerId: 'p1' } })).status, 200);
  t.same(th.hub.registry.list().map((d) => d.id).sort(), ['d1', 'p1']);
});
