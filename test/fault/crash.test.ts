/**
 * Crash test: presses, calls, finishes and ratings over real MQTT against a hub PROCESS killed with SIGKILL at
 * random moments (≥ 20 times), restarted each time on the same data dir. Clients keep what the hub acknowledged
 * and re-send unanswered requests with the same id. After every restart: no number twice in a day, every
 * acknowledged ticket / finish / rating present, integrity_check = ok. At the end the provincial simulator holds
 * every outbox event exactly once, in outbox order.
 */
import t from 'tap';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { tempDir, waitFor } from '../helpers/hub.js';
import { until } from '../onestop/helpers.js';
import { LoadDevice, provision, type Answer } from './load.js';
import { HubProcess, writeOfficeFile } from './proc.js';
import { freePort } from '../helpers/net.js';

const KILLS = Number(process.env.MC_CRASH_KILLS ?? 20);
const OFFICE = 'hoa-binh';
const MAX_PER_FIELD = 300;

interface Acks { issued: Map<string, string>; finished: Set<string>; rated: Map<string, string> }

function rand(a: number, b: number): number { return a + Math.floor(Math.random() * (b - a)); }
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the database must show after a crash and restart. Returns a list of problems (empty = fine). */
function check(dbFile: string, acks: Acks): { problems: string[]; tickets: number; ratings: number } {
  const db = new Database(dbFile);
  try {
    const problems: string[] = [];
    const ic = db.pragma('integrity_check', { simple: true });
    if (ic !== 'ok') problems.push(`integrity_check: ${String(ic)}`);
    const dup = db.prepare(`SELECT json_extract(data,'$.ticket.day') AS d, json_extract(data,'$.ticket.number') AS n, COUNT(*) AS c
      FROM events WHERE type = 'ticket.issued' GROUP BY d, n HAVING c > 1`).all() as { d: string; n: string; c: number }[];
    for (const x of dup) problems.push(`number ${x.n} issued ${x.c} times on ${x.d}`);
    const dupT = db.prepare('SELECT day, number, COUNT(*) AS c FROM tickets GROUP BY day, number HAVING c > 1').all() as { day: string; number: string }[];
    for (const x of dupT) problems.push(`two tickets numbered ${x.number} on ${x.day}`);
    const tk = new Map((db.prepare('SELECT id, number, status FROM tickets').all() as { id: string; number: string; status: string }[]).map((r) => [r.id, r]));
    for (const [id, number] of acks.issued) {
      const r = tk.get(id);
      if (!r) problems.push(`acknowledged ticket ${id} (${number}) lost`);
      else if (r.number !== number) problems.push(`ticket ${id} was ${number}, now ${r.number}`);
      else if (r.status === 'voided' || r.status === 'pending') problems.push(`acknowledged ticket ${id} is ${r.status}`);
    }
    for (const id of acks.finished) if (tk.get(id)?.status !== 'done') problems.push(`acknowledged finish of ${id} lost (${tk.get(id)?.status})`);
    const rt = new Map((db.prepare('SELECT ticket_id, level FROM ratings').all() as { ticket_id: string; level: string }[]).map((r) => [r.ticket_id, r.level]));
    for (const [id, level] of acks.rated) if (rt.get(id) !== level) problems.push(`acknowledged rating ${level} of ${id} lost`);
    return { problems, tickets: tk.size, ratings: rt.size };
  } finally { db.close(); }
}

