import t from 'tap';
import { startHub, testClock } from '../helpers/hub.js';
import { addDays, at, firstWorkingDayAfter, firstWorkingMonday, lastDayOf, monthOf, quarterOf, TEST_DAY } from '../helpers/days.js';

/** The suite's month: its first working Monday and Tuesday, and the first working day of the next month. */
const MONTH = monthOf(TEST_DAY);
const DAY1 = firstWorkingMonday(MONTH);
const NEXT = firstWorkingDayAfter(MONTH);
const label = (m: string) => `Tháng ${m.slice(5, 7)}/${m.slice(0, 4)}`;
import { driver, login, reportsUrl } from './helpers.js';

/**
 * A month whose clerk figures are known: Lan works two days (q1 3 h, then q6 2 h) and gets 6 ratings averaging
 * 29.2 (flagged); Hùng gets 4 ratings of 0 (too few to flag); Minh forgets to sign out on day 2 (the session ends
 * at midnight) and gets 5 ratings of 100. Each service lasts 10 minutes.
 */
t.test('a known month: clerk summary for the sending agencies, low-score flags, sessions and period boundaries', async (t) => {
  const clock = testClock(at('07:50', DAY1));
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const srv = await reportsUrl(th);
  t.teardown(srv.close);
  const d = driver(th, clock);
  let minute = 0;
  const serve = (day: string, counter: string, fieldId: string, level: string) => {
    d.at(day, `08:${String(5 + minute++).padStart(2, '0')}`);
    const id = d.issue(fieldId);
    d.next(counter);
    clock.advance(10 * 60_000);
    d.run({ op: 'finish', counterId: counter, outcome: 'returned' });
    d.run({ op: 'rate', ticketId: id, level, source: 'test' });
    d.at(day, `08:${String(5 + minute++).padStart(2, '0')}`);
  };
  const day1 = DAY1; const day2 = addDays(DAY1, 1);
  d.at(day1, '08:00');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  d.run({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' });
  for (const lv of ['unsatisfied', 'unsatisfied', 'neutral']) serve(day1, 'q1', 'hotich', lv);
  for (const lv of ['unsatisfied', 'unsatisfied']) serve(day1, 'q2', 'datdai', lv);
  for (const lv of ['very_satisfied', 'very_satisfied', 'very_satisfied']) serve(day1, 'q3', 'xaydung', lv);
  d.at(day1, '11:00');
  for (const c of ['q1', 'q2', 'q3']) d.run({ op: 'signOut', counterId: c });
  minute = 0;
  d.at(day2, '08:00');
  d.run({ op: 'signIn', counterId: 'q6', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  d.run({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' });
  for (const lv of ['neutral', 'unsatisfied', 'satisfied']) serve(day2, 'q6', 'hotich', lv);
  for (const lv of ['unsatisfied', 'unsatisfied']) serve(day2, 'q2', 'datdai', lv);
  for (const lv of ['very_satisfied', 'very_satisfied']) serve(day2, 'q3', 'xaydung', lv);
  d.at(day2, '10:00');
  d.run({ op: 'signOut', counterId: 'q6' });
  d.run({ op: 'signOut', counterId: 'q2' });
  d.at(NEXT, '08:00');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  serve(NEXT, 'q1', 'hotich', 'very_satisfied');

  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  const cookie = await login(srv.url, 'truongbp', 'matkhau-123');
  const get = async (q: string) => (await (await fetch(`${srv.url}${q}`, { headers: { cookie } })).json()) as Record<string, any>;
  const m = await get(`/api/reports/clerks?month=${MONTH}`);
  t.match(m, { period: { label: label(MONTH), from: `${MONTH}-01`, to: lastDayOf(MONTH) }, lowThreshold: 60, minRatings: 5 });
  const c = Object.fromEntries((m.clerks as { clerkId: string }[]).map((x) => [x.clerkId, x])) as Record<string, any>;
  t.match(c['nv-lan'], { name: 'Nguyễn Thị Lan', agency: 'Phòng Tư pháp', sessions: 2, signedInMinutes: 300, served: 6, service: { median: 600 },
    ratings: { count: 6, score: 29.2, perLevel: { unsatisfied: 3, neutral: 2, satisfied: 1, very_satisfied: 0 }, ratedShare: 1 }, flagged: true });
  t.same([...c['nv-lan'].counters].sort(), ['q1', 'q6'], 'her ratings followed her from counter 1 to counter 6');
  t.match(c['nv-hung'], { sessions: 2, signedInMinutes: 300, served: 4, ratings: { count: 4, score: 0 }, flagged: false }, 'four ratings are too few to flag');
  t.match(c['nv-minh'], { sessions: 2, signedInMinutes: 180 + 16 * 60, served: 5, ratings: { count: 5, score: 100 }, flagged: false },
    'a session never signed out ends at midnight');
  t.match(c['nv-duc'], { sessions: 0, served: 0, ratings: { count: 0, score: null }, flagged: false });

  const dec = await get(`/api/reports/clerks?month=${monthOf(NEXT)}`);
  t.match((dec.clerks as { clerkId: string }[]).find((x) => x.clerkId === 'nv-lan'), { served: 1, ratings: { count: 1, score: 100 } }, 'the next month holds only its own day');

  const byClerk = await get(`/api/reports?period=month&date=${MONTH}&groupBy=clerk`);
  t.match((byClerk.rows as { key: string }[]).find((x) => x.key === 'nv-lan'), { served: 6, ratings: { score: 29.2 } });
  t.equal(byClerk.total.served, 15);
  t.equal((await get(`/api/reports?period=quarter&date=${quarterOf(DAY1)}`)).total.served, quarterOf(NEXT) === quarterOf(DAY1) ? 16 : 15, 'a quarter holds its months');
  t.equal((await get(`/api/reports?from=${day2}&to=${NEXT}`)).total.served, 8, 'a range includes both end days');

  const csv = Buffer.from(await (await fetch(`${srv.url}/api/reports/clerks.csv?month=${MONTH}`, { headers: { cookie } })).arrayBuffer()).toString('utf8');
  const lines = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
  const head = lines[0] ?? [];
  const lan = lines.find((l) => l[0] === 'Nguyễn Thị Lan') ?? [];
  t.equal(lan[head.indexOf('Điểm hài lòng')], '29,2', 'a decimal comma, as Excel set to Vietnamese reads it');
  t.equal(lan[head.indexOf('Cảnh báo')], 'Dưới ngưỡng');
  t.equal(lan[head.indexOf('Số phiên làm việc')], '2');
  t.equal(lan[head.indexOf('Thời gian làm việc (giờ)')], '5');
  t.equal(lines.find((l) => l[0] === 'Trần Văn Hùng')?.[head.indexOf('Cảnh báo')], '');
  t.equal((await fetch(`${srv.url}/api/reports/clerks?month=2026-13`, { headers: { cookie } })).status, 400);
});
