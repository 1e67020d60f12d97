/**
 * (d) Many devices through a broker with access checks: N provisioned devices connect, then publish QoS 1 on their
 * own state topic (checked by the broker's ACL, read by the hub) at an offered aggregate rate for a while.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { pct, round } from './stats.js';

export interface LoadResult { devices: number; connectMs: number; offered: number; achieved: number; acked: number; seconds: number; ackP50: number; ackP99: number; failed: number }

export async function brokerLoad(url: string, office: string, devices: { id: string; secret: string }[], ratePerSec: number, seconds: number): Promise<LoadResult> {
  const t0 = performance.now();
  const clients: MqttClient[] = [];
  try {
    for (let i = 0; i < devices.length; i += 50) {
      clients.push(...await Promise.all(devices.slice(i, i + 50).map((d) => mqtt.connectAsync(url, { clientId: d.id, username: d.id, password: d.secret, reconnectPeriod: 0, connectTimeout: 30_000 }))));
    }
    const connectMs = performance.now() - t0;
    const lat: number[] = [];
    let acked = 0;
    let failed = 0;
    let sent = 0;
    const start = performance.now();
    const total = Math.round(ratePerSec * seconds);
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / ratePerSec;
      if (due - performance.now() > 2) await new Promise((r) => setTimeout(r, due - performance.now()));
      const k = i % clients.length;
      const c = clients[k] as MqttClient;
      const id = devices[k]?.id ?? '';
      const at = performance.now();
      sent++;
      pending.push(new Promise<void>((resolve) => {
        c.publish(`motcua/${office}/dispenser/${id}/state`, JSON.stringify({ v: 1, seq: i, at: Date.now() }), { qos: 1 }, (err) => {
          if (err) failed++; else { acked++; lat.push(performance.now() - at); }
          resolve();
        });
      }));
    }
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 30_000))]);
    const secs = (performance.now() - start) / 1000;
    return { devices: clients.length, connectMs: round(connectMs), offered: ratePerSec, achieved: round(acked / secs), acked, seconds: round(secs), ackP50: round(pct(lat, 50)), ackP99: round(pct(lat, 99)), failed: failed + (sent - acked - failed) };
  } finally {
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  }
}
