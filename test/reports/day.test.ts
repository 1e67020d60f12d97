import ExcelJS from 'exceljs';
import t from 'tap';
import { ReportRepo } from '../../broker/reports/repo.js';
import { OPEN_AT, startHub, testClock, testConfig } from '../helpers/hub.js';
import { addDays, monthOf, quarterOf, TEST_DAY, vnDate } from '../helpers/days.js';
import { driver, login, reportsUrl } from './helpers.js';

const DAY = TEST_DAY;

/** A day whose true figures are known: see the comments for each ticket's times. */
function playDay(d: ReturnType<typeof driver>): void {
  d.at(DAY, '08:59');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q2', clerkId: 'nv-hung' });
  d.at(DAY, '09:00'); const a = d.issue('hotich'); // A: wait 5 min, service 10 min, received, very satisfied
  d.at(DAY, '09:01'); d.issue('hotich'); // B: wait 15 min, no-show
  d.at(DAY, '09:02'); d.issue('datdai'); // C: wait 8 min, service 20 min, guidance, unsatisfied
  d.at(DAY, '09:03'); d.issue('hotich'); // D: wait 17 min, service 6 min, supplement, not rated
  d.at(DAY, '09:04'); const e = d.issue('hotich', true); // E: printing failed, voided
  d.run({ op: 'void', ticketId: e, reason: 'print failed' });
  d.at(DAY, '09:05'); d.next('q1');
  d.at(DAY, '09:10'); const c = d.next('q2');
  d.at(DAY, '09:15'); d.run({ op: 'finish', counterId: 'q1', outcome: 'received', dossierCode: '000.00.12.H01-261124-0001' }); // a code of the national format (checked since the 2026 office)
  d.at(DAY, '09:15:30'); d.run({ op: 'rate', ticketId: a, level: 'very_satisfied', source: 'test' });
  d.at(DAY, '09:16'); d.next('q1');
  d.at(DAY, '09:18'); d.run({ op: 'skip', counterId: 'q1' });
  d.at(DAY, '09:20'); d.next('q1');
  d.at(DAY, '09:26'); d.run({ op: 'finish', counterId: 'q1', outcome: 'supplement' });
  d.at(DAY, '09:30'); d.run({ op: 'finish', counterId: 'q2', outcome: 'guidance' });
  d.at(DAY, '09:30:20'); d.run({ op: 'rate', ticketId: c, level: 'unsatisfied', reason: 'Chờ quá lâu', source: 'test' });
  d.at(DAY, '09:40'); d.issue('datdai'); // F: still waiting
  d.at(DAY, '10:05'); d.issue('tuphap'); // G: still waiting, arrives in the 10 o'clock hour
}

const WAIT_BUCKETS = [0, 2, 0, 2, 0, 0];

