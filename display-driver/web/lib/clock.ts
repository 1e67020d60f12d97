// The hall clock, in the office's time zone (as the hub says in `/api/time`), whatever the TV is set to.
import { hubTimezone } from '../../../web-lib/hub-time.js';

interface Formats { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat }
const byZone = new Map<string, Formats>();

function formats(timeZone: string): Formats {
  let f = byZone.get(timeZone);
  if (!f) {
    f = { time: new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat('vi-VN', { timeZone, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' }) };
    byZone.set(timeZone, f);
  }
  return f;
}

export function formatTime(ms: number, timeZone = hubTimezone()): string {
  return formats(timeZone).time.format(ms);
}

/** "Thứ Ba, 24/11/2026" (capitalised weekday). */
export function formatDate(ms: number, timeZone = hubTimezone()): string {
  const s = formats(timeZone).date.format(ms).replace(/\s+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Ticks the clock elements once a second, from `now` (the hub's time); until `ready()` (the offset is measured) it
 * shows dashes rather than the TV's own time. Returns a stop function and the tick, to redraw at once.
 */
export function startClock(timeEl: HTMLElement, dateEl: HTMLElement, now: () => number, ready: () => boolean = () => true): { stop: () => void; tick: () => void } {
  const tick = (): void => {
    if (!ready()) { timeEl.textContent = '--:--:--'; dateEl.textContent = ''; return; }
    const t = now();
    timeEl.textContent = formatTime(t);
    dateEl.textContent = formatDate(t);
  };
  tick();
  const h = setInterval(tick, 1000);
  return { stop: () => clearInterval(h), tick };
}
