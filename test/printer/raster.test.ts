import t from 'tap';
import { Image } from '@napi-rs/canvas';
import { decodeEscPos } from '../../printer/decode.js';
import { EscPosBuilder, sanitizeRealtime } from '../../printer/escpos.js';
import { renderJobPng } from '../../printer/render.js';
import { encodeTicket } from '../../printer/ticket.js';
import { sampleTicket } from './fixtures.js';

t.test('raster mode: GS v 0 images at the paper width, QR and cut kept, PNG preview renders', async (t) => {
  for (const [paper, dots] of [[58, 384], [80, 576]] as const) {
    const d = sampleTicket({ priority: 'pregnant', copy: true });
    const bytes = encodeTicket(d, { paper, text: 'raster' });
    const dec = decodeEscPos(bytes);
    t.same(dec.lines, [], `${paper} mm: no code-page text at all`);
    t.ok(dec.rasters.length >= 2, `${paper} mm: text sent as images`);
    for (const r of dec.rasters) t.equal(r.width, dots, `${paper} mm: raster ${r.width} dots wide`);
    const inkRows = dec.items.filter((i) => i.kind === 'raster').reduce((n, i) => n + (i.kind === 'raster' ? i.height : 0), 0);
    t.ok(inkRows > 300, `${paper} mm: images have real height (${inkRows})`);
    t.same(dec.qr, [d.qrUrl]);
    t.ok(dec.cut);
    const png = renderJobPng(dec, dots);
    const img = new Image();
    img.src = png;
    t.equal(img.width, dots + 32, 'preview is paper width plus margins');
    t.ok(img.height > inkRows, 'preview holds the whole ticket');
  }
});

t.test('raster images carry ink', async (t) => {
  const dec = decodeEscPos(encodeTicket(sampleTicket(), { paper: 80, text: 'raster' }));
  const first = dec.items.find((i) => i.kind === 'raster');
  t.ok(first && first.kind === 'raster' && first.bits.some((b) => b !== 0), 'some dots are black');
});

t.test('a logo PNG is printed as an image', async (t) => {
  const logo = renderJobPng(decodeEscPos(new EscPosBuilder().qr('logo').bytes()), 200);
  const dec = decodeEscPos(encodeTicket(sampleTicket({ logoPng: logo }), { paper: 58, text: 'cp1258' }));
  t.equal(dec.rasters.length, 1);
  t.equal(dec.rasters[0]?.width, 384);
});

t.test('image data never contains a real-time status request', async (t) => {
  const data = Uint8Array.from([0xff, 0x10, 0x04, 0x01, 0x10, 0x14, 0x08, 0x10, 0x20]);
  const clean = sanitizeRealtime(data);
  t.same([...clean], [0xff, 0x00, 0x04, 0x01, 0x00, 0x14, 0x08, 0x10, 0x20]);
  const bits = new Uint8Array(8 * 2).fill(0x10);
  bits[3] = 0x04;
  const bytes = new EscPosBuilder().raster(64, 2, bits).bytes();
  t.notOk(Buffer.from(bytes).includes(Buffer.from([0x10, 0x04])), 'sequence removed in the encoded job');
});

t.test('cp1258 on a model without a CP1258 table is refused; codePage overrides', async (t) => {
  t.throws(() => encodeTicket(sampleTicket(), { paper: 80, text: 'cp1258', model: 'xprinter-xp-n160ii' }), { code: 'MC_ERR_CONFIG_INVALID' });
  t.equal(decodeEscPos(encodeTicket(sampleTicket(), { paper: 80, text: 'cp1258', model: 'citizen-ct-s310ii' }), { cp1258Pages: [32] }).codePage, 32);
  const dec = decodeEscPos(encodeTicket(sampleTicket(), { paper: 80, text: 'cp1258', model: 'xprinter-xp-n160ii', codePage: 27 }), { cp1258Pages: [27] });
  t.ok(dec.lines.includes('Lao động – Thương binh và Xã hội'));
});
