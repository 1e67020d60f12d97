/**
 * The phone's alarm when the ticket is called: vibration (where the phone allows it) and a beep through WebAudio,
 * which a browser plays only after the citizen touched the page once (`unlockAudio`, from any tap or the sound
 * button). Counts what it did, for the page's tests.
 */
let ctx: AudioContext | null = null;
export const alerts = { vibrations: 0, beeps: 0, audioReady: false };

/** Call from a user gesture: makes the later beep audible. */
export function unlockAudio(): void {
  if (ctx) return;
  const AC = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!AC) return;
  ctx = new AC();
  void ctx.resume();
  alerts.audioReady = true;
  tone(ctx, 0, 0.05, 0.01); // a silent-ish blip: some phones need a sound started inside the gesture
}

function tone(c: AudioContext, at: number, length: number, volume: number): void {
  const osc = c.createOscillator();
  const gain = c.createGain();
  osc.frequency.value = 880;
  gain.gain.value = volume;
  osc.connect(gain).connect(c.destination);
  osc.start(c.currentTime + at);
  osc.stop(c.currentTime + at + length);
}

/** Vibrate and beep three times. */
export function callAlert(): void {
  if (typeof navigator.vibrate === 'function') { navigator.vibrate([400, 150, 400, 150, 700]); alerts.vibrations++; }
  if (ctx) { for (let i = 0; i < 3; i++) tone(ctx, i * 0.45, 0.3, 0.6); alerts.beeps++; }
}
