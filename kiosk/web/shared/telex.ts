/**
 * Telex input for Vietnamese, as pure functions (no DOM): the on-screen keyboard sends plain Latin keys and
 * `telexKey(text, key)` returns the new text. aa→â, aw→ă, ee→ê, oo→ô, ow→ơ, uw→ư, uow→ươ, w→ư, dd→đ;
 * s f r x j put the sắc, huyền, hỏi, ngã, nặng tone on the right vowel (traditional placement: "hòa", "thủy");
 * z removes the tone. Typing a mark twice undoes it ("ass" → "as"). The result is always NFC.
 */
const CIRC = '\u0302';
const BREVE = '\u0306';
const HORN = '\u031B';
const TONES: Record<string, string> = { s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const TONE_MARKS = new Set(Object.values(TONES));
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

interface Letter { base: string; upper: boolean; mod: string; tone: string }

function parseLetter(ch: string): Letter | null {
  const d = ch.normalize('NFD');
  const first = d[0] ?? '';
  const lower = first.toLowerCase();
  if (!/^[a-zđ]$/.test(lower)) return null;
  let mod = '';
  let tone = '';
  for (const m of d.slice(1)) {
    if (TONE_MARKS.has(m)) tone = m;
    else if (m === CIRC || m === BREVE || m === HORN) mod = m;
    else return null;
  }
  return { base: lower, upper: first !== lower, mod, tone };
}

function compose(l: Letter): string {
  return ((l.upper ? l.base.toUpperCase() : l.base) + l.mod + l.tone).normalize('NFC');
}

/** The index (in `w`) of the letter that carries the word's tone, or -1 when the word has no vowel. */
export function toneIndex(w: readonly Letter[]): number {
  const isV = (i: number): boolean => {
    const l = w[i];
    if (!l || !VOWELS.has(l.base)) return false;
    const prev = w[i - 1]?.base;
    if (l.base === 'u' && prev === 'q') return false;
    if (l.base === 'i' && prev === 'g' && i === 1 && VOWELS.has(w[i + 1]?.base ?? '')) return false;
    return true;
  };
  const start = w.findIndex((_, i) => isV(i));
  if (start < 0) return -1;
  let end = start;
  while (isV(end + 1)) end++;
  const cluster: number[] = [];
  for (let i = start; i <= end; i++) cluster.push(i);
  const marked = cluster.filter((i) => (w[i]?.mod ?? '') !== '');
  if (marked.length) return marked[marked.length - 1] as number;
  if (cluster.length === 1) return start;
  if (cluster.length >= 3) return start + 1;
  return end < w.length - 1 ? end : start;
}

function placeTone(w: Letter[], tone: string): void {
  for (const l of w) l.tone = '';
  const i = toneIndex(w);
  const l = i >= 0 ? w[i] : undefined;
  if (l) l.tone = tone;
}

function wordTone(w: readonly Letter[]): string {
  return w.find((l) => l.tone)?.tone ?? '';
}

function lastIndex(w: readonly Letter[], f: (l: Letter) => boolean): number {
  for (let i = w.length - 1; i >= 0; i--) if (f(w[i] as Letter)) return i;
  return -1;
}

/** Apply one Telex key to the word (mutates it); false when the key is just a letter to append. */
function applyKey(w: Letter[], key: string): boolean {
  const k = key.toLowerCase();
  const tone = wordTone(w);
  if (k in TONES || k === 'z') {
    if (toneIndex(w) < 0) return false;
    const t = k === 'z' ? '' : (TONES[k] as string);
    if (k === 'z' && !tone) return false;
    if (t && t === tone) { placeTone(w, ''); return false; }
    placeTone(w, t);
    return true;
  }
  const last = w[w.length - 1];
  if (k === 'd') {
    if (last?.base === 'd') { last.base = 'đ'; return true; }
    if (last?.base === 'đ') { last.base = 'd'; return false; }
    return false;
  }
  if (k === 'a' || k === 'e' || k === 'o') {
    const i = lastIndex(w, (l) => l.base === k);
    const after = w.slice(i + 1);
    if (i < 0 || !(i === w.length - 1 || after.every((l) => !VOWELS.has(l.base)))) return false;
    const l = w[i] as Letter;
    if (l.mod === CIRC) { l.mod = ''; placeTone(w, tone); return false; }
    l.mod = CIRC;
    placeTone(w, tone);
    return true;
  }
  if (k === 'w') {
    const i = lastIndex(w, (l) => l.base === 'a' || l.base === 'o' || l.base === 'u');
    if (i < 0) {
      if (last && VOWELS.has(last.base)) return false;
      w.push({ base: 'u', upper: key !== k, mod: HORN, tone: '' });
      placeTone(w, tone);
      return true;
    }
    const l = w[i] as Letter;
    const want = l.base === 'a' ? BREVE : HORN;
    if (l.mod === want) { l.mod = ''; const p = w[i - 1]; if (l.base === 'o' && p?.base === 'u') p.mod = ''; placeTone(w, tone); return false; }
    l.mod = want;
    const p = w[i - 1];
    if (l.base === 'o' && p?.base === 'u' && p.mod === '') p.mod = HORN;
    placeTone(w, tone);
    return true;
  }
  return false;
}

/** Type one key at the end of `text`: returns the new text (NFC). Keys other than letters are appended as they are. */
export function telexKey(text: string, key: string): string {
  const chars = [...text.normalize('NFC')];
  const word: Letter[] = [];
  while (chars.length) {
    const l = parseLetter(chars[chars.length - 1] as string);
    if (!l) break;
    word.unshift(l);
    chars.pop();
  }
  const head = chars.join('');
  if (!/^[a-zA-Z]$/.test(key)) return (text + key).normalize('NFC');
  if (!applyKey(word, key)) {
    const tone = wordTone(word);
    word.push({ base: key.toLowerCase(), upper: key !== key.toLowerCase(), mod: '', tone: '' });
    placeTone(word, tone);
  }
  return head + word.map(compose).join('');
}

/** Turn a whole keystroke string into Vietnamese: `telex("ddaawng kys khai sinh")` → "đăng ký khai sinh". */
export function telex(input: string): string {
  let out = '';
  for (const ch of input) out = telexKey(out, ch);
  return out;
}