t.test(`${KILLS} SIGKILLs under load lose no acknowledged ticket or rating, and the outbox arrives once, in order`, async (t) => {
  const dir = tempDir('motcua-crash-');
  const sim = await startOnestopSim();
  const hub = new HubProcess(writeOfficeFile({ dir, port: await freePort(), mqttPort: await freePort(), onestopUrl: sim.url }));
  const devices = [
    { id: 'disp-1', kind: 'dispenser', field: 'hotich' }, { id: 'disp-2', kind: 'dispenser', field: 'tuphap' }, { id: 'disp-3', kind: 'dispenser', field: 'datdai' },
    { id: 'keypad-q1', kind: 'keypad', counterId: 'q1' }, { id: 'keypad-q2', kind: 'keypad', counterId: 'q2' }, { id: 'keypad-q4', kind: 'keypad', counterId: 'q4' },
    { id: 'rating-q1', kind: 'rating', counterId: 'q1' }, { id: 'rating-q2', kind: 'rating', counterId: 'q2' }, { id: 'rating-q4', kind: 'rating', counterId: 'q4' },
  ];
  const dbFile = join(dir, 'motcua.db');
  const secrets = provision(hub.configFile, dbFile, devices, [['q1', 'nv-lan'], ['q2', 'nv-hung'], ['q4', 'nv-hoa']]);
  let clients: LoadDevice[] = [];
  t.teardown(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await hub.stop();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const first = await hub.start();
  const url = `mqtt://127.0.0.1:${first.mqtt}`;
  const dev = new Map(devices.map((d) => [d.id, new LoadDevice(url, OFFICE, d.kind, d.id, secrets.get(d.id) ?? '')]));
  clients = [...dev.values()];
  const acks: Acks = { issued: new Map(), finished: new Set(), rated: new Map() };
  let stopping = false;
  const errors: string[] = [];
  const answers = new Map<string, number>();
  const note = (a: Answer) => { const k = a.ok ? 'ok' : a.error?.code ?? '?'; answers.set(k, (answers.get(k) ?? 0) + 1); };

  const presses = new Map<string, number>();
  const dispenser = async (d: LoadDevice, field: string) => {
    let n = 0;
    while (!stopping && n < MAX_PER_FIELD) {
      presses.set(d.id, (presses.get(d.id) ?? 0) + 1);
      const a = await d.call('issue', { fieldId: field });
      note(a);
      if (a.ok && a.result) { acks.issued.set(String(a.result.id), String(a.result.number)); n++; } else errors.push(`${d.id}: ${a.error?.code}`);
      await pause(rand(60, 160));
    }
  };
  const counter = async (k: LoadDevice, r: LoadDevice) => {
    while (!stopping) {
      const next = await k.call('next');
      note(next);
      if (!next.ok) { await pause(50); continue; }
      const id = String(next.result?.id);
      const fin = await k.call('finish', { outcome: 'guidance' });
      note(fin);
      if (!fin.ok) { errors.push(`${k.id} finish: ${fin.error?.code}`); continue; }
      acks.finished.add(id);
      const level = ['very_satisfied', 'satisfied', 'neutral', 'unsatisfied'][rand(0, 4)] ?? 'satisfied';
      const rate = await r.call('rate', { level });
      note(rate);
      if (rate.ok) acks.rated.set(String(rate.result?.id ?? id), level);
      await pause(rand(20, 80));
    }
  };
  const get = (id: string) => dev.get(id) as LoadDevice;
  const load = Promise.all([
    dispenser(get('disp-1'), 'hotich'), dispenser(get('disp-2'), 'tuphap'), dispenser(get('disp-3'), 'datdai'),
    counter(get('keypad-q1'), get('rating-q1')), counter(get('keypad-q2'), get('rating-q2')), counter(get('keypad-q4'), get('rating-q4')),
  ]).catch((e: unknown) => { errors.push(`load: ${String(e)}`); });

  const startMs: number[] = [first.ms];
  let checks = 0;
  for (let i = 0; i < KILLS; i++) {
    await pause(rand(300, 1800));
    await hub.kill();
    const s = await hub.start();
    startMs.push(s.ms);
    const c = check(dbFile, acks);
    checks++;
    if (c.problems.length) { t.fail(`after kill ${i + 1}: ${c.problems.slice(0, 10).join('; ')}`); break; }
  }
  t.equal(checks, KILLS, `the hub was killed and restarted ${KILLS} times; every check after a restart passed`);
  await pause(500);
  stopping = true;
  await load;
  const final = check(dbFile, acks);
  t.same(final.problems, [], 'final check: nothing acknowledged was lost, no number twice, database intact');
  t.ok(acks.issued.size > 100, `tickets acknowledged: ${acks.issued.size}`);
  t.ok(acks.finished.size > 20 && acks.rated.size > 10, `finishes ${acks.finished.size}, ratings ${acks.rated.size} acknowledged`);
  const perSource = new Database(dbFile, { readonly: true });
  const bySource = new Map((perSource.prepare('SELECT source, COUNT(*) AS n FROM tickets GROUP BY source').all() as { source: string; n: number }[]).map((r) => [r.source, r.n]));
  perSource.close();
  for (const [id, n] of presses) t.ok((bySource.get(id) ?? 0) <= n, `${id}: ${bySource.get(id) ?? 0} tickets for ${n} presses (a re-sent press is never a second ticket)`);
  const resends = clients.reduce((n, c) => n + c.resends, 0);
  t.ok(resends > 0, `unanswered requests were re-sent with the same id (${resends})`);
  t.same(errors.filter((e) => !/MC_ERR_(QUEUE_EMPTY|RATING_CLOSED|ALREADY_RATED)/.test(e)), [], 'no unexpected refusals');
  t.comment(`refusals: ${errors.slice(0, 20).join(', ')}`);

  // the outbox: every forwarded event once, in order, at the provincial simulator
  const db = new Database(dbFile, { readonly: true });
  t.teardown(() => db.close());
  const unsent = () => (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
  const keys = () => (db.prepare('SELECT idem_key FROM outbox ORDER BY id').all() as { idem_key: string }[]).map((r) => r.idem_key);
  await until(sim, ['received'], () => sim.eventCount >= keys().length, 30_000, 'outbox drained');
  await waitFor(() => unsent() === 0, 10_000); // the hub marks a batch sent once the province acknowledged it
  const got = sim.events.map((e) => e.idempotencyKey);
  const want = keys();
  t.equal(got.length, want.length, `the simulator holds ${got.length} events, one per outbox row`);
  t.equal(new Set(got).size, got.length, 'no event twice');
  t.ok(got.every((k, i) => k === want[i]), 'in outbox order');
  t.comment(`answers ${JSON.stringify(Object.fromEntries(answers))}; sim ignored ${sim.duplicatesIgnored} redelivered events; start ms p50 ${Math.round(startMs.sort((a, b) => a - b)[startMs.length >> 1] ?? 0)}`);
  t.equal(await hub.stop(), 0, 'the hub still stops cleanly');
});
