/**
 * Nothing a citizen does with the touchscreen may leave the app: no pinch or ctrl-zoom, no long-press or
 * right-click menu, no text selection or drag, no link navigation, no browser shortcuts. The CSS side
 * (touch-action, user-select, -webkit-touch-callout) is in kiosk.css.
 */
export function lockDown(doc: Document = document): void {
  const stop = (e: Event): void => { e.preventDefault(); };
  doc.addEventListener('contextmenu', stop);
  doc.addEventListener('selectstart', (e) => { if (!(e.target instanceof HTMLInputElement)) e.preventDefault(); });
  doc.addEventListener('dragstart', stop);
  doc.addEventListener('gesturestart', stop);
  doc.addEventListener('touchmove', (e) => { if (e.touches.length > 1) e.preventDefault(); }, { passive: false });
  doc.addEventListener('wheel', (e) => { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
  doc.addEventListener('keydown', (e) => {
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'l', 'n', 't', 'w', 'r'].includes(k)) e.preventDefault();
    if (e.altKey && (k === 'arrowleft' || k === 'arrowright')) e.preventDefault();
    if (k === 'f5' || k === 'f11' || k === 'f12' || k === 'backspace' && !(e.target instanceof HTMLInputElement)) e.preventDefault();
  });
  doc.addEventListener('click', (e) => {
    const a = (e.target as Element | null)?.closest?.('a');
    if (a) e.preventDefault();
  }, true);
  doc.addEventListener('auxclick', stop);
  // a back swipe or history key returns to the kiosk page, never away from it
  history.pushState(null, '', location.href);
  window.addEventListener('popstate', () => history.pushState(null, '', location.href));
}

/** Calls `onIdle` after `ms` without a touch, click or key; `reset()` restarts the count. */
export class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly ms: number, private readonly onIdle: () => void) {}
  start(doc: Document = document): void {
    for (const ev of ['pointerdown', 'keydown', 'touchstart']) doc.addEventListener(ev, () => this.reset(), { passive: true });
    this.reset();
  }
  reset(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = null; this.onIdle(); this.reset(); }, this.ms);
  }
}
