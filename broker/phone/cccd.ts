/**
 * The QR code on the chip ID card (căn cước / CCCD): `ID number|old ID number|full name|birth date ddmmyyyy|sex|
 * address|issue date ddmmyyyy` (fields separated by '|'; the old number may be empty). The hub keeps only what it
 * needs the moment it reads it: the ID number, to key the per-person limit (and dropped at once), and the birth date,
 * for age priority. The name and the address are never copied out of the scanned text.
 */
export interface CardFacts { idNumber: string; birthDay: string }

const ID_RE = /^\d{12}$/;
const DATE_RE = /^(\d{2})(\d{2})(\d{4})$/;

/** The card's ID number and birth date (YYYY-MM-DD), or null when the text is not a chip card's QR. */
export function readCard(text: string): CardFacts | null {
  const parts = text.trim().split('|');
  if (parts.length < 6 || parts.length > 8) return null;
  const id = parts[0] ?? '';
  const m = DATE_RE.exec(parts[3] ?? '');
  if (!ID_RE.test(id) || !m) return null;
  const [, d, mo, y] = m as unknown as [string, string, string, string];
  const day = `${y}-${mo}-${d}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return null;
  return { idNumber: id, birthDay: day };
}

/** Age in whole years on `today` (YYYY-MM-DD). */
export function ageOn(birthDay: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDay.slice(0, 4));
  return today.slice(5) >= birthDay.slice(5) ? years : years - 1;
}
