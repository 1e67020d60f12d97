/**
 * `npm run bench [-- --short] [-- --out FILE]`: the hub as a separate process with simulated devices over real
 * loopback sockets; writes artifacts/bench.json with each figure next to its baseline measured in the same run.
 * See docs/benchmarks.md. Every loop is bounded; every child process is killed on exit and on signals.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import mqtt, { type MqttClient } from 'mqtt';
import { openDatabase } from '../../broker/db/open.js';
import { exportMosquitto } from '../../broker/devices/mosquitto.js';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { VirtualPrinter } from '../../printer/index.js';
import { provision, type DeviceSpec } from '../fault/load.js';
import { startMosquitto, type Mosquitto } from '../fault/mosquitto.js';
import { HubProcess, writeOfficeFile } from '../fault/proc.js';
import { freePort } from '../helpers/net.js';
import { brokerLoad } from './broker-load.js';
import { directPostRate, drained, fillOutbox } from './drain.js';
import { BenchDevice, displayFanout, issueRate, printLatency } from './figures.js';
import { bookingRace } from './booking-race.js';
import { refsFrom, ticketPush, waitingTickets } from './ticket-push.js';
import { provinceIngest } from './province.js';
import { figure, mqttRoundTrip, round, type Figure } from './stats.js';
import { waitEstimate } from './wait-estimate.js';
import { issueWithForecast } from './wait-issue.js';

const OFFICE = 'hoa-binh';
const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}-${String(i).padStart(3, '0')}`);

export interface BenchReport { short: boolean; startedAt: string; seconds: number; machine: Record<string, unknown>; figures: Record<string, Figure | { skipped: string }> }

/** `province: false` leaves provinceIngest out (the test suite's short run: it has its own fault tests in
 * test/province/, and its steady-flow phase once timed out on a loaded CI machine). */