t.test('a known day: every figure of the office, field, counter and clerk reports; CSV and Excel exports', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  t.teardown(th.stop);
  const srv = await reportsUrl(th);
  t.teardown(srv.close);
  playDay(driver(th, clock));
  await th.hub.staff.add('truongbp', 'matkhau-123', 'manager');
  await th.hub.staff.add('canbo', 'matkhau-123', 'clerk', 'nv-lan');
  const cookie = await login(srv.url, 'truongbp', 'matkhau-123');
  const get = async (q: string) => { const r = await fetch(`${srv.url}${q}`, { headers: { cookie } }); return { status: r.status, body: (await r.json()) as Record<string, any> }; };

  const office = await get(`/api/reports?period=day&date=${DAY}`);
  t.equal(office.status, 200);
  const tot = office.body.total;
  t.match(tot, { issued: 7, called: 4, served: 3, noShows: 1, voided: 1, expired: 0, transferred: 0,
    outcomes: { received: 1, guidance: 1, supplement: 1, refused: 0, returned: 0 } });
  t.same(tot.wait, { count: 4, mean: 675, median: 690, p90: 1020, max: 1020, buckets: tot.wait.buckets });
  t.same(tot.wait.buckets.map((b: { count: number }) => b.count), WAIT_BUCKETS, 'wait distribution: 5–10 min ×2, 15–30 min ×2');
  t.same([tot.service.count, tot.service.mean, tot.service.median, tot.service.p90, tot.service.max], [3, 720, 600, 1200, 1200]);
  t.same(tot.ratings, { count: 2, perLevel: { very_satisfied: 1, satisfied: 0, neutral: 0, unsatisfied: 1 }, score: 50, ratedShare: 0.6667 });
  t.match(office.body.period, { kind: 'day', from: DAY, to: DAY, label: `Ngày ${vnDate(DAY)}` });
  t.equal(office.body.office.name, 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình');
  const arr = Object.fromEntries((office.body.arrivals as { fieldId: string; perHour: number[] }[]).map((a) => [a.fieldId, a.perHour]));
  t.equal(arr.hotich?.[9], 4); t.equal(arr.datdai?.[9], 2); t.equal(arr.tuphap?.[10], 1);
  t.equal(arr.hotich?.reduce((s, x) => s + x, 0), 4, 'arrivals are counted in local hours, nowhere else');
  t.match(office.body.waitsByHour[9], { hour: 9, count: 4, median: 690, p90: 1020 });
  t.same((office.body.clerkRatings as { clerkId: string; score: number }[]).map((c) => [c.clerkId, c.score]).sort(), [['nv-hung', 0], ['nv-lan', 100]]);

  const byField = await get(`/api/reports?period=day&date=${DAY}&groupBy=field`);
  const f = Object.fromEntries((byField.body.rows as { key: string }[]).map((r) => [r.key, r])) as Record<string, any>;
  t.match(f.hotich, { name: 'Hộ tịch', issued: 4, called: 3, served: 2, noShows: 1, voided: 1, wait: { median: 900, p90: 1020 }, service: { median: 480 },
    ratings: { count: 1, score: 100, ratedShare: 0.5 } });
  t.match(f.datdai, { issued: 2, called: 1, served: 1, wait: { median: 480 }, service: { median: 1200 }, ratings: { score: 0, ratedShare: 1 } });
  t.match(f.tuphap, { issued: 1, called: 0, served: 0, wait: { count: 0, median: null } });
  t.equal(byField.body.rows.length, 7, 'every configured field has a row');

  const byClerk = await get(`/api/reports?period=day&date=${DAY}&groupBy=clerk`);
  const k = Object.fromEntries((byClerk.body.rows as { key: string }[]).map((r) => [r.key, r])) as Record<string, any>;
  t.match(k['nv-lan'], { name: 'Nguyễn Thị Lan', issued: null, called: 3, served: 2, noShows: 1, service: { median: 480 }, ratings: { count: 1, score: 100 } });
  t.match(k['nv-hung'], { called: 1, served: 1, ratings: { count: 1, score: 0, perLevel: { unsatisfied: 1 } } });
  const byCounter = await get(`/api/reports?period=day&date=${DAY}&groupBy=counter`);
  t.match((byCounter.body.rows as { key: string }[]).find((r) => r.key === 'q1'), { name: 'Quầy 1', served: 2, noShows: 1 });

  t.equal((await get(`/api/reports?period=day&date=${addDays(DAY, 1)}`)).body.total.issued, 0, 'another day holds none of it');
  t.equal((await get(`/api/reports?period=month&date=${monthOf(DAY)}`)).body.total.served, 3);
  t.equal((await get(`/api/reports?period=quarter&date=${quarterOf(DAY)}`)).body.total.served, 3);
  t.equal((await get(`/api/reports?period=year&date=${DAY.slice(0, 4)}`)).body.total.served, 3);
  t.equal((await get(`/api/reports?from=${addDays(DAY, -4)}&to=${DAY}`)).body.total.served, 3);
  t.match((await get('/api/reports?period=day&date=2026-02-30')), { status: 400, body: { code: 'MC_ERR_BAD_REQUEST' } });
  t.match((await get(`/api/reports?period=day&date=${DAY}&groupBy=province`)), { status: 400, body: { code: 'MC_ERR_BAD_REQUEST' } }, 'an unknown grouping is refused');
  t.match((await get('/api/reports?period=quarter&date=2026-Q5')), { status: 400, body: { code: 'MC_ERR_BAD_REQUEST' } });
  t.match(await (await fetch(`${srv.url}/api/reports?period=day&date=${DAY}`)).json(), { code: 'MC_ERR_UNAUTHORIZED' });
  const clerkCookie = await login(srv.url, 'canbo', 'matkhau-123');
  t.equal((await fetch(`${srv.url}/api/reports?period=day&date=${DAY}`, { headers: { cookie: clerkCookie } })).status, 403, 'a clerk account cannot read reports');

  // CSV: UTF-8 with a byte order mark, Vietnamese headers, one line per field plus the total
  const csvRes = await fetch(`${srv.url}/api/reports/export.csv?period=day&date=${DAY}&groupBy=field`, { headers: { cookie } });
  t.match(csvRes.headers.get('content-type'), /text\/csv; charset=utf-8/);
  t.match(csvRes.headers.get('content-disposition'), `attachment; filename="bao-cao-field-${DAY}.csv"`);
  const raw = Buffer.from(await csvRes.arrayBuffer());
  t.same([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM');
  const lines = raw.toString('utf8').slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
  const head = lines[0] ?? [];
  t.equal(head[0], 'Lĩnh vực');
  t.equal(lines.length, 1 + 7 + 1);
  const hot = lines.find((l) => l[0] === 'Hộ tịch') ?? [];
  const col = (name: string) => head.indexOf(name);
  t.equal(hot[col('Số đã phát')], '4'); t.equal(hot[col('Đã phục vụ')], '2'); t.equal(hot[col('Chờ – trung vị (phút)')], '15');
  t.equal(hot[col('Rất hài lòng')], '1'); t.equal(hot[col('Tỷ lệ được đánh giá (%)')], '50');
  t.equal(lines.at(-1)?.[col('Điểm hài lòng')], '50', 'the total line');
  t.equal(raw.toString('utf8').normalize('NFC'), raw.toString('utf8'), 'NFC text');

  // Excel: parse the workbook back
  const x = await fetch(`${srv.url}/api/reports/export.xlsx?period=day&date=${DAY}&groupBy=clerk&clerks=${monthOf(DAY)}`, { headers: { cookie } });
  t.match(x.headers.get('content-type'), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
  t.same(wb.worksheets.map((w) => w.name), ['Tổng hợp', 'Lượt đến theo giờ', 'Thời gian chờ theo giờ', 'Công chức']);
  const ws = wb.getWorksheet('Tổng hợp');
  t.equal(ws?.getCell('A1').value, 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình');
  t.equal(ws?.getCell('A2').value, `Báo cáo theo công chức — Ngày ${vnDate(DAY)}`);
  const rows: unknown[][] = [];
  ws?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const hrow = rows.find((r) => r[0] === 'Công chức') ?? [];
  const lan = rows.find((r) => r[0] === 'Nguyễn Thị Lan') ?? [];
  t.equal(lan[hrow.indexOf('Đã phục vụ')], 2); t.equal(lan[hrow.indexOf('Vắng mặt')], 1); t.equal(lan[hrow.indexOf('Phục vụ – trung vị (phút)')], 8);
  const arrivals = wb.getWorksheet('Lượt đến theo giờ');
  const arows: unknown[][] = [];
  arrivals?.eachRow((r) => arows.push((r.values as unknown[]).slice(1)));
  const ah = arows.find((r) => r[0] === 'Lĩnh vực') ?? [];
  t.equal((arows.find((r) => r[0] === 'Hộ tịch') ?? [])[ah.indexOf('9h')], 4);
});

t.test('reports agree with the event log after a restart, a renamed field, and a rebuild of the fold', async (t) => {
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now });
  playDay(driver(th, clock));
  const repo = new ReportRepo(th.hub.db);
  const before = JSON.stringify(repo.dump());
  t.equal(repo.rebuild(), 7, 'seven tickets folded from the events');
  t.equal(JSON.stringify(repo.dump()), before, 'the trigger-kept fold equals a fold recomputed from the event log');
  await th.hub.stop();
  const cfg = testConfig(undefined, (c) => { const f = c.fields.find((x) => x.id === 'hotich'); if (f) f.name = 'Hộ tịch – Quốc tịch'; });
  const again = await startHub({ clock: clock.now, dir: th.dir, cfg });
  t.teardown(again.stop);
  const srv = await reportsUrl(again);
  t.teardown(srv.close);
  await again.hub.staff.add('kythuat', 'matkhau-123', 'technician');
  const cookie = await login(srv.url, 'kythuat', 'matkhau-123');
  const r = (await (await fetch(`${srv.url}/api/reports?period=day&date=${DAY}&groupBy=field`, { headers: { cookie } })).json()) as { rows: { key: string; name: string; issued: number; served: number }[]; total: { served: number } };
  t.match(r.rows.find((x) => x.key === 'hotich'), { name: 'Hộ tịch – Quốc tịch', issued: 4, served: 2 }, 'the renamed field keeps its figures');
  t.equal(r.total.served, 3);
});
