/**
 * Memory before login (finding 2 of issue 19): a packet announcing a length over the limit is refused before it
 * is buffered, on TCP and on WebSocket. Before, 4 sockets announcing 100 MB took the hub from 99 to 494 MB.
 */
import t from 'tap';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { closedWithin, rawSocket } from './raw-mqtt.js';
import { rmSync } from 'node:fs';
import { connect, OPEN_AT, startHub, tempDir, testClock } from '../helpers/hub.js';
import { freePort } from '../helpers/net.js';
import { HubProcess, writeOfficeFile } from './proc.js';

/** A CONNECT fixed header announcing `len` bytes (remaining length as MQTT's 1–4 byte varint). */
function announce(cmd: number, len: number): Buffer {
  const out = [cmd];
  let x = len;
  do { let b = x % 128; x = Math.floor(x / 128); if (x > 0) b |= 0x80; out.push(b); } while (x > 0);
  return Buffer.from(out);
}

/**
 * Write up to `total` bytes of filler in 64 KB chunks while the connection stays open, waiting for room like a real
 * sender (`wait` resolves when the connection can take more or has closed); resolves with the bytes written.
 */
async function pour(write: (b: Buffer) => boolean | void, open: () => boolean, total: number, wait: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<number> {
  const chunk = Buffer.alloc(65_536, 0x41);
  let sent = 0;
  while (sent < total && open()) {
    const room = write(chunk);
    sent += chunk.length;
    await (room === false ? wait() : new Promise((r) => setImmediate(r)));
  }
  return sent;
}

/** Resolves when a socket drains or closes. */
const drained = (s: Socket) => () => new Promise<void>((r) => { const done = () => { s.off('drain', done); s.off('close', done); r(); }; s.once('drain', done); s.once('close', done); });

const MB = 1024 * 1024;

t.test('4 TCP sockets announcing a 100 MB CONNECT are closed at once; the hub process keeps its memory and serves', async (t) => {
  const dir = tempDir();
  const hub = new HubProcess(writeOfficeFile({ dir, port: await freePort(), mqttPort: await freePort() }));
  const { mqtt } = await hub.start();
  t.teardown(async () => { await hub.stop(); rmSync(dir, { recursive: true, force: true }); });
  const rssBefore = hub.rssKb() ?? 0;
  const socks: Socket[] = await Promise.all(Array.from({ length: 4 }, () => rawSocket(mqtt)));
  t.teardown(() => socks.forEach((s) => s.destroy()));
  const closed = socks.map((s) => { s.on('error', () => undefined); return closedWithin(s, 10_000); });
  const sent = await Promise.all(socks.map((s) => { s.write(announce(0x10, 100 * MB)); return pour((b) => s.write(b), () => !s.destroyed, 20 * MB, drained(s)); }));
  const rssAfter = hub.rssKb() ?? 0;
  t.same(await Promise.all(closed), [true, true, true, true], 'every socket was closed by the hub');
  t.ok(sent.every((n) => n < 20 * MB), `none could send its 20 MB (${sent.map((n) => (n / MB).toFixed(1)).join(', ')} MB)`);
  t.pass(`hub process resident memory ${(rssBefore / 1024).toFixed(0)} → ${(rssAfter / 1024).toFixed(0)} MB`);
  const refused = await rawSocket(mqtt); // and it still accepts connections
  refused.destroy();
});

t.test('after login too, a PUBLISH announcing more than the limit closes the connection', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const { secret } = th.hub.registry.add({ id: 'disp-2', kind: 'dispenser' }, []);
  const c = await connect(th.hub.brokerUrl, { clientId: 'disp-2', username: 'disp-2', password: secret });
  const s = (c as unknown as { stream: Socket }).stream;
  const closed = closedWithin(s, 10_000);
  s.write(announce(0x30, 50 * MB));
  const sent = await pour((b) => s.write(b), () => !s.destroyed, 10 * MB, drained(s));
  t.ok(await closed, `closed after ${(sent / MB).toFixed(1)} MB of the announced 50`);
  c.end(true);
});

t.test('the same over WebSocket (/mqtt), in frames under the WebSocket limit', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  const ws = new WebSocket(`ws://127.0.0.1:${th.hub.httpPort}/mqtt`, 'mqtt');
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  const closed = new Promise<boolean>((resolve) => { const tm = setTimeout(() => resolve(false), 10_000); ws.once('close', () => { clearTimeout(tm); resolve(true); }); });
  ws.on('error', () => undefined);
  ws.send(announce(0x10, 100 * MB));
  const sent = await pour((b) => ws.send(b), () => ws.readyState === WebSocket.OPEN, 20 * MB);
  t.ok(await closed, `the hub closed the WebSocket after ${(sent / MB).toFixed(1)} MB`);
  t.ok(sent < 20 * MB, 'before the 20 MB were sent');
});
