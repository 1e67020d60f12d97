/**
 * JSON over HTTP to the hub, for every page: errors come back as ApiError with the hub's code and its Vietnamese
 * message. Kept apart from hub-client.ts (MQTT) so that a page that only fetches (the phone's ticket page) does not
 * carry the MQTT client.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

async function handle<T>(r: Response): Promise<T> {
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(r.status, String(body.code ?? 'MC_ERR_INTERNAL'), String(body.message ?? 'Lỗi hệ thống.'));
  return body as T;
}
export async function getJson<T>(url: string): Promise<T> { return handle<T>(await fetch(url, { credentials: 'same-origin' })); }
export async function postJson<T>(url: string, body: unknown = {}, method = 'POST'): Promise<T> {
  return handle<T>(await fetch(url, { method, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}
