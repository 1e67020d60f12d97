import type { Topic } from '../../protocol/map.js';
import { createServer } from 'node:net';

/** A loopback port that was free a moment ago (for processes that need a fixed port): listen on 0, read it, close. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A topic for transport tests that publish test payloads (the protocol's builders type real ones). */
export const rawTopic = <P>(topic: string): Topic<P> => topic as Topic<P>;
