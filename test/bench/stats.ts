/** Shared pieces of the benchmark: percentiles, the report's figure shape, loopback MQTT round trip. */
import mqtt from 'mqtt';

export function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

/** One figure of the report: what was measured, next to its baseline measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineName: string;
  /** value / baseline (for rates: higher is better; for latencies: lower is better). */
  ratio: number;
  target?: string;
  meetsTarget?: boolean;
  details?: Record<string, unknown>;
}

export function figure(f: Omit<Figure, 'ratio'> & { ratio?: number }): Figure {
  return { ...f, value: round(f.value), baseline: round(f.baseline), ratio: round(f.ratio ?? f.value / f.baseline, 3) };
}

/** MQTT loopback round trip: a client publishes QoS 1 to a topic it is subscribed to; p50/p99 in ms. */
export async function mqttRoundTrip(url: string, auth: { username?: string; password?: string; clientId?: string; topic: string }, n: number): Promise<{ p50: number; p99: number }> {
  const c = await mqtt.connectAsync(url, { clientId: auth.clientId ?? `rtt-${process.pid}`, username: auth.username, password: auth.password, reconnectPeriod: 0 });
  try {
    await c.subscribeAsync(auth.topic, { qos: 1 });
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const got = new Promise<void>((r) => c.once('message', () => r()));
      const t0 = performance.now();
      c.publish(auth.topic, `ping ${i}`, { qos: 1 });
      await got;
      ms.push(performance.now() - t0);
    }
    return { p50: pct(ms, 50), p99: pct(ms, 99) };
  } finally { await c.endAsync(); }
}
