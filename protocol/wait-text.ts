/**
 * How a forecast wait is said, the same on the printed ticket, the kiosk, the hall display and the phone page
 * (issue 23): "khoảng 15–25 phút", "sau 13 giờ 00", or honestly no figure when the office has no history yet.
 */
import type { WaitForecast } from './messages.js';

export type WaitLang = 'vi' | 'en';

/** "13:00" → "13 giờ 00" (vi) or "13:00" (en). */
function clock(hhmm: string, lang: WaitLang): string {
  const [h = '', m = ''] = hhmm.split(':');
  return lang === 'vi' ? `${h} giờ ${m}` : `${h}:${m}`;
}

/** The wait alone, e.g. "khoảng 15–25 phút" / "about 15–25 minutes"; `short` drops "khoảng" (a crowded TV). */
export function waitPhrase(w: WaitForecast, lang: WaitLang = 'vi', short = false): string {
  const vi = lang === 'vi';
  const about = short ? '' : vi ? 'khoảng ' : 'about ';
  if (w.afterBreak) return vi ? `sau ${clock(w.afterBreak, lang)}` : `after ${clock(w.afterBreak, lang)}`;
  if (w.basis === 'none' || (w.minutes === null && !w.beyondToday)) return vi ? 'chưa có số liệu' : 'no data yet';
  if (w.beyondToday || w.minutes === null) return vi ? 'có thể không kịp trong hôm nay' : 'may not be reached today';
  const lo = Math.min(w.low ?? w.minutes, w.minutes);
  const hi = w.high === null ? null : Math.max(w.high, w.minutes);
  if (hi !== null && hi < 1) return vi ? 'dưới 1 phút' : 'under 1 minute';
  if (hi === null) return vi ? `từ ${lo} phút trở lên` : `${lo} minutes or more`;
  if (lo === hi) return vi ? `${about}${lo} phút` : `${about}${lo} minutes`;
  return vi ? `${about}${lo}–${hi} phút` : `${about}${lo}–${hi} minutes`;
}

/** The whole line, e.g. "Thời gian chờ dự kiến: khoảng 15–25 phút". */
export function waitLine(w: WaitForecast, lang: WaitLang = 'vi'): string {
  return `${lang === 'vi' ? 'Thời gian chờ dự kiến' : 'Expected wait'}: ${waitPhrase(w, lang)}`;
}
