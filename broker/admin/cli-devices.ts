import { parseArgs } from 'node:util';
import { exportMosquitto } from '../devices/mosquitto.js';
import { checkProvisioning } from '../devices/provision.js';
import { DeviceRegistry } from '../devices/registry.js';
import { DEVICE_KINDS } from '../../protocol/topics.js';
import { StaffDirectory } from '../staff/users.js';
import { ADMIN_EXIT as EXIT, explain, openOffice } from './cli-common.js';
import { pairingFromConfig, qrTerminal, qrText } from './pairing.js';

export const DEVICES_HELP = `Usage: motcua devices <action> --config office.yaml [options]
  list                                     list devices (id, kind, counter, state, name)
  add --id ID --kind KIND [--counter Q] [--name N] [--printer PRINTER_ID] [--options JSON] [--qr]
                                           create a device; prints its pairing data with the secret ONCE
                                           (kinds: ${DEVICE_KINDS.join(', ')})
  show --id ID [--qr] [--rotate]           pairing data (no secret; --rotate makes a new secret and shows it)
  rotate --id ID [--qr]                    new secret (the old one stops working at once)
  disable|enable|remove --id ID
  scan [--config bridge.yaml] [--json]     find attached serial/HID devices (the bridge's discovery)
  export-mosquitto --out DIR               Mosquitto passwd + acl for the external-broker mode
--qr prints the pairing JSON as a terminal QR code as well (kiosk pages and devices can scan it).
Exit codes: 0 ok, 1 refused (unknown device, bad input), 64 usage, 74 database refused, 78 invalid config.`;

export async function devicesCmd(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'scan') {
    if (rest.includes('--help') || rest.includes('-h')) { console.log('Usage: motcua devices scan [--config bridge.yaml] [--json]\nLists serial ports and HID devices the bridge can drive.'); return EXIT.OK; }
    return (await import('../../firmware-bridge/index.js')).runScanCli(rest);
  }
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: {
      config: { type: 'string', short: 'c' }, id: { type: 'string' }, kind: { type: 'string' }, counter: { type: 'string' }, name: { type: 'string' },
      printer: { type: 'string' }, options: { type: 'string' }, out: { type: 'string' }, qr: { type: 'boolean' }, rotate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) { console.error(`${(e as Error).message}\n${DEVICES_HELP}`); return EXIT.USAGE; }
  if (!action || values.help || action === '--help' || action === '-h') { console.log(DEVICES_HELP); return action ? EXIT.OK : EXIT.USAGE; }
  if (!['list', 'add', 'show', 'rotate', 'disable', 'enable', 'remove', 'export-mosquitto'].includes(action)) { console.error(`unknown action "${action}"\n${DEVICES_HELP}`); return EXIT.USAGE; }
  if (action !== 'list' && action !== 'export-mosquitto' && !values.id) { console.error(`--id is required\n${DEVICES_HELP}`); return EXIT.USAGE; }
  const opened = openOffice(values.config);
  if (typeof opened === 'number') return opened;
  const { cfg, db } = opened;
  const reg = new DeviceRegistry(db);
  const audit = (what: string, detail: Record<string, unknown>) => new StaffDirectory(db, Date.now).audit(`cli:${process.env.SUDO_USER ?? process.env.USER ?? 'root'}`, what, detail);
  const id = values.id ?? '';
  const show = async (d: { id: string; kind: string; counterId: string | null }, secret: string | undefined, extra: Record<string, unknown> = {}) => {
    const pairing = pairingFromConfig(cfg, d, secret);
    console.log(JSON.stringify({ id: d.id, kind: d.kind, counterId: d.counterId, ...(secret ? { secret } : {}), office: cfg.office.id, ...extra, pairing }, null, 2));
    if (values.qr) console.log(`\n${await qrTerminal(pairing)}\nQR: ${qrText(pairing)}${secret ? '\nThe secret is shown only now: pair the device, then close this window.' : ''}`);
  };
  try {
    switch (action) {
      case 'list':
        for (const d of reg.list()) console.log(`${d.id}\t${d.kind}\t${d.counterId ?? '-'}\t${d.disabled ? 'disabled' : 'enabled'}\t${d.name}`);
        return EXIT.OK;
      case 'add': {
        if (!values.kind) { console.error(`--kind is required (one of ${DEVICE_KINDS.join(', ')})`); return EXIT.USAGE; }
        let options: Record<string, unknown> = {};
        if (values.options) {
          try { options = JSON.parse(values.options) as Record<string, unknown>; } catch { console.error('--options must be JSON, e.g. \'{"transport":"tcp","host":"192.168.1.50","port":9100}\''); return EXIT.USAGE; }
        }
        if (values.printer) options = { ...options, printerId: values.printer };
        checkProvisioning({ kind: values.kind, options }, (p) => reg.get(p));
        const r = reg.add({ id, kind: values.kind, name: (values.name ?? '').normalize('NFC'), counterId: values.counter ?? null, options }, cfg.counters.map((c) => c.id));
        audit('device.add', { id, kind: r.device.kind, counterId: r.device.counterId });
        await show(r.device, r.secret);
        return EXIT.OK;
      }
      case 'show': {
        const d = reg.get(id);
        if (!d) throw new Error(`no device "${id}" (motcua devices list)`);
        let secret: string | undefined;
        if (values.rotate) { secret = reg.rotate(id); audit('device.rotate', { id }); }
        await show(d, secret, { name: d.name, disabled: d.disabled, createdAt: new Date(d.createdAt).toISOString(), options: d.options });
        return EXIT.OK;
      }
      case 'rotate': {
        const secret = reg.rotate(id);
        audit('device.rotate', { id });
        await show(reg.get(id) ?? { id, kind: '', counterId: null }, secret);
        return EXIT.OK;
      }
      case 'disable': case 'enable':
        reg.setDisabled(id, action === 'disable'); audit(`device.${action}`, { id }); console.log(`${action}d ${id}`); return EXIT.OK;
      case 'remove': reg.remove(id); audit('device.remove', { id }); console.log(`removed ${id}`); return EXIT.OK;
      default: {
        if (!values.out) { console.error('--out DIR is required'); return EXIT.USAGE; }
        // the hub's own account comes from the office config (the hub logs in to Mosquitto with it)
        const hubPassword = cfg.hub.externalBrokerPassword || undefined;
        const hubUser = cfg.hub.externalBrokerUsername || 'hub';
        const files = await exportMosquitto(db, cfg.office.id, values.out, hubPassword, hubUser);
        console.log(`wrote ${files.join(', ')}`);
        if (hubPassword) console.log(`the hub's account "${hubUser}" is included (hub.externalBrokerPassword)`);
        else console.error(`warning: hub.externalBrokerPassword is empty in the config: the files hold the devices only, and the hub cannot log in to Mosquitto. Set hub.externalBrokerUsername/Password, then export again.`);
        return EXIT.OK;
      }
    }
  } catch (e) {
    console.error(explain(e));
    return EXIT.FAILED;
  } finally { db.close(); }
}
