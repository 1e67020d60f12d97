/**
 * Host side of the LED board protocol: one frame in flight, ACK/NAK by sequence number, retries on
 * NAK or timeout. Noise on the line is counted; a board that keeps answering noise is reset (RESET
 * frame) once, and if it still does not answer properly the link reports `garbage` through onFatal.
 */
import type { Log } from '../types.js';
import type { SerialStream } from '../serial/link.js';
import { CMD, encodeFrame, FrameParser, type Frame } from './protocol.js';

export class LedTimeoutError extends Error {}

export interface LedLinkOptions { timeoutMs?: number; retries?: number }

export class LedLink {
  private seq = 0;
  private readonly parser = new FrameParser();
  private waiting: { seq: number; settle(f: Frame | null): void } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  garbageBytes = 0;
  badCrc = 0;

  constructor(private readonly port: SerialStream, private readonly log: Log, private readonly opts: LedLinkOptions = {}) {
    port.on('data', (d: Buffer) => this.onData(d));
  }

  private onData(d: Buffer): void {
    const r = this.parser.push(d);
    this.garbageBytes += r.garbage;
    this.badCrc += r.badCrc.length;
    if (r.garbage || r.badCrc.length) this.log.debug({ raw: d.toString('hex') }, 'LED board noise');
    for (const f of r.frames) if (this.waiting && f.seq === this.waiting.seq) this.waiting.settle(f);
  }

  /** Queue one command; resolves on ACK. */
  send(cmd: number, payload: Buffer = Buffer.alloc(0)): Promise<void> {
    const p = this.chain.then(() => this.sendNow(cmd, payload));
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async sendNow(cmd: number, payload: Buffer): Promise<void> {
    const retries = this.opts.retries ?? 2;
    let last = 'no answer';
    for (let attempt = 0; attempt <= retries; attempt++) {
      const reply = await this.exchange(cmd, payload);
      if (reply?.cmd === CMD.ACK) return;
      last = reply ? `NAK reason ${reply.payload[0] ?? '?'}` : 'timeout';
      this.log.debug({ cmd, attempt, last }, 'LED frame not acknowledged');
    }
    throw new LedTimeoutError(`LED board did not acknowledge command 0x${cmd.toString(16)}: ${last}`);
  }

  private exchange(cmd: number, payload: Buffer): Promise<Frame | null> {
    this.seq = (this.seq + 1) & 0xff;
    const seq = this.seq;
    // Strict request/response: a half-received frame from before this request is noise (it would
    // otherwise swallow the coming ACK while its bogus length fills up).
    this.garbageBytes += this.parser.discard();
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), this.opts.timeoutMs ?? 300);
      const settle = (f: Frame | null) => { clearTimeout(timer); this.waiting = null; resolve(f); };
      this.waiting = { seq, settle };
      this.port.write(encodeFrame({ seq, cmd, payload }), (err) => { if (err) settle(null); });
    });
  }

  /** Show lines (each a TEXT frame). On failure with noise seen: RESET once and try again. */
  async show(lines: string[]): Promise<void> {
    try {
      await this.showOnce(lines);
    } catch (err) {
      if (!this.garbageBytes && !this.badCrc) throw err;
      this.log.warn({ garbageBytes: this.garbageBytes }, 'LED board answers garbage: resetting it');
      this.garbageBytes = 0;
      this.badCrc = 0;
      await this.send(CMD.RESET).catch(() => undefined);
      await this.showOnce(lines);
    }
  }

  private async showOnce(lines: string[]): Promise<void> {
    for (const [i, text] of lines.entries()) await this.send(CMD.TEXT, Buffer.concat([Buffer.from([i]), Buffer.from(text.normalize('NFC'), 'utf8')]));
  }
}
