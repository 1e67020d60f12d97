import t from 'tap';
import ExcelJS from 'exceljs';
import type { DossierStatus } from '../../broker/onestop/adapter.js';
import { startOnestopSim } from '../../broker/onestop/sim.js';
import { COMMUNE_CENTER } from '../../broker/demo.js';
import type { Report } from '../../protocol/reports.js';
import { OPEN_AT, startHub, testClock, testConfig } from '../helpers/hub.js';
import { TEST_DAY } from '../helpers/days.js';
import { driver, login, reportsUrl } from './helpers.js';

const code = (n: number): string => `000.00.31.H26-250801-000${n}`;
const status = (c: string, overdue: boolean, complained: boolean): DossierStatus => ({ code: c, procedureName: 'Đăng ký khai sinh', status: 'Đang xử lý', statusCode: 'DANG_XU_LY',
  receivedAt: '2025-08-01T08:00:00+07:00', appointmentDate: '2025-08-05', onTime: !overdue, overdue, complained, collectAt: 'Quầy 1' });

/**
 * Hand-computed (Decision 766: (dossiers − dissatisfied, complained or overdue) ÷ dossiers):
 *   nv-lan, Hộ tịch:  D1 very satisfied (counts), D2 unsatisfied (out), D3 not rated but overdue (out),
 *                     and a guidance service rated unsatisfied (no dossier: reported apart)  → 1/3
 *   nv-minh, Đất đai: D4 satisfied but complained (out), D5 satisfied, D6 neutral, D6 again when the result is
 *                     returned, rated satisfied (one dossier, counted once)                  → 2/3
 *   center: 6 dossiers, 3 out → 0.5; the province said something of D3, D4, D5 → statusKnown 3
 */
