import './packet-cache.js';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { mayPublish, maySubscribe, type Identity } from '../devices/acl.js';
import { boundOutgoing, MAX_QUEUED_BYTES } from './outgoing-bound.js';
import { limitIncoming } from './packet-limit.js';

export interface Authenticator { (clientId: string, username: string | undefined, password: string | undefined): Identity | null }

export interface EmbeddedBrokerOpts {
  office: string;
  host: string;
  port: number;
  log: Logger;
  authenticate: Authenticator;
  /** Hard ceiling: larger packets close the connection (the hub answers smaller oversize ones itself). */
  hardMaxBytes?: number;
  /** Bound of one client's unsent bytes; past it the client is dropped (default 1 MiB). */
  maxQueuedBytes?: number;
}

const identities = new WeakMap<Client, Identity>();
const HARD_MAX_BYTES = 262_144;
/** A CONNECT carries an id, a user name, a secret and perhaps a will: 64 KB is far more than any device needs. */
const MAX_CONNECT_BYTES = 65_536;

/**
 * aedes on TCP with access control only in its hooks; WebSocket clients are handed to `broker.handle`.
 * `start()` creates the broker (the hub attaches to it in process, see LocalBus); `listen()` opens the public
 * port once the hub is ready, so no device request arrives before the hub listens for it.
 */
export class EmbeddedBroker {
  broker!: Aedes;
  private server: Server | null = null;
  port = 0;
  constructor(private readonly opts: EmbeddedBrokerOpts) {}

  async start(): Promise<void> {
    const { opts } = this;
    const log = opts.log;
    const hardMax = opts.hardMaxBytes ?? HARD_MAX_BYTES;
    this.broker = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        const id = opts.authenticate(client.id, username, password?.toString('utf8'));
        if (!id) {
          log.warn({ clientId: client.id, username }, 'MQTT login refused');
          const err = new Error('bad username or password') as AuthenticateError;
          err.returnCode = 4;
          done(err, false);
          return;
        }
        identities.set(client, id);
        done(null, true);
      },
      authorizePublish: (client, packet, done) => {
        if (!client) { done(null); return; }
        const id = identities.get(client);
        if (!id || !mayPublish(id, opts.office, packet.topic)) {
          log.warn({ clientId: client.id, topic: packet.topic }, 'publish refused by access rules');
          done(new Error('not authorized'));
          return;
        }
        if (packet.payload.length > hardMax) { done(new Error('payload too large')); return; }
        if (id.type === 'device' && packet.retain && !packet.topic.endsWith('/availability') && !packet.topic.endsWith('/state')) packet.retain = false;
        done(null);
      },
      authorizeSubscribe: (client, sub, done) => {
        const id = identities.get(client);
        if (!id || !maySubscribe(id, opts.office, sub.topic)) {
          log.warn({ clientId: client.id, topic: sub.topic }, 'subscription refused by access rules');
          done(null, null);
          return;
        }
        done(null, sub);
      },
    });
    this.broker.on('clientError', (client, err) => log.debug({ clientId: client.id, err: err.message }, 'client error'));
  }

  /** Open the public MQTT port (devices). */
  async listen(): Promise<void> {
    this.server = await listen(createServer((s) => this.accept(s)), this.opts.port, this.opts.host);
    this.port = portOf(this.server, this.opts.port);
  }

  /** The address the MQTT port is bound to (null before `listen`). */
  get boundHost(): string | null {
    const a = this.server?.address();
    return typeof a === 'object' && a ? a.address : null;
  }

  /** MQTT messages are small and latency matters (a citizen waits): no Nagle delay on any connection. */
  private accept(s: Socket): void {
    s.setNoDelay(true);
    this.handle(s);
  }

  /**
   * Hand a client connection (TCP socket or WebSocket stream) to aedes, with its outgoing queue bounded and its
   * incoming packets limited (a packet announcing more than the payload ceiling plus a topic is refused unread).
   */
  handle(conn: Duplex, req?: unknown): void {
    const { log } = this.opts;
    const max = this.opts.maxQueuedBytes ?? MAX_QUEUED_BYTES;
    boundOutgoing(conn, max, (queued) => log.warn({ queued, max }, 'MQTT client dropped: it stopped reading and its outgoing queue passed the bound'));
    const maxBytes = (this.opts.hardMaxBytes ?? HARD_MAX_BYTES) + 65_536 + 16; // payload, the longest topic, header fields
    limitIncoming(conn, { maxBytes, maxConnectBytes: MAX_CONNECT_BYTES, onRefuse: (announced) => log.warn({ announced, maxBytes }, 'MQTT connection closed: packet larger than the limit') });
    (this.broker.handle as (c: Duplex, r?: unknown) => void)(conn, req);
  }

  identityOf(client: Client): Identity | undefined { return identities.get(client); }

  /** Whether a device has a live session now (aedes keeps one client per id: a reconnect takes the old one over). */
  liveDevice(id: string): boolean {
    // aedes keeps its live clients by id; its type declarations do not list the map
    const c = (this.broker as unknown as { clients: Record<string, Client | undefined> }).clients[id];
    return !!c && identities.get(c)?.type === 'device';
  }

  /**
   * Device sessions starting and ending. On a takeover aedes ends the old session before it registers the new
   * one, so `up: false` (old) comes before `up: true` (new).
   */
  watchDevices(fn: (id: string, up: boolean) => void): void {
    const device = (c: Client) => { const i = identities.get(c); return i?.type === 'device' ? i.id : null; };
    this.broker.on('client', (c) => { const id = device(c); if (id) fn(id, true); });
    this.broker.on('clientDisconnect', (c) => { const id = device(c); if (id) fn(id, false); });
  }

  connectedClients(): number { return this.broker?.connectedClients ?? 0; }

  async stop(): Promise<void> {
    const servers = [this.server].filter((x): x is Server => !!x);
    this.server = null;
    // stop accepting now; the close callback only fires once every connection has ended
    const serverClosed = Promise.all(servers.map((sv) => new Promise<void>((r) => sv.close(() => r()))));
    if (this.broker && !this.broker.closed) {
      await new Promise<void>((r) => this.broker.close(() => r()));
      // aedes does not close its persistence (DEPENDENCIES.md); its destroy() returns a promise
      const p = (this.broker as unknown as { persistence?: { destroy?: () => unknown } }).persistence;
      await Promise.resolve(p?.destroy?.());
    }
    await serverClosed;
  }
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(server); });
  });
}

function portOf(server: Server, fallback: number): number {
  const a = server.address();
  return typeof a === 'object' && a ? a.port : fallback;
}
