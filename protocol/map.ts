/**
 * Which payload travels on which topic, the way zigbee2mqtt's `lib/types/api.ts` maps its API. The topic builders
 * in `topics.ts` return a `Topic<P>` carrying this type, and every publisher (the hub's bus, the pages' hub client,
 * the bridge's device client) takes `(topic: Topic<P>, payload: P)`: a wrong payload on a topic does not compile.
 */
import type { Availability, DeviceKind } from './enums.js';
import type {
  CallMessage, CounterMessage, DeviceEvent, DeviceRequest, DevicesMessage, DeviceState, HallMessage, PrintAckEvent, PrinterState,
  PrintJob, QueueMessage, RatingSet, Response,
} from './messages.js';

/** Hub-wide topics: `motcua/{office}/hub/...`. `availability` is plain text, the rest JSON. */
export interface HubTopicMap {
  availability: Availability;
  devices: DevicesMessage;
  counter: CounterMessage;
  hall: HallMessage;
  calls: CallMessage;
  queue: QueueMessage;
}

/** What every device kind sends and receives on its own channels. */
interface DeviceChannels<State, Set, Req, Resp, Event = DeviceEvent> {
  availability: Availability;
  state: State;
  event: Event;
  request: Req;
  response: Resp;
  set: Set;
}

/** Device topics by kind: `motcua/{office}/{kind}/{id}/{channel}`. `never`: the kind has no such message. */
export interface DeviceTopicMap {
  dispenser: DeviceChannels<DeviceState, never, DeviceRequest<'issue' | 'checkIn'>, Response>;
  kiosk: DeviceChannels<DeviceState, never, DeviceRequest<'issue' | 'checkIn' | 'rate'>, Response>;
  rating: DeviceChannels<DeviceState, RatingSet, DeviceRequest<'rate'>, Response>;
  keypad: DeviceChannels<DeviceState, never, DeviceRequest<KeypadOp>, Response>;
  printer: DeviceChannels<PrinterState, PrintJob, never, never, DeviceEvent | PrintAckEvent>;
  counter: DeviceChannels<DeviceState, never, never, Response>;
  display: DeviceChannels<DeviceState, never, never, Response>;
}
export type KeypadOp = 'next' | 'recall' | 'skip' | 'hold' | 'resume' | 'transfer' | 'finish' | 'signIn' | 'signOut';
export type DeviceChannel = keyof DeviceChannels<unknown, unknown, unknown, unknown>;
export type DevicePayload<K extends DeviceKind, C extends DeviceChannel> = DeviceTopicMap[K][C];

declare const payloadType: unique symbol;
/** A topic string that remembers the type of what it carries. Only the builders in `topics.ts` make them. */
export type Topic<P> = string & { readonly [payloadType]: P };
/** The payload type of a topic. */
export type PayloadOf<T> = T extends Topic<infer P> ? P : never;