t.test('Decision 766 satisfaction per center, field and clerk matches the hand computation', async (t) => {
  const sim = await startOnestopSim({ apiKey: 'k' });
  t.teardown(() => sim.close());
  sim.dossiers.set(code(3), status(code(3), true, false));
  sim.dossiers.set(code(4), status(code(4), false, true));
  sim.dossiers.set(code(5), status(code(5), false, false));
  const clock = testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now, cfg: testConfig(COMMUNE_CENTER, (c) => { c.onestop.url = sim.url; c.onestop.apiKey = 'k'; }) });
  t.teardown(th.stop);
  await th.hub.staff.add('truong', 'mat-khau-dai-du-1', 'manager');
  const d = driver(th, clock);
  d.at(TEST_DAY, '08:00');
  d.run({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' });
  d.run({ op: 'signIn', counterId: 'q3', clerkId: 'nv-minh' });
  let minute = 0;
  const serve = (counterId: string, fieldId: string, outcome: 'received' | 'guidance' | 'returned', c: string | null, level: string | null): void => {
    d.at(TEST_DAY, `09:${String(minute).padStart(2, '0')}`);
    const id = d.issue(fieldId);
    d.next(counterId);
    d.run({ op: 'finish', counterId, outcome, dossierCode: c });
    if (level) d.run({ op: 'rate', ticketId: id, level, source: 'test' });
    minute += 2;
  };
  serve('q1', 'hotich', 'received', code(1), 'very_satisfied');
  serve('q1', 'hotich', 'received', code(2), 'unsatisfied');
  serve('q1', 'hotich', 'received', code(3), null);
  serve('q1', 'hotich', 'guidance', null, 'unsatisfied');
  serve('q3', 'datdai', 'received', code(4), 'satisfied');
  serve('q3', 'datdai', 'received', code(5), 'satisfied');
  serve('q3', 'datdai', 'received', code(6), 'neutral');
  serve('q3', 'datdai', 'returned', code(6), 'satisfied');
  for (const n of [3, 4, 5]) t.ok(await th.hub.link.cache.lookupDossier(code(n)), `the province answered for D${n}`);

  const { url, close } = await reportsUrl(th);
  t.teardown(close);
  const cookie = await login(url, 'truong', 'mat-khau-dai-du-1');
  const r = await (await fetch(`${url}/api/reports?period=day&date=${TEST_DAY}`, { headers: { cookie } })).json() as Report;
  const s = r.satisfaction766;
  t.match(s?.office, { name: 'Trung tâm Phục vụ hành chính công phường An Phú', dossiers: 6, dissatisfied: 1, overdue: 1, complained: 1, excluded: 3, statusKnown: 3, figure: 0.5 });
  t.match(s?.byField.find((x) => x.key === 'hotich'), { dossiers: 3, excluded: 2, figure: 0.3333 });
  t.match(s?.byField.find((x) => x.key === 'datdai'), { dossiers: 3, excluded: 1, figure: 0.6667 });
  t.match(s?.byClerk.find((x) => x.key === 'nv-lan'), { name: 'Nguyễn Thị Lan', dossiers: 3, figure: 0.3333 });
  t.match(s?.byClerk.find((x) => x.key === 'nv-minh'), { dossiers: 3, figure: 0.6667 });
  t.equal(s?.ratingsWithoutDossier, 1, 'the guidance rating is kept and reported apart');
  t.equal(r.total.ratings.count, 7, 'the configured scale still counts every rating');
  const rated = th.hub.db.prepare("SELECT json_extract(data, '$.dossierCode') AS c FROM events WHERE type = 'rating.recorded' ORDER BY seq").all() as { c: string | null }[];
  t.same(rated.map((x) => x.c), [code(1), code(2), null, code(4), code(5), code(6), code(6)], 'each rating carries its dossier code (and is forwarded with it)');

  // the exports carry the same hand-computed figures, row by row, next to the configured scale
  const csv = (await (await fetch(`${url}/api/reports/export.csv?period=day&date=${TEST_DAY}&groupBy=field`, { headers: { cookie } })).text()).replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n').map((l) => l.split(';'));
  const head = lines[0] ?? [];
  const fig = head.indexOf('Chỉ số hài lòng QĐ 766 (%)');
  t.ok(fig > head.indexOf('Điểm hài lòng'), 'the 766 figure comes after the configured scale');
  t.equal(lines.find((l) => l[0] === 'Hộ tịch')?.[fig], '33,33', 'decimal comma (Excel set to Vietnamese)');
  t.equal(lines.find((l) => l[0] === 'Hộ tịch')?.[head.indexOf('Hồ sơ bị trừ (QĐ 766)')], '2');
  t.equal(lines.find((l) => l[0] === 'Đất đai')?.[fig], '66,67');
  const plain = (await (await fetch(`${url}/api/reports/export.csv?period=day&date=${TEST_DAY}&groupBy=field&sep=comma`, { headers: { cookie } })).text()).replace(/^\uFEFF/, '');
  const pl = plain.trimEnd().split('\r\n').map((l) => l.split(','));
  t.equal(pl.find((l) => l[0] === 'Hộ tịch')?.[(pl[0] ?? []).indexOf('Chỉ số hài lòng QĐ 766 (%)')], '33.33', 'sep=comma: RFC 4180 with a decimal point, for scripts');
  t.equal(lines.at(-1)?.[fig], '50', 'the total line is the center');
  t.equal(lines.at(-1)?.[head.indexOf('Số hồ sơ (QĐ 766)')], '6');
  const x = await fetch(`${url}/api/reports/export.xlsx?period=day&date=${TEST_DAY}&groupBy=clerk`, { headers: { cookie } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
  const rows: unknown[][] = [];
  wb.getWorksheet('Tổng hợp')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const xh = rows.find((row) => row[0] === 'Công chức') ?? [];
  t.equal((rows.find((row) => row[0] === 'Nguyễn Thị Lan') ?? [])[xh.indexOf('Chỉ số hài lòng QĐ 766 (%)')], 33.33);
  t.equal((rows.find((row) => row[0] === 'Tổng cộng') ?? [])[xh.indexOf('Chỉ số hài lòng QĐ 766 (%)')], 50);
  t.ok(rows.some((row) => String(row[0]).startsWith('Chỉ số hài lòng theo Quyết định 766/QĐ-TTg')), 'the formula is written above the table');
  t.ok(rows.some((row) => String(row[0]).endsWith('không tính vào chỉ số: 1')), 'and the ratings without a dossier apart');
});
