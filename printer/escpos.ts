/**
 * The few ESC/POS commands a ticket needs, written by hand (Epson ESC/POS Application Programming
 * Guide). Cross-checked in tests against @point-of-sale/receipt-printer-encoder's bytes.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

/** A growable byte buffer with chainable ESC/POS commands. */
export class EscPosBuilder {
  private chunks: Uint8Array[] = [];
  private length = 0;

  raw(bytes: ArrayLike<number>): this {
    const u = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes as ArrayLike<number>);
    this.chunks.push(u);
    this.length += u.length;
    return this;
  }

  /** ESC @: reset the printer's modes (code page falls back to its default). */
  initialize(): this { return this.raw([ESC, 0x40]); }
  /**
   * FS .: cancel Kanji (double-byte) character mode. Cheap 58 mm clones often power up in Chinese mode, where
   * two bytes above 0x80 make one GB2312 character: every Vietnamese letter in CP1258 would print as Chinese.
   */
  cancelKanji(): this { return this.raw([FS, 0x2e]); }
  /** ESC t n: select character code table (52 = WPC1258 on Epson). */
  codePage(n: number): this { return this.raw([ESC, 0x74, n & 0xff]); }
  /** ESC a n. */
  align(a: Align): this { return this.raw([ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2]); }
  /** ESC E n. */
  bold(on: boolean): this { return this.raw([ESC, 0x45, on ? 1 : 0]); }
  /** GS B n: white on black. */
  invert(on: boolean): this { return this.raw([GS, 0x42, on ? 1 : 0]); }
  /** GS ! n: character size, width and height multipliers 1..8. */
  size(width: number, height: number): this {
    const w = clamp(width, 1, 8) - 1;
    const h = clamp(height, 1, 8) - 1;
    return this.raw([GS, 0x21, (w << 4) | h]);
  }
  /** Already-encoded text bytes followed by LF. */
  line(bytes: Uint8Array): this { return this.raw(bytes).raw([LF]); }
  /** ESC d n: print and feed n lines. */
  feed(lines: number): this { return this.raw([ESC, 0x64, clamp(lines, 0, 255)]); }
  /** GS V 66 n: feed n dots past the cutter position, then partial cut. */
  cut(feedDots = 0): this { return this.raw([GS, 0x56, 0x42, clamp(feedDots, 0, 255)]); }

  /** GS ( k, QR code model 2: select model, module size, error level, store data, print. */
  qr(data: string, moduleSize = 6, level: QrErrorLevel = 'M'): this {
    const payload = Buffer.from(data, 'utf8');
    const len = payload.length + 3;
    if (len > 0xffff) throw new RangeError('QR data too long');
    const levelByte = { L: 48, M: 49, Q: 50, H: 51 }[level];
    this.raw([GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00]);
    this.raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, clamp(moduleSize, 1, 16)]);
    this.raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, levelByte]);
    this.raw([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30]).raw(payload);
    return this.raw([GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]);
  }

  /**
   * GS v 0: print a 1-bit raster image (rows of ceil(width/8) bytes, MSB = leftmost dot, 1 = black).
   * Sent in bands of at most 255 rows so no band header contains a real-time command sequence.
   */
  raster(widthDots: number, height: number, bits: Uint8Array): this {
    const bpr = Math.ceil(widthDots / 8);
    if (bits.length !== bpr * height) throw new RangeError(`raster: expected ${bpr * height} bytes, got ${bits.length}`);
    for (let y = 0; y < height; y += 255) {
      const rows = Math.min(255, height - y);
      const band = sanitizeRealtime(bits.subarray(y * bpr, (y + rows) * bpr));
      this.raw([GS, 0x76, 0x30, 0, bpr & 0xff, bpr >> 8, rows, 0]).raw(band);
    }
    return this;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let off = 0;
    for (const c of this.chunks) { out.set(c, off); off += c.length; }
    return out;
  }
}

/** DLE EOT n: real-time status request, n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor. */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.from([DLE, EOT, n]);
}

/**
 * Printers execute real-time commands (DLE EOT / DLE ENQ / DLE DC4) the moment they arrive, even in
 * the middle of image data. A raster byte pair 0x10 0x04/0x05/0x14 would make the printer answer a
 * status request nobody sent, corrupting the next real status read. Clearing the single 0x10 bit
 * (one dot) removes the sequence; nobody can see one missing dot.
 */
export function sanitizeRealtime(data: Uint8Array): Uint8Array {
  let copy: Uint8Array | undefined;
  for (let i = 0; i + 1 < data.length; i++) {
    const next = data[i + 1];
    if (data[i] === DLE && (next === 0x04 || next === 0x05 || next === 0x14)) {
      copy ??= Uint8Array.from(data);
      copy[i] = 0x00;
    }
  }
  return copy ?? data;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(n)));
}
