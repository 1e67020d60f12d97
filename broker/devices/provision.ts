import { McError } from '../../protocol/errors.js';
import type { Device } from './registry.js';

/** How the hub reaches a printer: network (port 9100), the kernel's USB printer device, a serial port, or MQTT. */
export const PRINTER_TRANSPORTS = ['tcp', 'usblp', 'serial', 'mqtt'] as const;
export type PrinterTransport = (typeof PRINTER_TRANSPORTS)[number];

/** Kinds that issue tickets and so may name the printer that prints them (`printerId`). */
const PRINTING_KINDS = ['dispenser', 'kiosk'];

/**
 * What provisioning (the CLI's `devices add`, the admin page) checks before a device is created: a printer names a
 * transport the hub can drive with what that transport needs, and a dispenser's `printerId` names a printer that
 * exists. Throws an McError with a Vietnamese message and an English detail; returns the options to store.
 */
export function checkProvisioning(d: { kind: string; options?: Record<string, unknown> }, find: (id: string) => Device | undefined): Record<string, unknown> {
  const o = d.options ?? {};
  if (d.kind === 'printer') checkPrinterOptions(o);
  if ('printerId' in o) {
    if (!PRINTING_KINDS.includes(d.kind)) throw new McError('MC_ERR_BAD_REQUEST', `a ${d.kind} prints nothing: printerId is for ${PRINTING_KINDS.join(' and ')}`);
    const p = typeof o.printerId === 'string' ? find(o.printerId) : undefined;
    if (!p || p.kind !== 'printer') {
      throw new McError('MC_ERR_UNKNOWN_PRINTER', `"${String(o.printerId)}" is ${p ? `a ${p.kind}, not a printer` : 'not a device'} (motcua devices list)`);
    }
  }
  return o;
}

function checkPrinterOptions(o: Record<string, unknown>): void {
  const t = o.transport;
  if (t === undefined) {
    throw new McError('MC_ERR_PRINTER_OPTIONS', `give its transport (${PRINTER_TRANSPORTS.join(', ')}), e.g. --options '{"transport":"tcp","host":"192.168.1.50","port":9100}'`);
  }
  if (!PRINTER_TRANSPORTS.includes(t as PrinterTransport)) throw new McError('MC_ERR_BAD_TRANSPORT', `"${String(t)}"`);
  const str = (k: string) => typeof o[k] === 'string' && (o[k] as string).trim() !== '';
  if (t === 'tcp' && !str('host')) throw new McError('MC_ERR_PRINTER_OPTIONS', 'a network printer needs options.host (its IP address; port 9100 unless given)');
  if (t === 'tcp' && o.port !== undefined && !(Number.isInteger(o.port) && (o.port as number) > 0 && (o.port as number) < 65536)) {
    throw new McError('MC_ERR_PRINTER_OPTIONS', `options.port ${JSON.stringify(o.port)} is not a TCP port`);
  }
  if ((t === 'usblp' || t === 'serial') && !str('path')) {
    throw new McError('MC_ERR_PRINTER_OPTIONS', `a ${t} printer needs options.path (e.g. ${t === 'usblp' ? '/dev/usb/lp0' : '/dev/ttyUSB0'})`);
  }
}
