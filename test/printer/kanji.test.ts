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
