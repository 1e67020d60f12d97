/**
 * The printer contract: what the hub promises a citizen whatever carries the ticket to the printer. The same checks
 * run against each printer profile (network printer on TCP, a printer with its own MQTT firmware), driven by a real
 * hub through a real dispenser, each printer played by its simulator.
 */
import tap, { type Test } from 'tap';
import type { PrintedJob, SimulatedState } from '../../printer/index.js';
import { OPEN_AT, startHub, TestDevice, testClock, waitFor, type TestHub } from '../helpers/hub.js';

/** One printer profile under test: how to make it, and the faults its simulator can play. */
export interface PrinterRig {
  /** Start what must run before the device exists; answers the printer device's options (the hub drives it from these). */
  prepare(): Promise<Record<string, unknown>>;
  /** Connect once the device exists (an MQTT printer logs in with its secret). */
  connect(th: TestHub, secret: string): Promise<void>;
  jobs(): readonly PrintedJob[];
  nextJob(): Promise<PrintedJob>;
  setState(s: SimulatedState): void;
  /** The printer takes the job and never finishes it. */
  failNextJob(): void;
  /** The printer goes away. */
  vanish(): Promise<void>;
  stop(): Promise<void>;
}

async function setup(t: Test, rig: PrinterRig): Promise<{ th: TestHub; d: TestDevice }> {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  t.teardown(() => rig.stop());
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: await rig.prepare() }, []);
  await rig.connect(th, p.secret);
  th.hub.addPrinter(p.device);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => d.end());
  await waitFor(() => th.hub.printers.get('printer-1')?.status() === 'ok', 10_000);
  return { th, d };
}

/** The hub knows the printer's state (a network printer is asked; an MQTT printer says it). */
async function hubSees(th: TestHub, s: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await th.hub.printers.get('printer-1')?.refresh()) === s) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the hub never saw the printer ${s}`);
}

const tickets = (th: TestHub) => [...th.hub.queue.snapshot.tickets.values()];

export function printerContract(name: string, make: () => PrinterRig): void {
  void tap.test(`printer contract: ${name}`, async (t) => {
    await t.test('a press prints the ticket before the number counts', async (t) => {
      const rig = make();
      const { th, d } = await setup(t, rig);
      const job = rig.nextJob();
      const r = await d.request('issue', { fieldId: 'hotich' });
      t.match(r, { ok: true, result: { number: '1001', status: 'waiting' } });
      const j = await job;
      t.ok(j.decoded.cut, 'cut');
      t.match(j.decoded.lines.join('\n'), '1001');
      t.match(j.decoded.lines.join('\n'), 'Hộ tịch', 'Vietnamese on paper');
      t.same(j.decoded.qr, [`${th.hub.publicBase()}/t/${String((r.result as { ref: string }).ref)}`], 'the QR holds the ticket\'s public reference');
    });

    await t.test('out of paper: refused clearly, nothing printed, nothing left waiting; works once fixed', async (t) => {
      const rig = make();
      const { th, d } = await setup(t, rig);
      rig.setState('paper_out');
      await hubSees(th, 'paper_out');
      t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: false, error: { code: 'MC_ERR_PRINTER_OFFLINE', message: /Máy in/ } });
      t.equal(rig.jobs().length, 0, 'nothing came out');
      t.equal(tickets(th).filter((x) => x.status === 'waiting' || x.status === 'pending').length, 0, 'no number is waiting');
      rig.setState('ok');
      await hubSees(th, 'ok');
      t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { status: 'waiting' } });
      t.equal(rig.jobs().length, 1);
    });

    await t.test('the printer fails during the job: the ticket is voided, never half-issued', async (t) => {
      const rig = make();
      const { th, d } = await setup(t, rig);
      rig.failNextJob();
      t.match(await d.request('issue', { fieldId: 'datdai' }), { ok: false, error: { code: /MC_ERR_PRINT(ER_OFFLINE|_FAILED)/ } });
      t.same(tickets(th).map((x) => x.status), ['voided']);
    });

    await t.test('the printer is gone: offline, refused before any number is taken', async (t) => {
      const rig = make();
      const { th, d } = await setup(t, rig);
      await rig.vanish();
      await hubSees(th, 'offline');
      t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: false, error: { code: 'MC_ERR_PRINTER_OFFLINE' } });
      t.same(tickets(th).filter((x) => x.status !== 'voided'), [], 'no number exists that nobody holds');
    });
  });
}
