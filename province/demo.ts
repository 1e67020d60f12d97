/**
 * `motcua demo --with-province`: the province's side next to the demo office, on this machine. Debian's Mosquitto
 * and PostgreSQL in a directory of their own (province/local-engines.ts), the province's service and pages, the
 * demo office registered in center `tt-an-phu` and streaming to it, and a staff account for the whole province.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import type { OfficeConfig } from '../config/types.js';
import { addStaff } from './auth.js';
import { addOffice, migrate, pool } from './db.js';
import { Ingest } from './ingest.js';
import { HAVE_ENGINES, mosquitto, postgres } from './local-engines.js';
import { buildProvinceWeb } from './web.js';

export const DEMO_PROVINCE_PASSWORD = 'motcua-demo';

export async function startDemoProvince(cfg: OfficeConfig, dir: string, port = 8095): Promise<{ url: string; stop: () => Promise<void> }> {
  if (!HAVE_ENGINES) throw new Error('needs Debian\'s mosquitto and postgresql packages (sudo apt-get install mosquitto postgresql)');
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  const [mq, pg] = await Promise.all([mosquitto(root), postgres(root)]);
  const db = pool(pg.url, 8);
  const stops: (() => Promise<unknown>)[] = [() => pg.stop(), () => mq.stop(), () => db.end()];
  try {
    await migrate(db);
    await addOffice(db, { id: cfg.office.id, name: cfg.office.name || cfg.office.id, centerId: 'tt-an-phu' });
    await addStaff(db, { username: 'so-noi-vu', role: 'province', centerId: null, password: DEMO_PROVINCE_PASSWORD });
    const log = pino({ level: 'warn' });
    const ingest = new Ingest({ brokerUrl: mq.url, db, log, instance: 'demo', connections: 2 });
    await ingest.start();
    stops.unshift(() => ingest.stop());
    const web = await buildProvinceWeb({ db, clock: Date.now, stats: () => ingest.stats });
    await web.listen({ host: '127.0.0.1', port });
    stops.unshift(() => web.close());
    cfg.onestop = { ...cfg.onestop, mqttUrl: mq.url, centerId: 'tt-an-phu' };
    const addr = web.server.address();
    return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`, stop: async () => { for (const s of stops) await s().catch(() => undefined); } };
  } catch (e) {
    for (const s of stops) await s().catch(() => undefined);
    throw e;
  }
}
