import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createWebSocketStream } from 'ws';
import type { OfficeConfig } from '../config/types.js';
import { ConfigError, saveConfigFile, validateConfig, type ConfigProblem } from '../config/load.js';
import { openDatabase, SCHEMA_VERSION, type Db } from './db/open.js';
import type { Identity } from './devices/acl.js';
import { DeviceRegistry } from './devices/registry.js';
import { openTickets } from './queue/types.js';
import { LocalBus, type Bus } from './hub/bus.js';
import { Dispensing } from './hub/dispensing.js';
import { printerFromDevice } from './hub/ticket-printer.js';
import { DeviceGateway } from './hub/gateway.js';
import { MqttPrinters } from './hub/mqtt-printer.js';
import { Presence } from './hub/presence.js';
import { AlertBook, metaAlertStore } from './admin/alerts.js';
import { PrinterPool, type PrinterStatus, type TicketPrinter } from './hub/printing.js';
import { StatePublisher } from './hub/publisher.js';
import { installErrorHandler } from './http/errors.js';
import { installSecurity } from './http/security.js';
import { publicRoutes } from './http/public.js';
import { staffRoutes } from './http/staff.js';
import { adminRoutes } from './http/admin.js';
import { webRoutes } from './http/web.js';
import { onestopRoutes } from './http/onestop.js';
import { reportRoutes } from './http/reports.js';
import { metricsRoutes } from './http/metrics.js';
import { liveView, ticketLiveRoutes } from './http/ticket-live.js';
import { TicketStreams } from './http/ticket-streams.js';
import { Messages } from './messages/service.js';
import { OutboxPhonePort } from './messages/phone-port.js';
import { serviceDay } from './queue/calendar.js';
import type { DispatcherOptions } from './messages/dispatcher.js';
import { OnestopLink } from './onestop/link.js';
import { pointFigures, type HealthBody } from './onestop/mqtt-bridge.js';
import type { CenterPoints } from '../protocol/messages.js';
import { deviceView } from './admin/device-view.js';
import type { Logger } from './logger.js';
import { EmbeddedBroker } from './mqtt/embedded.js';
import { hubTopic } from '../protocol/topics.js';
import { QueueService } from './queue/service.js';
import { TicketRefs } from './queue/ticket-ref.js';
import { StaffDirectory, sessionKey } from './staff/users.js';
import { StaffTickets } from './staff/mqtt-tickets.js';
import { VERSION } from './version.js';
import { LiveConfig } from './live-config.js';
import { mqttBindHost, publicBaseUrl, publicMqttUrl } from './address.js';
import { pairingData, type PairingData } from './admin/pairing.js';
import type { Device } from './devices/registry.js';
import { BookingService } from './booking/service.js';
import { Arrivals } from './booking/arrivals.js';
import { bookingRoutes } from './http/booking.js';
import { MemoryPhonePort, type PhonePort } from './phone/ports.js';

export interface HubOptions {
  cfg: OfficeConfig;
  log: Logger;
  clock?: () => number;
  /** Database file; default `{dataDir}/motcua.db`. */
  dbFile?: string;
  /** Printer factory; default: printers whose device options name a transport (tcp, usblp, serial). */
  printerFor?: (d: Device, report: (s: PrinterStatus) => void) => TicketPrinter | null;
  ratePerSec?: number;
  /** Where admin edits of the configuration are saved (the previous file is kept as .bak). */
  configFile?: string;
  /** Where messages to citizens' phones go (one-time codes, booking confirmations); default: the messages outbox
   * (SMS or Zalo ZNS, `messages` config), or kept in memory (MemoryPhonePort) when no gateway is configured. */
  phonePort?: PhonePort;
  /** Timing of the message dispatcher (tests shorten the backoff). */
  messages?: Partial<Pick<DispatcherOptions, 'baseDelayMs' | 'maxDelayMs' | 'idlePollMs' | 'concurrency' | 'random'>>;
}


