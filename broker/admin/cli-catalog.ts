/** `motcua catalog import <file.xlsx|csv> --config office.yaml`: a province's procedure spreadsheet into the stored catalog. */
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { isMcError } from '../../protocol/errors.js';
import { CacheRepo } from '../onestop/cache-repo.js';
import { importCatalogSheet } from '../onestop/catalog-import.js';
import type { SheetProblem } from '../onestop/catalog-sheet.js';
import { ADMIN_EXIT as EXIT, explain, openOffice } from './cli-common.js';

export const CATALOG_HELP = `Usage: motcua catalog import <file.xlsx|file.csv> --config office.yaml [--version V]
Reads the spreadsheet a province publishes with its decision announcing procedures (first sheet; headings such as
Mã thủ tục, Tên thủ tục, Lĩnh vực, Cấp thực hiện, Thời hạn giải quyết, Phí, lệ phí, Thành phần hồ sơ, Nơi tiếp nhận,
Nơi trả kết quả, Căn cứ pháp lý). Every row is checked first: one problem anywhere and nothing is imported (each
problem is printed with its row); else the catalog in use is replaced at once. The hub may be running.
Exit codes: 0 imported, 1 refused (problems printed), 64 usage, 74 database refused, 78 invalid config.`;

export async function catalogCmd(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string', short: 'c' }, version: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) { console.error(`${(e as Error).message}\n${CATALOG_HELP}`); return EXIT.USAGE; }
  const { values, positionals: [action, file] } = parsed;
  if (values.help) { console.log(CATALOG_HELP); return EXIT.OK; }
  if (action !== 'import' || !file) { console.error(CATALOG_HELP); return EXIT.USAGE; }
  const opened = openOffice(values.config);
  if (typeof opened === 'number') return opened;
  try {
    const r = await importCatalogSheet(new CacheRepo(opened.db), file, { version: values.version ?? basename(file), now: Date.now() });
    console.log(`Đã nhập ${r.count} thủ tục (phiên bản ${r.version}) / imported ${r.count} procedures`);
    return EXIT.OK;
  } catch (e) {
    console.error(isMcError(e) ? `${e.code}: ${e.vi}` : explain(e));
    if (isMcError(e) && Array.isArray(e.details)) for (const p of e.details as SheetProblem[]) console.error(`  dòng ${p.row}${p.column ? `, cột "${p.column}"` : ''}: ${p.message}`);
    return 1;
  } finally { opened.db.close(); }
}
