import mqtt, { type MqttClient } from 'mqtt';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { VirtualPrinter } from '../printer/index.js';
import { serviceDay } from './queue/calendar.js';
import type { Hub } from './app.js';
import { deviceTopic } from '../protocol/topics.js';

/**
 * The demo office's simulated devices: a virtual network printer (saving a PNG of each ticket), a dispenser
 * that a citizen "presses" every few seconds, rating pads that answer when they light up, and clerks already
 * signed in at most counters who call the next citizen now and then, so the hall display and the voice show the
 * whole flow. Counter 1 is left for a person to drive from the clerk console.
 */
export async function startDemoDevices(hub: Hub): Promise<{ urls: [string, string][]; stop: () => Promise<void> }> {
  const counters = hub.cfg.counters.map((c) => c.id);
  const office = hub.cfg.office.id;
  const ensure = (id: string, kind: string, counterId: string | null, options: Record<string, unknown> = {}): string => {
    if (!hub.registry.get(id)) return hub.registry.add({ id, kind, counterId, options, name: id }, counters).secret;
    hub.registry.setOptions(id, options);
    return hub.registry.rotate(id);
  };
  const printer = new VirtualPrinter({ host: '127.0.0.1', port: 0, paper: 80 });
  const { port } = await printer.start();
  printer.on('job', (job: unknown) => {
    try { writeFileSync(join(hub.cfg.hub.dataDir, 'last-ticket.png'), printer.renderPng(job as never)); } catch { /* preview only */ }
  });
  ensure('printer-1', 'printer', null, { transport: 'tcp', host: '127.0.0.1', port, paper: 80, text: 'cp1258', model: 'epson' });
  hub.addPrinter(hub.registry.get('printer-1') as NonNullable<ReturnType<typeof hub.registry.get>>);
  const urls: [string, string][] = [];
  const page = (label: string, id: string, kind: string, counterId: string | null, options: Record<string, unknown> = {}) =>
    urls.push([label, String(hub.pairing(id, ensure(id, kind, counterId, options)).pageUrl)]);
  page('Màn hình chung (hall):', 'display-hall', 'display', null);
  page('Kiốt (kiosk):', 'kiosk-1', 'kiosk', null, { printerId: 'printer-1' });
  const first = hub.cfg.counters[0];
  if (first) page(`Màn hình quầy ${first.number}:`, `counter-${first.id}`, 'counter', first.id);

  const clients: MqttClient[] = [];
  const timers: NodeJS.Timeout[] = [];
  const device = async (id: string, kind: string, counterId: string | null, options: Record<string, unknown> = {}): Promise<MqttClient> => {
    const secret = ensure(id, kind, counterId, options);
    const c = mqtt.connect(hub.brokerUrl, { clientId: id, username: id, password: secret, will: { topic: deviceTopic(office, kind as never, id, 'availability'), payload: Buffer.from('offline'), qos: 1, retain: true } });
    clients.push(c);
    await new Promise<void>((r) => c.once('connect', () => r()));
    c.publish(deviceTopic(office, kind as never, id, 'availability'), 'online', { qos: 1, retain: true });
    return c;
  };
  const every = (ms: number, f: () => void) => { const t = setInterval(f, ms); t.unref(); timers.push(t); };

  const fields = hub.cfg.fields.filter((f) => !f.hidden && !hub.cfg.counters.find((c) => c.guidance && c.fields.includes(f.id)));
  const disp = await device('disp-1', 'dispenser', null, { printerId: 'printer-1' });
  let n = 0;
  every(9000, () => {
    const f = fields[n++ % fields.length];
    if (f) disp.publish(deviceTopic(office, 'dispenser', 'disp-1', 'request'), JSON.stringify({ v: 1, id: `demo-${Date.now()}`, op: 'issue', fieldId: f.id, priority: n % 7 === 0 ? 'elderly' : null }), { qos: 1 });
  });
  for (const c of hub.cfg.counters) {
    const pad = await device(`rating-${c.id}`, 'rating', c.id);
    await pad.subscribeAsync(deviceTopic(office, 'rating', `rating-${c.id}`, 'set'), { qos: 1 });
    pad.on('message', (_t, p) => {
      const m = JSON.parse(p.toString()) as { op?: string };
      if (m.op !== 'open') return;
      const levels = hub.cfg.rating.levels;
      const level = levels[Math.random() < 0.7 ? 0 : Math.floor(Math.random() * levels.length)]?.key;
      setTimeout(() => pad.publish(deviceTopic(office, 'rating', `rating-${c.id}`, 'request'), JSON.stringify({ v: 1, id: `rate-${Date.now()}`, op: 'rate', level }), { qos: 1 }), 2500).unref();
    });
  }
  autoClerks(hub, every);
  const bridge = await startSimulatedBridge(hub, ensure);
  urls.push(['Thiết bị mô phỏng (bridge):', 'bảng 7 đoạn + LCD quầy 1 (Firmata), bảng LED chung (RS-485)']);
  return {
    urls,
    stop: async () => {
      timers.forEach(clearInterval);
      await bridge.stop();
      await Promise.all(clients.map((c) => c.endAsync()));
      await printer.stop();
    },
  };
}

