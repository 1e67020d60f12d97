/**
 * Regenerates the voice clips shipped in display-driver/voice/clips/ (run: `npx tsx display-driver/voice/build-clips.ts`).
 * Speech: espeak-ng's Vietnamese voice; trimming, 16 kHz mono and the chime: sox. Both must be on PATH (Debian:
 * `apt-get install espeak-ng sox`). Writes clips/{id}.wav and clips/manifest.json. The hub only serves the result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHIME, CLIP_TEXT } from './words.js';

export const CLIPS_DIR = fileURLToPath(new URL('./clips/', import.meta.url));
export const SAMPLE_RATE = 16_000;
/** espeak-ng words per minute: a little slower than its default 175, for a hall with echo. */
const SPEED = 140;

export interface ClipEntry { id: string; text: string; file: string; durationMs: number }
export interface Manifest { version: 1; voice: string; sampleRate: number; chime: string; clips: ClipEntry[] }

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Duration of a 16-bit mono PCM WAV written by sox (44-byte header). */
function durationMs(file: string): number {
  const buf = readFileSync(file);
  const dataAt = buf.indexOf('data');
  const bytes = dataAt >= 0 ? buf.readUInt32LE(dataAt + 4) : statSync(file).size - 44;
  return Math.round((bytes / 2 / SAMPLE_RATE) * 1000);
}

function speak(id: string, text: string, dir: string, tmp: string): void {
  const raw = join(tmp, `${id}.raw.wav`);
  run('espeak-ng', ['-v', 'vi', '-s', String(SPEED), '-w', raw, text.normalize('NFC')]);
  // trim silence at both ends, keep 40 ms of air after the word, 16 kHz mono, peak at -3 dB
  run('sox', ['-D', raw, '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', join(dir, `${id}.wav`),
    'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse', 'norm', '-3', 'pad', '0', '0.04']);
}

/** A two-tone "ding-dong" with soft attack and decay, then a short rest before the voice. */
function chime(dir: string, tmp: string): void {
  const hi = join(tmp, 'hi.wav');
  const lo = join(tmp, 'lo.wav');
  run('sox', ['-D', '-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', hi, 'synth', '0.55', 'sine', '880', 'sine', '1760', 'remix', '-', 'fade', 'q', '0.01', '0.55', '0.45']);
  run('sox', ['-D', '-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', lo, 'synth', '0.8', 'sine', '698.46', 'sine', '1396.9', 'remix', '-', 'fade', 'q', '0.01', '0.8', '0.7']);
  run('sox', ['-D', hi, lo, join(dir, `${CHIME}.wav`), 'norm', '-6', 'pad', '0', '0.25']);
}

export function buildClips(dir = CLIPS_DIR): Manifest {
  const tmp = mkdtempSync(join(tmpdir(), 'motcua-voice-'));
  try {
    chime(dir, tmp);
    const clips: ClipEntry[] = [{ id: CHIME, text: '', file: `${CHIME}.wav`, durationMs: durationMs(join(dir, `${CHIME}.wav`)) }];
    for (const [id, text] of Object.entries(CLIP_TEXT)) {
      speak(id, text, dir, tmp);
      clips.push({ id, text, file: `${id}.wav`, durationMs: durationMs(join(dir, `${id}.wav`)) });
    }
    const manifest: Manifest = { version: 1, voice: `espeak-ng -v vi -s ${SPEED}`, sampleRate: SAMPLE_RATE, chime: CHIME, clips };
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
    return manifest;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const m = buildClips();
  const total = m.clips.reduce((s, c) => s + c.durationMs, 0);
  console.log(`${m.clips.length} clips (${(total / 1000).toFixed(1)} s of audio) in ${CLIPS_DIR}`);
}
