import { createRequire } from 'node:module';

/**
 * mqtt-packet (used by both aedes and MQTT.js) fills a cache of 65,536 two-byte Buffers, one per packet id, on its
 * first write: about 8 MB of the hub's heap, for a saving of one tiny allocation per packet. The hub turns it off
 * before its broker or its own client writes a packet. One copy of mqtt-packet serves both (npm dedupes ^9).
 */
const mqttPacket = createRequire(import.meta.url)('mqtt-packet') as { writeToStream: { cacheNumbers: boolean } };
mqttPacket.writeToStream.cacheNumbers = false;
