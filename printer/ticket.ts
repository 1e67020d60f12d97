/**
 * Ticket → ESC/POS bytes, in one of two text modes:
 *  - 'cp1258': text in Windows-1258 after `ESC t n` (n from the printer profile, 52 on Epson);
 *    a line holding a character CP1258 cannot print (after transliteration) is printed as a raster
 *    image instead, so nothing ever comes out as "?".
 *  - 'raster': every text line drawn with DejaVu Sans and sent as `GS v 0` images (any printer).
 * The QR code is always the printer's own `GS ( k` model 2 symbol; the job ends with feed + `GS V`.
 */
import { isMcError } from '../protocol/errors.js';
import { encodeCp1258, transliterateCp1258 } from './cp1258.js';
import { EscPosBuilder, type Align } from './escpos.js';
import { ticketElements, wrapWords, type TextStyle, type TicketElement, type TicketPrintData } from './layout.js';
import { cp1258CodePage, paperColumns, paperDots, type PrinterProfile } from './profiles.js';
import { logoBitmap, renderLines, type Bitmap, type RasterLine } from './raster.js';

export type { TicketPrintData, Priority } from './layout.js';
export type { PrinterProfile } from './profiles.js';

/** Character-mode styles: size multipliers, bold, inverted. */
const CHAR_STYLE: Readonly<Record<TextStyle, { w: number; h: number; bold: boolean; invert: boolean }>> = {
  office: { w: 1, h: 1, bold: true, invert: false },
  address: { w: 1, h: 1, bold: false, invert: false },
  small: { w: 1, h: 1, bold: false, invert: false },
  body: { w: 1, h: 1, bold: false, invert: false },
  field: { w: 1, h: 2, bold: true, invert: false },
  copy: { w: 1, h: 1, bold: true, invert: true },
  priority: { w: 1, h: 2, bold: true, invert: true },
};

/** Raster-mode styles: font size in dots. */
const RASTER_STYLE: Readonly<Record<TextStyle, { px: number; bold: boolean; invert: boolean }>> = {
  office: { px: 26, bold: true, invert: false },
  address: { px: 20, bold: false, invert: false },
  small: { px: 20, bold: false, invert: false },
  body: { px: 24, bold: false, invert: false },
  field: { px: 32, bold: true, invert: false },
  copy: { px: 26, bold: true, invert: true },
  priority: { px: 28, bold: true, invert: true },
};

export function encodeTicket(d: TicketPrintData, opts: PrinterProfile): Uint8Array {
  const b = new EscPosBuilder().initialize().cancelKanji();
  const elements = ticketElements(d);
  if (opts.text === 'cp1258') encodeCharMode(b, elements, opts);
  else encodeRasterMode(b, elements, opts);
  return b.feed(3).cut(0).bytes();
}

function qrModule(paper: 58 | 80): number {
  return paper === 58 ? 5 : 7;
}

function putBitmap(b: EscPosBuilder, bm: Bitmap): void {
  b.align('left').raster(bm.width, bm.height, bm.bits);
}

function encodeCharMode(b: EscPosBuilder, elements: TicketElement[], p: PrinterProfile): void {
  const cols = paperColumns(p.paper);
  const dots = paperDots(p.paper);
  b.codePage(cp1258CodePage(p));
  for (const el of elements) {
    switch (el.kind) {
      case 'logo': putBitmap(b, logoBitmap(el.png, dots)); break;
      case 'rule': b.align('left').size(1, 1).bold(false).line(encodeCp1258('-'.repeat(cols))); break;
      case 'qr': b.align('center').qr(el.data, qrModule(p.paper)).raw([0x0a]); break;
      case 'number': {
        const len = Math.max(1, [...el.text].length);
        const m = Math.max(1, Math.min(8, Math.floor(cols / len)));
        b.align('center').bold(true).size(m, m).line(encodeCp1258(el.text)).size(1, 1).bold(false);
        break;
      }
      case 'text': charText(b, el.text, el.style, el.align, cols, dots); break;
    }
  }
}

function charText(b: EscPosBuilder, text: string, style: TextStyle, align: Align, cols: number, dots: number): void {
  const s = CHAR_STYLE[style];
  b.align(align).size(s.w, s.h).bold(s.bold).invert(s.invert);
  // wrapped as printed: "→" takes two columns ("->") on paper, so expand before measuring
  for (const line of wrapWords(transliterateCp1258(text), Math.floor(cols / s.w), (x) => [...x].length)) {
    try {
      b.line(encodeCp1258(line));
    } catch (e) {
      if (!isMcError(e)) throw e;
      // Not printable in CP1258: print this line as an image instead of guessing.
      const r = RASTER_STYLE[style];
      b.invert(false);
      putBitmap(b, renderLines([{ text: line, px: r.px, bold: r.bold, align, invert: r.invert }], dots));
      b.align(align).invert(s.invert);
    }
  }
  b.invert(false).bold(false).size(1, 1);
}

function rasterLineFor(el: TicketElement, dots: number): RasterLine | undefined {
  switch (el.kind) {
    case 'text': {
      const r = RASTER_STYLE[el.style];
      return { text: el.text, px: r.px, bold: r.bold, invert: r.invert, align: el.align, gapAfter: 4 };
    }
    case 'number': {
      const len = Math.max(1, [...el.text].length);
      const px = Math.min(170, Math.floor((dots - 8) / (len * 0.72)));
      return { text: el.text, px, bold: true, align: 'center' };
    }
    case 'rule': return { text: '', px: 16, rule: true };
    default: return undefined;
  }
}

function encodeRasterMode(b: EscPosBuilder, elements: TicketElement[], p: PrinterProfile): void {
  const dots = paperDots(p.paper);
  let block: RasterLine[] = [];
  const flush = (): void => {
    if (block.length) putBitmap(b, renderLines(block, dots));
    block = [];
  };
  for (const el of elements) {
    const line = rasterLineFor(el, dots);
    if (line) { block.push(line); continue; }
    flush();
    if (el.kind === 'logo') putBitmap(b, logoBitmap(el.png, dots));
    else if (el.kind === 'qr') b.align('center').qr(el.data, qrModule(p.paper)).raw([0x0a]);
  }
  flush();
}
