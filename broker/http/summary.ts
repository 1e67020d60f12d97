/**
 * The admin home's one-screen summary for technicians and the office head: devices by state (offline first),
 * printers with paper low or out, the provincial link, free disk and the hub's clock.
 */
import { statfsSync } from 'node:fs';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { Hub } from '../app.js';
import { acknowledge, conditions, updateAlerts, type Alert } from '../admin/alerts.js';
import { deviceView } from '../admin/device-view.js';
import { errorSchema } from './errors.js';

const anyObject = { type: 'object', additionalProperties: true } as const;

function disk(dir: string): { freeBytes: number; totalBytes: number } | null {
  try { const s = statfsSync(dir); return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }; } catch { return null; }
}

const alertLists = new WeakMap<Hub, Alert[]>();

/** The hub's alerts after looking at it now (the summary, the admin page and /metrics all look through here). */
export function alertsOf(hub: Hub): Alert[] { return monitoringSummary(hub).alerts; }

export function monitoringSummary(hub: Hub): Record<string, unknown> & { alerts: Alert[] } {
  const devices = hub.presence.list().map((p) => deviceView(p, hub.registry.get(p.id)));
  const offline = devices.filter((d) => !d.disabled && !d.online).map((d) => ({ id: d.id, name: d.name, kind: d.kind, lastSeen: d.lastSeen }));
  const paper = devices.filter((d) => d.faults.includes('paper_out') || d.faults.includes('paper_low'))
    .map((d) => ({ id: d.id, name: d.name, paper: d.faults.includes('paper_out') ? 'out' : 'low' }));
  const link = hub.link.status();
  const d = disk(hub.cfg.hub.dataDir);
  const alerts = updateAlerts(alertLists.get(hub) ?? [], conditions({ offline, paper: paper as { id: string; name: string; paper: 'low' | 'out' }[], link: { configured: link.configured, failures: link.consecutiveFailures, parked: link.parked }, disk: d }, hub.clock()));
  alertLists.set(hub, alerts);
  return {
    alerts,
    now: hub.clock(), timezone: hub.cfg.office.timezone,
    devices: { total: devices.length, online: devices.filter((d) => !d.disabled && d.online).length, offline: offline.length, disabled: devices.filter((d) => d.disabled).length },
    offline, paper,
    link: { configured: link.configured, label: link.label, backlog: link.backlog, lastSuccessAt: link.lastSuccessAt, lastError: link.lastError, failures: link.consecutiveFailures, parked: link.parked },
    disk: d,
  };
}

export function summaryRoutes(app: FastifyInstance, hub: Hub, mgr: onRequestHookHandler): void {
  app.get('/api/admin/summary', { onRequest: mgr, schema: { tags: ['admin'], summary: 'One-screen monitoring summary: devices by state, paper, provincial link, disk, clock', response: { 200: anyObject, 401: errorSchema, 403: errorSchema } } },
    async () => monitoringSummary(hub));
  app.post<{ Params: { id: string } }>('/api/admin/alerts/:id/ack', { onRequest: mgr,
    schema: { tags: ['admin'], summary: 'Mark an alert handled (it is raised again if its cause is still present)', params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 80 } } },
      response: { 200: anyObject, 401: errorSchema, 403: errorSchema } } },
  async (req) => {
    alertLists.set(hub, acknowledge(alertLists.get(hub) ?? [], req.params.id));
    hub.staff.audit(req.staff?.username ?? '?', 'alert.ack', { id: req.params.id });
    return { ok: true };
  });
}
