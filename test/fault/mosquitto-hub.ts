/** A hub in the external-broker mode: devices provisioned, their Mosquitto password and ACL files exported, Mosquitto started. */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../broker/db/open.js';
import { exportMosquitto } from '../../broker/devices/mosquitto.js';
import { DeviceRegistry } from '../../broker/devices/registry.js';
import { DISTRICT_EXAMPLE, startHub, tempDir, testConfig, type TestHub } from '../helpers/hub.js';
import { freePort } from '../helpers/net.js';
import { startMosquitto, type Mosquitto } from './mosquitto.js';

export interface MosquittoHub { th: TestHub; mq: Mosquitto; url: string; secrets: Record<string, string> }

/** `devices`: [id, kind, counterId]; the hub logs in to Mosquitto as `hub` with a fresh password. */
export async function hubOnMosquitto(t: { teardown(fn: () => unknown): void }, devices: [string, string, string | null][], clock: () => number): Promise<MosquittoHub> {
  const dir = tempDir('motcua-mosq-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const hubPassword = randomBytes(18).toString('base64url');
  const db = openDatabase(join(dir, 'motcua.db'));
  const reg = new DeviceRegistry(db);
  const secrets = Object.fromEntries(devices.map(([id, kind, counterId]) => [id, reg.add({ id, kind, counterId }, ['q1', 'q2']).secret]));
  const [passwordFile, aclFile] = await exportMosquitto(db, 'hoa-binh', join(dir, 'mosquitto'), hubPassword);
  db.close();
  const mq = await startMosquitto({ dir, port: await freePort(), passwordFile: passwordFile ?? '', aclFile: aclFile ?? '' });
  t.teardown(mq.stop);
  const url = `mqtt://127.0.0.1:${mq.port}`;
  const cfg = testConfig(DISTRICT_EXAMPLE, (c) => { c.hub.externalBrokerUrl = url; c.hub.externalBrokerUsername = 'hub'; c.hub.externalBrokerPassword = hubPassword; });
  const th = await startHub({ dir, cfg, clock });
  t.teardown(th.stop);
  return { th, mq, url, secrets };
}
