/**
 * Fuzz over MQTT: ≥ 100,000 malformed or hostile payloads from real devices of every kind on their own request
 * topics (the HTTP half is fuzz-http.test.ts). No crash, no state change but the deliberately valid requests, an
 * error answer for each request, a logged drop for garbage on channels that get no answer, no prototype pollution.
 */
import t from 'tap';
import mqtt, { type MqttClient } from 'mqtt';
import { pino } from 'pino';
import type { Logger } from '../../broker/logger.js';
import { ERRORS } from '../../protocol/errors.js';
import { connect, startHub, waitFor } from '../helpers/hub.js';
import { counts, hostilePayload, pick, polluted, rng } from './hostile.js';
import { movingClock } from './load.js';

const SEED = Number(process.env.MC_FUZZ_SEED ?? 20261124);
const MQTT_TOTAL = Number(process.env.MC_FUZZ_MQTT ?? 100_000);
const WINDOW = 300;
const KINDS: [string, string, string | null][] = [['dispenser', 'fz-disp', null], ['printer', 'fz-printer', null], ['counter', 'fz-counter', 'q1'],
  ['display', 'fz-display', null], ['rating', 'fz-rating', 'q1'], ['keypad', 'fz-keypad', 'q1'], ['kiosk', 'fz-kiosk', null]];

/** A logger that keeps warnings in memory (to find the logged drops). */
function captureLog(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => { try { lines.push(JSON.parse(s) as Record<string, unknown>); } catch { /* not JSON */ } } }) as unknown as Logger;
  return { log, lines };
}

class Sender {
  sent = 0;
  received = 0;
  readonly codes = new Map<string, number>();
  readonly okIds = new Set<string>();
  bad: string[] = [];
  private wake: (() => void) | null = null;
  constructor(readonly client: MqttClient, readonly topic: string, readonly validIds: Set<string>) {
    client.on('message', (_t, p) => {
      this.received++;
      let a: { id: string | null; ok: boolean; error?: { code: string; message: string } };
      try { a = JSON.parse(p.toString()) as typeof a; } catch { this.bad.push('answer is not JSON'); return; }
      if (a.ok) { if (a.id && this.validIds.has(a.id)) this.okIds.add(a.id); else this.bad.push(`accepted ${String(a.id)}`); }
      else {
        const code = a.error?.code ?? '?';
        this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
        if (!(code in ERRORS) || !a.error?.message) this.bad.push(`answer without a known code: ${p.toString().slice(0, 120)}`);
      }
      this.wake?.();
    });
  }
  async send(payload: Buffer | string): Promise<void> {
    while (this.sent - this.received >= WINDOW) await new Promise<void>((r) => { this.wake = r; setTimeout(r, 500); });
    this.sent++;
    this.client.publish(this.topic, payload, { qos: 0 });
  }
}

