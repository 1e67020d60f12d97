/** Cheap 58 mm clones often start in Chinese double-byte mode: every ticket cancels it (FS .) right after ESC @,
 * before any text, in both text modes; the independent decoder still reads the ticket. */
import t from 'tap';
import { decodeEscPos } from '../../printer/decode.js';
import { encodeTicket } from '../../printer/ticket.js';
import { sampleTicket } from './fixtures.js';

for (const text of ['cp1258', 'raster'] as const) {
  for (const paper of [58, 80] as const) {
    t.test(`${text}, ${paper} mm: FS . right after ESC @`, async (t) => {
      const bytes = encodeTicket(sampleTicket(), { paper, text });
      t.same([...bytes.subarray(0, 4)], [0x1b, 0x40, 0x1c, 0x2e], 'ESC @, then FS . (cancel Kanji mode)');
      const dec = decodeEscPos(bytes);
      if (text === 'cp1258') t.match(dec.lines.join('\n'), sampleTicket().number, 'the decoder still reads the number');
      else t.ok(dec.rasters.length > 0, 'the raster ticket is still an image');
    });
  }
}

t.test('CP1258 lines are wrapped as printed: → ≥ № expand first, no line passes the paper width', async (t) => {
  for (const paper of [58, 80] as const) {
    const cols = paper === 58 ? 32 : 48;
    const guidance = Array.from({ length: 12 }, (_, i) => `B${i} → Q${i} ≥ №${i}`).join(' ');
    const dec = decodeEscPos(encodeTicket(sampleTicket({ guidance }), { paper, text: 'cp1258' }));
    const long = dec.lines.filter((l) => [...l].length > cols);
    t.same(long, [], `${paper} mm: every line within ${cols} columns`);
    t.match(dec.lines.join(' '), /B0 -> Q0 >= No\.0/, 'expanded as documented');
  }
});
