import t from 'tap';
import { hourOf, dayStart } from '../../broker/reports/localtime.js';
import { resolvePeriod } from '../../broker/reports/period.js';
import { durations, median, percentile, WAIT_BUCKETS } from '../../broker/reports/stats.js';
import { sessions } from '../../broker/reports/clerks.js';

t.test('periods are whole local days, both ends included', async (t) => {
  t.match(resolvePeriod({ period: 'month', date: '2028-02' }), { from: '2028-02-01', to: '2028-02-29', label: 'Tháng 02/2028' }, 'leap February');
  t.match(resolvePeriod({ period: 'month', date: '2026-12' }), { from: '2026-12-01', to: '2026-12-31' });
  t.match(resolvePeriod({ period: 'quarter', date: '2026-Q1' }), { from: '2026-01-01', to: '2026-03-31', label: 'Quý I/2026' });
  t.match(resolvePeriod({ period: 'quarter', date: '2026-Q4' }), { from: '2026-10-01', to: '2026-12-31', label: 'Quý IV/2026' });
  t.match(resolvePeriod({ period: 'year', date: '2026' }), { from: '2026-01-01', to: '2026-12-31', label: 'Năm 2026' });
  t.match(resolvePeriod({ from: '2026-11-03', to: '2026-12-01' }), { kind: 'range', label: 'Từ ngày 03/11/2026 đến ngày 01/12/2026' });
  t.throws(() => resolvePeriod({ from: '2026-12-01', to: '2026-11-03' }), { code: 'MC_ERR_BAD_REQUEST' });
  t.throws(() => resolvePeriod({ from: '2020-01-01', to: '2026-01-01' }), { code: 'MC_ERR_BAD_REQUEST' }, 'at most 3 years');
  t.throws(() => resolvePeriod({ period: 'month', date: '2026-13' }), { code: 'MC_ERR_BAD_REQUEST' });
});

t.test('median (mean of the middle two), nearest-rank 90th percentile, buckets', async (t) => {
  t.equal(median([1, 2, 3, 10]), 2.5); t.equal(median([1, 2, 30]), 2); t.equal(median([]), null);
  const xs = Array.from({ length: 10 }, (_, i) => i + 1);
  t.equal(percentile(xs, 90), 9); t.equal(percentile([5], 90), 5); t.equal(percentile(Array.from({ length: 11 }, (_, i) => i + 1), 90), 10);
  const d = durations([4 * 60_000, 5 * 60_000, 59 * 60_000, 60 * 60_000, 61 * 60_000], WAIT_BUCKETS);
  t.same(d.buckets.map((b) => b.count), [1, 1, 0, 0, 1, 2], 'a bucket includes its lower edge');
  t.same(d.buckets.map((b) => b.label), ['0–5 phút', '5–10 phút', '10–15 phút', '15–30 phút', '30–60 phút', '≥ 60 phút']);
  t.match(d, { count: 5, median: 3540, p90: 3660, max: 3660 });
});

t.test('local hours and day starts follow the time zone, also across a DST change', async (t) => {
  const vn = hourOf('Asia/Ho_Chi_Minh');
  t.equal(vn(Date.parse('2026-11-24T09:59:59+07:00')), 9); t.equal(vn(Date.parse('2026-11-24T00:10:00+07:00')), 0);
  const be = hourOf('Europe/Berlin');
  t.equal(be(Date.parse('2026-03-29T01:30:00+01:00')), 1); t.equal(be(Date.parse('2026-03-29T03:30:00+02:00')), 3);
  t.equal(be(Date.parse('2026-03-29T12:00:00+02:00')), 12);
  t.equal(dayStart('2026-11-24', 'Asia/Ho_Chi_Minh'), Date.parse('2026-11-24T00:00:00+07:00'));
  t.equal(dayStart('2026-07-01', 'Europe/Berlin'), Date.parse('2026-07-01T00:00:00+02:00'));
});

t.test('sessions pair each sign-in with the next sign-out of the same clerk', async (t) => {
  const at = (s: string) => Date.parse(`2026-11-24T${s}:00+07:00`);
  const s = sessions([
    { at: at('07:00'), day: '2026-11-24', type: 'clerk.signed_in', clerkId: 'a', counterId: 'q1' },
    { at: at('08:00'), day: '2026-11-24', type: 'clerk.signed_in', clerkId: 'b', counterId: 'q2' },
    { at: at('09:30'), day: '2026-11-24', type: 'clerk.signed_out', clerkId: 'a', counterId: 'q1' },
    { at: at('09:45'), day: '2026-11-24', type: 'clerk.signed_out', clerkId: 'a', counterId: 'q1' },
    { at: at('10:00'), day: '2026-11-24', type: 'clerk.signed_in', clerkId: 'a', counterId: 'q3' },
  ], 'Asia/Ho_Chi_Minh', at('11:00'));
  t.match(s.get('a'), { count: 2, ms: 150 * 60_000 + 60 * 60_000 }, 'an open session counts up to now when the day is not over');
  t.same([...(s.get('a')?.counters ?? [])], ['q1', 'q3']);
  t.match(s.get('b'), { count: 1, ms: 3 * 3600_000 });
});
