/**
 * A client that stops reading (finding 1 of issue 19): its outgoing queue is bounded, past the bound it is
 * dropped, and MQTT delivery to every other client goes on. Before, aedes waited for that client's socket to
 * drain, and after ~100 pending messages the whole broker waited with it (up to its 60 s drain timeout).
 */
import t from 'tap';
import { createConnection } from 'node:net';
import { connectPacket, closedWithin, rawSocket, subscribePacket } from './raw-mqtt.js';
import { connect, OPEN_AT, staffFetch, startHub, testClock, TestDevice, waitFor } from '../helpers/hub.js';

const O = 'motcua/hoa-binh/hub';

t.test('a display that stops reading and keeps subscribing is dropped; dispensers and other displays go on', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, opts: { ratePerSec: 10_000 } });
  t.teardown(th.stop);
  const disp = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => disp.end());
  const healthy = th.hub.registry.add({ id: 'hall-ok', kind: 'display' }, []);
  const reader = await connect(th.hub.brokerUrl, { clientId: 'hall-ok', username: 'hall-ok', password: healthy.secret });
  t.teardown(() => reader.endAsync());
  let queueUpdates = 0;
  reader.on('message', (topic) => { if (topic.endsWith('/hub/queue')) queueUpdates++; });
  await reader.subscribeAsync(`${O}/queue`, { qos: 0 });

  const stuck = th.hub.registry.add({ id: 'hall-stuck', kind: 'display' }, []);
  const s = await rawSocket(th.hub.mqttPort);
  t.teardown(() => s.destroy());
  s.pause(); // never reads again: the kernel buffers fill, then the hub's outgoing queue for it
  s.write(connectPacket('hall-stuck', 'hall-stuck', stuck.secret));
  const topics = [`${O}/hall`, `${O}/queue`, `${O}/calls`, `${O}/counter/+`, `${O}/devices`, `${O}/availability`];
  const closed = closedWithin(s, 30_000);
  let sent = 0;
  const resubscribe = setInterval(() => { // bounded: at most 4,000 SUBSCRIBEs, each answered with the retained states
    for (let i = 0; i < 40 && sent < 4000 && !s.destroyed; i++) s.write(subscribePacket((sent++ % 60_000) + 1, topics));
  }, 10);
  t.teardown(() => clearInterval(resubscribe));

  const answered: number[] = [];
  for (let i = 0; i < 60; i++) { // a press every 50 ms for 3 s, each must be answered
    const t0 = performance.now();
    const r = await disp.request('issue', { fieldId: i % 2 ? 'hotich' : 'datdai' });
    if (r.ok) answered.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(resubscribe);
  t.equal(answered.length, 60, `every press answered (slowest ${Math.max(...answered).toFixed(0)} ms)`);
  t.ok(await closed, `the display that stopped reading was disconnected (after ${sent} SUBSCRIBEs)`);
  await waitFor(() => queueUpdates >= 10);
  t.pass(`the healthy display received ${queueUpdates} queue updates meanwhile`);
});

t.test('the same over WebSocket: a staff page that stops reading is dropped, presses go on', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now, opts: { ratePerSec: 10_000 } });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  const disp = await TestDevice.create(th, 'disp-1', 'dispenser');
  t.teardown(() => disp.end());
  const api = await staffFetch(th.url, 'kythuat', 'mat-khau-kt');
  const creds = (await api('/api/auth/mqtt')).body as { username: string; password: string };
  // a raw WebSocket upgrade on a socket that stops reading once the handshake is sent
  const s = createConnection({ host: '127.0.0.1', port: th.hub.httpPort });
  s.on('error', () => undefined); // the hub resets it when it drops it
  t.teardown(() => s.destroy());
  await new Promise<void>((r) => s.once('connect', () => r()));
  s.write(`GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${Buffer.alloc(16, 7).toString('base64')}\r\n`
    + 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n');
  s.pause();
  const frame = (b: Buffer) => { // a masked binary WebSocket frame (client to server), payload under 64 KB
    const mask = Buffer.from([1, 2, 3, 4]);
    const head = b.length < 126 ? Buffer.from([0x82, 0x80 | b.length]) : Buffer.from([0x82, 0x80 | 126, b.length >> 8, b.length & 0xff]);
    return Buffer.concat([head, mask, Buffer.from(b.map((x, i) => x ^ (mask[i % 4] as number)))]);
  };
  s.write(frame(connectPacket('staff-stuck', creds.username, creds.password)));
  const closed = closedWithin(s, 30_000);
  let sent = 0;
  const topics = [`${O}/hall`, `${O}/queue`, `${O}/calls`, `${O}/counter/+`, `${O}/devices`, `${O}/availability`];
  const resubscribe = setInterval(() => { // bounded: at most 4,000 SUBSCRIBEs
    for (let i = 0; i < 40 && sent < 4000 && !s.destroyed; i++) s.write(frame(subscribePacket((sent++ % 60_000) + 1, topics)));
  }, 10);
  t.teardown(() => clearInterval(resubscribe));
  let answered = 0;
  for (let i = 0; i < 60; i++) {
    if ((await disp.request('issue', { fieldId: i % 2 ? 'hotich' : 'datdai' })).ok) answered++;
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(resubscribe);
  t.equal(answered, 60, 'every press answered');
  t.ok(await closed, `the page that stopped reading was disconnected (after ${sent} SUBSCRIBEs)`);
});
