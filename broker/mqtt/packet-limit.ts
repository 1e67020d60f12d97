import type { Duplex } from 'node:stream';

/**
 * Refuse an MQTT packet whose announced length passes a limit, before it is buffered. mqtt-packet (inside aedes)
 * reads the fixed header, then keeps every byte until the announced length has arrived: a CONNECT announcing
 * 100 MB made the hub hold 100 MB per socket, before any login. This watches the bytes aedes reads from the
 * connection (its `read()`), follows the packet boundaries (one header byte, a 1–4 byte length, the body) and
 * destroys the connection as soon as a length over the limit is announced. The first packet (CONNECT) has a
 * smaller limit of its own. Works the same for a TCP socket and a WebSocket stream.
 */
export function limitIncoming(conn: Duplex, o: { maxBytes: number; maxConnectBytes: number; onRefuse: (announced: number) => void }): Duplex {
  let skip = 0; // body bytes of the current packet still to pass
  let lenBytes = -1; // -1: expecting a header byte; 0..3: reading the length
  let len = 0;
  let packets = 0;
  const scan = (buf: Buffer): boolean => {
    for (let i = 0; i < buf.length;) {
      if (skip > 0) { const n = Math.min(skip, buf.length - i); skip -= n; i += n; continue; }
      if (lenBytes === -1) { lenBytes = 0; len = 0; i++; continue; }
      const b = buf[i++] as number;
      len += (b & 0x7f) * 128 ** lenBytes;
      lenBytes++;
      if (b & 0x80) { if (lenBytes === 4) return refuse(len); continue; }
      if (len > (packets === 0 ? o.maxConnectBytes : o.maxBytes)) return refuse(len);
      packets++;
      skip = len;
      lenBytes = -1;
    }
    return true;
  };
  const refuse = (announced: number): boolean => { o.onRefuse(announced); conn.destroy(new Error('MQTT packet too large')); return false; };
  const read = conn.read.bind(conn);
  conn.read = ((size?: number) => {
    const buf = read(size) as Buffer | string | null;
    if (buf === null || conn.destroyed) return buf;
    return scan(typeof buf === 'string' ? Buffer.from(buf) : buf) ? buf : null;
  }) as Duplex['read'];
  return conn;
}