/** Read-only screens (a TV may be opened twice with the printed address): each page connects as `id~suffix`. */
const SCREEN_KINDS: ReadonlySet<string> = new Set(['display', 'counter']);
/**
 * The hub: SQLite, the MQTT broker (embedded aedes or external), the queue, and Fastify (REST, pages, MQTT over
 * WebSocket at /mqtt). Constructing it does nothing; `start()` opens everything in order; `stop()` closes in reverse.
 */
export class Hub {
  /** The one owner of the office configuration in force; parts read it and listen to its changes. */
  readonly config: LiveConfig;
  readonly log: Logger;
  readonly clock: () => number;
  readonly dbFile: string;
  db!: Db;
  registry!: DeviceRegistry;
  staff!: StaffDirectory;
  queue!: QueueService;
  broker: EmbeddedBroker | null = null;
  bus!: Bus;
  presence!: Presence;
  alerts!: AlertBook;
  printers!: PrinterPool;
  mqttPrinters!: MqttPrinters;
  dispensing!: Dispensing;
  gateway!: DeviceGateway;
  publisher!: StatePublisher;
  link!: OnestopLink;
  http!: FastifyInstance;
  httpPort = 0;
  private readonly startedAt = Date.now();
  private refresher: NodeJS.Timeout | null = null;
  private readonly printerOptions = new Map<string, string>();
  staffTickets!: StaffTickets;
  ticketRefs!: TicketRefs;
  bookings!: BookingService;
  arrivals!: Arrivals;
  phonePort!: PhonePort;
  private sweeper: NodeJS.Timeout | null = null;
  /** Citizens' messages (SMS / Zalo ZNS outbox) and the live ticket pages' event streams (issue 22b). */
  messages!: Messages;
  ticketStreams!: TicketStreams;

  constructor(private readonly opts: HubOptions) {
    this.config = new LiveConfig(opts.cfg);
    this.log = opts.log;
    this.clock = opts.clock ?? Date.now;
    this.dbFile = opts.dbFile ?? join(resolve(opts.cfg.hub.dataDir), 'motcua.db');
  }

  /** The office configuration in force (changes through `applyConfig`). */
  get cfg(): OfficeConfig { return this.config.get(); }

  /**
   * Apply an edited configuration without a restart. Refuses changes that would lose working data (a counter
   * serving or holding a ticket, a field with people waiting) with a reason; hub/office-id changes need a restart.
   */
  applyConfig(doc: unknown, actor: string): { restartRequired: boolean } {
    const next = validateConfig(doc, 'admin');
    const cur = this.config.get();
    const problems: ConfigProblem[] = [];
    if (next.office.id !== cur.office.id) problems.push({ path: 'office.id', message: 'the office id names every MQTT topic; change it with a restart after re-pairing devices' });
    for (const c of cur.counters) {
      if (next.counters.some((k) => k.id === c.id)) continue;
      const st = this.queue.snapshot.counters.get(c.id);
      const held = [...openTickets(this.queue.snapshot)].some((t) => t.status === 'held' && t.counterId === c.id);
      if (st?.ticketId || held) problems.push({ path: `counters`, message: `counter ${c.id} (${c.name}) is serving or holding a ticket; finish it before removing the counter` });
    }
    for (const f of cur.fields) {
      if (next.fields.some((k) => k.id === f.id)) continue;
      if (this.queue.snapshot.openByField.get(f.id)?.size) {
        problems.push({ path: 'fields', message: `field ${f.id} (${f.name}) has citizens waiting; it can be removed once they are served` });
      }
    }
    if (problems.length) throw new ConfigError('admin', problems);
    // the message gateway is built at start (like the provincial link): its settings too wait for a restart
    const restartRequired = JSON.stringify(next.hub) !== JSON.stringify(cur.hub) || JSON.stringify(next.onestop) !== JSON.stringify(cur.onestop)
      || JSON.stringify(next.messages) !== JSON.stringify(cur.messages);
    // hub settings need a restart: the running ones stay in force until then
    this.config.set({ ...next, hub: cur.hub });
    this.staff.audit(actor, 'config.apply', { restartRequired });
    if (this.opts.configFile) saveConfigFile(this.opts.configFile, next);
    return { restartRequired };
  }

