/**
 * A byte-level StandardFirmata (2.5, Arduino Uno: pins 0–19, A0–A5 = 14–19) on the device side of a
 * serial cable. It answers the handshake, records pin modes and digital writes, reports inputs when
 * the host enabled reporting, and lets a test press buttons. Watchers decode what bit-banged
 * peripherals (MAX7219, HD44780) would have received from the pin toggles.
 */
import type { SerialDeviceSim } from '../serial/sim-bus.js';

const PIN_COUNT = 20;
const PWM = new Set([3, 5, 6, 9, 10, 11]);
export const MODE = { INPUT: 0, OUTPUT: 1, ANALOG: 2, PWM: 3, PULLUP: 11 } as const;
/** Data bytes following each command (upper nibble for channel commands). */
const LEN: Record<number, number> = { 0x90: 2, 0xe0: 2, 0xc0: 1, 0xd0: 1, 0xf4: 2, 0xf5: 2, 0xf9: 0, 0xff: 0 };

export type PinWatcher = (pin: number, value: number, pins: readonly number[]) => void;

export class FakeFirmata implements SerialDeviceSim {
  readonly modes: number[] = Array(PIN_COUNT).fill(-1);
  /** Current level of every pin (outputs as written, inputs as pressed). */
  readonly levels: number[] = Array(PIN_COUNT).fill(0);
  /** Every digital write the host made, in order. */
  readonly writes: { pin: number; value: number }[] = [];
  private readonly reporting = new Set<number>();
  /** StandardFirmata: writing HIGH to an INPUT pin turns its pull-up on. */
  private readonly pullups = new Set<number>();
  private readonly watchers: PinWatcher[] = [];
  private toHost: ((b: Buffer) => void) | null = null;
  private buf: number[] = [];

  constructor(private readonly firmwareName = 'StandardFirmata.ino') {}

  watch(w: PinWatcher): void { this.watchers.push(w); }
  get attached(): boolean { return this.toHost !== null; }

  attach(toHost: (b: Buffer) => void): void {
    this.toHost = toHost;
    this.buf = [];
    this.reporting.clear();
    // A real board resets when the port opens and announces itself.
    this.send([0xf9, 2, 5]);
    this.send(this.firmwareReport());
  }

  detach(): void { this.toHost = null; }

  /** A button to ground on a pulled-up pin reads 0 while pressed; without pull-up it reads 1. */
  press(pin: number): void { this.setInput(pin, this.pullups.has(pin) ? 0 : 1); }
  release(pin: number): void { this.setInput(pin, this.pullups.has(pin) ? 1 : 0); }

  setInput(pin: number, value: number): void {
    this.levels[pin] = value;
    const port = pin >> 3;
    if (this.reporting.has(port)) this.sendPort(port);
  }

  /** Raw bytes on the wire, for tests of garbage handling. */
  sendRaw(bytes: number[]): void { this.send(bytes); }

  receive(bytes: Buffer): void {
    for (const b of bytes) {
      if (b & 0x80 && b !== 0xf7 && this.buf[0] !== 0xf0) this.buf = [];
      this.buf.push(b);
      this.step();
    }
  }

  private step(): void {
    const first = this.buf[0];
    if (first === undefined) return;
    if (first === 0xf0) {
      if (this.buf[this.buf.length - 1] === 0xf7) { this.sysex(this.buf.slice(1, -1)); this.buf = []; }
      return;
    }
    const cmd = first < 0xf0 ? first & 0xf0 : first;
    const need = LEN[cmd];
    if (need === undefined) { this.buf = []; return; }
    if (this.buf.length - 1 < need) return;
    const [a = 0, b = 0] = this.buf.slice(1);
    this.buf = [];
    this.command(cmd, first & 0x0f, a, b);
  }

  private command(cmd: number, ch: number, a: number, b: number): void {
    switch (cmd) {
      case 0xf9: this.send([0xf9, 2, 5]); break;
      case 0xf4: this.modes[a] = b; if (b === MODE.PULLUP) this.setPullup(a, 1); else if (b !== MODE.INPUT) this.pullups.delete(a); break;
      case 0x90: this.writePort(ch, a | (b << 7)); break;
      case 0xf5: if (this.modes[a] === MODE.OUTPUT) this.writePin(a, b ? 1 : 0); else this.setPullup(a, b ? 1 : 0); break;
      case 0xd0: if (a) { this.reporting.add(ch); this.sendPort(ch); } else this.reporting.delete(ch); break;
      case 0xff: this.modes.fill(-1); this.reporting.clear(); break;
      default: break; // analog reporting, analog writes: not modelled
    }
  }

  private sysex(data: number[]): void {
    switch (data[0]) {
      case 0x79: this.send(this.firmwareReport()); break;
      case 0x6b: this.send([0xf0, 0x6c, ...this.capabilities(), 0xf7]); break;
      case 0x69: this.send([0xf0, 0x6a, ...Array.from({ length: PIN_COUNT }, (_, p) => (p >= 14 ? p - 14 : 0x7f)), 0xf7]); break;
      default: break; // sampling interval, strings: ignored like a board that does not care
    }
  }

  private writePort(port: number, mask: number): void {
    for (let i = 0; i < 8; i++) {
      const pin = port * 8 + i;
      if (pin >= PIN_COUNT) continue;
      if (this.modes[pin] === MODE.OUTPUT) this.writePin(pin, (mask >> i) & 1);
      else if (this.modes[pin] === MODE.INPUT) this.setPullup(pin, (mask >> i) & 1);
    }
  }

  private setPullup(pin: number, on: number): void {
    if (on === (this.pullups.has(pin) ? 1 : 0)) return;
    if (on) this.pullups.add(pin); else this.pullups.delete(pin);
    this.setInput(pin, on);
  }

  private writePin(pin: number, value: number): void {
    this.writes.push({ pin, value });
    if (this.levels[pin] === value) return;
    this.levels[pin] = value;
    for (const w of this.watchers) w(pin, value, this.levels);
  }

  private sendPort(port: number): void {
    let mask = 0;
    for (let i = 0; i < 8; i++) if (this.levels[port * 8 + i]) mask |= 1 << i;
    this.send([0x90 | port, mask & 0x7f, (mask >> 7) & 0x7f]);
  }

  private capabilities(): number[] {
    const out: number[] = [];
    for (let p = 0; p < PIN_COUNT; p++) {
      if (p > 1) out.push(MODE.INPUT, 1, MODE.OUTPUT, 1, MODE.PULLUP, 1);
      if (PWM.has(p)) out.push(MODE.PWM, 8);
      if (p >= 14) out.push(MODE.ANALOG, 10);
      out.push(0x7f);
    }
    return out;
  }

  private firmwareReport(): number[] {
    const name = [...Buffer.from(this.firmwareName, 'ascii')].flatMap((c) => [c & 0x7f, (c >> 7) & 0x7f]);
    return [0xf0, 0x79, 2, 5, ...name, 0xf7];
  }

  private send(bytes: number[]): void { this.toHost?.(Buffer.from(bytes)); }
}
