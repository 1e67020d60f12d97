/**
 * (h) bookingRace: many phones (an API client) race for the places of one slot after another, over real HTTP to an
 * in-process hub on a real SQLite file. The figure is the booking attempts per second the hub answers while never
 * overbooking (checked slot by slot in the database); the baseline, measured in the same run at the same concurrency,
 * is the cheapest booking route (GET /api/booking/options).
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { Hub } from '../../broker/app.js';
import { DISTRICT_EXAMPLE } from '../../broker/demo.js';
import { loadConfigFile } from '../../config/load.js';
import { tempDir } from '../helpers/hub.js';
import { figure, type Figure } from './stats.js';

const KEY = 'bench-booking-key';

export async function bookingRace(short: boolean): Promise<Figure> {
  const cfg = loadConfigFile(DISTRICT_EXAMPLE);
  const dir = tempDir('motcua-bench-booking-');
  cfg.hub = { ...cfg.hub, host: '127.0.0.1', port: 0, mqttHost: '127.0.0.1', mqttPort: 0, dataDir: dir, logLevel: 'silent' };
  cfg.calendar = { ...cfg.calendar, weekdays: [1, 2, 3, 4, 5, 6, 7], sessions: [{ start: '00:00', end: '24:00' }], holidays: [] };
  cfg.booking.clients = [{ id: 'bench', name: 'bench', keySha256: createHash('sha256').update(KEY).digest('hex'), perMinute: 100_000 }];
  const hub = new Hub({ cfg, log: pino({ level: 'silent' }) });
  await hub.start();
  const base = `http://127.0.0.1:${hub.httpPort}`;
  const concurrency = 200;
  const slotsToRace = short ? 4 : 20;
  try {
    const day = (await (await fetch(`${base}/api/booking/options`)).json() as { days: string[] }).days[1] as string;
    const slots = (await (await fetch(`${base}/api/booking/slots?fieldId=hotich&day=${day}`)).json() as { slots: { slot: string; capacity: number; open: boolean }[] }).slots
      .filter((s) => s.open).slice(0, slotsToRace);
    let phone = 0;
    const attempt = (slot: string): Promise<number> => fetch(`${base}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({ fieldId: 'hotich', day, slot, phone: `09${String(10_000_000 + ++phone).slice(-8)}` }) }).then(async (r) => { await r.arrayBuffer(); return r.status; });
    const t0 = performance.now();
    let attempts = 0;
    let overbooked = 0;
    let booked = 0;
    for (const s of slots) {
      const statuses = await Promise.all(Array.from({ length: concurrency }, () => attempt(s.slot)));
      attempts += statuses.length;
      const ok = statuses.filter((x) => x === 201).length;
      booked += ok;
      const row = hub.db.prepare("SELECT COUNT(*) AS n FROM bookings WHERE day = ? AND field_id = 'hotich' AND slot = ? AND status = 'booked'").get(day, s.slot) as { n: number };
      if (ok > s.capacity || row.n > s.capacity) overbooked++;
    }
    const raceSecs = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (let i = 0; i < slots.length; i++) {
      await Promise.all(Array.from({ length: concurrency }, () => fetch(`${base}/api/booking/options`).then((r) => r.arrayBuffer())));
    }
    const baseSecs = (performance.now() - t1) / 1000;
    return figure({ name: `booking attempts racing for ${slots.length} slots, ${concurrency} at once per slot (API client, real HTTP and SQLite)`, value: attempts / raceSecs, unit: 'attempts/s',
      baseline: (slots.length * concurrency) / baseSecs, baselineName: 'GET /api/booking/options at the same concurrency', target: 'zero overbooked slots',
      meetsTarget: overbooked === 0, details: { attempts, booked, overbookedSlots: overbooked, capacityPerSlot: slots[0]?.capacity ?? 0 } });
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
