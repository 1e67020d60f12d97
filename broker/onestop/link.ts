import type { Logger } from 'pino';
import type { OfficeConfig } from '../../config/types.js';
import type { Db } from '../db/open.js';
import { McError } from '../errors.js';
import type { Catalog, DossierStatus, OfficeFigures, OnestopAdapter, OutboxEvent } from './adapter.js';
import { OnestopCache } from './cache.js';
import { Forwarder, type ForwarderStatus } from './forwarder.js';
import { HttpOnestopAdapter } from './http-adapter.js';
import { MqttBridge } from './mqtt-bridge.js';
import type { QueueEvent } from '../queue/types.js';

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
  private timer: NodeJS.Timeout | null = null;
  private purger: NodeJS.Timeout | null = null;
  constructor(private readonly o: { db: Db; cfg: OfficeConfig; log: Logger; clock: () => number; onFigures: (f: OfficeFigures & { cached: boolean }) => void }) {
    const c = o.cfg.onestop;
    const log = o.log.child({ mod: 'onestop' });
    this.adapter = c.url
      ? new HttpOnestopAdapter({ baseUrl: c.url, apiKey: c.apiKey || undefined, hmacSecret: c.hmacSecret || undefined, timeoutMs: c.timeoutMs, officeId: o.cfg.office.id, clock: o.clock, log })
      : new NoLinkAdapter();
    this.cache = new OnestopCache({ db: o.db, adapter: this.adapter, log, clock: o.clock, liveTimeoutMs: Math.min(3000, c.timeoutMs) });
    this.forwarder = c.url ? new Forwarder({ db: o.db, adapter: this.adapter, log, clock: o.clock, batchSize: c.batchSize }) : null;
    this.mqtt = c.mqttUrl ? new MqttBridge({ url: c.mqttUrl, username: c.mqttUsername || undefined, password: c.mqttPassword || undefined, officeId: o.cfg.office.id, log }) : null;
  }

  /** New events were committed: wake the forwarder, and stream them to the provincial broker when one is set. */
  committed(events: QueueEvent[], seqs: number[]): void {
    this.forwarder?.wake();
    this.mqtt?.publish(events.map((e, i) => ({ seq: seqs[i] ?? 0, type: e.type, at: e.at, office: this.o.cfg.office.id, data: e.data })));
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
    this.purger = setInterval(() => this.cache.purge(), 3600_000);
    this.purger.unref();
  }


  status(): ForwarderStatus & { configured: boolean; label: string } {
    const backlog = (this.o.db.prepare('SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL').get() as { n: number; oldest: number | null });
    const base = this.forwarder?.status() ?? { backlog: backlog.n, oldestUnsentAt: backlog.oldest, lastSuccessAt: null, lastError: 'no provincial system configured', lastErrorAt: null, sending: false, nextRetryAt: null, consecutiveFailures: 0 };
    return { ...base, configured: !!this.forwarder, label: this.o.cfg.onestop.label } as ForwarderStatus & { configured: boolean; label: string };
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.purger) clearInterval(this.purger);
    await this.forwarder?.stop();
    await this.mqtt?.stop();
  }
}
