import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { Counter, Gauge, Registry } from 'prom-client';
import type { OfficeConfig } from '../../config/types.js';
import type { DeviceRegistry } from '../devices/registry.js';
import type { Presence } from '../hub/presence.js';
import type { EmbeddedBroker } from '../mqtt/embedded.js';
import type { OnestopLink } from '../onestop/link.js';
import type { Messages } from '../messages/service.js';
import type { QueueService } from '../queue/service.js';
import type { StaffDirectory } from '../staff/users.js';
import type { QueueEvent } from '../queue/types.js';
import { requireStaff } from './auth.js';
import { errorSchema } from './errors.js';
import type { AlertBook } from '../admin/alerts.js';
import { alertsOf, disk } from './summary.js';

/**
 * Prometheus metrics of one hub, on a registry of its own (several hubs may run in one process). Gauges are read
 * from the hub when scraped; the issued-tickets counter follows committed queue events.
 */
export interface MetricsDeps {
  readonly cfg: OfficeConfig; clock: () => number; queue: QueueService; staff: StaffDirectory;
  presence: Presence | undefined; link: OnestopLink | undefined; broker: EmbeddedBroker | null; registry: DeviceRegistry; alerts: AlertBook;
  /** Citizens' messages (optional: tools that mount these routes without them). */
  messages?: Pick<Messages, 'status'> | undefined;
}

