/**
 * Serial LED board framing (docs/led-protocol.md):
 *   0x02 LEN SEQ CMD PAYLOAD… CRC 0x03
 * LEN = bytes of SEQ+CMD+PAYLOAD (2..250); CRC = CRC-8 (poly 0x07, init 0x00, no reflection) over
 * LEN, SEQ, CMD and PAYLOAD. Framing is by length, so payload bytes may be 0x02/0x03. A receiver that
 * sees a bad frame drops one byte and hunts for the next 0x02.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const MAX_BODY = 250;

export const CMD = {
  PING: 0x01,
  TEXT: 0x10, // payload: line (0-based), UTF-8 text
  CLEAR: 0x11,
  BRIGHTNESS: 0x12, // payload: 0..15
  RESET: 0x7f,
  ACK: 0x06, // board → host, SEQ echoes the acknowledged frame
  NAK: 0x15, // board → host, payload: reason (1 = bad checksum, 2 = unknown command, 3 = bad payload)
} as const;
export const NAK_REASON = { BAD_CRC: 1, UNKNOWN_CMD: 2, BAD_PAYLOAD: 3 } as const;

export interface Frame { seq: number; cmd: number; payload: Buffer }

export function crc8(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i] ?? 0;
    for (let b = 0; b < 8; b++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

export function encodeFrame(f: Frame): Buffer {
  const len = 2 + f.payload.length;
  if (len > MAX_BODY) throw new RangeError(`LED frame body too long: ${len} > ${MAX_BODY}`);
  const body = Buffer.from([len, f.seq & 0xff, f.cmd & 0xff, ...f.payload]);
  return Buffer.from([STX, ...body, crc8(body), ETX]);
}

export interface ParseResult { frames: Frame[]; badCrc: Frame[]; garbage: number }

/** Incremental parser: feed any chunking (split, merged, with noise in between). */
export class FrameParser {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): ParseResult {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: ParseResult = { frames: [], badCrc: [], garbage: 0 };
    for (;;) {
      const start = this.buf.indexOf(STX);
      if (start < 0) { out.garbage += this.buf.length; this.buf = Buffer.alloc(0); break; }
      if (start > 0) { out.garbage += start; this.buf = this.buf.subarray(start); }
      if (this.buf.length < 2) break;
      const len = this.buf[1] ?? 0;
      if (len < 2 || len > MAX_BODY) { this.skip(out); continue; }
      const total = len + 4;
      if (this.buf.length < total) break;
      if (this.buf[total - 1] !== ETX) { this.skip(out); continue; }
      const body = this.buf.subarray(1, 2 + len);
      const frame = { seq: body[1] ?? 0, cmd: body[2] ?? 0, payload: Buffer.from(body.subarray(3)) };
      if (crc8(body) !== this.buf[total - 2]) { out.badCrc.push(frame); this.buf = this.buf.subarray(total); continue; }
      out.frames.push(frame);
      this.buf = this.buf.subarray(total);
    }
    return out;
  }

  /** Drop a partial frame (the host does this before each request: anything half-received is stale). Returns bytes dropped. */
  discard(): number { const n = this.buf.length; this.buf = Buffer.alloc(0); return n; }

  private skip(out: ParseResult): void { out.garbage += 1; this.buf = this.buf.subarray(1); }
}
