import t from 'tap';
import { VirtualPrinter } from '../../printer/index.js';
import { OPEN_AT, startHub, TestDevice, testClock } from '../helpers/hub.js';

/** A hub with a virtual network printer and a dispenser paired to it. */
async function setup(t: { teardown: (f: () => unknown) => void }) {
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await printer.start();
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(async () => { await th.stop(); await printer.stop(); });
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258', model: 'epson' } }, []);
  th.hub.addPrinter(p.device);
  const d = await TestDevice.create(th, 'disp-1', 'dispenser', null, { printerId: 'printer-1' });
  t.teardown(() => d.end());
  return { th, printer, d, clock };
}

t.test('a press prints a correct Vietnamese ticket on the network printer before the number counts', async (t) => {
  const { th, printer, d } = await setup(t);
  const job = printer.nextJob();
  const r = await d.request('issue', { fieldId: 'ldtbxh', priority: 'pregnant' });
  t.match(r, { ok: true, result: { number: '6001', status: 'waiting' } });
  const j = await job;
  t.ok(j.decoded.cut, 'the paper is cut');
  const text = j.decoded.lines.join('\n');
  t.match(text, 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình');
  t.match(text, '6001');
  t.match(text, 'Lao động – Thương binh và Xã hội');
  t.match(text, /ƯU TIÊN/);
  t.same(j.decoded.qr, [`${th.hub.publicBase()}/t/${String((r.result as { ref: string }).ref)}`], 'the QR opens the ticket\'s live page');
  t.match(String((r.result as { ref: string }).ref), /^[0-9a-z-]+\.[A-Za-z0-9_-]{22}$/, 'by its id and an unguessable token');
  t.equal(text, text.normalize('NFC'));
});

t.test('the printed ticket tells the same wait as the answer to the dispenser and the ticket page', async (t) => {
  const { th, printer, d, clock } = await setup(t);
  const q = th.hub.queue;
  const cmd = (c: Parameters<typeof q.execute>[0]) => q.execute(c, { source: 't' });
  cmd({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  // the first ticket of a new office: no service history, and the paper says so instead of a number
  let job = printer.nextJob();
  const first = await d.request('issue', { fieldId: 'hotich' });
  t.match((first.result as { estimate: unknown }).estimate, { ahead: 0, basis: 'none', minutes: null, low: null, high: null }, 'no history: no figure in the answer');
  t.match((await job).decoded.lines.join('\n'), 'Thời gian chờ dự kiến: chưa có số liệu', 'nor on the paper');
  // the clerk serves three citizens in 4, 6 and 8 minutes: now there is a history
  for (const m of [4, 6, 8]) {
    cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
    cmd({ op: 'next', counterId: 'q1' });
    clock.advance(m * 60_000);
    cmd({ op: 'finish', counterId: 'q1', outcome: 'guidance' });
  }
  for (let i = 0; i < 2; i++) cmd({ op: 'issue', fieldId: 'hotich', source: 't', awaitPrint: false });
  job = printer.nextJob();
  const r = await d.request('issue', { fieldId: 'hotich' });
  const est = (r.result as { estimate: { ahead: number; minutes: number; low: number; high: number; basis: string } }).estimate;
  t.match(est, { ahead: 3, basis: 'history' }, 'the answer: three people ahead, forecast from history');
  t.ok(est.low >= 8 && est.low < est.minutes && est.minutes < est.high && est.high <= 24, `three services of 4–8 minutes ahead: ${est.low}–${est.high} min, central ${est.minutes}`);
  const text = (await job).decoded.lines.join('\n');
  t.match(text, `Số người đang chờ trước: ${est.ahead}`, 'the paper says the same people ahead (decoded from the printed bytes)');
  t.match(text, `Thời gian chờ dự kiến: khoảng ${est.low}–${est.high} phút`, 'and the same range');
  const page = await (await fetch(`${th.url}/api/tickets/${String((r.result as { ref: string }).ref)}`)).json() as { estimate: unknown };
  t.same(page.estimate, est, 'the ticket page agrees');
});

t.test('a printer that is out of paper: the press is refused clearly, no number is left waiting, and it works once fixed', async (t) => {
  const { th, printer, d } = await setup(t);
  printer.setState('paper_out');
  const r = await d.request('issue', { fieldId: 'hotich' });
  t.match(r, { ok: false, error: { code: 'MC_ERR_PRINTER_OFFLINE', message: /Máy in/ } });
  const waiting = [...th.hub.queue.snapshot.tickets.values()].filter((x) => x.status === 'waiting' || x.status === 'pending');
  t.equal(waiting.length, 0, 'nothing callable was issued');
  th.hub.queue.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
  t.throws(() => th.hub.queue.execute({ op: 'next', counterId: 'q1' }, { source: 't' }), { code: 'MC_ERR_QUEUE_EMPTY' }, 'a voided ticket is never called');
  printer.setState('ok');
  t.match(await d.request('issue', { fieldId: 'hotich' }), { ok: true, result: { status: 'waiting' } }, 'the citizen presses again once the paper is in');
});

t.test('a printer that dies mid-ticket: the ticket is voided, never half-issued', async (t) => {
  const { th, printer, d } = await setup(t);
  printer.dieAfterBytes(40);
  const r = await d.request('issue', { fieldId: 'datdai' });
  t.match(r, { ok: false, error: { code: /MC_ERR_PRINT(ER_OFFLINE|_FAILED)/ } });
  const tickets = [...th.hub.queue.snapshot.tickets.values()];
  t.equal(tickets.length, 1);
  t.equal(tickets[0]?.status, 'voided');
  const events = th.hub.db.prepare("SELECT type FROM events WHERE ticket_id = ? ORDER BY seq").all(tickets[0]?.id) as { type: string }[];
  t.same(events.map((e) => e.type), ['ticket.issued', 'ticket.voided'], 'the log says what happened');
});

t.test('staff reprint the ticket, marked as a copy; the queue is unchanged', async (t) => {
  const { th, printer, d } = await setup(t);
  const r = await d.request('issue', { fieldId: 'hotich' });
  const id = String((r.result as { id: string }).id);
  await th.hub.staff.add('nv-lan', 'matkhau-123', 'clerk', 'nv-lan');
  const { staffFetch } = await import('../helpers/hub.js');
  const api = await staffFetch(th.url, 'nv-lan', 'matkhau-123');
  const before = th.hub.queue.snapshot.tickets.size;
  const next = printer.nextJob();
  t.match(await api(`/api/tickets/${id}/reprint`, { body: {} }), { status: 200, body: { ok: true, printerId: 'printer-1' } });
  const copy = await next;
  t.match(copy.decoded.lines.join('\n'), /BẢN IN LẠI/);
  t.match(copy.decoded.lines.join('\n'), /1001/);
  t.equal(th.hub.queue.snapshot.tickets.size, before, 'no new ticket');
  t.equal((await fetch(`${th.url}/api/tickets/${id}/reprint`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401, 'staff only');
});
