import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFile } from '../config/load.js';
import { openDatabase } from './db/open.js';
import { DeviceRegistry } from './devices/registry.js';
import { isMcError } from './errors.js';
import { exportMosquitto } from './devices/mosquitto.js';
import { EXIT, explainStartError, loadOrExplain, runHub } from './run.js';
import { VERSION } from './version.js';

const HELP = `motcua ${VERSION} — hub for one-stop offices (Bộ phận Một cửa)

Usage: motcua <command> [options]

Commands:
  hub --config office.yaml        run the hub for an office
  demo [--port 8080]              run the district demo office with simulated devices
  config check <file>             validate an office config, listing every problem
  devices list|add|disable|enable|remove|rotate|show   manage device credentials (see: motcua devices --help)
  devices export-mosquitto --config office.yaml --out DIR   write Mosquitto password + ACL files
  onestop-sim [--port 8090]       run the reference provincial-system simulator
  bridge --config bridge.yaml     run the firmware bridge for locally attached devices
  --version, --help

Exit codes: 0 ok, 64 usage, 74 database refused, 75 port in use, 78 invalid config, 1 other failure.`;

const DEVICES_HELP = `Usage: motcua devices <action> --config office.yaml [options]
  list                                   list devices
  add --id ID --kind KIND [--counter Q] [--name N] [--printer PRINTER_ID]   create; prints the secret once
  disable|enable|remove|rotate --id ID   (rotate prints the new secret)
  show --id ID                           pairing data of a device (no secret)
  export-mosquitto --out DIR             Mosquitto passwd + acl for the external-broker mode`;

type Cmd = (argv: string[]) => Promise<number>;

const commands: Record<string, Cmd> = {
  hub: async (argv) => {
    const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help || !values.config) { console.log('Usage: motcua hub --config office.yaml'); return values.help ? EXIT.OK : EXIT.USAGE; }
    const cfg = loadOrExplain(values.config);
    if (typeof cfg === 'number') return cfg;
    return runHub(cfg, { configFile: values.config });
  },
  demo: async (argv) => (await import('./demo.js')).runDemo(argv),
  config: async (argv) => {
    const [action, file] = argv;
    if (action !== 'check' || !file) { console.log('Usage: motcua config check <file>'); return EXIT.USAGE; }
    try { const c = loadConfigFile(file); console.log(`OK: ${c.office.name} — ${c.fields.length} lĩnh vực, ${c.counters.length} quầy`); return EXIT.OK; } catch (e) {
      console.error(e instanceof ConfigError ? e.message : String(e));
      return EXIT.CONFIG;
    }
  },
  devices: devicesCmd,
  'onestop-sim': async (argv) => (await import('./onestop/sim.js')).runOnestopSim(argv),
  bridge: async (argv) => (await import('../firmware-bridge/index.js')).runBridgeCli(argv),
};

async function devicesCmd(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: {
    config: { type: 'string', short: 'c' }, id: { type: 'string' }, kind: { type: 'string' }, counter: { type: 'string' }, name: { type: 'string' },
    printer: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (!action || values.help || action === '--help') { console.log(DEVICES_HELP); return action ? EXIT.OK : EXIT.USAGE; }
  if (action === 'scan') return (await import('../firmware-bridge/index.js')).runScanCli(rest);
  if (!values.config) { console.error('--config office.yaml is required'); return EXIT.USAGE; }
  const cfg = loadOrExplain(values.config);
  if (typeof cfg === 'number') return cfg;
  let db;
  try { db = openDatabase(join(resolve(cfg.hub.dataDir), 'motcua.db')); } catch (e) { const x = explainStartError(e); console.error(x.line); return x.code; }
  const reg = new DeviceRegistry(db);
  const need = (): string => { if (!values.id) throw new Error('--id is required'); return values.id; };
  try {
    switch (action) {
      case 'list':
        for (const d of reg.list()) console.log(`${d.id}\t${d.kind}\t${d.counterId ?? '-'}\t${d.disabled ? 'disabled' : 'enabled'}\t${d.name}`);
        return EXIT.OK;
      case 'add': {
        if (!values.kind) throw new Error('--kind is required');
        const r = reg.add({ id: need(), kind: values.kind, name: values.name ?? '', counterId: values.counter ?? null, options: values.printer ? { printerId: values.printer } : {} }, cfg.counters.map((c) => c.id));
        console.log(JSON.stringify({ id: r.device.id, kind: r.device.kind, counterId: r.device.counterId, secret: r.secret, office: cfg.office.id }, null, 2));
        return EXIT.OK;
      }
      case 'rotate': console.log(JSON.stringify({ id: need(), secret: reg.rotate(need()) }, null, 2)); return EXIT.OK;
      case 'disable': reg.setDisabled(need(), true); console.log(`disabled ${need()}`); return EXIT.OK;
      case 'enable': reg.setDisabled(need(), false); console.log(`enabled ${need()}`); return EXIT.OK;
      case 'remove': reg.remove(need()); console.log(`removed ${need()}`); return EXIT.OK;
      case 'show': { const d = reg.get(need()); if (!d) throw new Error(`no device ${need()}`); console.log(JSON.stringify({ ...d, office: cfg.office.id }, null, 2)); return EXIT.OK; }
      case 'export-mosquitto': {
        if (!values.out) throw new Error('--out DIR is required');
        const files = await exportMosquitto(db, cfg.office.id, values.out);
        console.log(`wrote ${files.join(', ')}`);
        return EXIT.OK;
      }
      default: console.error(`unknown action "${action}"\n${DEVICES_HELP}`); return EXIT.USAGE;
    }
  } catch (e) {
    console.error(isMcError(e) ? `${e.code}: ${e.message}` : (e as Error).message);
    return EXIT.FAILED;
  } finally { db.close(); }
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(HELP); return cmd ? EXIT.OK : EXIT.USAGE; }
  if (cmd === '--version') { console.log(VERSION); return EXIT.OK; }
  const run = commands[cmd];
  if (!run) { console.error(`unknown command "${cmd}"\n\n${HELP}`); return EXIT.USAGE; }
  return run(rest);
}