/**
 * The firmware bridge with its simulators, as on a real board near the devices: counter 1's 7-segment display and
 * LCD on a (fake) StandardFirmata board driven through johnny-five, and the hall's LED board on a simulated serial
 * port speaking the framed protocol of docs/led-protocol.md.
 */
async function startSimulatedBridge(hub: Hub, ensure: (id: string, kind: string, counterId: string | null) => string): Promise<{ stop(): Promise<void> }> {
  const { startBridge } = await import('../firmware-bridge/index.js');
  const office = hub.cfg.office.id;
  const first = hub.cfg.counters[0]?.id ?? 'q1';
  return startBridge({ version: 1, office, devices: [
    { id: `seg-${first}`, kind: 'counter', counterId: first, secret: ensure(`seg-${first}`, 'counter', first), driver: 'sim-firmata',
      pins: { digits: { data: 2, clock: 3, cs: 4, count: 8 }, lcd: { pins: [7, 8, 9, 10, 11, 12] } } },
    { id: 'led-hall', kind: 'display', secret: ensure('led-hall', 'display', null), driver: 'sim-serial-led' },
  ] }, { log: hub.log.child({ mod: 'bridge' }), brokerUrl: hub.brokerUrl });
}

/**
 * A dossier code of the national format for the demo's clerks: 000.00.12.H01-{yymmdd}-{n}. The simulated
 * provincial system learns each received code from the forwarded events, so the demo kiosk finds it.
 */
export function demoDossierCode(hub: Hub, n: number): string {
  const day = serviceDay(hub.clock(), hub.cfg.office.timezone);
  return `000.00.12.H01-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(9000 + (n % 1000)).padStart(4, '0')}`;
}

/** Clerks at counters 2 and up serve on their own in the demo; counter 1 is yours. */
function autoClerks(hub: Hub, every: (ms: number, f: () => void) => void): void {
  const auto = hub.cfg.counters.slice(1);
  let received = 0;
  auto.forEach((c, i) => {
    const clerk = hub.cfg.clerks[i + 1];
    if (!clerk) return;
    try { hub.queue.execute({ op: 'signIn', counterId: c.id, clerkId: clerk.id }, { source: 'demo' }); } catch { /* already there */ }
  });
  every(7000, () => {
    const c = auto[Math.floor(Math.random() * auto.length)];
    if (!c) return;
    const serving = hub.queue.snapshot.counters.get(c.id)?.ticketId;
    try {
      if (serving && hub.queue.ticket(serving)?.status === 'called') {
        const outcomes = ['received', 'guidance', 'supplement', 'returned'] as const;
        const outcome = outcomes[Math.floor(Math.random() * outcomes.length)] ?? 'guidance';
        hub.queue.execute({ op: 'finish', counterId: c.id, outcome, dossierCode: outcome === 'received' ? demoDossierCode(hub, ++received) : null }, { source: 'demo' });
      } else hub.queue.execute({ op: 'next', counterId: c.id }, { source: 'demo' });
    } catch { /* nobody waiting */ }
  });
}

