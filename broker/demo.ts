import { parseArgs } from 'node:util';
import { loadConfigFile } from '../config/load.js';
import type { OfficeConfig } from '../config/types.js';
import type { Hub } from './app.js';
import { EXIT, explainStartError, runHub } from './run.js';
import { rootPath } from './paths.js';

/** The 2026 templates (`motcua init --template …`): a commune-level center, a province center, a reception point. */
export const COMMUNE_CENTER = rootPath('config/examples/commune.yaml');
export const PROVINCE_CENTER = rootPath('config/examples/province.yaml');
export const RECEPTION_POINT = rootPath('config/examples/reception-point.yaml');
/** Configurations of the earlier schema (version 1, before the 2025 reform): migration fixtures, used by the tests. */
export const DISTRICT_EXAMPLE = rootPath('config/examples/legacy/district-v1.yaml');
export const COMMUNE_EXAMPLE = rootPath('config/examples/legacy/commune-v1.yaml');
export const DEMO_PASSWORD = 'motcua-demo';
const DEMO_SMS = { apiKey: 'demo-sms-key', secretKey: 'demo-sms-secret', brandname: 'MOTCUA' };

/** The demo office is open around the clock, so a newcomer sees the whole flow whatever the hour. */
export function demoConfig(file: string, port: number, mqttPort: number, dataDir: string): OfficeConfig {
  const cfg = loadConfigFile(file);
  cfg.hub = { ...cfg.hub, host: '127.0.0.1', port, mqttHost: '127.0.0.1', mqttPort, dataDir, logLevel: 'warn' };
  cfg.calendar = { ...cfg.calendar, weekdays: [1, 2, 3, 4, 5, 6, 7], sessions: [{ start: '00:00', end: '24:00' }], holidays: [] };
  return cfg;
}

/** Staff accounts of the demo: a technician, a manager, and one clerk account per clerk (password motcua-demo). */
export async function seedDemoStaff(hub: Hub): Promise<void> {
  if (hub.staff.count() > 0) return;
  await hub.staff.add('kythuat', DEMO_PASSWORD, 'technician');
  await hub.staff.add('truongbophan', DEMO_PASSWORD, 'manager');
  for (const c of hub.cfg.clerks) await hub.staff.add(c.id, DEMO_PASSWORD, 'clerk', c.id);
}

export const DEMO_HELP = `Usage: motcua demo [--port 8080] [--mqtt-port 1883] [--data ./data/demo] [--province | --reception-point] [--with-province]
Runs a demo commune-level center of 2026 (Trung tâm Phục vụ hành chính công phường An Phú) with simulated
devices (dispenser, printer, rating pads, displays, clerks) and a simulated provincial system. Prints the
addresses to open and the demo accounts.
  --port N            HTTP port (default 8080)
  --mqtt-port N       MQTT port (default 1883)
  --data DIR          data directory (default ./data/demo)
  --province          the province center (35 counters grouped by sector) instead
  --reception-point   a reception point with two counters and clerk-issued numbers instead
  --with-province     also the province's side: Debian's Mosquitto and PostgreSQL started in DIR-province, the
                      office streaming to them, and the province's pages (motcua province) on port 8095`;

function demoFile(v: { province?: boolean | undefined; 'reception-point'?: boolean | undefined }): string {
  return v.province ? PROVINCE_CENTER : v['reception-point'] ? RECEPTION_POINT : COMMUNE_CENTER;
}

export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string', default: '8080' }, 'mqtt-port': { type: 'string', default: '1883' },
    data: { type: 'string', default: './data/demo' }, province: { type: 'boolean' }, 'reception-point': { type: 'boolean' }, 'with-province': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' } } });
  if (values.help) { console.log(DEMO_HELP); return EXIT.OK; }
  let cfg: OfficeConfig;
  try { cfg = demoConfig(demoFile(values), Number(values.port), Number(values['mqtt-port']), values.data); } catch (e) {
    console.error(explainStartError(e).line);
    return EXIT.CONFIG;
  }
  const { startDemoDevices } = await import('./demo-devices.js');
  const { startOnestopSim } = await import('./onestop/sim.js');
  const sim = await startOnestopSim({ host: '127.0.0.1', port: 0, apiKey: 'demo-key' });
  cfg.onestop = { ...cfg.onestop, url: sim.url, apiKey: 'demo-key' };
  cfg.booking = { ...cfg.booking, remoteNumbers: true };
  // citizens' messages (booking confirmations, one-time codes, "your turn") go to a simulated SMS gateway;
  // GET {its base}/_sim/messages shows what the phones received
  const { startSmsSim } = await import('./messages/sim.js');
  const sms = await startSmsSim(DEMO_SMS);
  cfg.messages = { ...cfg.messages, gateway: 'sms', sms: { ...cfg.messages.sms, url: sms.url, ...DEMO_SMS } };
  let province: { url: string; stop: () => Promise<void> } | null = null;
  if (values['with-province']) {
    const { startDemoProvince } = await import('../province/demo.js');
    try { province = await startDemoProvince(cfg, `${values.data.replace(/\/$/, '')}-province`); } catch (e) {
      console.error(`--with-province: ${(e as Error).message}`);
      await sim.close();
      return EXIT.FAILED;
    }
  }
  let stopDevices: (() => Promise<void>) | null = null;
  const code = await runHub(cfg, {}, async (hub) => {
    await seedDemoStaff(hub);
    const devices = await startDemoDevices(hub);
    stopDevices = devices.stop;
    printWelcome(hub, [...devices.urls, ['Tin nhắn (SMS giả lập):', `${sms.base}/_sim/messages`],
      ...(province ? [['Tỉnh (province)', `${province.url}/tinh — đăng nhập: so-noi-vu / ${DEMO_PASSWORD}`] as [string, string]] : [])]);
  });
  await (stopDevices as (() => Promise<void>) | null)?.();
  await (province as { stop: () => Promise<void> } | null)?.stop();
  await sim.close();
  await sms.close();
  return code;
}

function printWelcome(hub: Hub, urls: [string, string][]): void {
  const base = `http://127.0.0.1:${hub.httpPort}`;
  const lines = [
    '', `  motcua-hub — văn phòng mẫu: ${hub.cfg.office.name}`, '',
    `  Trang chủ / home:           ${base}/`,
    ...urls.map(([label, url]) => `  ${label.padEnd(27)} ${url}`),
    `  Đặt lịch hẹn (booking):    ${base}/booking   — mã xác thực gửi qua SMS giả lập (trang Tin nhắn ở trên) / one-time codes: see the simulated SMS page above`,
    `  Quầy (clerk console):      ${base}/console   — đăng nhập: nv-lan / ${DEMO_PASSWORD}`,
    `  Quản trị (admin):          ${base}/admin     — đăng nhập: kythuat / ${DEMO_PASSWORD}`,
    `  API + OpenAPI:             ${base}/docs`,
    `  MQTT:                      mqtt://127.0.0.1:${hub.mqttPort}  ·  ws ${base.replace('http', 'ws')}/mqtt`, '',
    '  Ctrl+C để dừng / to stop.', '',
  ];
  console.log(lines.join('\n'));
}