export async function runBench(o: { short: boolean; out: string; log?: (s: string) => void; province?: boolean }): Promise<BenchReport> {
  const log = o.log ?? ((s: string) => console.log(s));
  const S = o.short
    ? { issueDevices: 20, perDevice: 10, raw: 300, rounds: 1, presses: 40, displays: 20, fanout: 5, phones: 20, loadDevices: 100, loadRate: 300, loadSecs: 2, backlog: 5000, direct: 5000, rtt: 50 }
    : { issueDevices: 100, perDevice: 20, raw: 3000, rounds: 3, presses: 200, displays: 100, fanout: 20, phones: 200, loadDevices: 500, loadRate: 1200, loadSecs: 10, backlog: 100_000, direct: 20_000, rtt: 300 };
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'motcua-bench-'));
  chmodSync(root, 0o755); // Mosquitto, dropped to its own user, must reach hub2/mosquitto/
  const figures: BenchReport['figures'] = {};
  const stops: (() => Promise<unknown>)[] = [];
  try {
    // --- hub 1 (embedded broker): devices for (a)–(d), provisioned before it starts -------------------------------
    const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
    const pp = await printer.start();
    stops.push(() => printer.stop());
    const d1 = join(root, 'hub1');
    mkdirSync(d1);
    const office1 = writeOfficeFile({ dir: d1, port: await freePort(), mqttPort: await freePort() });
    const specs: DeviceSpec[] = [
      ...ids('da', S.issueDevices).map((id) => ({ id, kind: 'dispenser' })),
      { id: 'printer-b', kind: 'printer', options: { transport: 'tcp', host: pp.host, port: pp.port, paper: 80, text: 'cp1258', model: 'epson' } },
      ...ids('db', 3).map((id) => ({ id, kind: 'dispenser', options: { printerId: 'printer-b' } })),
      { id: 'kp-q1', kind: 'keypad', counterId: 'q1' },
      ...ids('dd', S.displays).map((id) => ({ id, kind: 'display' })),
      ...ids('bd', S.loadDevices).map((id) => ({ id, kind: 'dispenser' })),
    ];
    const secrets = provision(office1, join(d1, 'motcua.db'), specs, [['q1', 'nv-lan']]);
    const d2 = join(root, 'hub2');
    mkdirSync(d2);
    copyFileSync(join(d1, 'motcua.db'), join(d2, 'motcua.db'));
    const sec = (id: string) => secrets.get(id) ?? '';

    const bare = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const bareMs = performance.now() - t0;
    void bare;
    const hub1 = new HubProcess(office1);
    stops.push(() => hub1.stop());
    const s1 = await hub1.start();
    figures.startup = figure({ name: 'hub start-up to "hub started" (fresh data dir)', value: s1.ms, unit: 'ms', baseline: bareMs, baselineName: 'bare `node -e ""` start', details: { rssKb: hub1.rssKb() } });
    log(`start-up ${round(s1.ms)} ms`);
    // hub memory: sampled from start-up to the end of (d); the resident size after each phase goes in details
    let peakKb = hub1.rssKb() ?? 0;
    const sampler = setInterval(() => { peakKb = Math.max(peakKb, hub1.rssKb() ?? 0); }, 100);
    const phases: Record<string, number> = {};
    const phase = (name: string) => { const kb = hub1.rssKb() ?? 0; peakKb = Math.max(peakKb, kb); phases[name] = round(kb / 1024, 1); };
    phase('started');
    const url1 = `mqtt://127.0.0.1:${s1.mqtt}`;

    // --- Mosquitto (baseline broker, and the external broker of hub 2) ------------------------------------------
    const hubPassword = randomBytes(18).toString('base64url');
    const db2 = openDatabase(join(d2, 'motcua.db'));
    const [pw, acl] = await exportMosquitto(db2, OFFICE, join(d2, 'mosquitto'), hubPassword);
    db2.close();
    const mq: Mosquitto = await startMosquitto({ dir: d2, port: await freePort(), passwordFile: pw ?? '', aclFile: acl ?? '' });
    stops.push(() => mq.stop());
    const mqUrl = `mqtt://127.0.0.1:${mq.port}`;
    const rtt = await mqttRoundTrip(mqUrl, { username: 'hub', password: hubPassword, clientId: 'hub-rtt', topic: `motcua/${OFFICE}/bench/rtt` }, S.rtt);
    log(`MQTT loopback round trip p50 ${round(rtt.p50)} ms, p99 ${round(rtt.p99)} ms`);

    // (a) issue rate
    const da = await Promise.all(ids('da', S.issueDevices).map((id) => BenchDevice.connect(url1, 'dispenser', id, sec(id))));
    figures.issueRate = await issueRate(da, S.perDevice, root, S.raw, S.rounds);
    await Promise.all(da.map((d) => d.end()));
    phase('(a) issue rate');
    log(`(a) ${JSON.stringify(figures.issueRate)}`);

    // (b) press → print
    const db = await Promise.all(ids('db', 3).map((id) => BenchDevice.connect(url1, 'dispenser', id, sec(id))));
    figures.printLatency = await printLatency(db, printer, 20, S.presses, rtt);
    await Promise.all(db.map((d) => d.end()));
    phase('(b) press → print');
    log(`(b) ${JSON.stringify(figures.printLatency)}`);

    // (c) Next → displays
    const kp = await BenchDevice.connect(url1, 'keypad', 'kp-q1', sec('kp-q1'));
    const displays: MqttClient[] = [];
    for (const id of ids('dd', S.displays)) {
      const c = await mqtt.connectAsync(url1, { clientId: id, username: id, password: sec(id), reconnectPeriod: 0 });
      await c.subscribeAsync(`motcua/${OFFICE}/hub/counter/q1`, { qos: 1 });
      displays.push(c);
    }
    figures.displayFanout = await displayFanout(kp, displays, S.fanout, rtt);
    // (c2) Next → the citizens' phones (live ticket pages over server-sent events)
    const waiting = waitingTickets(join(d1, 'motcua.db'), 'hotich', S.phones);
    const fan = figures.displayFanout as Figure;
    figures.ticketPush = waiting.length < S.phones ? { skipped: `only ${waiting.length} waiting tickets` }
      : await ticketPush(`http://127.0.0.1:${s1.http}`, refsFrom(join(d1, 'motcua.db'), waiting), kp, S.fanout, fan.value);
    log(`(c2) ${JSON.stringify(figures.ticketPush)}`);
    await Promise.all([kp.end(), ...displays.map((c) => c.endAsync(true))]);
    phase('(c) displays');
    log(`(c) ${JSON.stringify(figures.displayFanout)}`);

    // (d) devices through the embedded broker, then the same load through Mosquitto (hub 2 attached to it)
    const loadDevs = ids('bd', S.loadDevices).map((id) => ({ id, secret: sec(id) }));
    const emb = await brokerLoad(url1, OFFICE, loadDevs, S.loadRate, S.loadSecs).finally(() => { phase('(d) broker load'); clearInterval(sampler); });
    await hub1.stop();
    const office2 = writeOfficeFile({ dir: d2, port: await freePort(), mqttPort: await freePort(),
      patch: (c) => { c.hub.externalBrokerUrl = mqUrl; c.hub.externalBrokerUsername = 'hub'; c.hub.externalBrokerPassword = hubPassword; } });
    const hub2 = new HubProcess(office2);
    stops.push(() => hub2.stop());
    await hub2.start();
    const mos = await brokerLoad(mqUrl, OFFICE, loadDevs, S.loadRate, S.loadSecs);
    await hub2.stop();
    figures.brokerLoad = figure({ name: `${S.loadDevices} devices publishing through the embedded broker with access checks`, value: emb.achieved, unit: 'messages/s',
      baseline: mos.achieved, baselineName: 'the same load through Mosquitto (ACL), hub attached', target: '≥ 1,000 messages/s with 500 devices (full run)',
      meetsTarget: !o.short ? emb.achieved >= 1000 : undefined, details: { embedded: emb, mosquitto: mos, ackP99Ratio: round(emb.ackP99 / mos.ackP99, 3) } });
    figures.hubMemory = figure({ name: `hub resident memory (peak from start-up through (a)–(d); ${S.loadDevices + S.displays} devices connected under load in (d))`, value: peakKb / 1024, unit: 'MB',
      baseline: 150, baselineName: 'target ceiling', target: '< 150 MB', meetsTarget: peakKb / 1024 < 150, details: { afterPhase: phases } });
    log(`(d) ${JSON.stringify(figures.brokerLoad)} memory ${round(peakKb / 1024)} MB`);

    // (e) outbox drain while tickets are issued
    const d3 = join(root, 'hub3');
    mkdirSync(d3);
    const sim = await startOnestopSim();
    stops.push(() => sim.close());
    const office3 = writeOfficeFile({ dir: d3, port: await freePort(), mqttPort: await freePort(), onestopUrl: sim.url });
    const sec3 = provision(office3, join(d3, 'motcua.db'), ids('de', 5).map((id) => ({ id, kind: 'dispenser' })));
    fillOutbox(join(d3, 'motcua.db'), S.backlog);
    const hub3 = new HubProcess(office3);
    stops.push(() => hub3.stop());
    const tDrain = performance.now();
    const done = drained(sim, S.backlog, tDrain, 300_000);
    const s3 = await hub3.start();
    const de = await Promise.all(ids('de', 5).map((id) => BenchDevice.connect(`mqtt://127.0.0.1:${s3.mqtt}`, 'dispenser', id, sec3.get(id) ?? '')));
    let issuing = true;
    let issued = 0;
    const presses = Promise.all(de.map(async (d, i) => {
      for (let k = 0; issuing && k < 2000; k++) {
        const a = await d.request('issue', { fieldId: ['hotich', 'datdai', 'tuphap', 'kinhdoanh', 'xaydung'][i] });
        if (a.ok) issued++;
        await new Promise((r) => setTimeout(r, 200));
      }
    }));
    const drainSecs = await done.finally(() => { issuing = false; });
    await presses;
    await Promise.all(de.map((d) => d.end()));
    await hub3.stop();
    const direct = await directPostRate(Math.min(S.direct, S.backlog), 200);
    figures.outboxDrain = figure({ name: `outbox drain of ${S.backlog} events to the provincial simulator while tickets are issued`, value: S.backlog / drainSecs, unit: 'events/s',
      baseline: direct, baselineName: 'the same batches posted straight to the simulator (no hub)', target: '≥ 2,000 events/s',
      meetsTarget: S.backlog / drainSecs >= 2000, details: { seconds: round(drainSecs), ticketsIssuedMeanwhile: issued, hubStartWithBacklogMs: round(s3.ms) } });
    log(`(e) ${JSON.stringify(figures.outboxDrain)}`);

    // (g) the clerk console's one key to the counter display (real Chromium, in-process hub)
    // imported at run time: it drives pages, so it is type-checked with the page tests (tsconfig.page-tests.json)
    const cc = (await import('./console-call.js' as string)) as { consoleCall: (short: boolean) => Promise<Figure> };
    figures.consoleCall = await cc.consoleCall(o.short);
    log(`(g) ${JSON.stringify(figures.consoleCall)}`);

    // (h) bookings racing for the last places of slots (issue 22)
    figures.bookingRace = await bookingRace(o.short);
    log(`(h) ${JSON.stringify(figures.bookingRace)}`);
    // (h) wait forecasts against replayed office days (pure core, in process; issue 23)
    const we = waitEstimate(o.short);
    figures.waitEstimate = we.accuracy;
    figures.waitForecastCost = we.cost;
    const wi = await issueWithForecast(o.short);
    figures.waitForecastIssue = figure({ name: `a press answered (issue committed + the ticket's view) with ${wi.waiting} waiting, forecasts on (district example, history of 160 services)`, value: wi.withForecast.answerMs, unit: 'ms',
      baseline: wi.withoutHistory.answerMs, baselineName: 'the same with no history (no simulation runs)', details: { ...wi } });
    log(`(h) ${JSON.stringify({ waitForecastIssue: figures.waitForecastIssue, waitEstimate: { value: we.accuracy.value, baseline: we.accuracy.baseline, meetsTarget: we.accuracy.meetsTarget }, waitForecastCost: { value: we.cost.value, baseline: we.cost.baseline } })}`);
    // (h) the province: hundreds of hubs → Mosquitto → the province's service → PostgreSQL
    figures.provinceIngest = o.province === false ? { skipped: 'left out of the test suite\'s short run (npm run bench runs it; test/province/ tests its faults)' } as unknown as Figure : await provinceIngest(o.short, log);
    log(`(h) ${JSON.stringify(figures.provinceIngest)}`);

    // (f) reports (another suite's benchmark), full runs only: it builds a year of 300,000 tickets
    const reportsFile = join(dirname(new URL(import.meta.url).pathname), 'reports.bench.ts');
    if (o.short) figures.reports = { skipped: 'short run' };
    else if (!existsSync(reportsFile)) figures.reports = { skipped: 'test/bench/reports.bench.ts not present' };
    else {
      const m = (await import('./reports.bench.js')) as { benchReports: () => Promise<{ name: string; tickets: number; events: number; ms: number; baselineMs: number }> };
      const r = await m.benchReports();
      figures.reports = figure({ name: r.name, value: r.ms, unit: 'ms', baseline: r.baselineMs, baselineName: 'COUNT(*) over the same event log', details: { tickets: r.tickets, events: r.events } });
      log(`(f) ${JSON.stringify(figures.reports)}`);
    }
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
  const report: BenchReport = { short: o.short, startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(), seconds: round((performance.now() - started) / 1000, 1),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, platform: process.platform, loadavg: loadavg().map((x) => round(x)) }, figures };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify(report, null, 2) + '\n');
  return report;
}

if (process.argv[1] && /run\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, out: { type: 'string', default: 'artifacts/bench.json' } } });
  runBench({ short: !!values.short, out: values.out ?? 'artifacts/bench.json' }).then((r) => {
    console.log(`\nwrote ${values.out} in ${r.seconds} s`);
    for (const [k, f] of Object.entries(r.figures)) console.log('skipped' in f ? `  ${k}: skipped (${f.skipped})` : `  ${k}: ${f.value} ${f.unit} vs ${f.baseline} (${f.baselineName}) → ratio ${f.ratio}${f.target ? `, target ${f.target}` : ''}`);
    process.exit(0);
  }, (e: unknown) => { console.error(e); process.exit(1); });
}
