/**
 * A client that stops reading (finding 1 of issue 19): its outgoing queue is bounded, past the bound it is
 * dropped, and MQTT delivery to every other client goes on. Before, aedes waited for that client's socket to
 * drain, and after ~100 pending messages the whole broker waited with it (up to its 60 s drain timeout).
 */
import t from 'tap';
import { connectPacket, closedWithin, rawSocket, subscribePacket } from './raw-mqtt.js';
import { connect, OPEN_AT, startHub, testClock, TestDevice, waitFor } from '../helpers/hub.js';

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
