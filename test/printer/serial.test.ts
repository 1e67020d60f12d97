import t from 'tap';
import { SerialPortMock } from 'serialport';
import { printJob } from '../../printer/print-job.js';
import { SerialPrinterLink } from '../../printer/serial-link.js';
import { PrinterSimulator } from '../../printer/simulator.js';
import { encodeTicket } from '../../printer/ticket.js';
import { sampleTicket } from './fixtures.js';

/** The parts of @serialport/binding-mock's MockPortBinding used here (its types do not resolve under NodeNext). */
interface MockPortBinding { write(buf: Buffer): Promise<void>; emitData(data: Buffer): void }

/** Connect a printer simulator to the far end of a mock serial port: it sees every written byte and answers. */
function wireSimulator(port: SerialPortMock, sim: PrinterSimulator): void {
  const binding = port.port as unknown as MockPortBinding;
  const write = binding.write.bind(binding);
  binding.write = async (buf: Buffer): Promise<void> => {
    await write(buf);
    const reply = sim.receive(buf);
    if (reply.length) binding.emitData(Buffer.from(reply));
  };
}

t.test('serial link prints a ticket and reads status via DLE EOT (mock binding)', async (t) => {
  const path = `/dev/ttyPRN${process.pid}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  const port = new SerialPortMock({ path, baudRate: 19200, autoOpen: false });
  const link = new SerialPrinterLink({ port, statusTimeoutMs: 300, writeTimeoutMs: 1000 });
  t.teardown(() => link.close());
  await link.open();
  const sim = new PrinterSimulator();
  wireSimulator(port, sim);

  t.equal(await link.status(), 'ok');
  const d = sampleTicket();
  const next = new Promise((resolve) => sim.once('job', resolve));
  await printJob(link, encodeTicket(d, { paper: 58, text: 'cp1258' }));
  await next;
  t.equal(sim.jobs.length, 1);
  const dec = sim.jobs[0]!.decoded;
  t.ok(dec.lines.includes('Lao động – Thương binh và Xã hội'));
  t.same(dec.qr, [d.qrUrl]);
  t.ok(dec.cut);

  sim.setState('paper_out');
  t.equal(await link.status(), 'paper_out');
  sim.setState('cover_open');
  t.equal(await link.status(), 'cover_open');
});

t.test('serial port that never answers: status offline within the timeout', async (t) => {
  const path = `/dev/ttyPRNX${process.pid}`;
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
  const port = new SerialPortMock({ path, baudRate: 19200, autoOpen: false });
  const link = new SerialPrinterLink({ port, statusTimeoutMs: 200 });
  t.teardown(() => link.close());
  const started = Date.now();
  t.equal(await link.status(), 'offline');
  t.ok(Date.now() - started < 1500);
});

t.test('serial port that cannot be opened: write rejects with MC_ERR_PRINTER_OFFLINE', async (t) => {
  const port = new SerialPortMock({ path: '/dev/ttyNOPE', baudRate: 19200, autoOpen: false });
  const link = new SerialPrinterLink({ port, openTimeoutMs: 300 });
  await t.rejects(link.write(Uint8Array.from([0x41])), { code: 'MC_ERR_PRINTER_OFFLINE' });
  await link.close();
});
