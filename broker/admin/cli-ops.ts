import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/load.js';
import { loadOrExplain } from '../run.js';
import { backupDatabase, BackupError, restoreDatabase } from './backup.js';
import { ADMIN_EXIT as EXIT, dbFileOf, progress } from './cli-common.js';
import { formatCheck, runDoctor } from './doctor.js';
import { initOffice, InitError, TEMPLATES, type Template } from './init.js';

export const INIT_HELP = `Usage: motcua init --template commune|province|reception-point --out office.yaml [--name "…"] [--id ID] [--address "…"] [--data-dir DIR] [--admin USER] [--force]
Writes a valid office config from the template (fields and counters of a typical ${TEMPLATES.join('/')} office; no clerks:
add them in /admin), creates the data directory and database, and a first technician account (default "kythuat")
whose generated password is printed ONCE.
Exit codes: 0 ok, 64 usage, 73 the output file exists (use --force), 74 database refused, 78 the result would be invalid (e.g. --id).`;
export const DOCTOR_HELP = `Usage: motcua doctor --config office.yaml
Checks: config, data directory (writable, free space), database (quick_check), HTTP and MQTT ports (free, or this
office's hub answering /api/health), MQTT broker, each printer (TCP connect + status), clock and time zone, provincial
uplink. Prints ✔ / ✘ (– = not applicable) per check with what to fix.
Exit codes: 0 every check passed, 1 at least one ✘, 64 usage.`;
export const BACKUP_HELP = `Usage: motcua backup --config office.yaml --out FILE.db
Online backup of the database (safe while the hub runs), then verified with integrity_check.
Exit codes: 0 ok, 1 failed, 64 usage, 73 FILE exists, 74 no database / the copy failed its check, 78 invalid config.`;
export const RESTORE_HELP = `Usage: motcua restore --config office.yaml --from FILE.db
Replaces the office database with a backup. Refused while the hub runs (stop it first: systemctl stop motcua-hub).
The backup is verified first; the current database is kept as motcua.db.before-restore.
Exit codes: 0 ok, 64 usage, 69 the hub is running, 74 the backup is not a valid hub database, 78 invalid config.`;

function args(argv: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>, help: string): Record<string, string | boolean | undefined> | number {
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    if (values.help) { console.log(help); return EXIT.OK; }
    return values as Record<string, string | boolean | undefined>;
  } catch (e) { console.error(`${(e as Error).message}\n\n${help}`); return EXIT.USAGE; }
}

export async function initCmd(argv: string[]): Promise<number> {
  const v = args(argv, { template: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, id: { type: 'string' }, address: { type: 'string' },
    'data-dir': { type: 'string' }, admin: { type: 'string' }, force: { type: 'boolean' } }, INIT_HELP);
  if (typeof v === 'number') return v;
  if (!v.template || !v.out) { console.error(`--template and --out are required\n\n${INIT_HELP}`); return EXIT.USAGE; }
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  try {
    const r = await initOffice({ template: v.template as Template, out: v.out as string, name: str('name'), id: str('id'), address: str('address'), dataDir: str('data-dir'), admin: str('admin'), force: !!v.force }, progress);
    console.log(`Văn phòng / office: ${r.cfg.office.name} (${r.cfg.office.id})\nConfig: ${r.file}\nData: ${r.dataDir}`);
    if (r.admin) console.log(`Tài khoản kỹ thuật / technician account: ${r.admin.username}\nMật khẩu / password (shown once, write it down): ${r.admin.password}`);
    console.log(`Next: motcua doctor --config ${v.out}   then   motcua hub --config ${v.out}   and open http://<this-pc>:${r.cfg.hub.port}/admin`);
    return EXIT.OK;
  } catch (e) {
    if (e instanceof InitError) { console.error(e.message); return e.exit; }
    if (e instanceof ConfigError) { console.error(e.message); return EXIT.CONFIG; }
    console.error((e as Error).message);
    return EXIT.DATABASE;
  }
}

export async function doctorCmd(argv: string[]): Promise<number> {
  const v = args(argv, { config: { type: 'string', short: 'c' } }, DOCTOR_HELP);
  if (typeof v === 'number') return v;
  if (!v.config) { console.error(`--config is required\n\n${DOCTOR_HELP}`); return EXIT.USAGE; }
  const results = await runDoctor(v.config as string, (r) => console.log(formatCheck(r)));
  const failed = results.filter((r) => r.state === 'fail').length;
  console.log(failed ? `\n✘ ${failed} vấn đề cần xử lý / ${failed} problem(s) to fix` : '\n✔ Mọi kiểm tra đều đạt / all checks passed');
  return failed ? EXIT.FAILED : EXIT.OK;
}

export async function backupCmd(argv: string[]): Promise<number> {
  const v = args(argv, { config: { type: 'string', short: 'c' }, out: { type: 'string', short: 'o' } }, BACKUP_HELP);
  if (typeof v === 'number') return v;
  if (!v.config || !v.out) { console.error(`--config and --out are required\n\n${BACKUP_HELP}`); return EXIT.USAGE; }
  const cfg = loadOrExplain(v.config as string);
  if (typeof cfg === 'number') return cfg;
  try {
    const r = await backupDatabase(dbFileOf(cfg), v.out as string, progress);
    console.log(`✔ backup ${v.out}: ${Math.round(r.bytes / 1024)} KB, integrity ok, schema ${r.schemaVersion}, ${r.tickets} tickets, ${r.devices} devices, ${r.users} accounts`);
    return EXIT.OK;
  } catch (e) {
    console.error(`✘ ${(e as Error).message}`);
    return e instanceof BackupError ? e.exit : EXIT.FAILED;
  }
}

export async function restoreCmd(argv: string[]): Promise<number> {
  const v = args(argv, { config: { type: 'string', short: 'c' }, from: { type: 'string' } }, RESTORE_HELP);
  if (typeof v === 'number') return v;
  if (!v.config || !v.from) { console.error(`--config and --from are required\n\n${RESTORE_HELP}`); return EXIT.USAGE; }
  const cfg = loadOrExplain(v.config as string);
  if (typeof cfg === 'number') return cfg;
  if (cfg.hub.port && (await hubAnswers(cfg.hub.host, cfg.hub.port))) {
    console.error(`✘ Hub đang chạy — the hub answers on port ${cfg.hub.port}: stop it first (systemctl stop motcua-hub)`);
    return EXIT.RUNNING;
  }
  try {
    const r = restoreDatabase(v.from as string, dbFileOf(cfg), progress);
    console.log(`✔ restored ${v.from} → ${dbFileOf(cfg)}: schema ${r.schemaVersion}, ${r.tickets} tickets, ${r.devices} devices, ${r.users} accounts${r.kept ? `; previous database kept as ${r.kept}` : ''}`);
    return EXIT.OK;
  } catch (e) {
    console.error(`✘ ${(e as Error).message}`);
    return e instanceof BackupError ? e.exit : EXIT.FAILED;
  }
}

async function hubAnswers(host: string, port: number): Promise<boolean> {
  try {
    const r = await fetch(`http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return r.ok || r.status === 503;
  } catch { return false; }
}
