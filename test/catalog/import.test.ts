/** Catalog import from a province's XLSX or CSV into a real SQLite file: levels read, every row's problem reported,
 * nothing half imported; and through the `motcua catalog import` command. */
import t from 'tap';
import { join } from 'node:path';
import { openDatabase } from '../../broker/db/open.js';
import { CacheRepo } from '../../broker/onestop/cache-repo.js';
import { importCatalogSheet } from '../../broker/onestop/catalog-import.js';
import { sampleCatalog } from '../../broker/onestop/sim-catalog.js';
import { McError } from '../../protocol/errors.js';
import { tempDir } from '../helpers/hub.js';
import { officeFile, run } from '../helpers/cli.js';
import { HEADINGS, ROWS, writeCsv, writeXlsx } from './sheets.js';

function repo(dir: string): CacheRepo {
  return new CacheRepo(openDatabase(join(dir, 'motcua.db')));
}

t.test('an XLSX of three levels is imported whole', async (t) => {
  const dir = tempDir();
  const r = repo(dir);
  t.same(await importCatalogSheet(r, await writeXlsx(dir), { version: 'QĐ 123/QĐ-UBND', now: 1 }), { version: 'QĐ 123/QĐ-UBND', count: 6 });
  const cat = r.loadCatalog()?.value;
  t.equal(cat?.procedures.length, 6);
  t.match(cat?.procedures[1], { code: '1.004227', levelKind: 'province', fieldName: 'Đất đai', fieldId: 'dat-dai', resultAt: 'Văn phòng đăng ký đất đai tỉnh',
    documents: ['Đơn đăng ký đất đai', 'Giấy tờ về quyền sử dụng đất'], fee: 'Theo Nghị quyết của HĐND tỉnh', processingTime: 'Không quá 20 ngày làm việc' });
  t.same(cat?.procedures.map((p) => p.levelKind), ['commune', 'province', 'commune', 'province', 'vertical', 'vertical']);
  t.same(cat?.procedures[0]?.documents, ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'], 'one paper a line');
});

t.test('a CSV with bad rows: every problem with its row, and the catalog in use is kept', async (t) => {
  const dir = tempDir();
  const r = repo(dir);
  r.saveCatalog(sampleCatalog(), 1, 'live');
  const bad = ROWS.map((x) => [...x]);
  bad[1]![4] = 'Cấp vũ trụ'; // unknown level, row 3
  bad[3]![6] = ''; // empty fee, row 5
  bad[5]![1] = bad[0]![1]!; // duplicate code, row 7
  const e = await importCatalogSheet(r, await writeCsv(dir, bad), { version: 'x', now: 2 }).then(() => null, (x: unknown) => x) as McError;
  t.equal(e?.code, 'MC_ERR_BAD_CATALOG');
  t.match(e.vi, /chưa nhập thủ tục nào/);
  t.match(e.details, [
    { row: 3, column: 'Cấp thực hiện', message: /cấp không rõ "Cấp vũ trụ"/ },
    { row: 5, column: 'Phí, lệ phí', message: /ô trống/ },
    { row: 7, column: 'Mã thủ tục', message: /trùng với dòng 2/ },
  ]);
  t.equal(r.loadCatalog()?.value.version, sampleCatalog().version, 'nothing half imported');
});

t.test('a missing column and a file that is not a spreadsheet are refused', async (t) => {
  const dir = tempDir();
  const r = repo(dir);
  const noResult = await writeCsv(dir, ROWS.map((x) => [...x.slice(0, 9), x[10] ?? '']), 'thieu-cot.csv', [...HEADINGS.slice(0, 9), HEADINGS[10] ?? '']);
  await t.rejects(importCatalogSheet(r, noResult, { version: 'x', now: 1 }), { code: 'MC_ERR_BAD_CATALOG', details: [{ row: 1, message: /thiếu cột "Nơi trả kết quả"/ }] });
  await t.rejects(importCatalogSheet(r, join(dir, 'x.pdf'), { version: 'x', now: 1 }), { code: 'MC_ERR_BAD_CATALOG' });
  t.equal(r.loadCatalog(), null);
});

t.test('motcua catalog import prints each row\'s problem, then imports a good file', async (t) => {
  const dir = tempDir();
  const cfg = officeFile(dir);
  const bad = ROWS.map((x) => [...x]);
  bad[2]![2] = '';
  const refused = await run(['catalog', 'import', await writeCsv(dir, bad), '--config', cfg]);
  t.equal(refused.code, 1);
  t.match(refused.err, /MC_ERR_BAD_CATALOG[\s\S]*dòng 4, cột "Tên thủ tục": ô trống/);
  const ok = await run(['catalog', 'import', await writeXlsx(dir), '--config', cfg, '--version', 'QĐ 45']);
  t.equal(ok.code, 0, ok.err);
  t.match(ok.out, /Đã nhập 6 thủ tục \(phiên bản QĐ 45\)/);
});