  get mqttPort(): number { return this.broker?.port ?? 0; }
  get brokerUrl(): string { return this.cfg.hub.externalBrokerUrl || `mqtt://127.0.0.1:${this.mqttPort}`; }

  async start(): Promise<void> {
    const { cfg, log, clock } = this;
    this.db = openDatabase(this.dbFile);
    this.registry = new DeviceRegistry(this.db, clock);
    this.staff = new StaffDirectory(this.db, clock);
    this.staffTickets = new StaffTickets((k) => this.staff.sessionByKey(k), clock, (id) => this.disconnectDevice(id));
    this.ticketRefs = new TicketRefs(this.db);
    this.queue = new QueueService(this.db, this.config, clock, log.child({ mod: 'queue' }));
    this.queue.start();
    this.messages = new Messages({ db: this.db, config: this.config, clock, log, ...(this.opts.messages ? { dispatcher: this.opts.messages } : {}) });
    this.queue.addCommitHook((evs, state) => this.messages.committed(evs, state));
    this.messages.start();
    this.ticketStreams = new TicketStreams({ view: (id) => (this.queue.ticket(id) ? liveView(this, id) : null) });
    this.queue.on('committed', () => this.ticketStreams.changed());
    if (!cfg.hub.externalBrokerUrl) {
      this.broker = new EmbeddedBroker({ office: cfg.office.id, host: mqttBindHost(cfg), port: cfg.hub.mqttPort, log: log.child({ mod: 'broker' }), authenticate: (c, u, p) => this.authenticate(c, u, p) });
      await this.broker.start();
    }
    await this.startQueueParts();
    // the routes are given the parts they use, so they are built once those parts exist
    this.http = await this.buildHttp();
    // devices and pages may connect only now that the gateway listens: no request goes unanswered at start-up
    await this.broker?.listen();
    await this.http.listen({ host: cfg.hub.host, port: cfg.hub.port });
    const addr = this.http.server.address();
    this.httpPort = typeof addr === 'object' && addr ? addr.port : cfg.hub.port;
    log.info({ http: this.httpPort, mqtt: this.broker ? this.mqttPort : cfg.hub.externalBrokerUrl, db: this.dbFile }, 'hub started');
  }

