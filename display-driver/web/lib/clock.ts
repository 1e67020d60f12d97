/** The hall clock, always in the office's time zone (Asia/Ho_Chi_Minh), whatever the TV is set to. */
export const OFFICE_TZ = 'Asia/Ho_Chi_Minh';

const timeFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: OFFICE_TZ, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: OFFICE_TZ, weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });

export function formatTime(ms: number): string {
  return timeFmt.format(ms);
}

/** "Thứ Ba, 24/11/2026" (capitalised weekday). */
export function formatDate(ms: number): string {
  const s = dateFmt.format(ms).replace(/\s+/g, ' ');
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
