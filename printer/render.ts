/**
 * Print preview: draw a decoded ESC/POS job the way the paper would look (font A 12×24 cells with
 * size multipliers, inverted bars, raster images dot for dot, QR codes drawn with `qrcode`).
 */
import { createRequire } from 'node:module';
import type * as Canvas from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';

/** @napi-rs/canvas is loaded on first use (~18 MB): a hub whose printers use a code page never pays for it. */
let canvasLib: typeof Canvas | null = null;
function napi(): typeof Canvas {
  canvasLib ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof Canvas;
  return canvasLib;
}
import QRCode from 'qrcode';
import { McError } from '../protocol/errors.js';
import type { DecodedJob, PrintItem } from './decode.js';
import type { Align } from './escpos.js';

const MONO = 'McPreviewMono';
const MONO_BOLD = 'McPreviewMonoBold';
const MONO_PATHS = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', MONO], // DejaVu Sans Mono lacks the precomposed Vietnamese letters: the preview drew ố as ô + ´
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf', MONO_BOLD],
] as const;

function ensurePreviewFonts(): void {
  for (const [path, alias] of MONO_PATHS) {
    if (napi().GlobalFonts.has(alias)) continue;
    if (napi().GlobalFonts.registerFromPath(path, alias) === null) {
      throw new McError('MC_ERR_INTERNAL', `Preview font not found: ${path}. Install the Debian package fonts-dejavu-core.`);
    }
  }
}

const MARGIN = 16;
const CELL_W = 12;
const CELL_H = 24;
const LINE_GAP = 6;

/** One placed drawing step; heights are known before drawing so the canvas is sized once. */
interface Step { height: number; draw: (ctx: SKRSContext2D, top: number) => void }

/** Render a decoded job to a PNG of the paper (`paperDots` = 384 for 58 mm, 576 for 80 mm). */
export function renderJobPng(job: DecodedJob, paperDots: number): Buffer {
  ensurePreviewFonts();
  const steps = job.items.flatMap((it) => stepsFor(it, paperDots));
  const height = steps.reduce((h, s) => h + s.height, 0) + 2 * MARGIN;
  const canvas = napi().createCanvas(paperDots + 2 * MARGIN, Math.max(height, 2 * MARGIN + 1));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  let top = MARGIN;
  for (const s of steps) { s.draw(ctx, top); top += s.height; }
  return canvas.toBuffer('image/png');
}

function xFor(align: Align, contentWidth: number, paperDots: number): number {
  const free = Math.max(0, paperDots - contentWidth);
  return MARGIN + (align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0);
}

function stepsFor(it: PrintItem, paperDots: number): Step[] {
  switch (it.kind) {
    case 'text': return textSteps(it, paperDots);
    case 'feed': return [{ height: Math.round(it.lines * (CELL_H + LINE_GAP)), draw: () => undefined }];
    case 'cut': return [{ height: 12, draw: (ctx, top) => {
      ctx.strokeStyle = '#888';
      ctx.setLineDash([6, 4]);
      ctx.beginPath(); ctx.moveTo(0, top + 6); ctx.lineTo(paperDots + 2 * MARGIN, top + 6); ctx.stroke();
      ctx.setLineDash([]);
    } }];
    case 'raster': return [{ height: it.height, draw: (ctx, top) => drawRaster(ctx, it, xFor(it.align, it.width, paperDots), top) }];
    case 'qr': {
      const qr = QRCode.create(it.data, { errorCorrectionLevel: it.level });
      const n = qr.modules.size;
      const px = n * it.moduleSize;
      return [{ height: px, draw: (ctx, top) => {
        const x0 = xFor(it.align, px, paperDots);
        ctx.fillStyle = '#000';
        for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
          if (qr.modules.get(r, c)) ctx.fillRect(x0 + c * it.moduleSize, top + r * it.moduleSize, it.moduleSize, it.moduleSize);
        }
      } }];
    }
  }
}

/** A printer wraps a text line at its column count; so does the preview. */
function textSteps(it: Extract<PrintItem, { kind: 'text' }>, paperDots: number): Step[] {
  const cols = Math.max(1, Math.floor(paperDots / (CELL_W * it.width)));
  const chars = [...it.text.normalize('NFC')];
  const rows: string[] = [];
  for (let i = 0; i < Math.max(1, chars.length); i += cols) rows.push(chars.slice(i, i + cols).join(''));
  const rowH = CELL_H * it.height + LINE_GAP;
  return rows.map((row) => ({ height: rowH, draw: (ctx, top) => {
    ctx.font = `20px ${it.bold ? MONO_BOLD : MONO}`;
    const w = Math.min(paperDots, ctx.measureText(row).width * it.width); // the preview font is proportional: measure it
    const x = xFor(it.align, w, paperDots);
    if (it.invert) { ctx.fillStyle = '#000'; ctx.fillRect(x, top, w, CELL_H * it.height); }
    ctx.save();
    ctx.translate(x, top);
    ctx.scale(it.width, it.height);
    ctx.font = `20px ${it.bold ? MONO_BOLD : MONO}`;
    ctx.fillStyle = it.invert ? '#fff' : '#000';
    ctx.fillText(row, 0, 19);
    ctx.restore();
  } }));
}

function drawRaster(ctx: SKRSContext2D, it: Extract<PrintItem, { kind: 'raster' }>, x: number, top: number): void {
  const bpr = it.width / 8;
  const img = ctx.createImageData(it.width, it.height);
  for (let y = 0; y < it.height; y++) {
    for (let xx = 0; xx < it.width; xx++) {
      const on = ((it.bits[y * bpr + (xx >> 3)] ?? 0) & (0x80 >> (xx & 7))) !== 0;
      const i = (y * it.width + xx) * 4;
      const v = on ? 0 : 255;
      img.data[i] = v; img.data[i + 1] = v; img.data[i + 2] = v; img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, x, top);
}
