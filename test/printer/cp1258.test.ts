import t from 'tap';
import { isMcError } from '../../protocol/errors.js';
import { decodeCp1258, encodeCp1258, findUnencodable } from '../../printer/cp1258.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function allLetters(): string[] {
  const out: string[] = ['đ', 'Đ'];
  for (const v of VOWELS) for (const tone of TONES) {
    const lower = (v + tone).normalize('NFC');
    out.push(lower, lower.toUpperCase());
  }
  return out;
}

t.test('every Vietnamese letter, both cases, all tones, round-trips through CP1258', async (t) => {
  const letters = allLetters();
  t.equal(letters.length, 2 + 12 * 6 * 2);
  const windows1258 = new TextDecoder('windows-1258'); // ICU's table: an independent oracle
  for (const ch of letters) {
    const bytes = encodeCp1258(ch);
    t.ok(bytes.length === 1 || bytes.length === 2, `${ch} is 1 or 2 bytes`);
    t.equal(decodeCp1258(bytes), ch, `${ch} round-trips`);
    t.equal(windows1258.decode(bytes).normalize('NFC'), ch, `${ch} decodes the same with ICU`);
    t.notOk(bytes.includes(0x3f), `${ch} has no "?"`);
  }
});

t.test('decomposition follows CP1258: shaped base precomposed + combining tone', async (t) => {
  t.equal(hex(encodeCp1258('ố')), 'f4ec');
  t.equal(hex(encodeCp1258('ả')), '61d2');
  t.equal(hex(encodeCp1258('à')), 'e0', 'precomposed where the table has it');
  t.equal(hex(encodeCp1258('Ự')), 'ddf2');
  t.equal(hex(encodeCp1258('ễ')), 'eade');
  t.equal(hex(encodeCp1258('đ')), 'f0');
  t.equal(hex(encodeCp1258('o\u0302\u0301')), 'f4ec', 'decomposed input is normalized first');
});

t.test('en dash is CP1258 0x96 and survives the round trip', async (t) => {
  const s = 'Lao động – Thương binh và Xã hội';
  const b = encodeCp1258(s);
  t.ok(b.includes(0x96));
  t.equal(decodeCp1258(b), s);
});

t.test('outside CP1258: documented transliteration, otherwise an McError — never "?"', async (t) => {
  t.equal(decodeCp1258(encodeCp1258('A → B ≤ 3')), 'A -> B <= 3');
  t.equal(decodeCp1258(encodeCp1258('İstanbul ş')), 'Istanbul s', 'foreign diacritics dropped from Latin base');
  t.equal(decodeCp1258(encodeCp1258('“Một cửa” … €')), '“Một cửa” … €', 'characters CP1258 has are kept');
  let err: unknown;
  try { encodeCp1258('Phòng 漢'); } catch (e) { err = e; }
  t.ok(isMcError(err), 'throws McError');
  t.equal(isMcError(err) && err.code, 'MC_ERR_BAD_REQUEST');
  t.match(String((err as Error).message), /U\+6F22/);
  t.same(findUnencodable('Xin chào 😀 漢'), ['😀', '漢']);
  t.same(findUnencodable('Bộ phận Một cửa – “Đăk Hà”'), []);
});
