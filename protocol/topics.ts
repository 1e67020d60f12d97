/**
 * The MQTT topic tree, one contract for the hub, the bridge, the displays and the web pages.
 * Device topics: motcua/{office}/{kind}/{deviceId}/{channel}. Hub topics: motcua/{office}/hub/...
 * See docs/protocol.md.
 */
import { DEVICE_KINDS, type DeviceKind } from './enums.js';
import type { DeviceChannel, DevicePayload, HubTopicMap, KeypadOp, Topic } from './map.js';
import type { RequestOp } from './messages.js';

export { DEVICE_KINDS, type DeviceKind };
export const PROTOCOL_VERSION = 1;
export const ROOT = 'motcua';

/** Channels a device publishes on (its own topics only). */
export const DEVICE_PUB_CHANNELS = ['availability', 'state', 'request', 'event'] as const;
/** Channels a device receives on (its own topics only). */
export const DEVICE_SUB_CHANNELS = ['set', 'response'] as const;
export type Channel = DeviceChannel;

export const ID_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function deviceTopic<K extends DeviceKind, C extends Channel>(office: string, kind: K, id: string, ch: C): Topic<DevicePayload<K, C>> {
  return `${ROOT}/${office}/${kind}/${id}/${ch}` as Topic<DevicePayload<K, C>>;
}

const hub = <K extends keyof HubTopicMap>(o: string, path: string): Topic<HubTopicMap[K]> => `${ROOT}/${o}/hub/${path}` as Topic<HubTopicMap[K]>;
export const hubTopic = {
  /** Retained `online` / `offline`. `online` is also the hub's birth message: devices publish their state again. */
  availability: (o: string) => hub<'availability'>(o, 'availability'),
  devices: (o: string) => hub<'devices'>(o, 'devices'),
  /** Retained state of one counter (current number, clerk, open/closed). */
  counter: (o: string, counterId: string) => hub<'counter'>(o, `counter/${counterId}`),
  /** Retained state of the hall: every counter's number, latest calls, waiting per field, figures. */
  hall: (o: string) => hub<'hall'>(o, 'hall'),
  /** Not retained: one message per call or recall, for voice announcements. */
  calls: (o: string) => hub<'calls'>(o, 'calls'),
  /** Retained: people waiting and expected minutes per field. */
  queue: (o: string) => hub<'queue'>(o, 'queue'),
};

export interface DeviceTopic { office: string; kind: DeviceKind; id: string; channel: Channel }

export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const p = topic.split('/');
  if (p.length !== 5 || p[0] !== ROOT) return null;
  const [, office, kind, id, channel] = p as [string, string, string, string, string];
  if (!(DEVICE_KINDS as readonly string[]).includes(kind) || !ID_RE.test(id)) return null;
  if (![...DEVICE_PUB_CHANNELS, ...DEVICE_SUB_CHANNELS].includes(channel as Channel)) return null;
  return { office, kind: kind as DeviceKind, id, channel: channel as Channel };
}

const KEYPAD_OPS = ['next', 'recall', 'skip', 'hold', 'resume', 'transfer', 'finish', 'signIn', 'signOut'] as const satisfies readonly KeypadOp[];
/** Operations each kind may request on its `request` channel (the same lists type `DeviceTopicMap`'s requests). */
export const OPS_BY_KIND: Record<DeviceKind, readonly RequestOp[]> = {
  dispenser: ['issue', 'checkIn'],
  kiosk: ['issue', 'checkIn', 'rate'],
  rating: ['rate'],
  keypad: KEYPAD_OPS,
  printer: [],
  counter: [],
  display: [],
};

/** Hub topics each kind may read (subscribe), beyond its own set/response. `{counter}` is its bound counter. */
export const HUB_READS_BY_KIND: Record<DeviceKind, readonly string[]> = {
  dispenser: ['availability', 'queue'],
  kiosk: ['availability', 'queue', 'hall'],
  rating: ['availability', 'counter/{counter}'],
  keypad: ['availability', 'counter/{counter}'],
  printer: ['availability'],
  counter: ['availability', 'counter/{counter}'],
  display: ['availability', 'hall', 'calls', 'queue', 'counter/+', 'devices'],
};

/** Kinds that belong to one counter (and act only for it). */
export const COUNTER_BOUND: readonly DeviceKind[] = ['rating', 'keypad', 'counter'];