  private async startQueueParts(): Promise<void> {
    const { cfg, log, clock } = this;
    const office = cfg.office.id;
    const availabilityTopic = hubTopic.availability(office);
    if (this.broker) this.bus = new LocalBus({ broker: this.broker.broker, availabilityTopic, log: log.child({ mod: 'bus' }) });
    else {
      // only an external broker needs an MQTT client (MQTT.js is not even loaded otherwise)
      const { MqttBus } = await import('./hub/mqtt-bus.js');
      this.bus = new MqttBus({ url: cfg.hub.externalBrokerUrl, clientId: `hub-${randomBytes(4).toString('hex')}`, availabilityTopic, log: log.child({ mod: 'bus' }),
        username: cfg.hub.externalBrokerUsername, password: cfg.hub.externalBrokerPassword });
    }
    await this.bus.start();
    const broker = this.broker;
    this.alerts = new AlertBook(metaAlertStore(this.db));
    this.presence = new Presence({ office, bus: this.bus, registry: this.registry, clock, db: this.db, isLive: broker ? (id) => broker.liveDevice(id) : undefined });
    broker?.watchDevices((id, up) => (up ? this.presence.connected(id) : this.presence.disconnected(id)));
    this.printers = new PrinterPool(log.child({ mod: 'printers' }), (id, s) => {
      this.presence.setState(id, { v: 1, status: s, at: clock() });
      this.presence.set(id, s !== 'offline'); // a printer the hub drives has no MQTT availability of its own
    });
    this.mqttPrinters = new MqttPrinters({ office, bus: this.bus, log: log.child({ mod: 'mqtt-printers' }), isLive: broker ? (id) => broker.liveDevice(id) : undefined });
    await this.mqttPrinters.start();
    for (const d of this.registry.list()) if (d.kind === 'printer' && !d.disabled) this.addPrinter(d);
    this.dispensing = new Dispensing(this.queue, this.printers, log.child({ mod: 'dispensing' }), (id) => this.ticketRefs.ref(id));
    this.dispensing.start();
    // bookings' messages: through the messages outbox when a gateway is configured, else kept in memory (no gateway)
    this.phonePort = this.opts.phonePort ?? (this.messages.enabled
      ? new OutboxPhonePort({ messages: this.messages, clock, timezone: () => this.cfg.office.timezone, today: () => serviceDay(clock(), this.cfg.office.timezone) })
      : new MemoryPhonePort());
    this.bookings = new BookingService({ db: this.db, config: () => this.config.get(), clock, log: log.child({ mod: 'booking' }), port: this.phonePort, publicBase: () => this.publicBase(), queue: this.queue });
    this.arrivals = new Arrivals({ db: this.db, bookings: this.bookings, issue: (r) => this.dispensing.issue(r), refOf: (id) => this.ticketRefs.ref(id),
      // a number from a phone, or a booking checked in: "còn 3 người nữa" and the call go to that phone
      onPhoneTicket: (id, day, phone) => {
        if (!this.messages.enabled) return;
        try { this.messages.subscribe(id, day, phone, 'vi', this.queue.snapshot); } catch (e) { log.warn({ err: (e as Error).message, ticketId: id }, 'messages for a phone ticket not set up'); }
      } });
    this.bookings.sweep();
    this.sweeper = setInterval(() => { try { this.bookings.sweep(); } catch (e) { log.error({ err: e }, 'booking sweep'); } }, 60_000);
    this.sweeper.unref();
    this.gateway = new DeviceGateway({ office, bus: this.bus, registry: this.registry, queue: this.queue, dispensing: this.dispensing, presence: this.presence, arrivals: this.arrivals,
      log: log.child({ mod: 'gateway' }), maxPayloadBytes: cfg.hub.maxPayloadBytes, clock, ratePerSec: this.opts.ratePerSec });
    await this.gateway.start();
    this.publisher = new StatePublisher({ office, bus: this.bus, queue: this.queue, registry: this.registry, clock, config: this.config });
    this.publisher.start();
    this.presence.publish();
    const center = cfg.onestop.centerId && cfg.onestop.mqttUrl
      ? { id: cfg.onestop.centerId, name: cfg.office.shortName || cfg.office.name, figures: () => pointFigures(this.queue.fieldWaits()),
        onChange: (p: CenterPoints) => { this.publisher.points = p; this.publisher.publishHall(); } }
      : undefined;
    this.link = new OnestopLink({ db: this.db, config: this.config, log, clock, onFigures: (f) => { this.publisher.figures = f; this.publisher.publishHall(); }, health: () => this.healthSnapshot(),
      ...(center ? { center } : {}) });
    if (center) this.publisher.points = this.link.mqtt?.points() ?? null; // down until the broker answers
    this.queue.on('committed', () => this.link.committed());
    this.link.start();
    this.refresher = setInterval(() => {
      this.staffTickets.sweep(); // logins ended by another process (motcua users) or by expiry
      const revoked = this.registry.refreshIfChanged();
      for (const id of revoked) this.disconnectDevice(id);
      if (revoked.length) this.presence.publish();
      this.syncPrinters();
    }, 2000);
    this.refresher.unref();
  }

  private async buildHttp(): Promise<FastifyInstance> {
    const app = Fastify({ loggerInstance: this.log.child({ mod: 'http' }, { level: 'warn' }) as unknown as FastifyBaseLogger, bodyLimit: 256 * 1024, trustProxy: this.cfg.hub.trustProxy || false, // hub.trustProxy: the proxies whose X-Forwarded-* are believed
      // unknown keys are refused (400) rather than silently dropped: a typo in a request should say so
      ajv: { customOptions: { removeAdditional: false } } });
    await app.register(fastifyCookie);
    await app.register(fastifyWebsocket, { options: { maxPayload: 262_144 } });
    await app.register(fastifySwagger, { openapi: { info: { title: 'motcua-hub API', version: VERSION, description: 'REST API of the one-stop office hub. Errors: { code, message (vi), messageEn }.' } } });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
    installErrorHandler(app);
    installSecurity(app, () => this.cfg.office.publicUrl);
    if (this.broker) {
      const broker = this.broker;
      app.get('/mqtt', { websocket: true, schema: { hide: true } }, (socket, req) => { broker.handle(createWebSocketStream(socket), req.raw); });
    }
    await this.registerRoutes(app);
    await app.register(webRoutes);
    return app;
  }

