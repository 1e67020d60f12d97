/**
 * Virtual network printer: a raw-TCP (port-9100 style) ESC/POS printer on 127.0.0.1 for the demo
 * office, the tests and technicians' print preview. It receives the real byte stream, answers
 * DLE EOT status requests for its simulated state, splits jobs at cuts and decodes them.
 *
 * Faults a test can inject: setState('paper_out' | 'cover_open' | 'paper_low' | 'ok'),
 * die() (drop every connection mid-job and refuse new ones), dieAfterBytes(n), stall() (accept,
 * never read, never answer), revive() (back to normal on the same port).
 */
import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { Logger } from 'pino';
import { paperDots } from './profiles.js';
import { renderJobPng } from './render.js';
import { PrinterSimulator, type PrintedJob, type SimulatedState, type SimulatorOptions } from './simulator.js';

export type { PrintedJob, SimulatedState } from './simulator.js';

export interface VirtualPrinterOptions extends SimulatorOptions {
  host?: string;
  /** 0 (default) = any free port. */
  port?: number;
  paper?: 58 | 80;
  logger?: Logger;
}

export interface VirtualPrinterEvents {
  job: [PrintedJob];
}

export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  private readonly sim: PrinterSimulator;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private boundPort = 0;
  private dead = false;
  private stalled = false;
  private dieBudget = Infinity;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {
    super();
    this.sim = new PrinterSimulator(opts);
    this.sim.on('job', (job) => this.emit('job', job));
  }

  get port(): number { return this.boundPort; }
  get host(): string { return this.opts.host ?? '127.0.0.1'; }
  /** Jobs that came out on paper, oldest first. */
  get jobs(): readonly PrintedJob[] { return this.sim.jobs; }
  /** Jobs received while out of paper / cover open (nothing printed). */
  get refusedJobs(): readonly PrintedJob[] { return this.sim.refused; }
  get state(): SimulatedState { return this.sim.state; }

  async start(): Promise<{ host: string; port: number }> {
    await this.listen(this.opts.port ?? 0);
    return { host: this.host, port: this.boundPort };
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const srv = this.server;
    this.server = null;
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
  }

  setState(s: SimulatedState): void { this.sim.setState(s); }

  /** Drop every connection now (a partial job is lost) and refuse new ones until revive(). */
  die(): void {
    this.dead = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.sim.resetConnection();
    const srv = this.server;
    this.server = null;
    srv?.close();
  }

  /** Die once `n` more bytes have arrived (to cut a ticket off in the middle). */
  dieAfterBytes(n: number): void { this.dieBudget = n; }

  /** Keep connections open but stop reading and answering. */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.pause();
  }

  /** Back to a healthy printer on the same port. */
  async revive(): Promise<void> {
    this.stalled = false;
    this.dieBudget = Infinity;
    for (const s of this.sockets) s.resume();
    if (this.dead || !this.server) { this.dead = false; await this.listen(this.boundPort); }
  }

  /** Resolves with the next printed job. */
  async nextJob(): Promise<PrintedJob> {
    const [job] = await once(this, 'job');
    return job as PrintedJob;
  }

  /** What the paper of this job looks like, as a PNG. */
  renderPng(job: PrintedJob): Buffer {
    return renderJobPng(job.decoded, paperDots(this.opts.paper ?? 80));
  }

  private async listen(port: number): Promise<void> {
    const srv = net.createServer((sock) => this.onConnection(sock));
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, this.host, () => { srv.off('error', reject); resolve(); });
    });
    const addr = srv.address();
    this.boundPort = typeof addr === 'object' && addr ? addr.port : port;
    this.server = srv;
    this.opts.logger?.info({ port: this.boundPort }, 'virtual printer listening');
  }

  private onConnection(sock: net.Socket): void {
    if (this.dead) { sock.destroy(); return; }
    this.sockets.add(sock);
    sock.setNoDelay(true);
    if (this.stalled) sock.pause();
    sock.on('data', (chunk: Buffer) => this.onData(sock, chunk));
    sock.on('error', () => undefined);
    sock.on('close', () => {
      if (this.sockets.delete(sock)) this.sim.resetConnection();
    });
  }

  private onData(sock: net.Socket, chunk: Buffer): void {
    if (this.dead || this.stalled) return;
    if (chunk.length >= this.dieBudget) {
      this.sim.receive(chunk.subarray(0, this.dieBudget)); // bytes before the failure are seen…
      this.die(); // …but the job never completes
      return;
    }
    this.dieBudget -= chunk.length;
    const reply = this.sim.receive(chunk);
    if (reply.length) sock.write(reply);
  }
}

/** Start a virtual printer for the demo office; logs each job's text. Stop it with `.stop()`. */
export async function runVirtualPrinter(opts: { port?: number; host?: string; paper?: 58 | 80; logger?: Logger } = {}): Promise<VirtualPrinter> {
  const vp = new VirtualPrinter({ port: opts.port ?? 9100, ...(opts.host ? { host: opts.host } : {}), ...(opts.paper ? { paper: opts.paper } : {}), ...(opts.logger ? { logger: opts.logger } : {}) });
  vp.on('job', (job) => {
    const line = `[máy in ảo] phiếu #${job.id}: ${job.decoded.lines.join(' | ')}${job.decoded.qr.length ? ` | QR ${job.decoded.qr.join(', ')}` : ''}`;
    if (opts.logger) opts.logger.info({ job: job.id, lines: job.decoded.lines, qr: job.decoded.qr }, 'virtual printer job');
    else process.stdout.write(`${line}\n`);
  });
  await vp.start();
  return vp;
}
