import { parseArgs } from 'node:util';
import { catalogCmd } from './admin/cli-catalog.js';
import { configCmd } from './admin/cli-config.js';
import { devicesCmd } from './admin/cli-devices.js';
import { backupCmd, doctorCmd, initCmd, restoreCmd } from './admin/cli-ops.js';
import { usersCmd } from './admin/cli-users.js';
import { EXIT, loadOrExplain, runHub } from './run.js';
import { VERSION } from './version.js';

const HELP = `motcua ${VERSION} — hub for public administration service centers (Trung tâm Phục vụ hành chính công)

Usage: motcua <command> [options]

Commands:
  init --template commune|province|reception-point --out office.yaml [--name …] [--id …]
                                  write a new office config, data dir and first technician account
  hub --config office.yaml        run the hub for an office
  demo [--port 8080] [--province] run the demo commune-level center (or province center) with simulated devices
  config check <file>             validate an office config, listing every problem
  config migrate <file>           write a config of an earlier version back at the current one (keeps .bak)
  devices list|add|disable|enable|remove|rotate|show|scan   manage devices and pairing (motcua devices --help)
  devices export-mosquitto --config office.yaml --out DIR   write Mosquitto password + ACL files
  users list|add|disable|enable|role|passwd       staff accounts (motcua users --help)
  catalog import FILE.xlsx|csv --config office.yaml  import a province's procedure spreadsheet (all rows or none)
  doctor --config office.yaml     check config, disk, database, ports, broker, printers, clock, uplink
  backup --config office.yaml --out FILE.db      online backup of the database (hub may run)
  restore --config office.yaml --from FILE.db    put a backup back (hub stopped)
  onestop-sim [--port 8090]       run the reference provincial-system simulator
  province serve|db-init|office|user|broker-files|bridge-config
                                  the province's service: offices' events into PostgreSQL, the province's pages (motcua province --help)
  bridge --config bridge.yaml     run the firmware bridge for locally attached devices
  --version, --help

Every command answers --help.
Exit codes: 0 ok, 1 failure / a doctor check failed, 64 usage, 69 hub running (restore), 73 output exists,
74 database refused, 75 port in use, 78 invalid config.`;

type Cmd = (argv: string[]) => Promise<number>;

const commands: Record<string, Cmd> = {
  hub: async (argv) => {
    const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, bridge: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help || !values.config) {
      console.log('Usage: motcua hub --config office.yaml [--bridge bridge.yaml]\n  --bridge  also run the firmware bridge in this process, for devices plugged into the mini-PC');
      return values.help ? EXIT.OK : EXIT.USAGE;
    }
    const cfg = loadOrExplain(values.config);
    if (typeof cfg === 'number') return cfg;
    const bridgeFile = values.bridge;
    if (!bridgeFile) return runHub(cfg, { configFile: values.config });
    const { loadBridgeConfig, startBridge } = await import('../firmware-bridge/index.js');
    let bridgeCfg;
    try { bridgeCfg = loadBridgeConfig(bridgeFile); } catch (e) { console.error(`${bridgeFile}: ${(e as Error).message}`); return EXIT.CONFIG; }
    let bridge: { stop(): Promise<void> } | null = null;
    const code = await runHub(cfg, { configFile: values.config }, async (hub) => {
      bridge = await startBridge(bridgeCfg, { log: hub.log.child({ mod: 'bridge' }), brokerUrl: hub.brokerUrl });
    });
    await (bridge as { stop(): Promise<void> } | null)?.stop();
    return code;
  },
  demo: async (argv) => (await import('./demo.js')).runDemo(argv),
  config: configCmd,
  catalog: catalogCmd,
  devices: devicesCmd,
  users: usersCmd,
  init: initCmd,
  doctor: doctorCmd,
  backup: backupCmd,
  restore: restoreCmd,
  'onestop-sim': async (argv) => (await import('./onestop/sim.js')).runOnestopSim(argv),
  province: async (argv) => (await import('../province/cli.js')).runProvince(argv),
  bridge: async (argv) => (await import('../firmware-bridge/index.js')).runBridgeCli(argv),
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { console.log(HELP); return cmd ? EXIT.OK : EXIT.USAGE; }
  if (cmd === '--version') { console.log(VERSION); return EXIT.OK; }
  const run = commands[cmd];
  if (!run) { console.error(`unknown command "${cmd}"\n\n${HELP}`); return EXIT.USAGE; }
  try {
    return await run(rest);
  } catch (e) {
    // a mistyped option is a usage error, said in one line, not a stack trace
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS_')) { console.error(`motcua ${cmd}: ${(e as Error).message}\nTry: motcua ${cmd} --help`); return EXIT.USAGE; }
    throw e;
  }
}
