/**
 * Network printer on raw TCP (port 9100, "JetDirect"/AppSocket), the common Ethernet interface of
 * Epson TM and Xprinter models.
 */
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { offline, StreamPrinterLink, type StreamLinkOptions } from './stream-link.js';

export interface TcpPrinterLinkOptions extends StreamLinkOptions {
  host: string;
  /** Default 9100. */
  port?: number;
}

export class TcpPrinterLink extends StreamPrinterLink {
  private readonly host: string;
  private readonly port: number;

  constructor(opts: TcpPrinterLinkOptions) {
    super(opts);
    this.host = opts.host;
    this.port = opts.port ?? 9100;
  }

  protected connect(timeoutMs: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host: this.host, port: this.port });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(offline(`No connection to ${this.host}:${this.port} within ${timeoutMs} ms.`));
      }, timeoutMs);
      sock.once('error', (err) => {
        clearTimeout(timer);
        reject(offline(`Cannot connect to ${this.host}:${this.port}.`, err));
      });
      sock.once('connect', () => {
        clearTimeout(timer);
        sock.setNoDelay(true);
        sock.setKeepAlive(true, 5000);
        this.log?.info({ host: this.host, port: this.port }, 'printer connected');
        resolve(sock);
      });
    });
  }
}
