import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { OnestopCache } from '../../broker/onestop/cache.js';
import { HttpOnestopAdapter } from '../../broker/onestop/http-adapter.js';
import { startOnestopSim, type OnestopSim } from '../../broker/onestop/sim.js';
import { sampleCatalog } from '../../broker/onestop/sim-catalog.js';
import { openDb, silent, tempDir } from './helpers.js';

const OVERDUE = '000.00.12.H01-261120-0001';
const DAY = 86_400_000;

async function setup(t: Test, cacheOpts: { dossierTtlMs?: number; liveTimeoutMs?: number } = {}) {
  const dir = tempDir(t);
  const db = openDb(t, join(dir, 'hub.db'));
  const sim: OnestopSim = await startOnestopSim({ apiKey: 'k' });
  let closed = false;
  t.teardown(async () => { if (!closed) await sim.close(); });
  const clock = { now: 1_760_000_000_000 };
  const adapter = new HttpOnestopAdapter({ baseUrl: sim.url, apiKey: 'k', timeoutMs: 1000 });
  const cache = new OnestopCache({ db, adapter, log: silent, clock: () => clock.now, ...cacheOpts });
  /** Take the province off the network for real: the port stops answering (connection refused). */
  const cut = async () => { closed = true; await sim.close(); };
  return { dir, db, sim, cache, clock, cut };
}

t.test('catalog: live when reachable, the stored copy (marked cached, with its age) when not', async (t) => {
  const { cache, clock, cut, sim } = await setup(t);
  const live = await cache.getCatalog();
  t.equal(live.cached, false);
  t.equal(live.fetchedAt, clock.now);
  t.equal(live.catalog.procedures.length, sim.catalog.procedures.length);
  clock.now += 3_600_000;
  await cut();
  const off = await cache.getCatalog();
  t.equal(off.cached, true);
  t.equal(off.ageMs, 3_600_000);
  t.same(off.catalog, live.catalog, 'same catalog, same order');
});

t.test('search ignores diacritics and case, keeps only procedures in force', async (t) => {
  const { cache, cut } = await setup(t);
  await cache.getCatalog();
  await cut();
  const names = (q: string, f?: string) => cache.searchProcedures(q, f).map((p) => p.name);
  t.equal(names('dang ky khai sinh')[0], 'Đăng ký khai sinh');
  t.equal(names('DANG KY KET HON')[0], 'Đăng ký kết hôn');
  t.equal(names('đăng ky  khai tu')[0], 'Đăng ký khai tử', 'mixed marks and spaces');
  t.ok(names('giay phep xay dung').includes('Cấp giấy phép xây dựng nhà ở riêng lẻ'));
  t.ok(names('tro cap hang thang').includes('Giải quyết trợ cấp xã hội hằng tháng'), 'words need not be adjacent');
  t.same(names('dat dai'), ['Đăng ký biến động đất đai, tài sản gắn liền với đất', 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu']);
  t.notOk(names('ho kinh doanh').some((n) => n.includes('78/2015')), 'a procedure no longer in force is not offered');
  t.ok(names('ho kinh doanh').length >= 2);
  t.ok(names('', 'tuphap').length >= 3 && cache.searchProcedures('', 'tuphap').every((p) => p.fieldId === 'tuphap'), 'field filter');
  t.same(names('khai sinh', 'datdai'), []);
  t.same(names('100%_'), [], 'LIKE wildcards are literal');
  t.equal(cache.getProcedure('KD-00')?.inForce, false, 'still readable by id');
});

t.test('dossier lookups: live, then cached offline with age; expire after the TTL; unknown codes forgotten', async (t) => {
  const { cache, clock, cut, db, sim } = await setup(t, { dossierTtlMs: 7 * DAY });
  const live = await cache.lookupDossier(` ${OVERDUE.toLowerCase()} `);
  t.equal(live?.cached, false);
  t.equal(live?.dossier.overdue, true);
  await cache.lookupDossier('000.00.12.H01-261120-0002');
  sim.dossiers.delete('000.00.12.H01-261120-0002');
  t.equal(await cache.lookupDossier('000.00.12.H01-261120-0002'), null, 'the province no longer knows it');
  t.equal((db.prepare('SELECT count(*) AS n FROM onestop_dossiers').get() as { n: number }).n, 1, 'and neither does the cache');
  await t.rejects(cache.lookupDossier('  '), { code: 'MC_ERR_DOSSIER_CODE_REQUIRED' });

  clock.now += 2 * DAY;
  await cut();
  const off = await cache.lookupDossier(OVERDUE);
  t.equal(off?.cached, true);
  t.equal(off?.ageMs, 2 * DAY);
  t.equal(off?.dossier.status, 'Đang xử lý');
  await t.rejects(cache.lookupDossier('000.00.12.H01-261120-0003'), { code: 'MC_ERR_UPLINK_DOWN' }, 'never looked up: no answer offline');

  clock.now += 5 * DAY + 1;
  await t.rejects(cache.lookupDossier(OVERDUE), { code: 'MC_ERR_UPLINK_DOWN' }, 'older than 7 days: not served');
  t.equal((db.prepare('SELECT count(*) AS n FROM onestop_dossiers').get() as { n: number }).n, 0, 'and deleted');
});

t.test('purge() removes expired personal data', async (t) => {
  const { cache, clock, db } = await setup(t, { dossierTtlMs: DAY });
  await cache.lookupDossier(OVERDUE);
  t.equal(cache.purge(), 0);
  clock.now += DAY;
  t.equal(cache.purge(), 1);
  t.equal((db.prepare('SELECT count(*) AS n FROM onestop_dossiers').get() as { n: number }).n, 0);
});

t.test('figures: live then cached; a hanging province is cut short by liveTimeoutMs', async (t) => {
  const { cache, clock, sim } = await setup(t, { liveTimeoutMs: 100 });
  const live = await cache.getFigures();
  t.equal(live.cached, false);
  clock.now += 60_000;
  sim.mode = 'hang';
  const t0 = Date.now();
  const off = await cache.getFigures();
  t.ok(Date.now() - t0 < 900, 'answered before the adapter timeout');
  t.same([off.cached, off.ageMs, off.figures], [true, 60_000, live.figures]);
});

t.test('importCatalog: a JSON file replaces the stored catalog; a bad file is refused', async (t) => {
  const { cache, dir, cut } = await setup(t);
  await cut();
  await t.rejects(cache.getCatalog(), { code: 'MC_ERR_UPLINK_DOWN' }, 'nothing stored yet');
  const c = sampleCatalog();
  c.version = 'import-1';
  c.procedures = c.procedures.slice(0, 3);
  const file = join(dir, 'catalog.json');
  writeFileSync(file, JSON.stringify(c));
  t.same(cache.importCatalog(file), { version: 'import-1', count: 3 });
  const r = await cache.getCatalog();
  t.same([r.cached, r.catalog.version, r.catalog.procedures.length], [true, 'import-1', 3]);
  t.equal(cache.searchProcedures('chung thuc').length, 0, 'search uses the imported catalog');
  t.equal(cache.searchProcedures('khai sinh').length, 1);
  writeFileSync(file, JSON.stringify({ version: 'x', procedures: [{ id: 'a' }] }));
  t.throws(() => cache.importCatalog(file), { code: 'MC_ERR_BAD_PAYLOAD' });
  t.equal((await cache.getCatalog()).catalog.version, 'import-1', 'a refused file changes nothing');
});
