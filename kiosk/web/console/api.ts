/**
 * The clerk console's calls to the hub. Counter operations carry an `Idempotency-Key`: one key per click on
 * the state the clerk saw, so a double click (or a retried request) is answered once by the hub, never done twice.
 */
import type { StaffRole } from '../../../protocol/enums.js';
import type { CounterMessage } from '../../../protocol/messages.js';
import { ApiError } from '../../../web-lib/hub-client.js';

/** The counter as the console shows it: the hub's counter message. */
export type CounterView = CounterMessage;
export interface WaitingTicket { id: string; number: string; fieldId: string; priority: string | null; status: 'waiting' | 'held' | 'no_show'; issuedAt: number; calledAt?: number | null; slotAt?: number | null }
export interface Me { username: string; role: StaffRole; clerkId: string | null }

async function handle<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(r.status, String(body.code ?? 'MC_ERR_INTERNAL'), String(body.message ?? 'Lỗi hệ thống.'));
  return body as T;
}

export async function get<T>(url: string): Promise<T> {
  return handle<T>(await fetch(url, { credentials: 'same-origin' }));
}

export async function post<T>(url: string, body: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return handle<T>(await fetch(url, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) }));
}

/** A fresh random token (the "version" of what the clerk sees; part of every idempotency key). */
export function token(): string {
  const a = new Uint8Array(9);
  crypto.getRandomValues(a);
  return [...a].map((b) => b.toString(36).padStart(2, '0')).join('').slice(0, 16);
}
