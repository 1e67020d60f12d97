/**
 * Import of a province's procedure spreadsheet (XLSX or CSV) into the stored catalog: every row is checked first;
 * one problem anywhere and nothing is stored (the catalog in use stays), else the whole catalog is replaced in
 * one SQLite transaction (CacheRepo.saveCatalog).
 */
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { McError } from '../../protocol/errors.js';
import type { Catalog } from './adapter.js';
import type { CacheRepo } from './cache-repo.js';
import { proceduresFromRows } from './catalog-sheet.js';

/** The rows of the first worksheet (or the CSV), each cell as its text. */
export async function readSheetRows(file: string): Promise<string[][]> {
  const ext = extname(file).toLowerCase();
  const wb = new ExcelJS.Workbook();
  try {
    if (ext === '.xlsx') await wb.xlsx.readFile(file);
    else if (ext === '.csv') await wb.csv.readFile(file);
    else throw new Error('chỉ nhận tệp .xlsx hoặc .csv / only .xlsx or .csv files');
  } catch (e) {
    throw new McError('MC_ERR_BAD_CATALOG', `${file}: ${(e as Error).message}`, [{ row: 0, column: '', message: `không đọc được tệp / cannot read the file: ${(e as Error).message}` }]);
  }
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => { cells[col - 1] = cell.text ?? ''; });
    rows[n - 1] = cells;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** Check and store; throws MC_ERR_BAD_CATALOG with every row's problem in `details`. */
export async function importCatalogSheet(repo: CacheRepo, file: string, o: { version: string; now: number }): Promise<{ version: string; count: number }> {
  const { procedures, problems } = proceduresFromRows(await readSheetRows(file));
  if (problems.length) throw new McError('MC_ERR_BAD_CATALOG', `${file}: ${problems.length} problem(s)`, problems);
  const catalog: Catalog = { version: o.version, publishedAt: new Date(o.now).toISOString(), procedures };
  repo.saveCatalog(catalog, o.now, 'import');
  return { version: catalog.version, count: procedures.length };
}
