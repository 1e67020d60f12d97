/** Diacritic- and case-insensitive matching of Vietnamese text ("dang ky khai sinh" finds "Đăng ký khai sinh"). */

/** Strip tone and vowel marks, map đ/Đ to d, lower-case, turn punctuation into single spaces. */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Folded words of a query, empty words dropped. */
export function queryTokens(query: string): string[] {
  const f = foldVietnamese(query);
  return f ? f.split(' ') : [];
}