/** (A Fastify plugin.) */
export async function metricsRoutes(app: FastifyInstance, hub: MetricsDeps): Promise<void> {
  const registry = new Registry();
  registry.setDefaultLabels({ office: hub.cfg.office.id });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const fields = () => hub.queue.fieldWaits();

  new Gauge({ name: 'motcua_queue_waiting', help: 'Tickets waiting now, per field', labelNames: ['field'], registers: [registry],
    collect() { this.reset(); for (const f of fields()) this.set({ field: f.fieldId }, f.waiting); } });
  new Gauge({ name: 'motcua_wait_estimate_minutes', help: 'Estimated wait of a ticket issued now, per field (minutes)', labelNames: ['field'], registers: [registry],
    collect() { this.reset(); for (const f of fields()) if (f.minutes !== null) this.set({ field: f.fieldId }, f.minutes); } });
  new Gauge({ name: 'motcua_counters_staffed', help: 'Counters with a clerk signed in', registers: [registry],
    collect() { this.set([...hub.queue.snapshot.counters.values()].filter((c) => c.clerkId).length); } });
  new Gauge({ name: 'motcua_devices', help: 'Provisioned, enabled devices per kind and presence', labelNames: ['kind', 'state'], registers: [registry],
    collect() {
      this.reset();
      const n = new Map<string, number>();
      for (const d of hub.presence?.list() ?? []) {
        if (d.disabled) continue;
        const k = `${d.kind}|${d.online ? 'online' : 'offline'}`;
        n.set(k, (n.get(k) ?? 0) + 1);
      }
      for (const [k, v] of n) { const [kind = '', state = ''] = k.split('|'); this.set({ kind, state }, v); }
    } });
  new Gauge({ name: 'motcua_printer_status', help: 'Last status of each ticket printer (1 for the current status)', labelNames: ['device', 'status'], registers: [registry],
    collect() {
      this.reset();
      for (const d of hub.presence?.list() ?? []) {
        if (d.kind !== 'printer' || d.disabled) continue;
        const s = typeof d.state?.status === 'string' ? d.state.status : d.online ? 'ok' : 'unknown';
        this.set({ device: d.id, status: s }, 1);
      }
    } });
  new Gauge({ name: 'motcua_printer_faults', help: 'Ticket printers whose last status is not ok', registers: [registry],
    collect() { this.set((hub.presence?.list() ?? []).filter((d) => d.kind === 'printer' && !d.disabled && typeof d.state?.status === 'string' && d.state.status !== 'ok').length); } });
  new Gauge({ name: 'motcua_outbox_backlog', help: 'Events not yet accepted by the provincial system', registers: [registry],
    collect() { this.set(hub.link?.status().backlog ?? 0); } });
  new Gauge({ name: 'motcua_outbox_parked', help: 'Events set aside because the provincial system refused them for good (a technician must look)', registers: [registry],
    collect() { this.set(hub.link?.status().parked ?? 0); } });
  new Gauge({ name: 'motcua_outbox_oldest_age_seconds', help: 'Age of the oldest unsent outbox event (0 when empty)', registers: [registry],
    collect() { const o = hub.link?.status().oldestUnsentAt; this.set(o ? Math.max(0, (hub.clock() - o) / 1000) : 0); } });
  new Gauge({ name: 'motcua_messages_pending', help: 'Messages to citizens (SMS / Zalo ZNS) not yet accepted by the gateway', registers: [registry],
    collect() { this.set(hub.messages?.status().backlog ?? 0); } });
  new Gauge({ name: 'motcua_messages_gateway_failures', help: 'Consecutive failures of the message gateway as a whole (0: it answers)', registers: [registry],
    collect() { this.set(hub.messages?.status().consecutiveFailures ?? 0); } });
  new Gauge({ name: 'motcua_clock_steps_back_total', help: 'Times the clock went back more than a second (NTP correction, a hand-set clock); numbers never restart', registers: [registry],
    collect() { this.set(hub.queue.clockStep?.count ?? 0); } });
  new Gauge({ name: 'motcua_clock_last_step_back_seconds', help: 'Size of the last backward clock step (0 when none)', registers: [registry],
    collect() { const c = hub.queue.clockStep; this.set(c ? (c.from - c.to) / 1000 : 0); } });
  new Gauge({ name: 'motcua_alerts_open', help: 'Monitoring alerts not yet handled (as on the admin home), per kind and whether the cause is still present', labelNames: ['kind', 'cleared'], registers: [registry],
    collect() {
      this.reset();
      const { presence, link } = hub;
      if (!presence || !link) return;
      for (const a of alertsOf({ cfg: hub.cfg, clock: hub.clock, presence, link, registry: hub.registry, alerts: hub.alerts })) this.inc({ kind: a.kind, cleared: String(a.cleared) });
    } });
  new Gauge({ name: 'motcua_disk_bytes', help: 'The data directory\'s file system: bytes free (for the hub) and in total, as on the admin summary', labelNames: ['kind'], registers: [registry],
    collect() {
      this.reset();
      const d = disk(hub.cfg.hub.dataDir);
      if (d) { this.set({ kind: 'free' }, d.freeBytes); this.set({ kind: 'total' }, d.totalBytes); }
    } });
  new Gauge({ name: 'motcua_mqtt_clients', help: 'Clients connected to the embedded broker', registers: [registry],
    collect() { this.set(hub.broker?.connectedClients() ?? 0); } });
  new Gauge({ name: 'motcua_event_loop_lag_seconds', help: 'Event loop delay since the previous scrape', labelNames: ['stat'], registers: [registry],
    collect() {
      this.set({ stat: 'p50' }, lag.percentile(50) / 1e9); this.set({ stat: 'p99' }, lag.percentile(99) / 1e9);
      this.set({ stat: 'max' }, lag.max / 1e9); this.set({ stat: 'mean' }, Number.isNaN(lag.mean) ? 0 : lag.mean / 1e9);
      lag.reset();
    } });
  new Gauge({ name: 'motcua_process_memory_bytes', help: 'Memory of the hub process: resident set, V8 heap (total and used), external and array buffers', labelNames: ['kind'], registers: [registry],
    collect() {
      const m = process.memoryUsage();
      this.set({ kind: 'rss' }, m.rss); this.set({ kind: 'heap_total' }, m.heapTotal); this.set({ kind: 'heap_used' }, m.heapUsed);
      this.set({ kind: 'external' }, m.external); this.set({ kind: 'array_buffers' }, m.arrayBuffers);
    } });
  new Gauge({ name: 'motcua_heap_space_bytes', help: 'Size of the V8 heap spaces (new_space stays at 2–4 MB when the hub runs through bin/motcua.js, 32 MB with V8 defaults)', labelNames: ['space'], registers: [registry],
    collect() {
      for (const sp of getHeapSpaceStatistics()) if (sp.space_name === 'new_space' || sp.space_name === 'old_space') this.set({ space: sp.space_name }, sp.space_size);
    } });
  const issued = new Counter({ name: 'motcua_tickets_issued_total', help: 'Tickets issued since the hub started, per field', labelNames: ['field'], registers: [registry] });
  for (const f of hub.cfg.fields) issued.inc({ field: f.id }, 0);
  const onCommit = (evs: QueueEvent[]) => { for (const e of evs) if (e.type === 'ticket.issued') issued.inc({ field: e.data.ticket.fieldId }); };
  hub.queue.on('committed', onCommit);
  app.addHook('onClose', async () => { hub.queue.off('committed', onCommit); lag.disable(); registry.clear(); });

  // who may read: this machine (a local Prometheus or node exporter), a scraper with the configured bearer token,
  // or a signed-in technician or manager; anyone else on the office network gets 401
  const staffOnly = requireStaff(hub.staff, ['technician', 'manager']);
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const token = hub.cfg.hub.metricsToken;
  const allowed = async (req: FastifyRequest, reply: Parameters<typeof staffOnly>[1]): Promise<void> => {
    if (isLoopback(req.ip)) return; // the socket's address, or the client's behind hub.trustProxy (the proxy itself is loopback)
    const auth = req.headers.authorization ?? '';
    if (token && auth.startsWith('Bearer ') && timingSafeEqual(digest(auth.slice(7)), digest(token))) return;
    await staffOnly(req, reply);
  };
  app.get('/metrics', { onRequest: allowed, schema: { tags: ['monitoring'], summary: 'Prometheus metrics (text exposition format): from this machine, with hub.metricsToken as a bearer token, or for a signed-in technician or manager',
    response: { 200: { type: 'string' }, 401: errorSchema, 403: errorSchema } } }, async (_req, reply) =>
    reply.header('content-type', registry.contentType).send(await registry.metrics()));
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(addr: string | undefined): boolean {
  if (!addr) return false;
  const a = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}
