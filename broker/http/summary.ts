/**
 * The admin home's one-screen summary for technicians and the office head: devices by state (offline first),
 * printers with paper low or out, the provincial link, free disk and the hub's clock.
 */
import { statfsSync } from 'node:fs';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { OfficeConfig } from '../../config/types.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Presence } from '../hub/presence.js';
import type { OnestopLink } from '../onestop/link.js';
import type { StaffDirectory } from '../staff/users.js';
import { obj, okAnswer } from './responses.js';
import { conditions, type Alert, type AlertBook } from '../admin/alerts.js';
import { deviceView } from '../admin/device-view.js';
import { errorSchema } from './errors.js';

/** What the summary looks at (the admin routes and /metrics both have it). */
export interface SummaryDeps { readonly cfg: OfficeConfig; clock: () => number; presence: Presence; registry: DeviceRegistry; link: Pick<OnestopLink, 'status'>; alerts: AlertBook }

const summaryAnswer = obj({ alerts: { type: 'array' }, now: { type: 'number' }, timezone: { type: 'string' }, devices: { type: 'object', additionalProperties: true },
  offline: { type: 'array' }, paper: { type: 'array' }, link: { type: 'object', additionalProperties: true } }, { disk: { type: ['object', 'null'], additionalProperties: true } });

/** Free and total bytes of the file system that holds the data directory, or null when it cannot be read. */
export function disk(dir: string): { freeBytes: number; totalBytes: number } | null {
  try { const s = statfsSync(dir); return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize }; } catch { return null; }
}

/** The hub's alerts after looking at it now (the summary, the admin page and /metrics all look through here). */
export function alertsOf(hub: SummaryDeps): Alert[] { return monitoringSummary(hub).alerts; }

export function monitoringSummary(hub: SummaryDeps): Record<string, unknown> & { alerts: Alert[] } {
  const devices = hub.presence.list().map((p) => deviceView(p, hub.registry.get(p.id)));
  const offline = devices.filter((d) => !d.disabled && !d.online).map((d) => ({ id: d.id, name: d.name, kind: d.kind, lastSeen: d.lastSeen }));
  const paper = devices.filter((d) => d.faults.includes('paper_out') || d.faults.includes('paper_low'))
    .map((d) => ({ id: d.id, name: d.name, paper: d.faults.includes('paper_out') ? 'out' : 'low' }));
  const link = hub.link.status();
  const d = disk(hub.cfg.hub.dataDir);
  const alerts = hub.alerts.update(conditions({ offline, paper: paper as { id: string; name: string; paper: 'low' | 'out' }[], link: { configured: link.configured, failures: link.consecutiveFailures, parked: link.parked }, disk: d }, hub.clock()));
  return {
    alerts,
    now: hub.clock(), timezone: hub.cfg.office.timezone,
    devices: { total: devices.length, online: devices.filter((d) => !d.disabled && d.online).length, offline: offline.length, disabled: devices.filter((d) => d.disabled).length },
    offline, paper,
    link: { configured: link.configured, label: link.label, backlog: link.backlog, lastSuccessAt: link.lastSuccessAt, lastError: link.lastError, failures: link.consecutiveFailures, parked: link.parked },
    disk: d,
  };
}

export function summaryRoutes(app: FastifyInstance, hub: SummaryDeps & { staff: StaffDirectory }, mgr: onRequestHookHandler): void {
  app.get('/api/admin/summary', { onRequest: mgr, schema: { tags: ['admin'], summary: 'One-screen monitoring summary: devices by state, paper, provincial link, disk, clock', response: { 200: summaryAnswer, 401: errorSchema, 403: errorSchema } } },
    async () => monitoringSummary(hub));
  app.post<{ Params: { id: string } }>('/api/admin/alerts/:id/ack', { onRequest: mgr,
    schema: { tags: ['admin'], summary: 'Mark an alert handled (it is raised again if its cause is still present)', params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 80 } } },
      response: { 200: okAnswer, 401: errorSchema, 403: errorSchema } } },
  async (req) => {
    hub.alerts.acknowledge(req.params.id);
    hub.staff.audit(req.staff?.username ?? '?', 'alert.ack', { id: req.params.id });
    return { ok: true };
  });
}
