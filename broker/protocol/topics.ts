/**
 * The MQTT topic tree, one contract for the hub, the bridge, the displays and the web pages.
 * Device topics: motcua/{office}/{kind}/{deviceId}/{channel}. Hub topics: motcua/{office}/hub/...
 * See docs/protocol.md.
 */
export const PROTOCOL_VERSION = 1;
export const ROOT = 'motcua';

export const DEVICE_KINDS = ['dispenser', 'printer', 'counter', 'display', 'rating', 'keypad', 'kiosk'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/** Channels a device publishes on (its own topics only). */
export const DEVICE_PUB_CHANNELS = ['availability', 'state', 'request', 'event'] as const;
/** Channels a device receives on (its own topics only). */
export const DEVICE_SUB_CHANNELS = ['set', 'response'] as const;
export type Channel = (typeof DEVICE_PUB_CHANNELS)[number] | (typeof DEVICE_SUB_CHANNELS)[number];

export const ID_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function deviceTopic(office: string, kind: DeviceKind, id: string, ch: Channel): string {
  return `${ROOT}/${office}/${kind}/${id}/${ch}`;
}

export const hubTopic = {
  availability: (o: string) => `${ROOT}/${o}/hub/availability`,
  devices: (o: string) => `${ROOT}/${o}/hub/devices`,
  /** Retained state of one counter (current number, clerk, open/closed). */
  counter: (o: string, counterId: string) => `${ROOT}/${o}/hub/counter/${counterId}`,
  /** Retained state of the hall: every counter's number, latest calls, waiting per field, figures. */
  hall: (o: string) => `${ROOT}/${o}/hub/hall`,
  /** Not retained: one message per call or recall, for voice announcements. */
  calls: (o: string) => `${ROOT}/${o}/hub/calls`,
  /** Retained: people waiting and expected minutes per field. */
  queue: (o: string) => `${ROOT}/${o}/hub/queue`,
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

/** Operations each kind may request on its `request` channel. */
export const OPS_BY_KIND: Record<DeviceKind, readonly string[]> = {
  dispenser: ['issue'],
  kiosk: ['issue', 'rate'],
  rating: ['rate'],
  keypad: ['next', 'recall', 'skip', 'hold', 'finish'],
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
