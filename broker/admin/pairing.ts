import QRCode from 'qrcode';
import type { OfficeConfig } from '../../config/types.js';
import { publicBaseUrl, publicMqttUrl } from '../address.js';

/**
 * What a device (or a kiosk/display page) needs to join the office: the office id, the broker addresses, its id,
 * and — only right after `add`/`rotate` — its secret. The QR code carries the same JSON, so a kiosk page or a
 * device with a camera can scan it.
 */
export interface PairingData {
  v: 1;
  office: string;
  deviceId: string;
  kind: string | null;
  counterId: string | null;
  mqttUrl: string;
  wsUrl: string;
  secret?: string;
  pageUrl?: string | null;
}

/** The hub's base address as phones and devices on the office network see it (see broker/address.ts). */
export function publicBaseOf(cfg: OfficeConfig, httpPort = cfg.hub.port): string {
  return publicBaseUrl(cfg, httpPort);
}

/** Pairing data from the hub's public base URL and MQTT URL; the secret (and the page URL with it) only when given. */
export function pairingData(cfg: OfficeConfig, d: { id: string; kind: string; counterId: string | null }, base: string, mqttUrl: string, secret?: string): PairingData {
  return normalise({ office: cfg.office.id, deviceId: d.id, kind: d.kind, counterId: d.counterId, mqttUrl, wsUrl: `${base.replace(/^http/, 'ws')}/mqtt`,
    ...(secret ? { secret, pageUrl: pageUrl(base, d, secret) } : {}) });
}

/** Pairing data computed from the config alone (the CLI, when the hub may not be running). */
export function pairingFromConfig(cfg: OfficeConfig, d: { id: string; kind: string; counterId: string | null }, secret?: string): PairingData {
  const base = publicBaseOf(cfg);
  return pairingData(cfg, d, base, publicMqttUrl(cfg, base), secret);
}

/** Pairing data in its one shape (v: 1, null for what is not known). */
function normalise(p: Record<string, unknown>): PairingData {
  const out: PairingData = { v: 1, office: String(p.office ?? ''), deviceId: String(p.deviceId ?? ''), kind: p.kind === undefined ? null : (p.kind as string | null),
    counterId: (p.counterId as string | null | undefined) ?? null, mqttUrl: String(p.mqttUrl ?? ''), wsUrl: String(p.wsUrl ?? '') };
  if (typeof p.secret === 'string') out.secret = p.secret;
  if (p.pageUrl !== undefined) out.pageUrl = p.pageUrl as string | null;
  return out;
}

function pageUrl(base: string, d: { id: string; kind: string; counterId: string | null }, secret: string): string | null {
  const page = d.kind === 'display' ? '/display/hall' : d.kind === 'counter' ? `/display/counter/${d.counterId ?? ''}` : d.kind === 'kiosk' ? '/kiosk' : null;
  return page ? `${base}${page}#device=${encodeURIComponent(d.id)}&secret=${encodeURIComponent(secret)}` : null;
}

/** The text a QR code carries: compact JSON of the pairing data (the page URL is left out: it repeats the secret). */
export function qrText(p: PairingData): string {
  const { pageUrl: _page, ...rest } = p;
  return JSON.stringify(rest);
}

export function qrTerminal(p: PairingData): Promise<string> {
  return QRCode.toString(qrText(p), { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}

export function qrSvg(p: PairingData): Promise<string> {
  return QRCode.toString(qrText(p), { type: 'svg', errorCorrectionLevel: 'L', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}
