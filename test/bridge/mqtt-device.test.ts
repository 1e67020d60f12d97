import t from 'tap';
import { MqttDevice } from '../../firmware-bridge/mqtt-device.js';
import { isMcError } from '../../protocol/errors.js';
import { hubTopic } from '../../protocol/topics.js';
import { EventEmitter } from 'node:events';
import { log, startRig, untilEvent } from './helpers.js';

t.test('MqttDevice: availability, LWT on a dropped link, reconnect, correlated requests, errors, timeout, hub topics', async (t) => {
  const rig = await startRig();
  t.teardown(() => rig.close());
  const dev = new MqttDevice({ brokerUrl: rig.url, office: 'test', kind: 'dispenser', id: 'd1', secret: 'secret-d1', log, timeoutMs: 300, reconnectMs: 100 });
  t.teardown(() => dev.stop());
  const hall: unknown[] = [];
  const hallEv = new EventEmitter();
  await dev.subscribeHub(hubTopic.hall('test'), (m) => { hall.push(m); hallEv.emit('msg'); });
  await dev.start();
  await rig.hub.until('online', () => rig.hub.availability('d1') === 'online');
  t.ok(rig.hub.seen.some((s) => s.topic === 'motcua/test/dispenser/d1/availability' && s.text === 'online'));

  // Two requests in flight answered out of order still resolve to their own results.
  rig.hub.answer = (req) => ({ ok: true, result: { echo: req.fieldId } });
  const [a, b] = await Promise.all([dev.request('issue', { fieldId: 'hotich' }), dev.request('issue', { fieldId: 'datdai' })]);
  t.same([a, b], [{ echo: 'hotich' }, { echo: 'datdai' }]);
  const reqs = rig.hub.requests('d1');
  t.match(reqs[0], { v: 1, op: 'issue', fieldId: 'hotich' });
  t.not(reqs[0]?.id, reqs[1]?.id, 'unique ids');
  t.notOk(rig.hub.seen.find((s) => s.topic.endsWith('/request'))?.retain, 'requests are not retained');

  rig.hub.answer = () => ({ ok: false, error: { code: 'MC_ERR_PRINT_FAILED', message: 'In phiếu không thành công. Số này đã được hủy, xin vui lòng lấy lại số.', messageEn: 'Printing failed; the ticket was voided.' } });
  const err = await dev.request('issue', { fieldId: 'hotich' }).catch((e: unknown) => e);
  t.ok(isMcError(err) && err.code === 'MC_ERR_PRINT_FAILED', 'error answer → McError with the code');

  // A hub that never answers: timeout.
  await rig.hub.client.unsubscribeAsync('motcua/test/+/+/request');
  const late = await dev.request('issue', { fieldId: 'hotich' }).catch((e: unknown) => e);
  t.ok(isMcError(late) && /no response/.test(late.message), 'times out with a clear error');
  await rig.hub.client.subscribeAsync('motcua/test/+/+/request', { qos: 1 });

  await rig.hub.publish(hubTopic.hall('test'), { v: 1, counters: [] });
  await untilEvent(hallEv, 'msg', 'hall delivered', () => hall.length === 1);
  t.same(hall[0], { v: 1, counters: [] });

  // The link drops (not a clean disconnect): the broker publishes the Last Will; the device comes back by itself.
  const n = rig.hub.seen.length;
  rig.dropClient('d1');
  await rig.hub.until('will: offline', () => rig.hub.seen.slice(n).some((s) => s.topic.endsWith('/d1/availability') && s.text === 'offline'));
  await rig.hub.until('reconnected: online', () => rig.hub.seen.slice(n).some((s) => s.topic.endsWith('/d1/availability') && s.text === 'online'));
  t.ok(await dev.request('issue', { fieldId: 'hotich' }).catch(() => 'refused'), 'requests work after the reconnect');

  // A clean stop leaves a retained offline.
  await dev.stop();
  await rig.hub.until('offline on stop', () => rig.hub.availability('d1') === 'offline');
});
