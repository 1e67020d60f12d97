import t from 'tap';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callWords, CHIME, CLIP_TEXT, clipsText, numberToWords, ticketClips } from '../../display-driver/voice/words.js';

const CLIPS = fileURLToPath(new URL('../../display-driver/voice/clips/', import.meta.url));

/** An independent reader of Vietnamese number words, to check numberToWords both ways. */
function parse(words: string[]): number {
  const D: Record<string, number> = { không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9 };
  let total = 0; let grp = 0; let pending = 0;
  for (const w of words) {
    if (w in D) pending = D[w] ?? NaN;
    else if (w === 'trăm') { grp += pending * 100; pending = 0; }
    else if (w === 'mươi') { grp += pending * 10; pending = 0; }
    else if (w === 'mười') grp += 10;
    else if (w === 'linh') continue;
    else if (w === 'nghìn') { total += (grp + pending) * 1000; grp = 0; pending = 0; }
    else if (w === 'triệu') { total += (grp + pending) * 1_000_000; grp = 0; pending = 0; }
    else return NaN;
  }
  return total + grp + pending;
}

t.test('numbers read the way an office reads them aloud', async (t) => {
  const golden: [number, string][] = [
    [0, 'không'], [1, 'một'], [4, 'bốn'], [5, 'năm'], [10, 'mười'], [11, 'mười một'], [14, 'mười bốn'], [15, 'mười lăm'],
    [20, 'hai mươi'], [21, 'hai mươi mốt'], [24, 'hai mươi tư'], [25, 'hai mươi lăm'], [55, 'năm mươi lăm'], [99, 'chín mươi chín'],
    [100, 'một trăm'], [101, 'một trăm linh một'], [105, 'một trăm linh năm'], [110, 'một trăm mười'], [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'], [1000, 'một nghìn'], [1001, 'một nghìn không trăm linh một'], [1010, 'một nghìn không trăm mười'],
    [1023, 'một nghìn không trăm hai mươi ba'], [1100, 'một nghìn một trăm'], [2024, 'hai nghìn không trăm hai mươi tư'],
    [6015, 'sáu nghìn không trăm mười lăm'], [9999, 'chín nghìn chín trăm chín mươi chín'], [10_000, 'mười nghìn'],
    [100_005, 'một trăm nghìn không trăm linh năm'], [1_000_000, 'một triệu'], [1_234_567, 'một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy'],
  ];
  for (const [n, s] of golden) t.equal(numberToWords(n).join(' '), s, String(n));
  t.throws(() => numberToWords(-1), RangeError);
  t.throws(() => numberToWords(1.5), RangeError);
  t.throws(() => numberToWords(1e9), RangeError);
});

t.test('every number 0..99 999 (and a sample up to a billion) reads back to itself, with only words that have a clip', async (t) => {
  const spoken = new Set(Object.values(CLIP_TEXT));
  let bad = 0;
  const check = (n: number): void => {
    const w = numberToWords(n);
    const ok = parse(w) === n && w.every((x) => spoken.has(x) && x.normalize('NFC') === x)
      && w.every((x, i) => (x !== 'lăm' && x !== 'mốt' && x !== 'tư') || w[i - 1] === 'mươi' || (x === 'lăm' && w[i - 1] === 'mười'))
      && w.every((x, i) => x !== 'linh' || (w[i - 1] === 'trăm' && (i === w.length - 2 || w[i + 2] === 'nghìn' || w[i + 2] === 'triệu')));
    if (!ok && bad++ < 5) t.fail(`${n} → ${w.join(' ')}`);
  };
  for (let n = 0; n < 100_000; n++) check(n);
  for (let n = 0; n < 2000; n++) check(Math.floor(((n * 2654435761) % 2 ** 32) / 2 ** 32 * 999_999_999));
  t.equal(bad, 0, 'no number read wrongly');
});

t.test('a call is the chime, the phrase, the number and the counter; a prefix letter is read before the number', async (t) => {
  t.same(callWords('1023', 3), ['chime', 'moi-cong-dan', 'mot', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'ba', 'den-quay-so', 'ba']);
  t.equal(clipsText(callWords('1023', 3)), 'Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số ba');
  t.equal(clipsText(callWords('A-012', 2)), 'Mời công dân có số thứ tự a mười hai đến quầy số hai');
  t.equal(clipsText(callWords('B-105', 12)), 'Mời công dân có số thứ tự bê một trăm linh năm đến quầy số mười hai');
  t.equal(clipsText(ticketClips('Đ-021')), 'đê hai mươi mốt');
  t.equal(callWords('9001', 8)[0], CHIME, 'the chime comes first');
});

t.test('the shipped clips match the word list: every clip exists as a 16 kHz mono WAV with sound in it', async (t) => {
  const m = JSON.parse(readFileSync(join(CLIPS, 'manifest.json'), 'utf8')) as { sampleRate: number; clips: { id: string; text: string; file: string; durationMs: number }[] };
  const ids = new Set(m.clips.map((c) => c.id));
  for (const [id, text] of Object.entries(CLIP_TEXT)) {
    t.ok(ids.has(id), `manifest lists ${id}`);
    t.equal(m.clips.find((c) => c.id === id)?.text, text, `${id} was built from the current text (rerun build-clips.ts)`);
  }
  t.ok(ids.has(CHIME), 'the chime is listed');
  for (const c of m.clips) {
    const file = join(CLIPS, c.file);
    if (!existsSync(file)) { t.fail(`${c.file} missing`); continue; }
    const b = readFileSync(file);
    const ok = b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WAVE' && b.readUInt16LE(22) === 1 && b.readUInt32LE(24) === 16_000;
    if (!ok) t.fail(`${c.file} is not a 16 kHz mono WAV`);
    if (c.durationMs < 120 || c.durationMs > 4000) t.fail(`${c.file} lasts ${c.durationMs} ms`);
  }
  t.equal(m.sampleRate, 16_000);
});
