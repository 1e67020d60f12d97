/** A hub sending messages through a gateway simulator (SMS or ZNS), on the test clock, with short retry delays. */
import type { OfficeConfig } from '../../config/types.js';
import { startSmsSim, startZnsSim, type GatewaySim } from '../../broker/messages/sim.js';
import { OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';

interface T { teardown(fn: () => unknown): void }

export const SMS_CREDS = { apiKey: 'k-test', secretKey: 's-test', brandname: 'MOTCUA' };
export const ZNS_TOKEN = 'zns-access-token';

export interface MessagesRig { th: TestHub; sim: GatewaySim; clock: ReturnType<typeof testClock>; issue: () => { id: string; number: string } }

export function gatewayConfig(kind: 'sms' | 'zns', sim: GatewaySim, c: OfficeConfig): void {
  c.messages.gateway = kind;
  c.messages.timeoutMs = 400;
  if (kind === 'sms') c.messages.sms = { ...c.messages.sms, url: sim.url, ...SMS_CREDS };
  else c.messages.zns = { ...c.messages.zns, url: sim.url, accessToken: ZNS_TOKEN,
    templates: { booking_confirmed: '301001', reminder: '301002', ahead: '301003', called: '301004', otp: '301005' } };
}

export async function messagesRig(t: T, kind: 'sms' | 'zns', o: { dir?: string; sim?: GatewaySim; clock?: ReturnType<typeof testClock> } = {}): Promise<MessagesRig> {
  const sim = o.sim ?? (kind === 'sms' ? await startSmsSim(SMS_CREDS) : await startZnsSim({ accessToken: ZNS_TOKEN }));
  if (!o.sim) t.teardown(() => sim.close());
  const clock = o.clock ?? testClock(OPEN_AT);
  const th = await startHub({ clock: clock.now, cfg: testConfig(undefined, (c) => gatewayConfig(kind, sim, c)), ...(o.dir ? { dir: o.dir } : {}),
    opts: { messages: { baseDelayMs: 40, maxDelayMs: 300, idlePollMs: 200 } } });
  t.teardown(() => th.stop());
  const issue = () => {
    const r = th.hub.queue.execute({ op: 'issue', fieldId: 'hotich', source: 'test', awaitPrint: false }, { source: 'test' }).ticket;
    return { id: String(r?.id), number: String(r?.number) };
  };
  return { th, sim, clock, issue };
}

/** POST/DELETE JSON to the hub as a phone's page would. */
export async function call(url: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(url, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}
