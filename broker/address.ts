/**
 * The hub's addresses, one place for all: what it binds (HTTP, MQTT) and what phones and devices are given (ticket
 * QR codes, pairing data, page links). The public address is `hub.publicUrl` when set (the older key
 * `office.publicUrl` is still read); else, for a hub bound to every interface, this machine's LAN address. A hub bound
 * to one address is reached at that address.
 */
import { networkInterfaces } from 'node:os';
import type { OfficeConfig } from '../config/types.js';

const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** The MQTT broker binds `hub.mqttHost`, or `hub.host` when that is empty. */
export function mqttBindHost(cfg: OfficeConfig): string {
  return cfg.hub.mqttHost || cfg.hub.host;
}

/** This machine's first non-internal IPv4 address (the office network), or null when it has none. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

/**
 * The base URL phones and devices are given (no trailing slash). `httpPort`: the port the hub listens on (the
 * configured one when the hub is not running). `lan` is injectable so that a test can play a machine without a network.
 */
export function publicBaseUrl(cfg: OfficeConfig, httpPort = cfg.hub.port, lan: () => string | null = lanAddress): string {
  const url = cfg.hub.publicUrl || cfg.office.publicUrl;
  if (url) return url.replace(/\/+$/, '');
  const host = WILDCARD.has(cfg.hub.host) ? (lan() ?? '127.0.0.1') : cfg.hub.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}`;
}

/** The MQTT URL devices are given: the external broker's, else the embedded broker's port on the public host. */
export function publicMqttUrl(cfg: OfficeConfig, base: string, mqttPort = cfg.hub.mqttPort): string {
  return cfg.hub.externalBrokerUrl || `mqtt://${new URL(base).hostname}:${mqttPort}`;
}

/** Why devices could not reach what they are given, or null: a public address on this machine's loopback. */
export function unreachablePublicAddress(cfg: OfficeConfig, lan: () => string | null = lanAddress): string | null {
  const base = publicBaseUrl(cfg, cfg.hub.port, lan);
  if (!isLoopbackHost(new URL(base).hostname)) return null;
  return `QR codes and pairing data would point at ${base}, this machine's own loopback address: phones and devices cannot reach it`;
}
