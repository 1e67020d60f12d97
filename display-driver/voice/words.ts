/**
 * How a call is spoken: the Vietnamese reading of numbers and the sequence of voice clips for
 * "Mời công dân có số thứ tự 1023 đến quầy số 3". Pure: shared by the clip builder, the hall page and tests.
 */

/** Every clip the voice uses: id (file `clips/{id}.wav`) → the text espeak-ng speaks (NFC). */
export const CLIP_TEXT: Readonly<Record<string, string>> = {
  'moi-cong-dan': 'Mời công dân có số thứ tự',
  'den-quay-so': 'đến quầy số',
  khong: 'không', mot: 'một', hai: 'hai', ba: 'ba', bon: 'bốn', nam: 'năm', sau: 'sáu', bay: 'bảy', tam: 'tám', chin: 'chín',
  'muoi-huyen': 'mười', 'muoi-ngang': 'mươi', 'mot-sac': 'mốt', tu: 'tư', lam: 'lăm', linh: 'linh',
  tram: 'trăm', nghin: 'nghìn', trieu: 'triệu',
  // letters of number prefixes ("A-012"), as Vietnamese read them aloud
  'chu-a': 'a', 'chu-b': 'bê', 'chu-c': 'xê', 'chu-d': 'dê', 'chu-dd': 'đê', 'chu-e': 'e', 'chu-f': 'ép', 'chu-g': 'giê', 'chu-h': 'hát',
  'chu-i': 'i', 'chu-j': 'gi', 'chu-k': 'ca', 'chu-l': 'e lờ', 'chu-m': 'em mờ', 'chu-n': 'en nờ', 'chu-o': 'o', 'chu-p': 'pê', 'chu-q': 'quy',
  'chu-r': 'e rờ', 'chu-s': 'ét xì', 'chu-t': 'tê', 'chu-u': 'u', 'chu-v': 'vê', 'chu-w': 'vê kép', 'chu-x': 'ích xì', 'chu-y': 'i dài', 'chu-z': 'dét',
};

/** The chime played before every call (generated with sox, not speech). */
export const CHIME = 'chime';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const WORD_CLIP: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CLIP_TEXT).filter(([id]) => !id.startsWith('chu-') && !id.includes('-so') && id !== 'moi-cong-dan').map(([id, text]) => [text, id]),
);

function digit(d: number): string {
  return DIGITS[d] ?? 'không';
}

/** Reads 0..999; `full` reads a group that follows a higher group ("không trăm", "linh"). */
function group(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(digit(h), 'trăm');
  if (t === 0) {
    if (u === 0) return out.length ? out : ['không'];
    if (out.length) out.push('linh');
    out.push(digit(u));
    return out;
  }
  if (t === 1) out.push('mười');
  else out.push(digit(t), 'mươi');
  if (u === 1) out.push(t === 1 ? 'một' : 'mốt');
  else if (u === 4) out.push(t === 1 ? 'bốn' : 'tư');
  else if (u === 5) out.push('lăm');
  else if (u > 0) out.push(digit(u));
  return out;
}

/**
 * Vietnamese words for a whole number 0..999 999 999, as an office reads a queue number aloud:
 * 1023 → "một nghìn không trăm hai mươi ba", 105 → "một trăm linh năm", 21 → "hai mươi mốt", 15 → "mười lăm".
 */
export function numberToWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`cannot read ${n}`);
  if (n === 0) return ['không'];
  const groups: [number, string][] = [[Math.floor(n / 1_000_000), 'triệu'], [Math.floor(n / 1000) % 1000, 'nghìn'], [n % 1000, '']];
  const out: string[] = [];
  for (const [value, unit] of groups) {
    if (value === 0) continue;
    out.push(...group(value, out.length > 0));
    if (unit) out.push(unit);
  }
  return out;
}

/** The clip id of one spoken word of a number. */
export function wordClip(word: string): string {
  const id = WORD_CLIP[word];
  if (!id) throw new RangeError(`no clip for "${word}"`);
  return id;
}

/** Clip ids reading a displayed ticket number: "1023" → the number; "A-012" → the letter "a", then twelve. */
export function ticketClips(display: string): string[] {
  const out: string[] = [];
  const norm = display.normalize('NFC').toLowerCase();
  for (const m of norm.matchAll(/[a-zđ]|[0-9]+/g)) {
    const s = m[0];
    if (/^[0-9]+$/.test(s)) out.push(...numberToWords(Number(s.slice(-9))).map(wordClip));
    else out.push(s === 'đ' ? 'chu-dd' : `chu-${s}`);
  }
  return out;
}

/** The full clip sequence of one announcement: chime, "Mời công dân có số thứ tự", number, "đến quầy số", counter. */
export function callWords(number: string, counter: number): string[] {
  return [CHIME, 'moi-cong-dan', ...ticketClips(number), 'den-quay-so', ...numberToWords(counter).map(wordClip)];
}

/** The sentence a call clip sequence speaks (for logs and tests). */
export function clipsText(clips: readonly string[]): string {
  return clips.filter((c) => c !== CHIME).map((c) => CLIP_TEXT[c] ?? `?${c}`).join(' ');
}
