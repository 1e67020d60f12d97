/**
 * A raw MQTT client on a plain socket (mqtt-packet encoding), for clients no library would be: one that stops
 * reading, one that announces a huge packet. Loopback only.
 */
import mqttPacket from 'mqtt-packet';
import { connect, type Socket } from 'node:net';

export function packet(p: Record<string, unknown>): Buffer {
  return mqttPacket.generate(p as unknown as mqttPacket.Packet);
}

export function connectPacket(clientId: string, username?: string, password?: string): Buffer {
  return packet({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, keepalive: 0, clientId, username, password: password ? Buffer.from(password) : undefined });
}

export function subscribePacket(messageId: number, topics: string[]): Buffer {
  return packet({ cmd: 'subscribe', messageId, subscriptions: topics.map((topic) => ({ topic, qos: 0 })) });
}

/** Open a socket to the broker; resolves once connected. */
export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves when the socket is closed by the other end (or `ms` passes: false). */
export function closedWithin(s: Socket, ms: number): Promise<boolean> {
  if (s.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    s.once('close', () => { clearTimeout(t); resolve(true); });
  });
}
