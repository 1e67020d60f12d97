/**
 * `motcua province`: the provincial service (ingest + pages) and its administration. Secrets come from the
 * environment (a systemd EnvironmentFile), never from the command line where `ps` shows them.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfigFile } from '../config/load.js';
import { hashSecret } from '../broker/devices/registry.js';
import { addStaff, type ProvinceRole } from './auth.js';
import { bridgeConfig, writeBrokerFiles } from './broker-files.js';
import { addOffice, listOffices, migrate, pool, type Pool } from './db.js';
import { Ingest } from './ingest.js';
import { buildProvinceWeb } from './web.js';

export const PROVINCE_HELP = `motcua province — the province's service: every office's events from the provincial MQTT broker into
PostgreSQL, and the province's pages (every office now, quality figures, CSV)

Usage: motcua province <command> [options]

Commands:
  serve [--http-port 8095] [--host 127.0.0.1] [--instance 1] [--connections 4] [--group motcua-province]
        [--broker-user motcua-province] [--skew-tolerance 120] [--public-url URL] [--trust-proxy] [--no-web]
                              consume (shared subscription, QoS 1, persistent session) and serve the pages
  db-init                     create the tables (idempotent; serve does it too)
  office add --id ID --name NAME --center CENTER [--password P]
                              register an office (its MQTT password is printed once if not given)
  office list
  user add --username U --role province|center [--center CENTER]   staff account (password: MOTCUA_PASSWORD)
  broker-files --out DIR [--port 1883] [--host ADDRESS]
                              Mosquitto passwd, acl and province.conf for the provincial broker
  bridge-config --config office.yaml --remote HOST:PORT [--tls]
                              bridge section for a hub's local Mosquitto (password: onestop.mqttPassword)

Environment:
  MOTCUA_PROVINCE_DB               postgres://user@host:5432/motcua   (or --db URL)
  MOTCUA_PROVINCE_BROKER           mqtt://broker:1883                 (or --broker URL)
  MOTCUA_PROVINCE_BROKER_PASSWORD  the service's password on the broker
  MOTCUA_PASSWORD                  password for \`user add\`

Exit codes: 0 ok, 1 failure, 64 usage, 78 invalid config.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' }, db: { type: 'string' }, broker: { type: 'string' }, 'broker-user': { type: 'string' },
  'http-port': { type: 'string' }, host: { type: 'string' }, instance: { type: 'string' }, connections: { type: 'string' }, group: { type: 'string' },
  'skew-tolerance': { type: 'string' }, 'public-url': { type: 'string' }, 'trust-proxy': { type: 'boolean' }, 'no-web': { type: 'boolean' },
  id: { type: 'string' }, name: { type: 'string' }, center: { type: 'string' }, password: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' },
  out: { type: 'string' }, port: { type: 'string' }, config: { type: 'string' }, remote: { type: 'string' }, tls: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function usage(msg: string): number { console.error(`motcua province: ${msg}\nTry: motcua province --help`); return 64; }

async function withDb<T>(v: Values, fn: (db: Pool) => Promise<T>): Promise<T> {
  const url = v.db ?? process.env.MOTCUA_PROVINCE_DB;
  if (!url) throw Object.assign(new Error('no database: --db URL or MOTCUA_PROVINCE_DB'), { usage: true });
  const db = pool(url, 4);
  try { await migrate(db); return await fn(db); } finally { await db.end(); }
}

export async function runProvince(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [cmd, sub] = positionals;
  if (v.help || !cmd) { console.log(PROVINCE_HELP); return v.help ? 0 : 64; }
  try {
    switch (cmd) {
      case 'serve': return await serve(v);
      case 'db-init': return await withDb(v, async () => { console.log('tables ready'); return 0; });
      case 'office': {
        if (sub === 'list') {
          return await withDb(v, async (db) => {
            for (const o of await listOffices(db)) console.log(`${o.centerId}\t${o.id}\t${o.name}${o.mqttHash ? '' : '\t(no MQTT password)'}`);
            return 0;
          });
        }
        if (sub !== 'add') return usage('office add|list');
        if (!v.id || !v.name || !v.center) return usage('office add needs --id, --name and --center');
        if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id)) return usage('--id: lowercase letters, digits and "-" (it names MQTT topics)');
        const password = v.password ?? randomBytes(18).toString('base64url');
        return await withDb(v, async (db) => {
          await addOffice(db, { id: v.id as string, name: v.name as string, centerId: v.center as string, mqttHash: hashSecret(password) });
          console.log(`office ${v.id} registered in center ${v.center}`);
          if (!v.password) console.log(`MQTT password of ${v.id} (shown once; put it in the hub's onestop.mqttPassword): ${password}`);
          console.log('then: motcua province broker-files --out /etc/mosquitto/motcua && systemctl reload mosquitto');
          return 0;
        });
      }
      case 'user': {
        if (sub !== 'add' || !v.username || !v.role) return usage('user add --username U --role province|center [--center C]');
        if (v.role !== 'province' && v.role !== 'center') return usage('--role is province or center');
        const password = process.env.MOTCUA_PASSWORD;
        if (!password) return usage('set MOTCUA_PASSWORD to the new password');
        return await withDb(v, async (db) => {
          await addStaff(db, { username: v.username as string, role: v.role as ProvinceRole, centerId: v.center ?? null, password });
          console.log(`account ${v.username} (${v.role}${v.center ? ` ${v.center}` : ''}) ready`);
          return 0;
        });
      }
      case 'broker-files': {
        if (!v.out) return usage('broker-files --out DIR');
        const pw = process.env.MOTCUA_PROVINCE_BROKER_PASSWORD;
        if (!pw) return usage("set MOTCUA_PROVINCE_BROKER_PASSWORD (the service's password on the broker)");
        return await withDb(v, async (db) => {
          const offices = await listOffices(db);
          const files = writeBrokerFiles(v.out as string, offices, { username: v['broker-user'], password: pw }, { port: Number(v.port ?? 1883), host: v.host });
          for (const o of offices.filter((x) => !x.mqttHash)) console.error(`warning: office ${o.id} has no MQTT password (motcua province office add --id ${o.id} …): it cannot log in`);
          console.log(`wrote ${files.join(', ')}; include province.conf from mosquitto.conf`);
          return 0;
        });
      }
      case 'bridge-config': {
        if (!v.config || !v.remote) return usage('bridge-config --config office.yaml --remote HOST:PORT [--tls]');
        let cfg;
        try { cfg = loadConfigFile(v.config); } catch (e) { console.error(`${v.config}: ${(e as Error).message}`); return 78; }
        if (!cfg.onestop.mqttPassword) { console.error(`${v.config}: onestop.mqttPassword is empty: register the office (motcua province office add) and put its password there`); return 78; }
        process.stdout.write(bridgeConfig({ officeId: cfg.office.id, remote: v.remote, password: cfg.onestop.mqttPassword, tls: v.tls ?? false }));
        return 0;
      }
      default: return usage(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if ((e as { usage?: boolean }).usage) return usage((e as Error).message);
    console.error(`motcua province ${cmd}: ${(e as Error).message}`);
    return 1;
  }
}

async function serve(v: Values): Promise<number> {
  const dbUrl = v.db ?? process.env.MOTCUA_PROVINCE_DB;
  const brokerUrl = v.broker ?? process.env.MOTCUA_PROVINCE_BROKER;
  if (!dbUrl || !brokerUrl) return usage('serve needs the database (--db or MOTCUA_PROVINCE_DB) and the broker (--broker or MOTCUA_PROVINCE_BROKER)');
  const log = pino({ level: process.env.MOTCUA_LOG_LEVEL ?? 'info' });
  const db = pool(dbUrl, Math.max(4, Number(v.connections ?? 4) + 2));
  // the database may be down at start: the service waits for it rather than exit (systemd would restart it anyway)
  for (let i = 0; ; i++) {
    try { await migrate(db); break; } catch (e) {
      if (i === 0) log.warn({ err: (e as Error).message }, 'database unreachable; waiting for it');
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * (i + 1))));
    }
  }
  const skew = Number(v['skew-tolerance'] ?? 120) * 1000;
  const ingest = new Ingest({ brokerUrl, username: v['broker-user'] ?? (process.env.MOTCUA_PROVINCE_BROKER_PASSWORD ? 'motcua-province' : undefined), password: process.env.MOTCUA_PROVINCE_BROKER_PASSWORD,
    db, log, instance: v.instance ?? '1', connections: Number(v.connections ?? 4), group: v.group ?? 'motcua-province', skewToleranceMs: skew });
  await ingest.start();
  let web = null;
  if (!v['no-web']) {
    web = await buildProvinceWeb({ db, clock: Date.now, stats: () => ingest.stats, publicUrl: v['public-url'], skewToleranceMs: skew, trustProxy: v['trust-proxy'] ?? false });
    const port = Number(v['http-port'] ?? 8095);
    await web.listen({ host: v.host ?? '127.0.0.1', port });
    const addr = web.server.address();
    log.info({ http: typeof addr === 'object' && addr ? addr.port : port }, 'province pages listening');
    // the tests and supervisors read the port from this line
    console.log(`motcua province listening on http://${v.host ?? '127.0.0.1'}:${typeof addr === 'object' && addr ? addr.port : port}`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  log.info('stopping');
  await web?.close();
  await ingest.stop();
  await db.end();
  return 0;
}
