import type { Duplex } from 'node:stream';

/** Default bound of one client's outgoing queue (bytes written but not yet taken by its socket). */
export const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * Bound a client connection's outgoing queue, like Mosquitto's max_queued_bytes. aedes waits for a full socket
 * to drain before it finishes a delivery, and its deliveries share one queue: one client that stops reading held
 * every other client's messages (until aedes' 60 s drain timeout). Here a write always reports room, so aedes
 * never waits, and a connection whose unsent bytes pass `maxBytes` is destroyed: that client is dropped, its
 * memory freed, and everyone else goes on. A client that reads normally never comes near the bound.
 */
export function boundOutgoing(conn: Duplex, maxBytes: number, onDrop: (queued: number) => void): Duplex {
  const write = conn.write.bind(conn) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const bounded = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (conn.destroyed) return true;
    write(chunk, ...rest);
    if (conn.writableLength > maxBytes) {
      onDrop(conn.writableLength);
      conn.destroy(new Error('outgoing queue full'));
    }
    return true;
  };
  conn.write = bounded as Duplex['write'];
  return conn;
}
