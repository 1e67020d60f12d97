/**
 * The byte-level brain of a simulated ESC/POS printer, independent of the cable: feed it the
 * received bytes, it returns the bytes the printer answers (DLE EOT status replies, processed the
 * moment they arrive, as real printers do) and collects complete jobs (a job ends at a cut).
 */
import { EventEmitter } from 'node:events';
import { decodeEscPos, type DecodedJob, type DecodeOptions } from './decode.js';
import { isCut, tokenize } from './escpos-parse.js';
import { statusReplies, type PrinterStatus } from './status.js';

export type SimulatedState = 'ok' | 'paper_out' | 'cover_open' | 'paper_low';

export interface PrintedJob {
  id: number;
  bytes: Uint8Array;
  decoded: DecodedJob;
  receivedAt: number;
  /** False when the printer was out of paper / open: nothing came out. */
  printed: boolean;
}

export interface SimulatorOptions {
  decode?: DecodeOptions;
  clock?: () => number;
}

export interface PrinterSimulatorEvents {
  job: [PrintedJob];
}

export class PrinterSimulator extends EventEmitter<PrinterSimulatorEvents> {
  state: SimulatedState = 'ok';
  readonly jobs: PrintedJob[] = [];
  /** Jobs that arrived while the printer could not print. */
  readonly refused: PrintedJob[] = [];
  private buf = new Uint8Array(0);
  private scanPos = 0;
  private window: number[] = [];
  private nextId = 1;
  private readonly clock: () => number;

  constructor(private readonly opts: SimulatorOptions = {}) {
    super();
    this.clock = opts.clock ?? Date.now;
  }

  setState(s: SimulatedState): void {
    this.state = s;
  }

  /** Take received bytes; returns the reply bytes to send back (possibly empty). */
  receive(chunk: Uint8Array): Uint8Array {
    const reply = this.realtime(chunk);
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    this.buf = merged;
    this.splitJobs();
    return reply;
  }

  /** The connection dropped: a partial job is lost, as on a real printer's reset buffer. */
  resetConnection(): void {
    this.buf = new Uint8Array(0);
    this.scanPos = 0;
    this.window = [];
  }

  private realtime(chunk: Uint8Array): Uint8Array {
    const out: number[] = [];
    const r = statusReplies(this.state as PrinterStatus);
    for (const b of chunk) {
      this.window.push(b);
      if (this.window.length > 3) this.window.shift();
      const [a, c, n] = this.window;
      if (a !== 0x10 || c !== 0x04 || n === undefined) continue;
      if (n === 1) out.push(r.printer);
      else if (n === 2) out.push(r.offlineCause);
      else if (n === 3) out.push(0x12);
      else if (n === 4) out.push(r.paper);
      this.window = [];
    }
    return Uint8Array.from(out);
  }

  private splitJobs(): void {
    for (;;) {
      let cutEnd = -1;
      this.scanPos = tokenize(this.buf, this.scanPos, (tok, end) => {
        if (!isCut(tok)) return false;
        cutEnd = end;
        return true;
      });
      if (cutEnd < 0) return;
      const bytes = this.buf.slice(0, cutEnd);
      this.buf = this.buf.slice(cutEnd);
      this.scanPos = 0;
      this.record(bytes);
    }
  }

  private record(bytes: Uint8Array): void {
    const decoded = decodeEscPos(bytes, this.opts.decode);
    const printed = this.state === 'ok' || this.state === 'paper_low';
    const job: PrintedJob = { id: this.nextId++, bytes, decoded, receivedAt: this.clock(), printed };
    if (!printed) { this.refused.push(job); return; }
    this.jobs.push(job);
    this.emit('job', job);
  }
}
