/**
 * The wait forecaster's rules (issue 23), on the pure core: no history means no figure, the same seed gives the
 * same answer, and the simulation follows the office (elapsed service, shared counters, priority arrivals, the
 * break, clerks not signed in).
 */
import t from 'tap';
import { loadConfigFile } from '../../config/load.js';
import { COMMUNE_EXAMPLE } from '../../broker/demo.js';
import { emptyModel, learnModel, observeService, type ForecastModel } from '../../broker/queue/forecast-model.js';
import { forecastOffice, waitOf } from '../../broker/queue/forecast.js';
import { estimateTicket } from '../../broker/queue/select.js';
import { Core } from './harness.js';

const MIN = 60_000;
/** The commune center: q1 serves hotich and ldtbxh, q2 datdai and ldtbxh; sessions 07–11 and 13–17, Tuesday. */
const commune = (at = '2026-11-24T09:00:00+07:00'): Core => new Core(loadConfigFile(COMMUNE_EXAMPLE), Date.parse(at));

/** A history where every service takes exactly `minutes`. */
function steady(minutes: number, fields = ['hotich', 'datdai', 'ldtbxh']): ForecastModel {
  const m = emptyModel();
  for (const f of fields) for (let i = 0; i < 20; i++) observeService(m, f, null, minutes * MIN);
  return m;
}

const waitFor = (q: Core, m: ForecastModel, id: string, seed = 1) => {
  const f = forecastOffice(q.s, q.cfg, m, q.now, { seed });
  return waitOf(f, f.tickets.get(id), q.now, q.s.tickets.get(id)?.fieldId);
};

t.test('no history: the forecast says so instead of inventing a number', async (t) => {
  const q = commune();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  const id = q.issue('hotich');
  const w = waitFor(q, emptyModel(), id);
  t.same(w, { basis: 'none', minutes: null, low: null, high: null, afterBreak: null, beyondToday: false });
  t.match(waitFor(q, steady(5), id), { basis: 'history', minutes: 0 }, 'with history, a free counter calls it at once');
});

t.test('deterministic for a seed; the range comes from the spread of service times', async (t) => {
  const q = commune();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  const ids = Array.from({ length: 6 }, () => q.issue('hotich'));
  const m = emptyModel();
  for (let i = 0; i < 40; i++) observeService(m, 'hotich', null, (3 + (i % 8)) * MIN);
  const last = ids[5] as string;
  const a = forecastOffice(q.s, q.cfg, m, q.now, { seed: 7 });
  const b = forecastOffice(q.s, q.cfg, m, q.now, { seed: 7 });
  t.same([...a.tickets], [...b.tickets], 'same state, time and seed: same forecast');
  const w = waitOf(a, a.tickets.get(last), q.now);
  t.ok(w.low !== null && w.high !== null && w.minutes !== null, 'a central figure and a range');
  t.ok((w.low as number) < (w.minutes as number) && (w.minutes as number) < (w.high as number), `10th ${w.low} < median ${w.minutes} < 90th ${w.high}`);
  // five people ahead at one counter, 3–10 minutes each (mean 6.5): the median is near 32 minutes
  t.ok(Math.abs((w.minutes as number) - 32.5) <= 4, `median ${w.minutes} min for five people ahead`);
});

t.test('elapsed service: a counter near the end of its citizen calls the next one sooner', async (t) => {
  const m = steady(10);
  const at = (elapsed: number) => {
    const q = commune();
    q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
    q.issue('hotich');
    q.next('q1');
    q.tick(elapsed * MIN);
    const id = q.issue('hotich');
    return waitFor(q, m, id).minutes;
  };
  t.equal(at(1), 9, 'served for 1 minute of 10: called in 9');
  t.equal(at(8), 2, 'served for 8 minutes: called in 2');
});

t.test('shared counters: tickets of another field at the same counter come first', async (t) => {
  const m = steady(6);
  const build = (others: number) => {
    const q = commune();
    q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' }); // hotich + ldtbxh
    q.run({ op: 'signIn', counterId: 'q2', clerkId: 'cc-mai' }); // datdai + ldtbxh
    for (let i = 0; i < others; i++) { q.issue('hotich'); q.issue('datdai'); q.tick(1000); }
    const id = q.issue('ldtbxh');
    const tk = q.s.tickets.get(id);
    return { forecast: waitFor(q, m, id).minutes, today: tk ? estimateTicket(q.s, tk, q.cfg).minutes : -1 };
  };
  const none = build(0);
  const four = build(4);
  t.equal(none.forecast, 0, 'nobody ahead: called at once');
  t.equal(four.forecast, 24, 'four older tickets of the other field at each shared counter: 4 × 6 minutes');
  t.equal(four.today, none.today, 'today\'s estimator does not see them');
});

