/** `motcua bridge --config bridge.yaml` and `motcua devices scan [--config bridge.yaml] [--json]`. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { parse as parseYaml } from 'yaml';
import { isMcError } from '../protocol/errors.js';
import { validateBridgeConfig, type BridgeConfig } from './config.js';
import { startBridge } from './runner.js';
import { formatScan, scanDevices } from './scan.js';

export function loadBridgeConfig(file: string): BridgeConfig {
  return validateBridgeConfig(parseYaml(readFileSync(file, 'utf8')));
}

function explain(err: unknown): string {
  return isMcError(err) ? `${err.vi}\n${err.message}` : err instanceof Error ? err.message : String(err);
}

export async function runBridgeCli(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, broker: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || !values.config) {
    console.log('Usage: motcua bridge --config bridge.yaml [--broker mqtt://127.0.0.1:1883]');
    return values.help ? 0 : 2;
  }
  let cfg: BridgeConfig;
  try { cfg = loadBridgeConfig(values.config); } catch (err) { console.error(explain(err)); return 78; }
  const log = pino({ name: 'bridge' });
  const brokerUrl = values.broker ?? process.env.MOTCUA_BROKER_URL ?? 'mqtt://127.0.0.1:1883';
  let bridge;
  try { bridge = await startBridge(cfg, { log, brokerUrl }); } catch (err) { console.error(explain(err)); return 69; }
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await bridge.stop();
  return 0;
}

export async function runScanCli(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' } }, strict: false });
  let cfg: BridgeConfig | undefined;
  if (typeof values.config === 'string') {
    try { cfg = loadBridgeConfig(values.config); } catch (err) { console.error(explain(err)); return 78; }
  }
  const list = await scanDevices(cfg);
  console.log(values.json ? JSON.stringify(list, null, 2) : formatScan(list));
  return 0;
}
