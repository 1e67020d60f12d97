import t, { type Test } from 'tap';
import { isMcError } from '../../protocol/errors.js';
import { parseStatus } from '../../printer/status.js';
import { printJob } from '../../printer/print-job.js';
import { TcpPrinterLink } from '../../printer/tcp-link.js';
import { encodeTicket } from '../../printer/ticket.js';
import { VirtualPrinter } from '../../printer/virtual-printer.js';
import { sampleTicket } from './fixtures.js';

const TIMEOUTS = { statusTimeoutMs: 300, writeTimeoutMs: 600, openTimeoutMs: 600 };

async function setup(t: Test): Promise<{ vp: VirtualPrinter; link: TcpPrinterLink }> {
  const vp = new VirtualPrinter();
  await vp.start();
  const link = new TcpPrinterLink({ host: '127.0.0.1', port: vp.port, ...TIMEOUTS });
  t.teardown(async () => { await link.close(); await vp.stop(); });
  return { vp, link };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try { await p; } catch (e) { return e; }
  throw new Error('expected a rejection');
}

const ticket = (): Uint8Array => encodeTicket(sampleTicket(), { paper: 80, text: 'cp1258' });

t.test('Epson status bytes', async (t) => {
  t.equal(parseStatus(0x16, 0x12, 0x12), 'ok');
  t.equal(parseStatus(0x1e, 0x16, 0x12), 'cover_open');
  t.equal(parseStatus(0x1e, 0x32, 0x72), 'paper_out');
  t.equal(parseStatus(0x16, 0x12, 0x1e), 'paper_low');
  t.equal(parseStatus(0x1e, 0x52, 0x12), 'error');
  t.equal(parseStatus(0x00, 0x12, 0x12), 'error', 'a byte that is not a status reply');
});

t.test('paper out, cover open, paper low and ok through DLE EOT; nothing printed when not ready', async (t) => {
  const { vp, link } = await setup(t);
  t.equal(await link.status(), 'ok');
  for (const s of ['paper_out', 'cover_open', 'paper_low'] as const) {
    vp.setState(s);
    t.equal(await link.status(), s, s);
  }
  vp.setState('paper_out');
  const err = await rejection(printJob(link, ticket()));
  t.ok(isMcError(err) && err.code === 'MC_ERR_PRINTER_OFFLINE', 'refused before sending');
  t.same(isMcError(err) && err.details, { status: 'paper_out' });
  t.equal(vp.jobs.length + vp.refusedJobs.length, 0, 'not a byte of the ticket was sent');
  vp.setState('ok');
  const next = vp.nextJob();
  await printJob(link, ticket());
  t.ok((await next).decoded.cut, 'prints again once the paper is back');
});

t.test('printer unreachable: status offline, write rejects', async (t) => {
  const { vp, link } = await setup(t);
  await vp.stop();
  t.equal(await link.status(), 'offline');
  const err = await rejection(printJob(link, ticket()));
  t.ok(isMcError(err) && err.code === 'MC_ERR_PRINTER_OFFLINE');
});

t.test('printer dies mid-ticket: the job fails within a bounded time and nothing is half-printed', async (t) => {
  const { vp, link } = await setup(t);
  t.equal(await link.status(), 'ok');
  vp.dieAfterBytes(300);
  const started = Date.now();
  const err = await rejection(printJob(link, ticket(), { precheck: false }));
  const took = Date.now() - started;
  t.ok(isMcError(err) && err.code === 'MC_ERR_PRINT_FAILED', `failed (${isMcError(err) ? err.code : String(err)})`);
  t.ok(took < 2000, `within a bound (${took} ms)`);
  t.equal(vp.jobs.length, 0, 'no ticket came out');
  t.equal(await link.status(), 'offline', 'status reports offline');
  await vp.revive();
  const next = vp.nextJob();
  await printJob(link, ticket());
  t.equal((await next).decoded.lines[0], 'Bộ phận Một cửa huyện Đăk Hà', 'reconnects and prints once back');
});

t.test('printer stalls (connection open, never reads): status and write are bounded', async (t) => {
  const { vp, link } = await setup(t);
  t.equal(await link.status(), 'ok');
  vp.stall();
  let started = Date.now();
  t.equal(await link.status(), 'offline', 'no answer → offline');
  t.ok(Date.now() - started < 1500, 'status bounded');
  started = Date.now();
  const big = new Uint8Array(32 * 1024 * 1024).fill(0x41);
  const err = await rejection(link.write(big));
  t.ok(isMcError(err) && err.code === 'MC_ERR_PRINTER_OFFLINE', 'write rejects');
  t.ok(Date.now() - started < 3000, `write bounded (${Date.now() - started} ms)`);
  started = Date.now();
  const err2 = await rejection(printJob(link, ticket(), { precheck: false }));
  t.ok(isMcError(err2) && err2.code === 'MC_ERR_PRINT_FAILED', 'a small ticket to a stalled printer fails at the confirm step');
  t.ok(Date.now() - started < 3000, 'bounded');
});
