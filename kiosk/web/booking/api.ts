/** The booking routes the page calls (tag `booking` in /docs), and the shapes they answer. */

/** A refusal from the hub: its code and the Vietnamese message a citizen reads. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}
/** Plain fetch (not web-lib's hub client, which brings MQTT along: the page stays small). */
async function call<T>(url: string, body?: unknown): Promise<T> {
  const r = await fetch(url, body === undefined ? { credentials: 'same-origin' }
    : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) throw new ApiError(r.status, String(j.code ?? 'MC_ERR_INTERNAL'), String(j.message ?? 'Lỗi hệ thống.'));
  return j as T;
}
export const getJson = <T>(url: string): Promise<T> => call<T>(url);
const postJson = <T>(url: string, body: unknown = {}): Promise<T> => call<T>(url, body);

export interface Options {
  days: string[]; closedDays: string[]; fields: { id: string; name: string; nameEn: string }[]; enabled: boolean; remoteNumbers: boolean;
  daysAhead: number; phoneRetentionDays: number; perPersonPerDay: number; timezone: string;
}
export interface Slot { slot: string; capacity: number; free: number; open: boolean }
export interface Booking {
  code: string; codeShown: string; day: string; slot: string; fieldId: string; fieldName: string; status: string;
  checkInFrom: string; checkInUntil: string; url: string; qrSvg: string;
}
export interface Procedure { id: string; name: string; fieldId: string }

export const api = {
  options: () => getJson<Options>('/api/booking/options'),
  slots: (fieldId: string, day: string) => getJson<{ slots: Slot[] }>(`/api/booking/slots?fieldId=${encodeURIComponent(fieldId)}&day=${day}`).then((r) => r.slots),
  procedures: (fieldId: string) => getJson<{ procedures: Procedure[] }>(`/api/catalog?field=${encodeURIComponent(fieldId)}`).then((r) => r.procedures).catch(() => []),
  otp: (phone: string) => postJson<{ otpId: string; expiresInS: number }>('/api/booking/otp', { phone }),
  verify: (otpId: string, code: string) => postJson<{ proof: string; validForS: number }>('/api/booking/otp/verify', { otpId, code }),
  book: (b: { fieldId: string; procedureId?: string; day: string; slot: string; phone: string; proof: string }) => postJson<Booking>('/api/bookings', b),
  get: (code: string) => getJson<Booking>(`/api/bookings/${encodeURIComponent(code)}`),
  cancel: (code: string) => postJson<Booking>(`/api/bookings/${encodeURIComponent(code)}/cancel`),
  move: (code: string, day: string, slot: string) => postJson<Booking>(`/api/bookings/${encodeURIComponent(code)}/move`, { day, slot }),
  remote: (fieldId: string, phone: string, proof: string) => postJson<{ ref: string; url: string; ticket: { number: string } }>('/api/remote-numbers', { fieldId, phone, proof }),
};
