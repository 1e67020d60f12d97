import type { Device } from '../devices/registry.js';
import type { DevicePresence } from '../hub/presence.js';

export interface DeviceView {
  id: string; kind: string; name: string; counterId: string | null; disabled: boolean; online: boolean; lastSeen: number | null;
  state: Record<string, unknown> | null; version: string | null; faults: string[]; createdAt: number | null; rotatedAt: number | null; options: Record<string, unknown>;
}

const FAULT_STATUSES = new Set(['paper_out', 'paper_low', 'cover_open', 'offline', 'error']);
const SECRET_KEYS = /secret|password|token|key/i;

/** A device as the admin pages list it: presence, the version it reports, and its faults in plain words. */
export function deviceView(p: { id: string; kind: string; name: string; counterId: string | null; disabled: boolean } & DevicePresence, d: Device | undefined): DeviceView {
  const st = p.state ?? {};
  const version = ['version', 'fw', 'firmware', 'sw'].map((k) => st[k]).find((v) => typeof v === 'string' || typeof v === 'number');
  const faults: string[] = [];
  if (typeof st.status === 'string' && FAULT_STATUSES.has(st.status)) faults.push(st.status);
  if (Array.isArray(st.faults)) for (const f of st.faults) if (typeof f === 'string' && !faults.includes(f)) faults.push(f);
  if (typeof st.error === 'string' && st.error) faults.push(st.error);
  const options = Object.fromEntries(Object.entries(d?.options ?? {}).filter(([k]) => !SECRET_KEYS.test(k)));
  // printers the hub drives itself never join MQTT: their status answers tell whether they are reachable
  const online = p.online || (p.kind === 'printer' && typeof st.status === 'string' && st.status !== 'offline');
  return { id: p.id, kind: p.kind, name: p.name, counterId: p.counterId, disabled: p.disabled, online, lastSeen: p.lastSeen, state: p.state,
    version: version === undefined ? null : String(version), faults, createdAt: d?.createdAt ?? null, rotatedAt: d?.rotatedAt ?? null, options };
}