t.test('clerks not signed in: only staffed counters serve during a session; a field nobody serves waits for one', async (t) => {
  const m = steady(6);
  const q = commune();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  for (let i = 0; i < 3; i++) { q.issue('ldtbxh'); q.tick(1000); }
  const id = q.issue('ldtbxh');
  t.equal(waitFor(q, m, id).minutes, 18, 'one counter: three ahead × 6 minutes');
  q.run({ op: 'signIn', counterId: 'q2', clerkId: 'cc-mai' });
  t.equal(waitFor(q, m, id).minutes, 6, 'a second clerk signs in at q2 (which also serves ldtbxh): half as long');
  const empty = commune();
  const land = empty.issue('datdai');
  const w = waitFor(empty, m, land);
  t.ok(w.minutes !== null && w.low !== null && w.high !== null && w.high - w.low >= 20, `nobody at the land counter yet: a wide range while the clerk is expected (${w.low}–${w.high})`);
});

t.test('priority arrivals by hour jump ahead of a waiting ticket', async (t) => {
  const q = commune();
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  for (let i = 0; i < 5; i++) { q.issue('hotich'); q.tick(1000); }
  const id = q.issue('hotich');
  const calm = steady(6);
  const busy = steady(6);
  // history: 6 priority citizens an hour in hotich between 09:00 and 11:00
  const hist = learnModel(Array.from({ length: 12 }, (_, i) => ({ day: '2026-11-23', fieldId: 'hotich', clerkId: null, priority: true, status: 'expired',
    issuedAt: Date.parse('2026-11-23T09:00:00+07:00') + i * 10 * MIN, calledAt: null, finishedAt: null, noShowAt: null })), 7 * 3_600_000);
  busy.priorityPerHour = hist.priorityPerHour;
  t.same(busy.priorityPerHour.get('hotich')?.slice(8, 12), [0, 6, 6, 0], 'learned: 6 an hour at 09 and 10 o\'clock');
  const a = waitFor(q, calm, id).minutes as number;
  const b = waitFor(q, busy, id).minutes as number;
  t.equal(a, 30, 'no priority arrivals: five ahead × 6 minutes');
  t.ok(b > a + 6, `priority citizens arriving meanwhile are served first (${b} > ${a} minutes)`);
});

t.test('the break: a ticket not reachable before 11:00 is told the afternoon time', async (t) => {
  const m = steady(10);
  const q = commune('2026-11-24T10:30:00+07:00');
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  const ids = Array.from({ length: 5 }, () => { const id = q.issue('hotich'); q.tick(1000); return id; });
  const first = waitFor(q, m, ids[0] as string);
  t.match(first, { minutes: 0, afterBreak: null }, 'the first is called now');
  const third = waitFor(q, m, ids[2] as string);
  t.match(third, { minutes: 20, afterBreak: null }, 'the third at 10:50, before the break');
  const fifth = waitFor(q, m, ids[4] as string);
  t.equal(fifth.afterBreak, '13:00', 'the fifth cannot be reached before 11:00: after 13:00');
  t.equal(fifth.minutes, 150 + 10, 'called at 13:10 (the fourth is called at 13:00)');
  const f = forecastOffice(q.s, q.cfg, m, q.now);
  t.equal(waitOf(f, f.newcomers.get('hotich'), q.now).afterBreak, '13:00', 'a newcomer at the kiosk is told the same');
});

t.test('a field with its own hours: not called outside them, told when its next session starts', async (t) => {
  const m = steady(10);
  const q = commune('2026-11-24T09:00:00+07:00');
  const f = q.cfg.fields.find((x) => x.id === 'ldtbxh');
  if (f) f.hours = [{ weekdays: [1, 2, 3, 4, 5], sessions: [{ start: '07:00', end: '09:30' }, { start: '14:00', end: '16:00' }] }];
  const q2 = q.cfg.counters.find((c) => c.id === 'q2');
  if (q2) q2.fields = ['datdai']; // only q1 serves ldtbxh here
  q.run({ op: 'signIn', counterId: 'q1', clerkId: 'cc-tuan' });
  const ids = Array.from({ length: 5 }, () => { const id = q.issue('ldtbxh'); q.tick(1000); return id; });
  t.match(waitFor(q, m, ids[2] as string), { minutes: 20, afterBreak: null }, 'the third is called at 09:20, inside the field\'s morning');
  const fourth = waitFor(q, m, ids[3] as string);
  t.equal(fourth.afterBreak, '14:00', 'the fourth would be at 09:30, when the field has closed: after 14:00 (not the office\'s 13:00)');
  t.equal(fourth.minutes, 300, 'called at 14:00');
  const hotich = q.issue('hotich');
  t.equal(waitFor(q, m, hotich).minutes, 30, 'meanwhile the counter serves its other field from 09:30 (the three ldtbxh ahead first)');
});
