/**
 * Bridge configuration (bridge.yaml): which physical devices this bridge turns into MQTT devices.
 * validateBridgeConfig returns the typed config or throws one McError listing every problem with its path.
 */
import { McError } from '../protocol/errors.js';
import { COUNTER_BOUND, DEVICE_KINDS, ID_RE, type DeviceKind } from '../protocol/topics.js';
import { isKeypadAction } from './logic/keypad.js';
import type { FirmataPins } from './firmata/drivers.js';

export const DRIVERS = ['firmata', 'hid', 'serial-led', 'sim-firmata', 'sim-hid', 'sim-serial-led'] as const;
export type DriverName = (typeof DRIVERS)[number];

export interface BridgeDeviceConfig {
  id: string;
  kind: DeviceKind;
  secret: string;
  counterId?: string;
  driver: DriverName;
  /** Match: by vendorId/productId (+ serialNumber) when given (the path may change on re-plug), else by path. */
  path?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  baudRate?: number;
  /** HID: key usage code ("0x59" or "89") → action (keypad: next, recall, skip, hold, finish:<outcome>; rating: rate:<position 1..n>). */
  keymap?: Record<string, string>;
  /** HID: reports start with this report id. */
  reportId?: number;
  /** Firmata dispenser: one button per field. */
  fields?: { pin: number; fieldId: string }[];
  /** Firmata wiring (see docs/bridge.md). */
  pins?: Omit<FirmataPins, 'fields'>;
  /** Serial LED board: number of lines, and whether it only has ASCII glyphs. */
  led?: { lines?: number; ascii?: boolean };
}

export interface BridgeConfig {
  version: 1;
  office: string;
  /** Hot-plug poll period, ms (1000–2000 in production). */
  pollMs?: number;
  devices: BridgeDeviceConfig[];
}

const KINDS_BY_DRIVER: Record<string, readonly DeviceKind[]> = {
  firmata: ['dispenser', 'rating', 'counter'],
  hid: ['rating', 'keypad'],
  'serial-led': ['counter', 'display'],
};

export function baseDriver(d: DriverName): 'firmata' | 'hid' | 'serial-led' {
  return d.replace(/^sim-/, '') as 'firmata' | 'hid' | 'serial-led';
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

function checkDevice(d: unknown, p: string, errs: string[], seen: Set<string>): void {
  if (!isObj(d)) { errs.push(`${p}: must be an object`); return; }
  const id = d.id;
  if (typeof id !== 'string' || !ID_RE.test(id)) errs.push(`${p}.id: must match ${ID_RE} (lowercase letters, digits, - and _)`);
  else if (seen.has(id)) errs.push(`${p}.id: duplicate device id "${id}"`); else seen.add(id);
  if (!(DEVICE_KINDS as readonly unknown[]).includes(d.kind)) errs.push(`${p}.kind: one of ${DEVICE_KINDS.join(', ')}`);
  if (typeof d.secret !== 'string' || d.secret.length < 8) errs.push(`${p}.secret: a string of at least 8 characters (the device's MQTT password)`);
  if (!(DRIVERS as readonly unknown[]).includes(d.driver)) { errs.push(`${p}.driver: one of ${DRIVERS.join(', ')}`); return; }
  const base = baseDriver(d.driver as DriverName);
  const kind = d.kind as DeviceKind;
  if (!KINDS_BY_DRIVER[base]?.includes(kind)) errs.push(`${p}.kind: driver ${base} supports ${KINDS_BY_DRIVER[base]?.join(', ')}`);
  if (COUNTER_BOUND.includes(kind) && (typeof d.counterId !== 'string' || !ID_RE.test(d.counterId))) errs.push(`${p}.counterId: required for a ${kind}`);
  if (!String(d.driver).startsWith('sim-') && typeof d.path !== 'string' && typeof d.vendorId !== 'string') errs.push(`${p}: give path or vendorId/productId to find the device`);
  for (const k of ['path', 'vendorId', 'productId', 'serialNumber'] as const) if (d[k] !== undefined && typeof d[k] !== 'string') errs.push(`${p}.${k}: must be a string`);
  if (d.baudRate !== undefined && !isInt(d.baudRate, 300, 4_000_000)) errs.push(`${p}.baudRate: an integer baud rate`);
  if (base === 'hid') checkKeymap(d, kind, p, errs);
  if (base === 'firmata') checkPins(d, kind, p, errs);
}

function checkKeymap(d: Record<string, unknown>, kind: DeviceKind, p: string, errs: string[]): void {
  if (!isObj(d.keymap) || !Object.keys(d.keymap).length) { errs.push(`${p}.keymap: required for a HID ${kind} (key code → action)`); return; }
  for (const [code, action] of Object.entries(d.keymap)) {
    if (!Number.isFinite(parseKeyCode(code))) errs.push(`${p}.keymap.${code}: key codes are HID usage ids like "0x59" or "89"`);
    const ok = kind === 'rating' ? typeof action === 'string' && /^rate:[1-9]$/.test(action) : typeof action === 'string' && isKeypadAction(action);
    if (!ok) errs.push(`${p}.keymap.${code}: ${kind === 'rating' ? 'rate:<position 1..9>' : 'next, recall, skip, hold or finish:<outcome>'}`);
  }
}

function checkPins(d: Record<string, unknown>, kind: DeviceKind, p: string, errs: string[]): void {
  const pin = (v: unknown) => isInt(v, 2, 19);
  const pins = isObj(d.pins) ? d.pins : {};
  if (kind === 'dispenser') {
    if (!Array.isArray(d.fields) || !d.fields.length) errs.push(`${p}.fields: at least one { pin, fieldId } button`);
    else d.fields.forEach((f, i) => { if (!isObj(f) || !pin(f.pin) || typeof f.fieldId !== 'string') errs.push(`${p}.fields[${i}]: { pin: 2..19, fieldId }`); });
  }
  if (kind === 'rating' && (!Array.isArray(pins.keys) || !pins.keys.every(pin))) errs.push(`${p}.pins.keys: button pins 2..19, best level first`);
  if (kind === 'counter' && !pins.digits && !pins.lcd) errs.push(`${p}.pins: a counter needs digits { data, clock, cs } and/or lcd { pins: [rs, en, d4, d5, d6, d7] }`);
}

export function parseKeyCode(code: string): number {
  return /^0x[0-9a-f]+$/i.test(code) ? parseInt(code, 16) : /^\d+$/.test(code) ? parseInt(code, 10) : NaN;
}

export function validateBridgeConfig(raw: unknown): BridgeConfig {
  const errs: string[] = [];
  if (!isObj(raw)) throw new McError('MC_ERR_CONFIG_INVALID', 'bridge config: must be an object', { errors: ['(root): must be an object'] });
  if (raw.version !== 1) errs.push('version: must be 1');
  if (typeof raw.office !== 'string' || !ID_RE.test(raw.office)) errs.push('office: the office id (as in the hub config)');
  if (raw.pollMs !== undefined && !isInt(raw.pollMs, 50, 60_000)) errs.push('pollMs: 50..60000');
  if (!Array.isArray(raw.devices)) errs.push('devices: a list');
  else { const seen = new Set<string>(); raw.devices.forEach((d, i) => checkDevice(d, `devices[${i}]`, errs, seen)); }
  if (errs.length) throw new McError('MC_ERR_CONFIG_INVALID', `bridge config:\n  ${errs.join('\n  ')}`, { errors: errs });
  return raw as unknown as BridgeConfig;
}
