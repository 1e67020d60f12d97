import type { Logger } from 'pino';
import type { ConfigSource } from '../live-config.js';
import type { OfficeConfig } from '../../config/types.js';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import type { Catalog, DossierStatus, OfficeFigures, OnestopAdapter, OutboxEvent } from './adapter.js';
import { OnestopCache } from './cache.js';
import { Forwarder, type ForwarderStatus } from './forwarder.js';
import { HttpOnestopAdapter } from './http-adapter.js';
import { MqttBridge, type BridgeStatus, type HealthBody, type MqttBridgeOptions } from './mqtt-bridge.js';
import { OutboxRepo, type ParkedRow } from './outbox-repo.js';

/** An office with no provincial URL configured: every call says the link is down; events wait in the outbox. */
class NoLinkAdapter implements OnestopAdapter {
  private fail(): never { throw new McError('MC_ERR_UPLINK_DOWN', 'no provincial system configured (onestop.url)'); }
  forward(_e: OutboxEvent[]): Promise<void> { return Promise.reject(this.fail()); }
  lookupDossier(_c: string): Promise<DossierStatus | null> { return Promise.reject(this.fail()); }
  fetchCatalog(): Promise<Catalog> { return Promise.reject(this.fail()); }
  fetchFigures(): Promise<OfficeFigures> { return Promise.reject(this.fail()); }
}

/**
 * The hub's side of the provincial link: the outbox forwarder, the lookup cache, and a periodic fetch of the
 * office's dossier figures for the hall display.
 */
export class OnestopLink {
  readonly adapter: OnestopAdapter;
  readonly cache: OnestopCache;
  readonly forwarder: Forwarder | null;
  readonly mqtt: MqttBridge | null;
  private readonly outbox: OutboxRepo;
  private timer: NodeJS.Timeout | null = null;
  private purger: NodeJS.Timeout | null = null;
  /** The adapter and bridge are built from the configuration at start (onestop settings need a restart). */
  constructor(private readonly o: { db: Db; config: ConfigSource; log: Logger; clock: () => number; onFigures: (f: OfficeFigures & { cached: boolean }) => void; health?: () => HealthBody; center?: MqttBridgeOptions['center'] }) {
    const c = o.config.get().onestop;
    this.outbox = new OutboxRepo(o.db);
    const log = o.log.child({ mod: 'onestop' });
    this.adapter = c.url
      ? new HttpOnestopAdapter({ baseUrl: c.url, apiKey: c.apiKey || undefined, hmacSecret: c.hmacSecret || undefined, timeoutMs: c.timeoutMs, officeId: o.config.get().office.id, clock: o.clock, log })
      : new NoLinkAdapter();
    this.cache = new OnestopCache({ db: o.db, adapter: this.adapter, log, clock: o.clock, liveTimeoutMs: Math.min(3000, c.timeoutMs) });
    this.forwarder = c.url ? new Forwarder({ db: o.db, adapter: this.adapter, log, clock: o.clock, batchSize: c.batchSize }) : null;
    this.mqtt = c.mqttUrl
      ? new MqttBridge({ url: c.mqttUrl, username: c.mqttUsername || undefined, password: c.mqttPassword || undefined, officeId: o.config.get().office.id, log, db: o.db, clock: o.clock,
        ...(o.health ? { health: o.health } : {}), ...(o.center ? { center: o.center } : {}) })
      : null;
  }

  private get cfg(): OfficeConfig { return this.o.config.get(); }

  /** New events were committed: wake the forwarder, and the provincial broker's uplink when one is set (both read them from the database). */
  committed(): void {
    this.forwarder?.wake();
    this.mqtt?.wake();
    this.mqtt?.publishPoint();
  }

  start(): void {
    this.forwarder?.start();
    this.mqtt?.start();
    const tick = async () => {
      try {
        const r = await this.cache.getFigures();
        this.o.onFigures({ ...r.figures, cached: r.cached });
      } catch { /* no figures yet: the display shows none */ }
      this.timer = setTimeout(() => void tick(), 60_000);
      this.timer.unref();
    };
    void tick();
    this.pruneSent();
    this.purger = setInterval(() => { this.cache.purge(); this.pruneSent(); }, 3600_000);
    this.purger.unref();
  }

  /**
   * Delete outbox rows the provincial system accepted more than `onestop.keepSentDays` ago, 5,000 per
   * transaction so a first prune of a year's rows never holds up the queue. Pending and parked rows stay.
   */
  pruneSent(): number {
    const before = this.o.clock() - this.cfg.onestop.keepSentDays * 86_400_000;
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const n = this.outbox.pruneSent(before, 5000);
      total += n;
      if (n < 5000) break;
    }
    if (total > 0) this.o.log.info({ rows: total, keepSentDays: this.cfg.onestop.keepSentDays }, 'sent outbox rows pruned');
    return total;
  }

  /** Put parked events back in line (a technician, after the province fixed its side). */
  retryParked(): number { return this.forwarder?.retryParked() ?? this.outbox.unparkAll(); }

  parkedRows(limit = 100): ParkedRow[] { return this.outbox.parked(limit); }


  status(): ForwarderStatus & { configured: boolean; label: string; uplink: BridgeStatus | null } {
    const base: ForwarderStatus = this.forwarder?.status() ?? { backlog: this.outbox.backlog(), oldestUnsentAt: this.outbox.oldestUnsent()?.createdAt ?? null, lastSuccessAt: null,
      lastError: 'no provincial system configured', lastErrorAt: null, sending: false, nextRetryAt: null, consecutiveFailures: 0, parked: this.outbox.parkedCount(), isolating: false };
    return { ...base, configured: !!this.forwarder, label: this.cfg.onestop.label, uplink: this.mqtt?.status() ?? null };
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.purger) clearInterval(this.purger);
    await this.forwarder?.stop();
    await this.mqtt?.stop();
  }
}
