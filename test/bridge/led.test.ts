import t from 'tap';
import { CMD, crc8, encodeFrame, FrameParser } from '../../firmware-bridge/led/protocol.js';
import { LedBoardSim } from '../../firmware-bridge/led/board-sim.js';
import { LedLink } from '../../firmware-bridge/led/link.js';
import { SimSerialBus } from '../../firmware-bridge/serial/sim-bus.js';
import { closePort } from '../../firmware-bridge/serial/link.js';
import { startBridge } from '../../firmware-bridge/runner.js';
import { hubTopic } from '../../protocol/topics.js';
import { log, startRig, untilEvent } from './helpers.js';

const text = (line: number, s: string, seq = 1) => encodeFrame({ seq, cmd: CMD.TEXT, payload: Buffer.concat([Buffer.from([line]), Buffer.from(s, 'utf8')]) });

t.test('frame bytes match the documented example', async (t) => {
  t.equal(encodeFrame({ seq: 1, cmd: CMD.TEXT, payload: Buffer.from([0, 0x31, 0x30, 0x30, 0x35]) }).toString('hex'), '020701100031303035' + crc8([7, 1, 0x10, 0, 0x31, 0x30, 0x30, 0x35]).toString(16).padStart(2, '0') + '03');
  t.equal(crc8(Buffer.from('123456789')), 0xf4, 'CRC-8/SMBUS check value');
});

t.test('parser: split, merged, bad checksum, garbage between frames', async (t) => {
  const a = text(0, '1005', 1);
  const b = text(1, 'Quầy 1', 2);
  const p = new FrameParser();
  let frames = 0;
  for (const byte of a) frames += p.push(Buffer.from([byte])).frames.length;
  t.equal(frames, 1, 'a frame fed one byte at a time parses once');
  const merged = p.push(Buffer.concat([a, b]));
  t.same(merged.frames.map((f) => f.seq), [1, 2], 'two frames in one chunk');
  const bad = Buffer.from(a); bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0xff;
  const r = p.push(Buffer.concat([Buffer.from([0xff, 0x00, 0x03, 0x02]), bad, Buffer.from('noise'), b]));
  t.equal(r.badCrc.length, 1, 'bad checksum reported');
  t.same(r.frames.map((f) => f.payload.subarray(1).toString('utf8')), ['Quầy 1'], 'the good frame after noise still parses');
  t.ok(r.garbage > 0, 'garbage counted');
});

t.test('board simulator over the mock serial port: acks, naks, shows; a garbage board is reset; a hopeless one is reported', async (t) => {
  const bus = new SimSerialBus();
  const sim = new LedBoardSim(2);
  bus.add({ path: '/dev/sim-led-a' }, sim);
  const port = await bus.open('/dev/sim-led-a', 9600);
  t.teardown(() => closePort(port));
  const link = new LedLink(port, log, { timeoutMs: 200 });
  await link.show(['1005', 'Quầy 1']);
  t.same(sim.lines, ['1005', 'Quầy 1'], 'board shows UTF-8 NFC text');

  // A corrupted frame on the wire: the board NAKs it and shows nothing from it.
  const before = sim.stats.badCrc;
  const bad = text(0, 'XXXX', 99); bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0x55;
  port.write(bad);
  await link.send(CMD.PING);
  t.equal(sim.stats.badCrc, before + 1);
  t.equal(sim.lines[0], '1005');

  sim.misbehave('garbage');
  await link.show(['1006', 'Quầy 2']);
  t.equal(sim.stats.resets, 1, 'the board was reset once');
  t.same(sim.lines, ['1006', 'Quầy 2']);

  sim.misbehave('garbage-forever');
  await t.rejects(link.show(['1007', '']), /did not acknowledge/, 'reported, not a crash');
});

t.test('bridge: a counter LED board shows the retained counter state; a broken board is reported and reopened', async (t) => {
  const rig = await startRig();
  const bus = new SimSerialBus();
  const sim = new LedBoardSim(2);
  bus.add({ path: '/dev/sim-led-q2' }, sim);
  const cfg = { version: 1 as const, office: 'test', pollMs: 100, devices: [
    { id: 'led-q2', kind: 'counter' as const, counterId: 'q2', secret: 'secret-ledq2', driver: 'sim-serial-led' as const, path: '/dev/sim-led-q2' }] };
  const bridge = await startBridge(cfg, { log, brokerUrl: rig.url, sim: { serial: bus } });
  t.teardown(async () => { await bridge.stop(); await rig.close(); });
  await rig.hub.until('LED board online', () => rig.hub.availability('led-q2') === 'online');
  await rig.hub.publish(hubTopic.counter('test', 'q2'), { v: 1, counterId: 'q2', counterNumber: 2, open: true, ticket: { number: '2003', fieldName: 'Đất đai' }, clerk: null, at: 1 }, true);
  await untilEvent(sim, 'frame', 'board shows 2003', () => sim.lines[0] === '2003' && sim.lines[1] === 'Quầy 2');
  t.pass('LED board shows 2003 / Quầy 2');

  sim.misbehave('garbage-forever');
  await rig.hub.publish(hubTopic.counter('test', 'q2'), { v: 1, counterId: 'q2', counterNumber: 2, open: true, ticket: { number: '2004', fieldName: 'Đất đai' }, clerk: null, at: 2 }, true);
  const ev = await rig.hub.until('fault event', () => rig.hub.seen.find((s) => s.topic.endsWith('/led-q2/event'))?.json ?? undefined, 8000);
  t.match(ev, { type: 'fault' });
  t.match(String(ev.message), /Bảng LED/);
  await rig.hub.until('offline after giving up', () => rig.hub.availability('led-q2') === 'offline');
  sim.misbehave('ok');
  await rig.hub.until('back online after reopening', () => rig.hub.availability('led-q2') === 'online');
  await untilEvent(sim, 'frame', 'board shows 2004', () => sim.lines[0] === '2004');
  t.pass('reopened board shows the last state again');
});

