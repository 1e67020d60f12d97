/**
 * What bit-banged chips wired to a Firmata board would receive, decoded from the pin toggles the
 * fake board records. Used by the simulator (to show what the display shows) and by tests.
 */
import type { FakeFirmata } from './fake-board.js';

/** MAX7219 on data/clock/cs: 16 bits shifted MSB first on clock rising edges, latched on CS rising. */
export class Max7219Watcher {
  /** Every register write, in order. */
  readonly writes: { reg: number; value: number }[] = [];
  /** Digit registers 1..8 (index 0 = digit register 1). */
  readonly digits: number[] = Array(8).fill(0);
  private bits = 0;
  private count = 0;

  constructor(board: FakeFirmata, pins: { data: number; clock: number; cs: number }) {
    board.watch((pin, value, levels) => {
      if (pin === pins.cs && value === 0) { this.bits = 0; this.count = 0; }
      else if (pin === pins.clock && value === 1 && levels[pins.cs] === 0) {
        this.bits = ((this.bits << 1) | (levels[pins.data] ? 1 : 0)) & 0xffff;
        this.count++;
      } else if (pin === pins.cs && value === 1 && this.count >= 16) {
        const reg = (this.bits >> 8) & 0x0f;
        const v = this.bits & 0xff;
        this.writes.push({ reg, value: v });
        if (reg >= 1 && reg <= 8) this.digits[reg - 1] = v;
      }
    });
  }

  /** Decoded text, leftmost digit first (johnny-five puts the leftmost digit in register 8). */
  text(): string {
    return [...this.digits].reverse().map((v) => SEGMENTS.get(v & 0x7f) ?? '?').join('');
  }
}

/** No-decode segment bytes (bit 6..0 = A..G) → character. */
const SEGMENTS = new Map<number, string>([
  [0x00, ' '], [0x7e, '0'], [0x30, '1'], [0x6d, '2'], [0x79, '3'], [0x33, '4'], [0x5b, '5'], [0x5f, '6'],
  [0x70, '7'], [0x7f, '8'], [0x7b, '9'], [0x77, 'A'], [0x1f, 'B'], [0x4e, 'C'], [0x3d, 'D'], [0x4f, 'E'],
  [0x47, 'F'], [0x01, '-'],
]);

/** HD44780 in 4-bit mode: nibbles latched on EN falling edge, RS selects command/data. */
export class Hd44780Watcher {
  private readonly ddram: string[] = Array(128).fill(' ');
  private addr = 0;
  private high: number | null = null;

  constructor(board: FakeFirmata, private readonly pins: { rs: number; en: number; d4: number; d5: number; d6: number; d7: number }, private readonly cols = 16) {
    board.watch((pin, value, levels) => {
      if (pin !== pins.en || value !== 0) return;
      const p = this.pins;
      const nibble = (levels[p.d7] ? 8 : 0) | (levels[p.d6] ? 4 : 0) | (levels[p.d5] ? 2 : 0) | (levels[p.d4] ? 1 : 0);
      if (this.high === null) { this.high = nibble; return; }
      const byte = (this.high << 4) | nibble;
      this.high = null;
      if (levels[p.rs]) this.data(byte); else this.command(byte);
    });
  }

  private command(b: number): void {
    if (b & 0x80) this.addr = b & 0x7f;
    else if (b === 0x01) { this.ddram.fill(' '); this.addr = 0; }
    else if ((b & 0xfe) === 0x02) this.addr = 0;
  }

  private data(b: number): void {
    this.ddram[this.addr] = String.fromCharCode(b);
    this.addr = (this.addr + 1) & 0x7f;
  }

  /** The two visible lines. */
  lines(): [string, string] {
    return [this.ddram.slice(0, this.cols).join(''), this.ddram.slice(0x40, 0x40 + this.cols).join('')];
  }
}
