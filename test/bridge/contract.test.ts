/**
 * Contract suites: the same checks against each simulator and, when an environment variable names
 * one, against the real device. Real runs are skipped otherwise, saying how to enable them:
 *   MOTCUA_FIRMATA_PORT=/dev/ttyACM0   (Arduino with StandardFirmata, 57600 baud; LED on pin 13)
 *   MOTCUA_LED_PORT=/dev/ttyUSB0 [MOTCUA_LED_BAUD=9600]   (LED board speaking docs/led-protocol.md)
 *   MOTCUA_HID_PATH=/dev/hidraw3        (press any key of the keypad within 20 s)
 */
import t, { type Test } from 'tap';
import { EventEmitter, once } from 'node:events';
import { openBoard, disposeBoard } from '../../firmware-bridge/firmata/board.js';
import { FakeFirmata } from '../../firmware-bridge/firmata/fake-board.js';
import { LedBoardSim } from '../../firmware-bridge/led/board-sim.js';
import { LedLink } from '../../firmware-bridge/led/link.js';
import { CMD, encodeFrame, FrameParser } from '../../firmware-bridge/led/protocol.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { closePort, realSerial, type SerialOpener } from '../../firmware-bridge/serial/link.js';
import { realHid, SimHidBus, type HidBackend } from '../../firmware-bridge/hid/hid-device.js';
import { KeyReportParser, keyReport } from '../../firmware-bridge/hid/report.js';
import { log, untilEvent } from './helpers.js';

function firmataContract(name: string, serial: SerialOpener, path: string, after?: (t: Test) => Promise<void>): void {
  t.test(`Firmata contract: ${name}`, async (t) => {
    const port = await serial.open(path, 57600);
    const board = await openBoard(port, 15_000);
    t.ok(board.io.pins.length >= 14, 'capabilities report at least 14 pins');
    t.ok(board.io.analogPins.length >= 1, 'analog mapping reported');
    const led = board.io as unknown as { pinMode(p: number, m: number): void; digitalWrite(p: number, v: number): void };
    led.pinMode(13, 1);
    led.digitalWrite(13, 1);
    led.digitalWrite(13, 0);
    await after?.(t);
    const closed = once(port, 'close');
    disposeBoard(board);
    await closePort(port);
    await closed;
    t.pass('port closes cleanly');
  });
}

function ledContract(name: string, serial: SerialOpener, path: string, baud: number): void {
  t.test(`LED board contract: ${name}`, async (t) => {
    const port = await serial.open(path, baud);
    t.teardown(() => closePort(port));
    const link = new LedLink(port, log, { timeoutMs: 500 });
    await link.send(CMD.PING);
    await link.show(['1005', 'Quầy 1']);
    t.pass('PING and TEXT acknowledged');
    // A corrupted frame must be NAKed with reason 1 (bad checksum), echoing its sequence number.
    const parser = new FrameParser();
    const nak = new Promise<number[]>((resolve) => port.on('data', (d: Buffer) => {
      for (const f of parser.push(d).frames) if (f.cmd === CMD.NAK && f.seq === 200) resolve([f.seq, f.payload[0] ?? -1]);
    }));
    const bad = encodeFrame({ seq: 200, cmd: CMD.CLEAR, payload: Buffer.alloc(0) });
    bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0xff;
    port.write(bad);
    t.same(await nak, [200, 1], 'bad checksum → NAK reason 1');
  });
}

function hidContract(name: string, hid: HidBackend, path: string, press?: () => void): void {
  t.test(`HID keypad contract: ${name}`, async (t) => {
    const dev = await hid.open(path);
    t.teardown(() => dev.close());
    const parser = new KeyReportParser();
    const down = new Promise<number>((resolve) => dev.on('data', (r: Buffer) => { const e = parser.feed(r); if (e.down[0]) resolve(e.down[0]); }));
    press?.();
    const code = await down;
    t.ok(code > 3, `key usage 0x${code.toString(16)} pressed (use it in the keymap)`);
  });
}

// Simulators: always.
{
  const bus = new SimSerialBus();
  const fake = new FakeFirmata();
  bus.add({ path: '/dev/sim-contract-firmata' }, fake);
  const pins = new EventEmitter();
  fake.watch(() => pins.emit('change'));
  firmataContract('simulator', bus, '/dev/sim-contract-firmata', async (t) => {
    await untilEvent(pins, 'change', 'pin 13 high then low', () => fake.levels[13] === 0 && fake.writes.some((w) => w.pin === 13));
    t.same(fake.writes.filter((w) => w.pin === 13).map((w) => w.value), [1, 0], 'the board saw pin 13 go high then low');
  });
  const ledBus = new SimSerialBus();
  ledBus.add({ path: '/dev/sim-contract-led' }, new LedBoardSim());
  ledContract('simulator', ledBus, '/dev/sim-contract-led', 9600);
  const hid = new SimHidBus();
  const pad = hid.add({ path: '/dev/sim-contract-hid', vendorId: 1, productId: 2 });
  hidContract('simulator', hid, '/dev/sim-contract-hid', () => { pad.report(keyReport([0x59])); pad.report(keyReport([])); });
}

// Real devices: when named.
const { MOTCUA_FIRMATA_PORT: fp, MOTCUA_LED_PORT: lp, MOTCUA_LED_BAUD: lb, MOTCUA_HID_PATH: hp } = process.env;
if (fp) firmataContract(`real board at ${fp}`, realSerial, fp);
else t.test('Firmata contract: real board', { skip: 'set MOTCUA_FIRMATA_PORT=/dev/ttyACM0 (StandardFirmata) to run it against a real Arduino' }, async () => undefined);
if (lp) ledContract(`real LED board at ${lp}`, realSerial, lp, Number(lb ?? 9600));
else t.test('LED board contract: real board', { skip: 'set MOTCUA_LED_PORT=/dev/ttyUSB0 (and MOTCUA_LED_BAUD) to run it against a real LED board' }, async () => undefined);
if (hp) hidContract(`real keypad at ${hp} (press a key)`, realHid, hp);
else t.test('HID keypad contract: real keypad', { skip: 'set MOTCUA_HID_PATH=/dev/hidrawN and press a key when asked to run it against a real keypad' }, async () => undefined);
