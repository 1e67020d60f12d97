/**
 * One open hardware connection per driver. Each session ends (its `ended` resolves) when the cable is
 * pulled or the device stops making sense; the hot-plug supervisor then marks it offline and reopens.
 * `onHub` / `onSet` receive the device's hub-topic and `set` messages while the session lives.
 */
import { attachCounterDisplay, attachDispenser, attachRating, type Attached } from './firmata/drivers.js';
import { disposeBoard, openBoard } from './firmata/board.js';
import { KeyReportParser } from './hid/report.js';
import type { HidBackend } from './hid/hid-device.js';
import { KeypadLogic, type KeypadAction } from './logic/keypad.js';
import { RatingLogic } from './logic/rating.js';
import { endSignal } from './hotplug.js';
import { LedLink } from './led/link.js';
import { closePort, type SerialOpener, type SerialStream } from './serial/link.js';
import { parseKeyCode, type BridgeDeviceConfig } from './config.js';
import type { MqttDevice } from './mqtt-device.js';
import type { Clock, DeviceSession, Log } from './types.js';
import { toLcdAscii } from './text.js';
import { isCounterState } from './logic/counter-view.js';

export interface LiveSession extends DeviceSession { onHub?(msg: Record<string, unknown>): void; onSet?(msg: Record<string, unknown>): void }
interface Ctx { cfg: BridgeDeviceConfig; dev: MqttDevice; clock: Clock; log: Log }

function watchClose(port: SerialStream, end: (r: string) => void): void {
  port.on('close', (err?: { disconnected?: boolean } | null) => end(err?.disconnected ? 'unplugged' : 'port closed'));
  port.on('error', (err: Error) => end(`port error: ${err.message}`));
}

export async function openFirmataSession(serial: SerialOpener, path: string, { cfg, dev, clock, log }: Ctx): Promise<LiveSession> {
  const port = await serial.open(path, cfg.baudRate ?? 57600);
  const { ended, end } = endSignal();
  watchClose(port, end);
  let board;
  try { board = await openBoard(port, 10_000); } catch (err) { await closePort(port); throw err; }
  const pins = { ...cfg.pins, fields: cfg.fields };
  const ctx = { board, dev, pins, clock, log };
  let attached: Attached;
  let onHub: LiveSession['onHub'];
  let onSet: LiveSession['onSet'];
  if (cfg.kind === 'dispenser') attached = attachDispenser(ctx);
  else if (cfg.kind === 'rating') { const r = attachRating(ctx); attached = r; onSet = (m) => r.onSet(m); }
  else { const c = attachCounterDisplay(ctx); attached = c; onHub = (m) => c.show(m); }
  return {
    ended, onHub, onSet,
    async close() { attached.detach(); disposeBoard(board); await closePort(port); end('closed'); },
  };
}

export async function openHidSession(hid: HidBackend, path: string, { cfg, dev, clock, log }: Ctx): Promise<LiveSession> {
  const h = await hid.open(path);
  const { ended, end } = endSignal();
  const parser = new KeyReportParser(cfg.reportId);
  const keymap = new Map(Object.entries(cfg.keymap ?? {}).map(([k, a]) => [parseKeyCode(k), a]));
  let onSet: LiveSession['onSet'];
  let press: (a: string) => void;
  let release: (a: string) => void;
  if (cfg.kind === 'rating') {
    const logic = new RatingLogic(dev, { lights: () => undefined, rated: (l) => log.info({ level: l }, 'rated'), fault: (f) => log.warn(f, 'rating refused'), closed: () => undefined }, clock, keymap.size);
    onSet = (m) => logic.onSet(m);
    press = (a) => void logic.press(Number(a.slice(5)) - 1);
    release = (a) => logic.release(Number(a.slice(5)) - 1);
  } else {
    const logic = new KeypadLogic(dev, { done: (a) => log.info({ action: a }, 'keypad action done'), fault: (a, f) => log.warn({ action: a, ...f }, 'keypad action refused') }, clock);
    press = (a) => void logic.press(a as KeypadAction);
    release = (a) => logic.release(a as KeypadAction);
  }
  h.on('data', (report: Buffer) => {
    log.debug({ raw: report.toString('hex') }, 'hid report');
    const { down, up } = parser.feed(report);
    for (const c of up) { const a = keymap.get(c); if (a) release(a); }
    for (const c of down) { const a = keymap.get(c); if (a) press(a); else log.debug({ code: c }, 'unmapped key'); }
  });
  h.on('error', (err: Error) => end(`hid error: ${err.message}`));
  return {
    ended, onSet,
    async close() { h.removeAllListeners('data'); try { h.close(); } catch { /* already gone */ } end('closed'); },
  };
}

/** Lines a serial LED board shows for a counter (`hub/counter/{id}`) or hall (`hub/hall`) message. */
export function ledLines(cfg: BridgeDeviceConfig, msg: Record<string, unknown>): string[] | null {
  const n = cfg.led?.lines ?? 2;
  const ascii = (s: string) => (cfg.led?.ascii ? toLcdAscii(s) : s);
  if (cfg.kind === 'counter') {
    if (!isCounterState(msg)) return null;
    const lines = [msg.open ? msg.ticket?.number ?? '' : 'Tạm nghỉ', `Quầy ${msg.counterNumber}`];
    return lines.slice(0, n).map(ascii);
  }
  const counters = Array.isArray(msg.counters) ? (msg.counters as { counterNumber?: number; number?: string | null }[]) : null;
  if (!counters) return null;
  const lines = counters.map((c) => `Quầy ${c.counterNumber ?? '?'}: ${c.number ?? '---'}`);
  return Array.from({ length: n }, (_, i) => ascii(lines[i] ?? ''));
}

export async function openLedSession(serial: SerialOpener, path: string, { cfg, dev, log }: Ctx): Promise<LiveSession> {
  const port = await serial.open(path, cfg.baudRate ?? 9600);
  const { ended, end } = endSignal();
  watchClose(port, end);
  const link = new LedLink(port, log);
  let shown = Promise.resolve();
  return {
    ended,
    onHub(msg) {
      const lines = ledLines(cfg, msg);
      if (!lines) return;
      shown = shown.then(() => link.show(lines)).catch((err: Error) => {
        log.error({ err: err.message }, 'LED board not responding properly after a reset');
        void dev.publish('event', { type: 'fault', code: 'MC_ERR_INTERNAL', message: 'Bảng LED không phản hồi đúng, đã khởi động lại.', detail: err.message }, false).catch(() => undefined);
        end('garbage');
      });
    },
    async close() { await closePort(port); end('closed'); },
  };
}