t.test(`${MQTT_TOTAL} hostile MQTT payloads from every kind of device: an error answer each, no state change, no crash`, async (t) => {
  const cap = captureLog();
  const th = await startHub({ clock: movingClock(), opts: { ratePerSec: 1e9, log: cap.log } });
  t.teardown(th.stop);
  const office = th.hub.cfg.office.id;
  const max = th.hub.cfg.hub.maxPayloadBytes;
  const validIds = new Set<string>();
  const senders: Sender[] = [];
  for (const [kind, id, counterId] of KINDS) {
    const { secret } = th.hub.registry.add({ id, kind, counterId }, th.hub.cfg.counters.map((c) => c.id));
    const c = await connect(th.hub.brokerUrl, { clientId: id, username: id, password: secret });
    t.teardown(() => c.endAsync());
    await c.subscribeAsync(`motcua/${office}/${kind}/${id}/response`, { qos: 1 });
    senders.push(new Sender(c, `motcua/${office}/${kind}/${id}/request`, validIds));
  }
  const r = rng(SEED);
  // first, garbage on channels that get no answer: dropped and logged, the device still served
  const disp = senders[0] as Sender;
  const stateTopic = disp.topic.replace(/request$/, 'state');
  const printer = senders[1] as Sender;
  for (let i = 0; i < 300; i++) {
    disp.client.publish(stateTopic, pick(r, ['{', '\u0000', 'x'.repeat(100)]), { qos: 0 });
    printer.client.publish(printer.topic.replace(/request$/, 'state'), JSON.stringify({ v: 1, status: pick(r, ['on-fire', 7, null]) }), { qos: 0 });
    disp.client.publish(disp.topic.replace(/request$/, 'availability'), pick(r, ['maybe', '', '{"online":true}']), { qos: 0 });
  }
  // unanswered by design: what shows they arrived is the hub's log of the drop
  await waitFor(() => cap.lines.some((l) => l.device === 'fz-disp' && /state is not JSON/.test(String(l.msg))) && cap.lines.some((l) => l.device === 'fz-printer' && /bad printer state/.test(String(l.msg))), 10_000)
    .then(() => t.pass('bad state payloads of a dispenser and a printer were dropped and logged'), () => t.fail('no logged drop for bad state payloads'));
  const before = counts(th);
  const categories = new Map<string, number>();
  const per = Math.ceil(MQTT_TOTAL / senders.length);
  const t0 = performance.now();
  await Promise.all(senders.map(async (s, k) => {
    const kind = KINDS[k]?.[0] ?? 'dispenser';
    for (let i = 0; i < per; i++) {
      if (kind === 'dispenser' && i % 1000 === 999) { // deliberately valid: these, and only these, change state
        const id = `valid-${i}`;
        validIds.add(id);
        await s.send(JSON.stringify({ v: 1, id, op: 'issue', fieldId: 'hotich' }));
        continue;
      }
      const h = hostilePayload(r, k * per + i, kind, max);
      categories.set(h.category, (categories.get(h.category) ?? 0) + 1);
      await s.send(h.payload);
    }
  }));
  const deadline = Date.now() + 30_000;
  while (senders.some((s) => s.received < s.sent) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const secs = (performance.now() - t0) / 1000;
  const sent = senders.reduce((n, s) => n + s.sent, 0);
  const received = senders.reduce((n, s) => n + s.received, 0);
  t.ok(sent >= MQTT_TOTAL, `${sent} payloads sent in ${secs.toFixed(1)} s`);
  t.equal(received, sent, 'every payload got an answer');
  t.same(senders.flatMap((s) => s.bad).slice(0, 10), [], 'every answer is an error with a known code and a message, except the valid requests');
  const oks = senders.reduce((n, s) => n + s.okIds.size, 0);
  t.equal(oks, validIds.size, `the ${validIds.size} deliberately valid requests were served`);
  const after = counts(th);
  t.same(after, { ...before, tickets: before.tickets + validIds.size, events: before.events + validIds.size, outbox: before.outbox + validIds.size },
    'the only state change is one ticket per valid request');
  t.notOk(polluted(), 'Object.prototype was not polluted');
  const codes = new Map<string, number>();
  for (const s of senders) for (const [c, n] of s.codes) codes.set(c, (codes.get(c) ?? 0) + n);
  for (const c of ['MC_ERR_BAD_PAYLOAD', 'MC_ERR_PAYLOAD_TOO_LARGE', 'MC_ERR_BAD_VERSION', 'MC_ERR_FORBIDDEN', 'MC_ERR_UNKNOWN_FIELD']) t.ok((codes.get(c) ?? 0) > 0, `some answers were ${c}`);
  t.comment(`categories ${JSON.stringify(Object.fromEntries(categories))}`);
  t.comment(`answers ${JSON.stringify(Object.fromEntries(codes))}`);
  const warned = new Set(cap.lines.map((l) => l.device).filter(Boolean));
  t.same([...warned].sort(), KINDS.map((k) => k[1]).sort(), 'each device\'s refusals were logged (once per code and minute, not once per message)');
  t.ok(cap.lines.length < 500, `the log was not flooded (${cap.lines.length} warnings)`);

  const id = 'after-garbage';
  validIds.add(id);
  await disp.send(JSON.stringify({ v: 1, id, op: 'issue', fieldId: 'hotich' }));
  const end = Date.now() + 10_000;
  while (!disp.okIds.has(id) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  t.ok(disp.okIds.has(id), 'after garbage on its state and availability channels the dispenser is still served');
  t.match(th.hub.health(), { status: 'ok' }, 'the hub is healthy');
});

