/** Raster text keeps every mark: a capital with a mark above (Ả, Ổ, Ễ) reaches higher than the font's ascent, and
 * its row, and an inverted bar, must hold all of it. Each rendered line is compared dot for dot with a reference drawn
 * by the same font on a canvas with room to spare: "BẢN IN LẠI" must not print as "BÁN" (the hook cut by the bar's
 * top edge), and no mark may stick out of a black bar or into the line above. */
import t from 'tap';
import { createCanvas } from '@napi-rs/canvas';
import { ensureFonts, renderLines, toBitmap, type Bitmap, type RasterLine } from '../../printer/raster.js';

const WIDTH = 576;

/** The dots of a bitmap as rows of 0/1 cropped to their ink, so two renderings compare whatever their offsets. */
function crop(b: Bitmap, ink: (x: number, y: number) => boolean): string {
  let x0 = b.width, y0 = b.height, x1 = -1, y1 = -1;
  for (let y = 0; y < b.height; y++) for (let x = 0; x < b.width; x++) if (ink(x, y)) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  const rows: string[] = [];
  for (let y = y0; y <= y1; y++) { let r = ''; for (let x = x0; x <= x1; x++) r += ink(x, y) ? '#' : '.'; rows.push(r); }
  return rows.join('\n');
}
const bit = (b: Bitmap, x: number, y: number): boolean => ((b.bits[y * (b.width / 8) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;

/** The text alone (black on white, or white on black for a bar), drawn at the same left edge with four times its
 * size of room above and below. */
function reference(l: RasterLine): string {
  ensureFonts();
  const h = l.px * 4;
  const ctx = createCanvas(WIDTH, h).getContext('2d');
  ctx.fillStyle = l.invert ? '#000' : '#fff'; ctx.fillRect(0, 0, WIDTH, h);
  ctx.fillStyle = l.invert ? '#fff' : '#000'; ctx.font = `${l.px}px ${l.bold ? 'McTicketSansBold' : 'McTicketSans'}`;
  ctx.fillText(l.text, 2, l.px * 2);
  const b = toBitmap(ctx, WIDTH, h);
  return crop(b, (x, y) => bit(b, x, y) !== Boolean(l.invert));
}

/** The printed line's glyphs: black dots on paper, or the white dots inside a black bar. */
function printed(l: RasterLine): { glyphs: string; bitmap: Bitmap } {
  const b = renderLines([l], WIDTH);
  if (!l.invert) return { glyphs: crop(b, (x, y) => bit(b, x, y)), bitmap: b };
  // the bar: the black box around the text; its white dots are the glyphs
  let bx0 = WIDTH, bx1 = -1;
  for (let x = 0; x < b.width; x++) if (bit(b, x, 0) || bit(b, x, b.height - 1)) { bx0 = Math.min(bx0, x); bx1 = Math.max(bx1, x); }
  return { glyphs: crop(b, (x, y) => x > bx0 && x < bx1 && !bit(b, x, y)), bitmap: b };
}

const LINES: RasterLine[] = [
  { text: 'BẢN IN LẠI', px: 26, bold: true, invert: true },
  { text: 'ƯU TIÊN – NGƯỜI CAO TUỔI', px: 28, bold: true, invert: true },
  { text: 'Ổ ĐĨA Ấ Ễ Ộ Ẩ Ỷ', px: 32, bold: true },
  { text: 'Hộ tịch – Đăng ký khai sinh', px: 24 },
  { text: 'THỦ TỤC Ở XÃ, PHƯỜNG, ĐẶC KHU', px: 20 },
];

for (const l of LINES) {
  t.test(`"${l.text}" (${l.px} dots${l.bold ? ', bold' : ''}${l.invert ? ', white on a black bar' : ''}): every mark printed`, async (t) => {
    const p = printed(l);
    t.equal(p.glyphs, reference(l), 'the printed glyphs are the reference glyphs, dot for dot (nothing cut)');
    if (l.invert) {
      // the bar holds the whole line: its first and last rows are solid black where the bar is, so no mark reaches them
      const row = (y: number): string => crop(p.bitmap, (x, yy) => yy === y && bit(p.bitmap, x, yy));
      t.notMatch(row(0), /\./, 'the top row of the bar is unbroken');
      t.notMatch(row(p.bitmap.height - 1), /\./, 'the bottom row too');
    }
  });
}

t.test('"BẢN" and "BÁN" print differently (the hook above is not an acute)', async (t) => {
  const ban = printed({ text: 'BẢN', px: 26, bold: true, invert: true }).glyphs;
  t.not(ban, printed({ text: 'BÁN', px: 26, bold: true, invert: true }).glyphs);
  t.equal(ban, reference({ text: 'BẢN', px: 26, bold: true, invert: true }));
});
