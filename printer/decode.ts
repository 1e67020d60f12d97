/**
 * Decode an ESC/POS job back into what the paper shows: text lines (CP1258 → NFC Vietnamese),
 * QR contents, raster images, cut. Used by the virtual printer, tests and the print preview.
 */
import { decodeCp1258 } from './cp1258.js';
import type { Align, QrErrorLevel } from './escpos.js';
import { isCut, tokenize, type Token } from './escpos-parse.js';

export type PrintItem =
  | { kind: 'text'; text: string; align: Align; bold: boolean; invert: boolean; width: number; height: number }
  | { kind: 'raster'; width: number; height: number; bits: Uint8Array; align: Align }
  | { kind: 'qr'; data: string; moduleSize: number; level: QrErrorLevel; align: Align }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface DecodedJob {
  /** Printed text lines, NFC, in order (empty lines left out). */
  lines: string[];
  /** Contents of every QR code printed. */
  qr: string[];
  cut: boolean;
  rasters: Array<{ width: number; height: number }>;
  /** The last `ESC t` code page selected (0 after ESC @ / when never set). */
  codePage: number;
  /** Everything in paper order, for rendering. */
  items: PrintItem[];
  /** Commands the decoder skipped without understanding, as hex. */
  unknown: string[];
}

export interface DecodeOptions {
  /** `ESC t` numbers whose table is Windows-1258 (default [52], Epson WPC1258). */
  cp1258Pages?: number[];
}

interface State {
  codePage: number; align: Align; bold: boolean; invert: boolean; width: number; height: number;
  line: number[]; lineStyle: Omit<Extract<PrintItem, { kind: 'text' }>, 'kind' | 'text'> | null;
  qrData: string; qrSize: number; qrLevel: QrErrorLevel;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];
const LEVELS: Readonly<Record<number, QrErrorLevel>> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

function fresh(): State {
  return { codePage: 0, align: 'left', bold: false, invert: false, width: 1, height: 1, line: [], lineStyle: null, qrData: '', qrSize: 3, qrLevel: 'L' };
}

export function decodeEscPos(bytes: Uint8Array, opts: DecodeOptions = {}): DecodedJob {
  const cpPages = new Set(opts.cp1258Pages ?? [52]);
  const job: DecodedJob = { lines: [], qr: [], cut: false, rasters: [], codePage: 0, items: [], unknown: [] };
  let s = fresh();
  const decodeText = (b: number[]): string => {
    const u = Uint8Array.from(b);
    if (cpPages.has(s.codePage)) return decodeCp1258(u);
    return [...u].map((x) => (x < 0x80 ? String.fromCharCode(x) : '\ufffd')).join('');
  };
  const flushLine = (): boolean => {
    if (!s.lineStyle) return false;
    const text = decodeText(s.line);
    job.items.push({ kind: 'text', text, ...s.lineStyle });
    if (text.trim()) job.lines.push(text);
    s.line = [];
    s.lineStyle = null;
    return true;
  };
  tokenize(bytes, 0, (tok) => {
    if (tok.t === 'text') {
      s.lineStyle ??= { align: s.align, bold: s.bold, invert: s.invert, width: s.width, height: s.height };
      s.line.push(tok.byte);
    } else if (tok.t === 'lf') {
      if (!flushLine()) job.items.push({ kind: 'feed', lines: 1 });
    } else {
      if (tok.prefix === 0x1b && tok.code === 0x40) { flushLine(); s = fresh(); job.codePage = 0; return; }
      applyCommand(tok, s, job, flushLine);
    }
  });
  flushLine();
  return job;
}

function applyCommand(tok: Extract<Token, { t: 'cmd' }>, s: State, job: DecodedJob, flushLine: () => boolean): void {
  const b = tok.bytes;
  const n = b[2] ?? 0;
  const key = String.fromCharCode(tok.prefix) + String.fromCharCode(tok.code);
  if (isCut(tok)) { flushLine(); job.cut = true; job.items.push({ kind: 'cut' }); return; }
  switch (key) {
    case '\x1bt': s.codePage = n; job.codePage = n; return;
    case '\x1ba': s.align = ALIGNS[n % 48] ?? 'left'; return;
    case '\x1bE': s.bold = (n & 1) === 1; return;
    case '\x1b!': s.bold = (n & 0x08) !== 0; s.height = n & 0x10 ? 2 : 1; s.width = n & 0x20 ? 2 : 1; return;
    case '\x1dB': s.invert = (n & 1) === 1; return;
    case '\x1d!': s.width = ((n >> 4) & 7) + 1; s.height = (n & 7) + 1; return;
    case '\x1bd': flushLine(); job.items.push({ kind: 'feed', lines: n }); return;
    case '\x1bJ': flushLine(); job.items.push({ kind: 'feed', lines: n / 24 }); return;
    case '\x1dv': {
      flushLine();
      const width = ((b[4] ?? 0) + (b[5] ?? 0) * 256) * 8;
      const height = (b[6] ?? 0) + (b[7] ?? 0) * 256;
      job.rasters.push({ width, height });
      job.items.push({ kind: 'raster', width, height, bits: b.slice(8), align: s.align });
      return;
    }
    case '\x1d(': qrCommand(b, s, job, flushLine); return;
    case '\x10\x04': case '\x10\x05': case '\x10\x14': return; // real-time commands: no ink
    default:
      if (!KNOWN_NOOPS.has(key)) job.unknown.push(Buffer.from(b.subarray(0, 8)).toString('hex'));
  }
}

/** Commands that only change things a preview does not draw. */
const KNOWN_NOOPS = new Set(['\x1b-', '\x1bG', '\x1bM', '\x1bR', '\x1b2', '\x1b3', '\x1b{', '\x1bV', '\x1bc', '\x1bp', '\x1d1', '\x1dL', '\x1dW', '\x1dh', '\x1dw', '\x1dH', '\x1df', '\x1da', '\x1c.', '\x1c&']);

function qrCommand(b: Uint8Array, s: State, job: DecodedJob, flushLine: () => boolean): void {
  if (b[2] !== 0x6b || b[5] !== 0x31) return; // GS ( k, cn 49 = QR; other GS ( functions ignored
  const fn = b[6];
  if (fn === 0x43) s.qrSize = b[7] ?? 3;
  else if (fn === 0x45) s.qrLevel = LEVELS[b[7] ?? 48] ?? 'L';
  else if (fn === 0x50) s.qrData = Buffer.from(b.subarray(8)).toString('utf8');
  else if (fn === 0x51) {
    flushLine();
    job.qr.push(s.qrData);
    job.items.push({ kind: 'qr', data: s.qrData, moduleSize: s.qrSize, level: s.qrLevel, align: s.align });
  }
}
