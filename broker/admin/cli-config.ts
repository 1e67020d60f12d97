/** `motcua config check|migrate <file>`: validate (with what a migration would change) or write the migration back. */
import { parseArgs } from 'node:util';
import { ConfigError, readConfigFile, type ConfigWarning } from '../../config/load.js';
import { laborCodeHolidays } from '../../config/holidays-vn.js';
import { migrateFile } from '../../config/write-back.js';
import { EXIT } from '../run.js';

export const CONFIG_HELP = `Usage: motcua config check <file>
       motcua config migrate <file> [--out FILE]
       motcua config holidays --year YYYY
check    validates an office config and lists every problem with its path; a config of an earlier version is
         migrated in memory and what the migration says is printed as warnings.
migrate  writes the config back at the current version (the previous file is kept as FILE.bak); nothing is
         written if the migrated config is not valid.
holidays prints the Labor Code's public holidays of a year (Tết and Giỗ Tổ from the lunar calendar, with
         compensatory days) as lines for calendar.holidays; edit them to the days the government fixes.
Exit codes: 0 valid, 78 invalid, 64 usage.`;

const printWarnings = (ws: ConfigWarning[]): void => { for (const w of ws) console.error(`  ! ${w.path}: ${w.message}`); };

export async function configCmd(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' }, year: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) { console.log(CONFIG_HELP); return EXIT.OK; }
  const [action, file] = positionals;
  if (action === 'holidays') return printHolidays(values.year);
  if ((action !== 'check' && action !== 'migrate') || !file) { console.log(CONFIG_HELP); return EXIT.USAGE; }
  try {
    if (action === 'check') {
      const r = readConfigFile(file);
      console.log(`OK: ${r.cfg.office.name} — ${r.cfg.fields.length} lĩnh vực, ${r.cfg.counters.length} quầy`);
      if (r.warnings.length) { console.error(`Cảnh báo / warnings (phiên bản ${r.from}):`); printWarnings(r.warnings); }
      return EXIT.OK;
    }
    const r = migrateFile(file, values.out ?? file);
    if (!r.written) { console.log(`Đã ở phiên bản ${r.to}, không cần chuyển / already at version ${r.to}: ${file}`); return EXIT.OK; }
    console.log(`Đã chuyển cấu hình phiên bản ${r.from} → ${r.to} / migrated ${r.from} → ${r.to}: ${r.file}${r.file === file ? ` (bản cũ: ${file}.bak)` : ''}`);
    printWarnings(r.warnings);
    return EXIT.OK;
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : String(e));
    return EXIT.CONFIG;
  }
}

function printHolidays(year: string | undefined): number {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1900 || y > 2199) { console.error('--year phải là năm 1900–2199 / --year must be a year 1900–2199'); return EXIT.USAGE; }
  console.log(`# Ngày nghỉ lễ, Tết năm ${y} theo Bộ luật Lao động 2019 (Điều 112); sửa theo thông báo của Chính phủ.`);
  console.log('holidays:');
  for (const h of laborCodeHolidays(y)) console.log(`  - "${h.day}" # ${h.name}`);
  return EXIT.OK;
}
