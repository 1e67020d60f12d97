import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createServer, type Server } from 'node:net';
import type { Logger } from 'pino';
import { mayPublish, maySubscribe, type Identity } from '../devices/acl.js';

export interface Authenticator { (clientId: string, username: string | undefined, password: string | undefined): Identity | null }

export interface EmbeddedBrokerOpts {
  office: string;
  host: string;
  port: number;
  log: Logger;
  authenticate: Authenticator;
  /** Hard ceiling: larger packets close the connection (the hub answers smaller oversize ones itself). */
  hardMaxBytes?: number;
}

const identities = new WeakMap<Client, Identity>();

/** aedes on TCP with access control only in its hooks; WebSocket clients are handed to `broker.handle`. */
export class EmbeddedBroker {
  broker!: Aedes;
  private server: Server | null = null;
  port = 0;
  constructor(private readonly opts: EmbeddedBrokerOpts) {}

  async start(): Promise<void> {
    const { opts } = this;
    const log = opts.log;
    const hardMax = opts.hardMaxBytes ?? 262_144;
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
    this.server = createServer((s) => this.broker.handle(s));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(opts.port, opts.host, () => { this.server?.off('error', reject); resolve(); });
    });
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : opts.port;
  }

  identityOf(client: Client): Identity | undefined { return identities.get(client); }

  connectedClients(): number { return this.broker?.connectedClients ?? 0; }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    // stop accepting now; the close callback only fires once every connection has ended
    const serverClosed = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve();
    if (this.broker && !this.broker.closed) {
      await new Promise<void>((r) => this.broker.close(() => r()));
      // aedes does not close its persistence (DEPENDENCIES.md); its destroy() returns a promise
      const p = (this.broker as unknown as { persistence?: { destroy?: () => unknown } }).persistence;
      await Promise.resolve(p?.destroy?.());
    }
    await serverClosed;
  }
}
