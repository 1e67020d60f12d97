import t, { type Test } from 'tap';
import { execFileSync } from 'node:child_process';
import { constants, promises as fsp } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEscPos } from '../../printer/decode.js';
import { UsbLpPrinterLink } from '../../printer/usblp-link.js';
import { encodeTicket } from '../../printer/ticket.js';
import { sampleTicket } from './fixtures.js';

async function tempDir(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mc-usblp-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test('writes the job to the device node (a temp file standing in for /dev/usb/lp0)', async (t) => {
  const dev = join(await tempDir(t), 'lp0');
  await writeFile(dev, '');
  const link = new UsbLpPrinterLink({ path: dev });
  t.teardown(() => link.close());
  t.equal(await link.status(), 'ok');
  const d = sampleTicket();
  await link.write(encodeTicket(d, { paper: 58, text: 'cp1258' }));
  const dec = decodeEscPos(new Uint8Array(await readFile(dev)));
  t.ok(dec.lines.includes('Bộ phận Một cửa huyện Đăk Hà'));
  t.same(dec.qr, [d.qrUrl]);
  t.ok(dec.cut);
});

t.test('missing device: status offline, write rejects', async (t) => {
  const dev = join(await tempDir(t), 'lp9');
  const link = new UsbLpPrinterLink({ path: dev });
  t.equal(await link.status(), 'offline');
  await t.rejects(link.write(Uint8Array.from([0x41])), { code: 'MC_ERR_PRINTER_OFFLINE' });
});

t.test('a device that stops taking data (FIFO nobody reads) makes write reject within the timeout', async (t) => {
  const dev = join(await tempDir(t), 'lpfifo');
  execFileSync('mkfifo', [dev]);
  const reader = await fsp.open(dev, constants.O_RDONLY | constants.O_NONBLOCK);
  t.teardown(() => reader.close());
  const link = new UsbLpPrinterLink({ path: dev, writeTimeoutMs: 300 });
  t.teardown(() => link.close());
  const started = Date.now();
  await t.rejects(link.write(new Uint8Array(1024 * 1024).fill(0x41)), { code: 'MC_ERR_PRINTER_OFFLINE' });
  t.ok(Date.now() - started < 2000, `bounded (${Date.now() - started} ms)`);
  t.equal(await link.status(), 'error', 'status shows the failed write');
});