  /** Each group of routes is a Fastify plugin given only the parts it uses (read live: `cfg` is the config in force). */
  private async registerRoutes(app: FastifyInstance): Promise<void> {
    const { clock, queue, staff, registry, db, log, presence, publisher, link, broker, dispensing, alerts } = this;
    const config = this.config;
    const live = <T extends object>(o: T): T & { readonly cfg: OfficeConfig } => Object.defineProperty(o, 'cfg', { get: () => config.get(), enumerable: true }) as T & { readonly cfg: OfficeConfig };
    await app.register(publicRoutes, { clock, queue, publisher, health: (d) => this.health(d), staff: this.staff, ticketRefs: this.ticketRefs, liveView: (id) => liveView(this, id) });
    await app.register(ticketLiveRoutes, { clock, queue, ticketRefs: this.ticketRefs, messages: this.messages, streams: this.ticketStreams });
    await app.register(staffRoutes, live({ clock, queue, staff, registry, dispensing, publisher, staffMqttTicket: (t: string, u: string) => this.staffMqttTicket(t, u), staffTickets: this.staffTickets }));
    await app.register(adminRoutes, live({ clock, db, staff, registry, presence, alerts, pairing: (id: string, s: string) => this.pairing(id, s), addPrinter: (d: Device) => this.addPrinter(d),
      disconnectDevice: (id: string) => this.disconnectDevice(id), applyConfig: (doc: unknown, actor: string) => this.applyConfig(doc, actor), publicBase: () => this.publicBase(), staffTickets: this.staffTickets, link }));
    await app.register(onestopRoutes, { clock, link, staff });
    await app.register(reportRoutes, { db, queue, log, clock, staff });
    await app.register(bookingRoutes, live({ clock, bookings: this.bookings, arrivals: this.arrivals }));
    await app.register(metricsRoutes, live({ clock, queue, staff, presence, link, broker, registry, alerts, messages: this.messages }));
  }

  /**
   * The embedded broker's one authentication rule set: staff pages (short tickets) and devices. There is no hub
   * account: the hub works inside the broker (LocalBus), so nobody can log in as the hub.
   */
  private authenticate(clientId: string, username: string | undefined, password: string | undefined): Identity | null {
    if (!username || !password) return null;
    if (username.startsWith('staff:')) {
      const s = this.staffTickets.verify(clientId, username, password);
      return s ? { type: 'staff', username: s.username, role: s.role } : null;
    }
    const d = this.registry.verify(username, password);
    // a device's own id, or a screen's `id~suffix` (two TVs opened with the same address); staff- ids are the staff pages'
    if (!d || clientId.startsWith('staff-') || !(clientId === d.id || (SCREEN_KINDS.has(d.kind) && clientId.startsWith(`${d.id}~`)))) return null;
    return { type: 'device', id: d.id, kind: d.kind, counterId: d.counterId };
  }

  /** MQTT credentials for a signed-in page, valid while its login (session token) stands. */
  staffMqttTicket(sessionToken: string, username: string): { username: string; password: string } {
    return this.staffTickets.issue(sessionKey(sessionToken), username);
  }

  /** Drive every enabled printer device and only those, with their current options (changes made while running). */
  syncPrinters(): void {
    const wanted = new Map(this.registry.list().filter((d) => d.kind === 'printer' && !d.disabled).map((d) => [d.id, d]));
    for (const p of this.printers.all()) if (!wanted.has(p.id)) { this.printerOptions.delete(p.id); void this.printers.remove(p.id); }
    for (const d of wanted.values()) this.addPrinter(d);
  }

