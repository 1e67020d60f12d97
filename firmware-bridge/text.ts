/**
 * Text for small device screens.
 *
 * LCD rule (HD44780 ROM A00 has ASCII only): NFD-decompose, drop every combining mark
 * (U+0300–U+036F: the five tone marks, circumflex, breve, horn), then map Đ→D and đ→d
 * (Đ is its own letter, not D + a mark, so it needs the explicit step). Any character still
 * outside printable ASCII becomes '?'. "Nguyễn Thị Lan" → "Nguyen Thi Lan", "Võ Minh Đức" → "Vo Minh Duc".
 */
export function toLcdAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** Fit to exactly `cols` characters: cut, or pad with spaces. */
export function fit(text: string, cols: number): string {
  return text.length >= cols ? text.slice(0, cols) : text + ' '.repeat(cols - text.length);
}

/**
 * What a MAX7219 7-segment row shows: digits only (ticket numbers are numeric; letters such as B/8
 * or D/0 look alike on seven segments), anything else blank. Right-aligned to `digits`.
 */
export function toSevenSegment(text: string, digits: number): string {
  const shown = text.replace(/[^0-9 ]/g, ' ');
  const cut = shown.length > digits ? shown.slice(shown.length - digits) : shown;
  return cut.padStart(digits, ' ');
}
