import t from 'tap';
import { telex, telexKey } from '../../kiosk/web/shared/telex.js';

const NFC = (s: string): string => s.normalize('NFC');

t.test('vowel marks: aa aw ee oo ow uw uow dd', async (t) => {
  const cases: [string, string][] = [
    ['aa', 'â'], ['aw', 'ă'], ['ee', 'ê'], ['oo', 'ô'], ['ow', 'ơ'], ['uw', 'ư'], ['w', 'ư'], ['dd', 'đ'],
    ['truwowngf', 'trường'], ['nguowif', 'người'], ['DDaawng', 'Đăng'], ['thuw', 'thư'], ['huowng', 'hương'],
  ];
  for (const [inp, out] of cases) t.equal(telex(inp), NFC(out), `${inp} → ${out}`);
});

t.test('tone marks land on the right vowel', async (t) => {
  const cases: [string, string][] = [
    ['as', 'á'], ['af', 'à'], ['ar', 'ả'], ['ax', 'ã'], ['aj', 'ạ'],
    ['ddaawng kys khai sinh', 'đăng ký khai sinh'], ['tieengs vieetj', 'tiếng việt'], ['nguyeenx', 'nguyễn'],
    ['hoaf binhf', 'hòa bình'], ['hoafn', 'hoàn'], ['thuyr', 'thủy'], ['quaf', 'quà'], ['gias', 'giá'], ['ginf', 'gìn'],
    ['khuyeens', 'khuyến'], ['ngoaif', 'ngoài'], ['tuaanf', 'tuần'], ['Ddajt', 'Đạt'], ['Ddaajt', 'Đật'], ['hoof sow', 'hồ sơ'],
    ['thur tucj hanhf chinhs', 'thủ tục hành chính'], ['chuwngs thuwcj', 'chứng thực'], ['dduwowcj', 'được'],
    ['mas', 'má'], ['muaf', 'mùa'], ['gửi', 'gửi'], ['guwir', 'gửi'], ['DDAWNG KYS', 'ĐĂNG KÝ'],
  ];
  for (const [inp, out] of cases) t.equal(telex(inp), NFC(out), `${inp} → ${out}`);
});

t.test('the tone moves when the word grows; tone keys without a vowel are letters', async (t) => {
  t.equal(telex('hoaf'), NFC('hòa'));
  t.equal(telex('hoafng'), NFC('hoàng'));
  t.equal(telex('tieesng'), NFC('tiếng'), 'tone typed before the final consonant');
  t.equal(telex('s'), 's');
  t.equal(telex('xyz'), 'xyz', 'x and z with no vowel or tone stay letters');
});

t.test('z removes the tone; a mark typed twice is undone', async (t) => {
  t.equal(telex('asz'), 'a');
  t.equal(telex('hoafz'), 'hoa');
  t.equal(telex('ass'), 'as');
  t.equal(telex('aaa'), 'aa');
  t.equal(telex('ddd'), 'dd');
  t.equal(telex('aww'), 'aw');
});

t.test('incremental typing, capitals, digits and spaces pass through; output is NFC', async (t) => {
  let s = '';
  for (const k of 'Vieetj Nam 2026') s = telexKey(s, k);
  t.equal(s, NFC('Việt Nam 2026'));
  t.equal(s, s.normalize('NFC'));
  t.equal(telexKey(NFC('Hòa'), 'n'), NFC('Hoàn'), 'works on composed text already on screen');
  t.equal(telexKey('abc ', 's'), 'abc s', 'a tone key starting a word is a letter');
});
