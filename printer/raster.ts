/**
 * Raster text: Vietnamese lines drawn with DejaVu Sans (@napi-rs/canvas) and thresholded to the
 * 1-bit bitmaps that `GS v 0` prints. Works on every ESC/POS printer, whatever its code pages.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';

/** @napi-rs/canvas is loaded on first use (~18 MB): a hub whose printers use a code page never pays for it. */
let canvasLib: typeof Canvas | null = null;
function napi(): typeof Canvas {
  canvasLib ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof Canvas;
  return canvasLib;
}
import { McError } from '../protocol/errors.js';
import type { Align } from './escpos.js';
import { wrapWords } from './layout.js';

export interface FontPaths { regular: string; bold: string }

/** Debian package fonts-dejavu-core. */
export const DEJAVU_FONTS: FontPaths = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

const FAMILY = 'McTicketSans';
const FAMILY_BOLD = 'McTicketSansBold';

/**
 * Register the ticket fonts with @napi-rs/canvas (its font registry is process-wide; registering
 * twice is harmless). Throws a clear error naming the missing file and the Debian package.
 */
export function ensureFonts(paths: FontPaths = DEJAVU_FONTS): void {
  if (napi().GlobalFonts.has(FAMILY) && napi().GlobalFonts.has(FAMILY_BOLD)) return;
  for (const [path, alias] of [[paths.regular, FAMILY], [paths.bold, FAMILY_BOLD]] as const) {
    if (!existsSync(path) || napi().GlobalFonts.registerFromPath(path, alias) === null) {
      throw new McError('MC_ERR_INTERNAL', `Ticket font not found or unreadable: ${path}. Install the Debian package fonts-dejavu-core.`);
    }
  }
}

export interface Bitmap { width: number; height: number; bits: Uint8Array }

export interface RasterLine {
  text: string;
  /** Font size in dots (24 ≈ ESC/POS font A). */
  px: number;
  bold?: boolean;
  align?: Align;
  /** White text on a black bar. */
  invert?: boolean;
  /** Extra blank dots after the line. */
  gapAfter?: number;
  /** Draw a horizontal rule instead of text. */
  rule?: boolean;
}

function fontOf(l: RasterLine): string {
  return `${l.px}px ${l.bold ? FAMILY_BOLD : FAMILY}`;
}

/** A wrapped row: `baseline` dots below `top`. The row is as tall as its ink needs: a capital with a mark above
 * (Ả, Ổ, Ễ) reaches higher than the font's ascent, and the row (and an inverted bar) must hold all of it. */
interface Placed { text: string; line: RasterLine; top: number; height: number; baseline: number }

/** Dots kept clear between a row's ink and its edge (more inside a black bar, so a mark never touches its edge). */
const inkPad = (l: RasterLine): number => (l.invert ? 3 : 1);

/** A row's baseline and height for the text drawn in it (the font already set on `ctx`). */
function rowMetrics(ctx: { measureText(s: string): { actualBoundingBoxAscent: number; actualBoundingBoxDescent: number } }, l: RasterLine, text: string): { baseline: number; height: number } {
  const nominal = Math.ceil(l.px * 1.25);
  const base = Math.round(l.px * 0.95);
  if (!text) return { baseline: base, height: nominal };
  const m = ctx.measureText(text);
  const baseline = Math.max(base, Math.ceil(m.actualBoundingBoxAscent) + inkPad(l));
  const below = Math.max(nominal - base, Math.ceil(m.actualBoundingBoxDescent) + inkPad(l));
  return { baseline, height: baseline + below };
}

/** Render lines (each wrapped to `width` dots, never clipped) into one 1-bit bitmap. */
export function renderLines(lines: readonly RasterLine[], width: number): Bitmap {
  ensureFonts();
  const scratch = napi().createCanvas(8, 8).getContext('2d');
  const placed: Placed[] = [];
  let y = 0;
  for (const line of lines) {
    scratch.font = fontOf(line);
    const rowH = Math.ceil(line.px * 1.25);
    const parts = line.rule ? [''] : wrapWords(line.text, width - 4, (s) => scratch.measureText(s).width);
    for (const text of parts) {
      const r = line.rule ? { baseline: 0, height: rowH } : rowMetrics(scratch, line, text);
      placed.push({ text, line, top: y, height: r.height, baseline: r.baseline });
      y += r.height;
    }
    y += line.gapAfter ?? 0;
  }
  const height = Math.max(1, y);
  const canvas = napi().createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  for (const p of placed) drawPlaced(ctx, p, width);
  return toBitmap(ctx, width, height);
}

function drawPlaced(ctx: SKRSContext2D, p: Placed, width: number): void {
  if (p.line.rule) {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, p.top + Math.floor(p.height / 2) - 1, width, 2);
    return;
  }
  ctx.font = fontOf(p.line);
  const w = ctx.measureText(p.text).width;
  const align = p.line.align ?? 'left';
  const x = align === 'center' ? (width - w) / 2 : align === 'right' ? width - w - 2 : 2;
  if (p.line.invert) {
    ctx.fillStyle = '#000';
    ctx.fillRect(Math.max(0, x - 6), p.top, Math.min(width, w + 12), p.height);
  }
  ctx.fillStyle = p.line.invert ? '#fff' : '#000';
  ctx.fillText(p.text, x, p.top + p.baseline);
}

/**
 * Threshold a canvas region to 1 bit per dot (1 = black), rows padded to whole bytes. The canvas
 * is opaque (white background first), so green alone is a good luminance proxy and fast.
 */
export function toBitmap(ctx: SKRSContext2D, width: number, height: number): Bitmap {
  const data = ctx.getImageData(0, 0, width, height).data;
  const bpr = Math.ceil(width / 8);
  const bits = new Uint8Array(bpr * height);
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    for (let xb = 0; xb < bpr; xb++) {
      let byte = 0;
      const x0 = xb * 8;
      for (let k = 0; k < 8 && x0 + k < width; k++) {
        if ((data[row + (x0 + k) * 4 + 1] ?? 255) < 128) byte |= 0x80 >> k;
      }
      bits[y * bpr + xb] = byte;
    }
  }
  return { width: bpr * 8, height, bits };
}

/** Decode a PNG/JPEG logo, scale it to fit `maxWidth` dots (never up), centre it, threshold it. */
export function logoBitmap(png: Uint8Array, width: number, maxHeight = 160): Bitmap {
  const img = new (napi().Image)();
  img.src = Buffer.from(png);
  if (!img.width || !img.height) throw new McError('MC_ERR_CONFIG_INVALID', 'The office logo is not a readable image.');
  const scale = Math.min(1, width / img.width, maxHeight / img.height);
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const canvas = napi().createCanvas(width, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, h);
  ctx.drawImage(img, Math.floor((width - w) / 2), 0, w, h);
  return toBitmap(ctx, width, h);
}
