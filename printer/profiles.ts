/**
 * Printer profiles: paper width → printable dots and columns, printer model → the `ESC t` number of
 * its Windows-1258 table. Code page numbers differ between vendors (they are per-firmware tables);
 * the values here come from the vendors' ESC/POS code page lists (the same ones
 * @point-of-sale/receipt-printer-encoder ships). A model not listed here has no known CP1258 table:
 * use `text: 'raster'` for it, or set `codePage` explicitly after testing a printout.
 */
import { McError } from '../protocol/errors.js';

export interface PrinterProfile {
  paper: 58 | 80;
  text: 'raster' | 'cp1258';
  /** Model id, e.g. 'epson-tm-t82', 'xprinter-xp-58'. Chooses the CP1258 table number. */
  model?: string;
  /** Explicit `ESC t n` for CP1258, overriding the model table (for clones tested on site). */
  codePage?: number;
}

/** Printable dots per line at 203 dpi (8 dots/mm): 48 mm on 58 mm paper, 72 mm on 80 mm paper. */
export function paperDots(paper: 58 | 80): number {
  return paper === 58 ? 384 : 576;
}

/** Columns of font A (12×24 dots). */
export function paperColumns(paper: 58 | 80): number {
  return paperDots(paper) / 12;
}

/** Known model families → `ESC t n` for WPC1258, or null when the family has no such table. */
const CP1258_BY_FAMILY: ReadonlyArray<readonly [RegExp, number | null]> = [
  [/^epson/i, 52],
  [/^citizen/i, 32],
  [/^bixolon/i, 41],
  [/^(pos-5890|pos-8360|pos-58|pos-80|goojprt|hoin)/i, 27],
  [/^youku/i, 35],
  [/^(xprinter|xp-)/i, null],
  [/^(star|sunmi|hp|fujitsu|metapace|mpt)/i, null],
];

/** The default when no model is configured: Epson's table number (the ESC/POS reference printer). */
export const DEFAULT_CP1258_PAGE = 52;

/** `ESC t n` to use for CP1258 text with this profile; throws when the model has no CP1258 table. */
export function cp1258CodePage(profile: PrinterProfile): number {
  if (profile.codePage !== undefined) return profile.codePage;
  if (!profile.model) return DEFAULT_CP1258_PAGE;
  for (const [re, page] of CP1258_BY_FAMILY) {
    if (!re.test(profile.model)) continue;
    if (page === null) {
      throw new McError('MC_ERR_CONFIG_INVALID', `Printer model ${profile.model} has no Windows-1258 code page; use text mode 'raster'.`);
    }
    return page;
  }
  return DEFAULT_CP1258_PAGE;
}
