/** The words of a forecast wait (issue 23), the same on paper, kiosk, hall display and phone page. */
import t from 'tap';
import type { WaitForecast } from '../../protocol/messages.js';
import { waitLine, waitPhrase } from '../../protocol/wait-text.js';

const w = (x: Partial<WaitForecast>): WaitForecast => ({ basis: 'history', minutes: 20, low: 15, high: 25, afterBreak: null, beyondToday: false, ...x });

t.test('a range, a break, under a minute, beyond today, and no history', async (t) => {
  t.equal(waitLine(w({})), 'Thời gian chờ dự kiến: khoảng 15–25 phút');
  t.equal(waitLine(w({}), 'en'), 'Expected wait: about 15–25 minutes');
  t.equal(waitPhrase(w({ low: 20, high: 20 })), 'khoảng 20 phút', 'a range of one value is one figure');
  t.equal(waitPhrase(w({}), 'vi', true), '15–25 phút', 'the short form of a crowded hall display');
  t.equal(waitPhrase(w({ minutes: 0, low: 0, high: 0 })), 'dưới 1 phút');
  t.equal(waitPhrase(w({ afterBreak: '13:00', minutes: 150, low: 140, high: 170 })), 'sau 13 giờ 00', 'not reachable before the break');
  t.equal(waitPhrase(w({ afterBreak: '13:00' }), 'en'), 'after 13:00');
  t.equal(waitPhrase(w({ high: null })), 'từ 15 phút trở lên', 'the 90th percentile is past the last session');
  t.equal(waitPhrase(w({ minutes: null, low: 200, high: null, beyondToday: true })), 'có thể không kịp trong hôm nay');
  t.equal(waitLine(w({ basis: 'none', minutes: null, low: null, high: null })), 'Thời gian chờ dự kiến: chưa có số liệu', 'no history: said, no number');
  t.equal(waitLine(w({})), waitLine(w({})).normalize('NFC'), 'NFC');
});
