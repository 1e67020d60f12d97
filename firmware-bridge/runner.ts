/**
 * The bridge: for every configured device, its own MqttDevice connection plus a hot-plug supervisor
 * that opens the hardware session when the device is present. Hub messages (`set`, hub topics) are
 * routed to whichever session is live; the last hub state is replayed to a re-plugged display.
 */
import { hubTopic } from '../protocol/topics.js';
import { validateBridgeConfig, baseDriver, type BridgeConfig, type BridgeDeviceConfig } from './config.js';
import { HotplugSupervisor } from './hotplug.js';
import { matches } from './match.js';
import { MqttDevice } from './mqtt-device.js';
import { openFirmataSession, openHidSession, openLedSession, type LiveSession } from './sessions.js';
import { realSerial, type SerialOpener } from './serial/link.js';
import { realHid, SimHidBus, type HidBackend } from './hid/hid-device.js';
import { SimSerialBus } from './serial/sim-bus.js';
import { addDefaultSimulator, simPath } from './sim-devices.js';
import { systemClock, type Clock, type Log } from './types.js';

export interface BridgeOptions {
  log: Log;
  brokerUrl: string;
  clock?: Clock;
  /** Backends for real drivers (default: serialport and node-hid). */
  serial?: SerialOpener;
  hid?: HidBackend;
  /** Buses for `sim-*` drivers; created (with default simulators) when absent. */
  sim?: { serial?: SimSerialBus; hid?: SimHidBus };
}

export interface RunningBridge { stop(): Promise<void>; devices: Map<string, MqttDevice> }

function hubTopicFor(office: string, d: BridgeDeviceConfig): string | null {
  if (d.kind === 'counter' && d.counterId) return hubTopic.counter(office, d.counterId);
  if (d.kind === 'display') return hubTopic.hall(office);
  return null;
}

export async function startBridge(cfgRaw: BridgeConfig, opts: BridgeOptions): Promise<RunningBridge> {
  const cfg = validateBridgeConfig(cfgRaw);
  const clock = opts.clock ?? systemClock;
  const simSerial = opts.sim?.serial ?? new SimSerialBus();
  const simHid = opts.sim?.hid ?? new SimHidBus();
  const started: { dev: MqttDevice; sup: HotplugSupervisor }[] = [];
  const devices = new Map<string, MqttDevice>();
  const stop = async () => {
    for (const s of started.reverse()) { await s.sup.stop(); await s.dev.stop(); }
  };
  try {
    for (const d of cfg.devices) {
      const sim = d.driver.startsWith('sim-');
      if (sim) addDefaultSimulator(d, simSerial, simHid);
      const serial = sim ? simSerial : opts.serial ?? realSerial;
      const hid = sim ? simHid : opts.hid ?? realHid;
      const log = opts.log.child({ device: d.id, driver: d.driver });
      const dev = new MqttDevice({ brokerUrl: opts.brokerUrl, office: cfg.office, kind: d.kind, id: d.id, secret: d.secret, log, available: false });
      let live: LiveSession | null = null;
      let lastHub: Record<string, unknown> | null = null;
      dev.onSet((m) => live?.onSet?.(m));
      const topic = hubTopicFor(cfg.office, d);
      if (topic) await dev.subscribeHub(topic, (m) => { lastHub = m; live?.onHub?.(m); });
      await dev.start();
      const base = baseDriver(d.driver);
      const sup = new HotplugSupervisor({
        find: async () => {
          const list = base === 'hid' ? await hid.devices() : await serial.list();
          const want = sim ? { ...d, path: simPath(d) } : d;
          return list.find((x) => matches(want, x))?.path ?? null;
        },
        open: async (path) => {
          const ctx = { cfg: d, dev, clock, log };
          const s = base === 'firmata' ? await openFirmataSession(serial, path, ctx)
            : base === 'hid' ? await openHidSession(hid, path, ctx) : await openLedSession(serial, path, ctx);
          live = s;
          void s.ended.then(() => { if (live === s) live = null; });
          if (lastHub) s.onHub?.(lastHub);
          return s;
        },
        setAvailable: (on) => dev.setAvailable(on),
      }, log, cfg.pollMs ?? 1000);
      started.push({ dev, sup });
      devices.set(d.id, dev);
      sup.start();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { stop, devices };
}
