/**
 * Device faults: a device that drops and comes back over and over, a printer that dies in the middle of a ticket,
 * a flood from one device. Each time another device keeps being answered; the test measures how.
 */
import t from 'tap';
import mqtt from 'mqtt';
import { VirtualPrinter } from '../../printer/index.js';
import { startHub, TestDevice, waitFor } from '../helpers/hub.js';
import { movingClock } from './load.js';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** Press repeatedly on a calm device while `during` runs; every press must be answered. Returns latencies (ms). */
async function keepPressing(calm: TestDevice, during: Promise<unknown>, field = 'datdai'): Promise<{ ms: number[]; failed: string[] }> {
  let done = false;
  void during.finally(() => { done = true; });
  const ms: number[] = [];
  const failed: string[] = [];
  for (let i = 0; i < 400 && (!done || i < 3); i++) {
    const t0 = performance.now();
    const r = await calm.request('issue', { fieldId: field }).catch((e: unknown) => ({ ok: false, error: { code: String(e) } }));
    ms.push(performance.now() - t0);
    if (!r.ok) failed.push(JSON.stringify(r.error));
    await new Promise((res) => setTimeout(res, 110)); // a citizen's pace, under the 10/s limit
  }
  return { ms, failed };
}

t.test('a device that drops and reconnects 60 times: the others keep being served, and it is served again after', async (t) => {
  const th = await startHub({ clock: movingClock() });
  t.teardown(th.stop);
  const calm = await TestDevice.create(th, 'disp-calm', 'dispenser');
  t.teardown(() => calm.end());
  const { secret } = th.hub.registry.add({ id: 'disp-flaky', kind: 'dispenser' }, []);
  const topic = 'motcua/hoa-binh/dispenser/disp-flaky';
  const churn = (async () => {
    for (let i = 0; i < 60; i++) {
      const c = mqtt.connect(th.hub.brokerUrl, { clientId: 'disp-flaky', username: 'disp-flaky', password: secret, reconnectPeriod: 0,
        will: { topic: `${topic}/availability`, payload: Buffer.from('offline'), qos: 1, retain: true } });
      c.on('error', () => undefined);
      await new Promise<void>((r) => c.once('connect', () => r()));
      c.publish(`${topic}/availability`, 'online', { qos: 1, retain: true });
      if (i % 2) c.stream.destroy(); else await c.endAsync(); // half the time the cable is pulled (Last Will), half a clean goodbye
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const { ms, failed } = await keepPressing(calm, churn);
  await churn;
  t.same(failed, [], `${ms.length} presses on another dispenser all answered during the churn (p50 ${pct(ms, 50).toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms)`);
  await waitFor(() => th.hub.presence.get('disp-flaky').online === false, 5000);
  t.pass('after a pulled cable its Last Will marks it offline');
  const back = await TestDevice.create(th, 'disp-back', 'dispenser');
  t.teardown(() => back.end());
  const flaky = await TestDevice.create(th, 'disp-flaky2', 'dispenser');
  t.teardown(() => flaky.end());
  t.match(await flaky.request('issue', { fieldId: 'hotich' }), { ok: true }, 'a device that comes back is served');
  const nums = [...th.hub.queue.snapshot.tickets.values()].map((x) => `${x.day}|${x.number}`);
  t.equal(new Set(nums).size, nums.length, 'no number twice');
});

t.test('a printer that dies mid-ticket: that ticket is voided and refused; other dispensers keep issuing; the printer comes back', async (t) => {
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await printer.start();
  const th = await startHub({ clock: movingClock() });
  t.teardown(async () => { await th.stop(); await printer.stop(); });
  const p = th.hub.registry.add({ id: 'printer-1', kind: 'printer', options: { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258', model: 'epson' } }, []);
  th.hub.addPrinter(p.device);
  const withPrinter = await TestDevice.create(th, 'disp-p', 'dispenser', null, { printerId: 'printer-1' });
  const calm = await TestDevice.create(th, 'disp-calm', 'dispenser');
  t.teardown(() => Promise.all([withPrinter.end(), calm.end()]));
  t.match(await withPrinter.request('issue', { fieldId: 'hotich' }), { ok: true, result: { status: 'waiting' } }, 'a ticket prints');
  printer.dieAfterBytes(60);
  const dying = withPrinter.request('issue', { fieldId: 'hotich' });
  const { ms, failed } = await keepPressing(calm, dying);
  const r = await dying;
  t.match(r, { ok: false, error: { code: /MC_ERR_PRINT(ER_OFFLINE|_FAILED)/, message: /Máy in|In phiếu/ } }, 'the citizen is told the ticket did not print');
  t.same(failed, [], `${ms.length} presses on a dispenser without that printer answered meanwhile (p99 ${pct(ms, 99).toFixed(0)} ms)`);
  const voided = [...th.hub.queue.snapshot.tickets.values()].filter((x) => x.source === 'disp-p' && x.status === 'voided');
  t.equal(voided.length, 1, 'the half-printed ticket is voided, never callable');
  await printer.revive();
  await waitFor(async () => (await th.hub.printers.get('printer-1')?.refresh()) === 'ok', 10_000).catch(() => undefined);
  const again = await withPrinter.request('issue', { fieldId: 'hotich' });
  t.match(again, { ok: true, result: { status: 'waiting' } }, 'after the printer is back, presses print again');
});

t.test('a flood from one device: it is throttled, everyone else keeps being answered', async (t) => {
  const th = await startHub({ clock: movingClock() });
  t.teardown(th.stop);
  const flood = await TestDevice.create(th, 'disp-flood', 'dispenser');
  const calm = await TestDevice.create(th, 'disp-calm', 'dispenser');
  const pad = await TestDevice.create(th, 'rating-q1', 'rating', 'q1');
  t.teardown(() => Promise.all([flood.end(), calm.end(), pad.end()]));
  const flooding = (async () => {
    for (let i = 0; i < 5000; i++) {
      flood.client.publish(flood.topic('request'), JSON.stringify({ v: 1, id: `f${i}`, op: 'issue', fieldId: 'hotich' }), { qos: 0 });
      if (i % 200 === 199) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => flood.responses.length >= 5000, 60_000);
  })();
  const { ms, failed } = await keepPressing(calm, flooding);
  await flooding;
  t.same(failed, [], `${ms.length} presses of another dispenser answered during a 5,000-message flood (p50 ${pct(ms, 50).toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms)`);
  t.match(await pad.request('rate', { level: 'satisfied' }), { ok: false, error: { code: 'MC_ERR_RATING_CLOSED' } }, 'a rating pad gets its (honest) answer too');
  const limited = flood.responses.filter((r) => (r.error as { code?: string } | undefined)?.code === 'MC_ERR_RATE_LIMITED').length;
  const issued = [...th.hub.queue.snapshot.tickets.values()].filter((x) => x.source === 'disp-flood').length;
  t.ok(limited > 4000, `the flood was throttled: ${limited} of 5,000 refused as MC_ERR_RATE_LIMITED`);
  t.ok(issued < 1000, `only ${issued} flood presses became tickets (burst + 10/s)`);
});
