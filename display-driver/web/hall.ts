/**
 * The hall display ("Màn hình hiển thị thông tin"): a TV in the waiting hall, paired as a `display` device.
 * Reads the retained `hub/hall` state and the `hub/calls` stream; highlights and speaks every call in turn.
 */
import { hubTopic } from '../../web-lib/hub-client.js';
import { connectDisplay } from './lib/connection.js';
import { startClock } from './lib/clock.js';
import { hubNow, hubTimeSynced, onHubTime, startHubTime } from '../../web-lib/hub-time.js';
import { hallFilter } from './lib/hall-filter.js';
import { chooseLayout, HallView } from './lib/hall-view.js';
import { HighlightQueue } from './lib/highlights.js';
import type { CallMessage, HallState } from './lib/types.js';
import { Announcer } from './lib/voice.js';

declare global {
  interface Window { __voiceLog?: unknown; __highlightLog?: unknown; __hallState?: HallState | null }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const view = new HallView(hallFilter(params));
  const voice = new Announcer();
  const hint = document.getElementById('sound-hint');
  voice.onBlocked = (b) => { if (hint) hint.hidden = !b; };
  const highlights = new HighlightQueue({ show: (c, active) => view.showCall(c, active) });
  // a call is highlighted when its announcement starts, so the screen and the speaker agree
  voice.onStart = (c) => highlights.push(c);
  Object.defineProperty(window, '__voiceLog', { get: () => structuredClone(voice.log) });
  Object.defineProperty(window, '__highlightLog', { get: () => structuredClone(highlights.log) });
  window.__hallState = null;
  const timeEl = document.getElementById('clock-time');
  const dateEl = document.getElementById('clock-date');
  // the clock shows the hub's time, not the TV's (whose clock is often wrong)
  if (timeEl && dateEl) onHubTime(startClock(timeEl, dateEl, hubNow, hubTimeSynced).tick);
  void startHubTime();
  document.addEventListener('pointerdown', () => { void voice.unlock(); });
  void voice.preload().catch(() => undefined);

  const link = await connectDisplay('display', 'motcua.display.hall');
  if (!link) return;
  const seen = new Set<string>();
  link.client.subscribe(hubTopic.hall(link.office), (p) => {
    const s = p as HallState;
    window.__hallState = s;
    voice.settings = s.voice;
    view.render(s, chooseLayout(s, params.get('layout')));
    link.fresh();
  });
  link.client.subscribe(hubTopic.calls(link.office), (p) => {
    const c = p as CallMessage;
    const key = `${c.ticketId}|${c.kind}|${c.at}`;
    if (seen.has(key) || !view.shows(c)) return; // a QoS 1 redelivery, or another sector's call
    seen.add(key);
    if (seen.size > 200) seen.delete(seen.values().next().value as string);
    void voice.announce(c);
  });
  link.client.connect();
}

void main();
