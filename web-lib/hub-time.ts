/**
 * The hub's time in a page. Pages never compare the hub's timestamps with the browser's own clock (a kiosk or a
 * TV in a commune office often has no NTP): they measure the offset between the two from the hub's answers
 * (`GET /api/time`, halfway through the round trip) and read the hub's time as the browser's clock plus that
 * offset. Durations measured inside the page (animations, timeouts) may keep using the browser's clock.
 */
let offset = 0;
let synced = false;
let timezone = 'Asia/Ho_Chi_Minh';
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

/** The hub's time now, in ms since the epoch (the browser's clock until the first answer arrives). */
export function hubNow(): number { return Date.now() + offset; }

/** The office's time zone, as the hub last said. */
export function hubTimezone(): string { return timezone; }

/** The office's calendar day now (YYYY-MM-DD), by the hub's clock and the office's time zone. */
export function hubToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(hubNow());
}

/** Whether the offset has been measured at least once. */
export function hubTimeSynced(): boolean { return synced; }

/** The measured offset (hub − browser, ms); exposed for tests and the admin page. */
export function hubOffset(): number { return offset; }

/** Take the hub's time from an answer received between `sentAt` and `receivedAt` (browser clock). */
export function observeHubTime(hubMs: number, sentAt: number, receivedAt = Date.now()): void {
  if (!Number.isFinite(hubMs)) return;
  offset = Math.round(hubMs - (sentAt + receivedAt) / 2);
  synced = true;
  for (const f of listeners) f();
}

/** Measure the offset once; false when the hub could not be reached. */
export async function syncHubTime(url = '/api/time'): Promise<boolean> {
  const sentAt = Date.now();
  try {
    const r = await fetch(url, { cache: 'no-store' });
    if (!r.ok) return false;
    const b = (await r.json()) as { now?: unknown; timezone?: unknown };
    if (typeof b.timezone === 'string') timezone = b.timezone;
    if (typeof b.now !== 'number') return false;
    observeHubTime(b.now, sentAt);
    return true;
  } catch {
    return false;
  }
}

/** Measure now and then every `everyMs` (clocks drift; an office PC's clock may be set by hand). */
export async function startHubTime(everyMs = 60_000): Promise<boolean> {
  if (!timer) timer = setInterval(() => { void syncHubTime(); }, everyMs);
  return syncHubTime();
}

/** Called whenever the offset is measured (to re-render a clock or ages at once). */
export function onHubTime(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}
