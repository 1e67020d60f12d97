/**
 * johnny-five shells around the device logic: buttons → logic.press, logic → LEDs / 7-segment / LCD.
 * Wiring (pins) comes from the device's configuration; see docs/bridge.md.
 */
import five from 'johnny-five';
import { DispenserLogic } from '../logic/dispenser.js';
import { RatingLogic } from '../logic/rating.js';
import { digitsFor, isCounterState, lcdLinesFor } from '../logic/counter-view.js';
import type { MqttDevice } from '../mqtt-device.js';
import type { Clock, Log } from '../types.js';
import type { J5Board } from './board.js';

export interface FirmataPins {
  /** Dispenser: one button per field (to GND, internal pull-up). */
  fields?: { pin: number; fieldId: string }[];
  priority?: number;
  priorityLed?: number;
  faultLed?: number;
  /** Rating pad: key buttons (best level first) and one LED per key. */
  keys?: number[];
  leds?: number[];
  /** Counter: MAX7219 7-segment and HD44780 LCD (4-bit: rs, en, d4, d5, d6, d7). */
  digits?: { data: number; clock: number; cs: number; count?: number };
  lcd?: { pins: [number, number, number, number, number, number]; cols?: number };
}

export interface Attached { detach(): void }
interface Ctx { board: J5Board; dev: MqttDevice; pins: FirmataPins; clock: Clock; log: Log }

/**
 * A push button to GND on an input with the pull-up on, read through johnny-five's Firmata IO.
 * (johnny-five's own Button is not used: every digital report of its 8-pin port while it is down
 * starts another `hold` setInterval that is never cleared, and it re-fires `down` for presses of
 * its port neighbours.) Emits `down`/`up` on level changes only.
 */
function button(board: J5Board, pin: number, down: () => void, up: () => void): { off(): void } {
  const io = board.io as unknown as { pinMode(p: number, m: number): void; digitalWrite(p: number, v: number): void; digitalRead(p: number, cb: (v: number) => void): void; removeAllListeners(ev: string): void; MODES: { INPUT: number } };
  io.pinMode(pin, io.MODES.INPUT);
  io.digitalWrite(pin, 1);
  // The first report only sets the level: before the pull-up is on the pin may read 0, and a
  // button held while the board boots must not issue a ticket.
  let last: number | null = null;
  let active = true;
  io.digitalRead(pin, (v) => {
    if (!active || v === last) return;
    if (last === null) { last = v; return; }
    last = v;
    if (v === 0) down(); else up();
  });
  return { off: () => { active = false; io.removeAllListeners(`digital-read-${pin}`); } };
}

function led(board: J5Board, pin: number | undefined): five.Led | null {
  return pin === undefined ? null : new five.Led({ board, pin });
}

export function attachDispenser({ board, dev, pins, clock, log }: Ctx): Attached {
  const fault = led(board, pins.faultLed);
  const prio = led(board, pins.priorityLed);
  const logic = new DispenserLogic(dev, {
    issued: (r) => { fault?.stop(); fault?.off(); log.info({ result: r }, 'ticket issued'); },
    fault: (f) => { fault?.blink(300); log.warn(f, 'issue refused'); void dev.publish('event', { type: 'fault', code: f.code, message: f.message }, false).catch(() => undefined); },
    priority: (on) => { if (on) prio?.on(); else prio?.off(); },
  }, clock);
  const buttons = (pins.fields ?? []).map(({ pin, fieldId }) =>
    button(board, pin, () => void logic.press(`field:${fieldId}`), () => logic.release(`field:${fieldId}`)));
  if (pins.priority !== undefined) buttons.push(button(board, pins.priority, () => void logic.press('priority'), () => logic.release('priority')));
  return { detach: () => { for (const b of buttons) b.off(); fault?.stop(); } };
}

export function attachRating({ board, dev, pins, clock, log }: Ctx): Attached & { onSet(msg: Record<string, unknown>): void } {
  const leds = (pins.leds ?? []).map((p) => new five.Led({ board, pin: p }));
  const keys = pins.keys ?? [];
  const logic = new RatingLogic(dev, {
    lights: (on) => leds.forEach((l, i) => (on[i] ? l.on() : l.off())),
    rated: (level) => log.info({ level }, 'rated'),
    fault: (f) => log.warn(f, 'rating refused'),
    closed: () => undefined,
  }, clock, keys.length);
  const buttons = keys.map((pin, i) => button(board, pin, () => void logic.press(i), () => logic.release(i)));
  return { detach: () => { for (const b of buttons) b.off(); logic.dispose(); }, onSet: (m) => logic.onSet(m) };
}

/** Counter displays: call `show(state)` with each retained CounterStateMsg. */
export function attachCounterDisplay({ board, pins }: Ctx): Attached & { show(msg: unknown): void } {
  const count = pins.digits?.count ?? 8;
  const digits = pins.digits ? new five.Led.Digits({ board, pins: { data: pins.digits.data, clock: pins.digits.clock, cs: pins.digits.cs } }) : null;
  const cols = pins.lcd?.cols ?? 16;
  const lcd = pins.lcd ? new five.LCD({ board, pins: pins.lcd.pins, cols, rows: 2 } as unknown as five.LCDParallelOption) : null;
  return {
    show(msg) {
      if (!isCounterState(msg)) return;
      (digits as unknown as { print(s: string): void } | null)?.print(digitsFor(msg, count));
      if (lcd) {
        const [a, b] = lcdLinesFor(msg, cols);
        lcd.cursor(0, 0).print(a);
        lcd.cursor(1, 0).print(b);
      }
    },
    detach: () => undefined,
  };
}
