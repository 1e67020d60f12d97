import type { Numbering } from '../../config/types.js';

/** Capacity of a field's daily series. */
export function seriesSize(n: Numbering): number {
  return n.end - n.start + 1;
}

/** The displayed number of the seq-th ticket (1-based) of a field's day: "1023" or "A-012". */
export function formatNumber(n: Numbering, seq: number): string {
  const value = n.start + seq - 1;
  return n.prefix ? `${n.prefix}-${String(value).padStart(n.pad, '0')}` : String(value);
}

/** Digits only (for 7-segment displays and voice): "A-012" → "012", "1023" → "1023". */
export function numberDigits(display: string): string {
  return display.replace(/[^0-9]/g, '');
}
