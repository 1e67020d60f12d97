/**
 * The benchmark harness in its short form, as a regression check: it must run end to end (hub processes,
 * Mosquitto, devices, printer, simulator) and report every figure next to its baseline. Times are NOT asserted.
 */
import t from 'tap';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/hub.js';
import { runBench } from './run.js';

t.test('npm run bench -- --short writes every figure with its baseline', async (t) => {
  const dir = tempDir('motcua-bench-out-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'bench.json');
  const lines: string[] = [];
  await runBench({ short: true, out, log: (s) => lines.push(s), province: false });
  const r = JSON.parse(readFileSync(out, 'utf8')) as { short: boolean; machine: { cpus: number }; figures: Record<string, Record<string, unknown>> };
  t.equal(r.short, true);
  t.ok(r.machine.cpus > 0, 'the machine is described');
  for (const k of ['startup', 'issueRate', 'printLatency', 'displayFanout', 'ticketPush', 'brokerLoad', 'hubMemory', 'outboxDrain', 'consoleCall', 'bookingRace', 'waitEstimate', 'waitForecastCost', 'waitForecastIssue']) {
    const f = r.figures[k];
    t.ok(f, `figure ${k} is reported`);
    t.match(f, { name: String, unit: String, baselineName: String }, `${k} names its unit and baseline`);
    t.ok(Number.isFinite(f?.value) && Number(f?.value) > 0, `${k} has a value (${String(f?.value)} ${String(f?.unit)})`);
    t.ok(Number.isFinite(f?.baseline) && Number(f?.baseline) > 0, `${k} has a baseline measured in the run (${String(f?.baseline)})`);
    t.ok(Number.isFinite(f?.ratio), `${k} has a ratio`);
  }
  t.match(r.figures.reports, { skipped: String }, 'the reports benchmark is left to full runs');
  t.match(r.figures.printLatency, { details: { printed: 40, presses: 40 } }, 'every press printed');
  t.match(r.figures.bookingRace, { meetsTarget: true, details: { overbookedSlots: 0 } }, 'no slot overbooked in the race');
  t.match(r.figures.waitEstimate, { details: { scenarios: [{ predictors: { forecaster: { n: Number }, today: {}, erlangC: {}, les: {} } }, {}, {}] } }, 'three replayed scenarios, four predictors');
  t.match(r.figures.provinceIngest, { skipped: String }, 'provinceIngest is left to npm run bench (its faults are tested in test/province/)');
  t.match(r.figures.brokerLoad, { details: { embedded: { failed: 0 }, mosquitto: { failed: 0 } } }, 'no message lost in either broker');
});
