/**
 * Voice calls through Web Audio: each announcement is the clips of `callWords(number, counter)` (chime first)
 * scheduled back-to-back on the audio clock. Announcements queue: one starts only after the previous one has
 * ended, so calls never overlap or cut each other off. Clips are shipped files under /app/display/clips/
 * (no internet needed). Volume and on/off come from the hall state's `voice`.
 */
import { callWords } from '../../voice/words.js';
import type { CallMessage } from './types.js';

export interface VoiceLogEntry {
  kind: string; number: string; counterNumber: number; clips: string[];
  /** Volume (0–100) the announcement was played at. */
  volume: number;
  /** Wall-clock ms (performance.timeOrigin + now) when the first clip started and the last one ended. */
  start: number; end: number;
  /** Why nothing was played: voice switched off, or the browser keeps audio blocked. */
  skipped?: 'disabled' | 'audio-blocked' | 'error';
}
export interface VoiceSettings { enabled: boolean; volume: number }
interface Manifest { clips: { id: string; file: string }[] }

const wall = (): number => performance.timeOrigin + performance.now();

export class Announcer {
  private ctx: AudioContext | null = null;
  private readonly buffers = new Map<string, Promise<AudioBuffer>>();
  private files = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  private loaded: Promise<void> | null = null;
  /** Read-only record of every announcement (exposed to tests as window.__voiceLog). */
  readonly log: VoiceLogEntry[] = [];
  settings: VoiceSettings = { enabled: true, volume: 80 };
  /** Told whether the browser blocks sound until someone touches the screen. */
  onBlocked: (blocked: boolean) => void = () => undefined;
  /** Told when an announcement starts (or is skipped), in queue order: the hall highlights the call then. */
  onStart: (call: CallMessage) => void = () => undefined;

  constructor(private readonly base = '/app/display/clips/') {}

  /** Loads the manifest and decodes every clip ahead of the first call. */
  preload(): Promise<void> {
    this.loaded ??= (async () => {
      const m = (await (await fetch(`${this.base}manifest.json`)).json()) as Manifest;
      this.files = new Map(m.clips.map((c) => [c.id, c.file]));
      const ctx = this.audio();
      await Promise.all(m.clips.map((c) => this.buffer(ctx, c.id)));
    })();
    return this.loaded;
  }

  private audio(): AudioContext {
    this.ctx ??= new AudioContext({ latencyHint: 'playback' });
    return this.ctx;
  }

  private buffer(ctx: AudioContext, id: string): Promise<AudioBuffer> {
    let b = this.buffers.get(id);
    if (!b) {
      const file = this.files.get(id);
      if (!file) return Promise.reject(new Error(`no clip ${id}`));
      b = fetch(`${this.base}${file}`).then((r) => r.arrayBuffer()).then((a) => ctx.decodeAudioData(a));
      this.buffers.set(id, b);
    }
    return b;
  }

  /** A touch on the page lets a browser that blocks autoplay start the sound. */
  async unlock(): Promise<void> {
    const ctx = this.audio();
    if (ctx.state !== 'running') await ctx.resume().catch(() => undefined);
    this.onBlocked(ctx.state !== 'running');
  }

  /** Queue one call or recall; resolves when it has been spoken (or skipped). */
  announce(call: CallMessage): Promise<void> {
    const run = this.chain.then(() => this.speak(call)).catch(() => undefined);
    this.chain = run;
    return run;
  }

  private async speak(call: CallMessage): Promise<void> {
    const clips = callWords(call.number, call.counterNumber);
    let started = false;
    const begin = (): void => { if (!started) { started = true; this.onStart(call); } };
    const entry = (start: number, skipped?: VoiceLogEntry['skipped']): void => {
      begin();
      this.log.push({ kind: call.kind, number: call.number, counterNumber: call.counterNumber, clips, volume: this.settings.volume, start, end: wall(), ...(skipped ? { skipped } : {}) });
    };
    if (!this.settings.enabled) { entry(wall(), 'disabled'); return; }
    try {
      await this.preload();
      const ctx = this.audio();
      if (ctx.state !== 'running') await Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 300))]);
      if (ctx.state !== 'running') { this.onBlocked(true); entry(wall(), 'audio-blocked'); return; }
      this.onBlocked(false);
      const bufs = await Promise.all(clips.map((id) => this.buffer(ctx, id)));
      begin();
      const start = wall();
      await this.play(ctx, bufs);
      entry(start);
    } catch {
      entry(wall(), 'error');
    }
  }

  /** Schedules the buffers back-to-back and resolves when the last has ended (bounded by its length + 2 s). */
  private play(ctx: AudioContext, bufs: AudioBuffer[]): Promise<void> {
    const gain = ctx.createGain();
    gain.gain.value = Math.max(0, Math.min(1, this.settings.volume / 100));
    gain.connect(ctx.destination);
    let t = ctx.currentTime + 0.05;
    let last: AudioBufferSourceNode | null = null;
    for (const b of bufs) {
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.connect(gain);
      src.start(t);
      t += b.duration;
      last = src;
    }
    const totalMs = (t - ctx.currentTime) * 1000;
    return new Promise<void>((resolve) => {
      const done = (): void => { clearTimeout(guard); gain.disconnect(); resolve(); };
      const guard = setTimeout(done, totalMs + 2000);
      if (last) last.onended = done; else done();
    });
  }
}
