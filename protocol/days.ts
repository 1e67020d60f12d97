/** Calendar-day arithmetic on YYYY-MM-DD strings (no time zone: a day is a name), shared by the config checks and the queue. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** A day as Vietnamese write it: 2026-11-24 → 24/11/2026. */
export function vnDay(day: string): string { return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`; }
