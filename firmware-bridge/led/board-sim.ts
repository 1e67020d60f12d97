/**
 * A serial LED board on the device side of the cable: parses frames, acks good ones, naks bad
 * checksums, shows text lines. `misbehave('garbage')` makes it answer noise instead (a board with a
 * wrong baud rate or a crashed controller) until it receives a RESET frame... or stays broken.
 */
import { EventEmitter } from 'node:events';
import type { SerialDeviceSim } from '../serial/sim-bus.js';
import { CMD, encodeFrame, FrameParser, NAK_REASON, type Frame } from './protocol.js';

/** Emits `frame` after handling each frame from the host. */
export class LedBoardSim extends EventEmitter implements SerialDeviceSim {
  lines: string[];
  brightness = 8;
  readonly stats = { frames: 0, badCrc: 0, garbage: 0, resets: 0 };
  private parser = new FrameParser();
  private toHost: ((b: Buffer) => void) | null = null;
  private mode: 'ok' | 'garbage' | 'garbage-forever' = 'ok';

  constructor(readonly lineCount = 2) { super(); this.lines = Array(lineCount).fill(''); }

  misbehave(mode: 'ok' | 'garbage' | 'garbage-forever'): void { this.mode = mode; }

  attach(toHost: (b: Buffer) => void): void { this.toHost = toHost; this.parser = new FrameParser(); }
  detach(): void { this.toHost = null; }

  receive(bytes: Buffer): void {
    const r = this.parser.push(bytes);
    this.stats.garbage += r.garbage;
    for (const f of r.badCrc) { this.stats.badCrc++; this.reply(f.seq, CMD.NAK, [NAK_REASON.BAD_CRC]); }
    for (const f of r.frames) { this.apply(f); this.emit('frame', f); }
  }

  private apply(f: Frame): void {
    this.stats.frames++;
    if (f.cmd === CMD.RESET) {
      this.stats.resets++;
      if (this.mode === 'garbage') this.mode = 'ok';
      this.lines = Array(this.lineCount).fill('');
    }
    if (this.mode !== 'ok') { this.toHost?.(Buffer.from([0xff, 0x13, 0x37, 0x00, 0xaa, 0x55, 0x02, 0x09])); return; }
    switch (f.cmd) {
      case CMD.PING: case CMD.RESET: break;
      case CMD.CLEAR: this.lines = Array(this.lineCount).fill(''); break;
      case CMD.BRIGHTNESS: this.brightness = f.payload[0] ?? this.brightness; break;
      case CMD.TEXT: {
        const line = f.payload[0] ?? 255;
        if (line >= this.lineCount) return this.reply(f.seq, CMD.NAK, [NAK_REASON.BAD_PAYLOAD]);
        this.lines[line] = f.payload.subarray(1).toString('utf8');
        break;
      }
      default: return this.reply(f.seq, CMD.NAK, [NAK_REASON.UNKNOWN_CMD]);
    }
    this.reply(f.seq, CMD.ACK, []);
  }

  private reply(seq: number, cmd: number, payload: number[]): void {
    this.toHost?.(encodeFrame({ seq, cmd, payload: Buffer.from(payload) }));
  }
}