  /** Start driving a printer device, or restart it when its options changed; a device whose options fail is tried once per change. */
  addPrinter(d: Device): void {
    const key = JSON.stringify(d.options);
    if (this.printerOptions.get(d.id) === key) return;
    this.printerOptions.set(d.id, key);
    if (this.printers.has(d.id)) void this.printers.remove(d.id);
    const report = (s: PrinterStatus) => this.printers.report(d.id, s);
    const p = this.opts.printerFor ? this.opts.printerFor(d, report)
      : printerFromDevice(d, () => this.queue.config, () => this.publicBase(), report, this.log.child({ mod: 'printer' }), this.mqttPrinters);
    if (p) this.printers.add(p);
  }

  /** The address phones and devices are given (ticket QR codes, pairing data): one function for all, broker/address.ts. */
  publicBase(): string { return publicBaseUrl(this.cfg, this.httpPort); }

  /** Close a device's live connection (after it was disabled, rotated or removed). */
  disconnectDevice(id: string): void {
    const clients = (this.broker?.broker as unknown as { clients?: Record<string, { close: () => void }> } | undefined)?.clients ?? {};
    // a screen opened twice with the same address connects once per page, as `id~suffix` (see SCREEN_KINDS)
    for (const [cid, c] of Object.entries(clients)) if (cid === id || cid.startsWith(`${id}~`)) c.close();
  }

  /** What a device or page needs to join: the broker address, its id and secret, and a page URL for screens. */
  pairing(id: string, secret: string): PairingData {
    const d = this.registry.get(id);
    const base = this.publicBase();
    return pairingData(this.cfg, { id, kind: d?.kind ?? '', counterId: d?.counterId ?? null }, base, publicMqttUrl(this.cfg, base, this.mqttPort), secret);
  }

  /** What the provincial broker is told every minute: the queue now, every device with its faults, the provincial link. */
  healthSnapshot(): HealthBody {
    const fields = this.queue.fieldWaits();
    const link = this.link.status();
    return {
      waiting: fields.reduce((n, f) => n + f.waiting, 0), fields,
      devices: this.presence.list().map((p) => deviceView(p, this.registry.get(p.id))).map((d) => ({ id: d.id, kind: d.kind, name: d.name, online: d.online, disabled: d.disabled, faults: d.faults })),
      link: { configured: link.configured, backlog: link.backlog, failures: link.consecutiveFailures, parked: link.parked, lastError: link.lastError, lastSuccessAt: link.lastSuccessAt },
      clerks: this.cfg.clerks.map((c) => ({ id: c.id, name: c.name })),
      version: VERSION,
    };
  }

  /** Health for anyone; the database file's path only for signed-in technicians and managers (`detailed`). */
  health(detailed = false): Record<string, unknown> {
    let dbOk = false;
    try { dbOk = (this.db.prepare('SELECT 1 AS x').get() as { x: number }).x === 1; } catch { dbOk = false; }
    const brokerOk = !!this.bus?.connected;
    return {
      status: dbOk && brokerOk ? 'ok' : 'degraded', version: VERSION, uptimeS: Math.round((Date.now() - this.startedAt) / 1000), office: this.cfg.office.id,
      database: { ok: dbOk, ...(detailed ? { file: this.dbFile } : {}), schemaVersion: SCHEMA_VERSION },
      broker: { ok: brokerOk, mode: this.broker ? 'embedded' : 'external', url: this.brokerUrl, clients: this.broker?.connectedClients() ?? 0 },
    };
  }

  /** Graceful stop: HTTP (and WebSocket MQTT), the hub's MQTT parts, the broker, printers, then SQLite. */
  async stop(): Promise<void> {
    if (this.refresher) clearInterval(this.refresher);
    if (this.sweeper) clearInterval(this.sweeper);
    await this.http?.close().catch((e: unknown) => this.log.error({ err: e }, 'http close'));
    this.presence?.stop();
    this.publisher?.stop();
    await this.link?.stop().catch((e: unknown) => this.log.error({ err: e }, 'link close'));
    await this.messages?.stop().catch((e: unknown) => this.log.error({ err: e }, 'messages close'));
    await this.bus?.stop().catch((e: unknown) => this.log.error({ err: e }, 'bus close'));
    await this.broker?.stop();
    await this.printers?.close();
    if (this.db?.open) this.db.close();
    this.log.info('hub stopped');
  }
}
