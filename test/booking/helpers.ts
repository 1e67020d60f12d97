import { createHash } from 'node:crypto';
import { MemoryPhonePort } from '../../broker/phone/ports.js';
import type { OfficeConfig } from '../../config/types.js';
import { OPEN_AT, startHub, testClock, testConfig, type TestHub } from '../helpers/hub.js';

export const API_KEY = 'province-app-key-0123456789';
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface BookingRig { th: TestHub; port: MemoryPhonePort; clock: ReturnType<typeof testClock>; call: Call }
export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: Record<string, unknown> }>;

/** A real hub whose phone messages land in memory, with an API client ("ihanoi") configured. */
export async function bookingHub(patch?: (c: OfficeConfig) => void, o: { at?: number | string; dir?: string; log?: import('pino').Logger } = {}): Promise<BookingRig> {
  const clock = testClock(o.at ?? OPEN_AT);
  const port = new MemoryPhonePort();
  const cfg = testConfig(undefined, (c) => {
    c.booking.clients = [{ id: 'ihanoi', name: 'iHanoi', keySha256: sha256(API_KEY), perMinute: 100_000 }];
    patch?.(c);
  });
  const th = await startHub({ cfg, clock: clock.now, ...(o.dir ? { dir: o.dir } : {}), opts: { phonePort: port, ...(o.log ? { log: o.log } : {}) } });
  const call: Call = async (method, path, body, headers = {}) => {
    const r = await fetch(`${th.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  return { th, port, clock, call };
}

/** Ask a code for `phone`, read it from the phone port and verify it: the proof. */
export async function verifyPhone(rig: BookingRig, phone: string): Promise<string> {
  const r = await rig.call('POST', '/api/booking/otp', { phone });
  if (r.status !== 200) throw new Error(`otp ${r.status} ${JSON.stringify(r.body)}`);
  const msg = [...rig.port.sent].reverse().find((m) => m.kind === 'otp' && m.key === `otp:${String(r.body.otpId)}`);
  const v = await rig.call('POST', '/api/booking/otp/verify', { otpId: r.body.otpId, code: msg?.params.code });
  if (v.status !== 200) throw new Error(`verify ${v.status} ${JSON.stringify(v.body)}`);
  return String(v.body.proof);
}

export const code = (r: { body: Record<string, unknown> }): string | undefined => (r.body as { code?: string }).code;
