/**
 * The admin home's one-screen summary for technicians and the office head: devices by state (offline first),
 * printers with paper low or out, the provincial link, free disk and the hub's clock.
 */
import { statfsSync } from 'node:fs';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { Hub } from '../app.js';
import { deviceView } from '../admin/device-view.js';
import { errorSchema } from './errors.js';

const anyObject = { type: 'object', additionalProperties: true } as const;

function disk(dir: string): { freeBytes: number; totalBytes: number } | null {
  try { const s = statfsSync(dir); return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }; } catch { return null; }
}

export function monitoringSummary(hub: Hub): Record<string, unknown> {
  const devices = hub.presence.list().map((p) => deviceView(p, hub.registry.get(p.id)));
  const offline = devices.filter((d) => !d.disabled && !d.online).map((d) => ({ id: d.id, name: d.name, kind: d.kind, lastSeen: d.lastSeen }));
  const paper = devices.filter((d) => d.faults.includes('paper_out') || d.faults.includes('paper_low'))
    .map((d) => ({ id: d.id, name: d.name, paper: d.faults.includes('paper_out') ? 'out' : 'low' }));
  const link = hub.link.status();
  return {
    now: hub.clock(), timezone: hub.cfg.office.timezone,
    devices: { total: devices.length, online: devices.filter((d) => !d.disabled && d.online).length, offline: offline.length, disabled: devices.filter((d) => d.disabled).length },
    offline, paper,
    link: { configured: link.configured, label: link.label, backlog: link.backlog, lastSuccessAt: link.lastSuccessAt, lastError: link.lastError, failures: link.consecutiveFailures, parked: link.parked },
    disk: disk(hub.cfg.hub.dataDir),
  };
}

export function summaryRoutes(app: FastifyInstance, hub: Hub, mgr: onRequestHookHandler): void {
  app.get('/api/admin/summary', { onRequest: mgr, schema: { tags: ['admin'], summary: 'One-screen monitoring summary: devices by state, paper, provincial link, disk, clock', response: { 200: anyObject, 401: errorSchema, 403: errorSchema } } },
    async () => monitoringSummary(hub));
}
