/**
 * Dossier codes (Mã số hồ sơ) and the QR code of the receipt and appointment slip ("Giấy tiếp nhận hồ sơ và hẹn
 * trả kết quả", Circular 01/2023/TT-VPCP). The QR holds the dossier code with the procedure code, the applicant's
 * ID number and the appointment date, in a layout that differs by provincial system (delimited text, key=value
 * pairs, JSON or a link): only the dossier code is taken, everything else is dropped where it was read.
 */
export const DEFAULT_DOSSIER_CODE_PATTERN = '^[0-9A-Z]{1,6}(\\.[0-9A-Z]{1,6}){1,4}-[0-9]{6}-[0-9]{4,6}$';

/** The configured pattern as a RegExp (an invalid one falls back to the national default). */
export function dossierCodeRe(pattern: string): RegExp {
  try { return new RegExp(pattern || DEFAULT_DOSSIER_CODE_PATTERN); } catch { return new RegExp(DEFAULT_DOSSIER_CODE_PATTERN); }
}

export function isDossierCode(code: string, pattern: string): boolean {
  return dossierCodeRe(pattern).test(code.trim().toUpperCase());
}

const KEY_RE = /ma.?h(o|ồ).?s(o|ơ)|mahs|dossier|hoso|code/i;

function jsonValues(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== 'object') return [];
    const entries = Object.entries(v as Record<string, unknown>);
    return [...entries.filter(([k]) => KEY_RE.test(k)), ...entries].map(([, x]) => String(x));
  } catch { return []; }
}

function urlValues(text: string): string[] {
  try {
    const u = new URL(text);
    const entries = [...u.searchParams.entries()];
    return [...entries.filter(([k]) => KEY_RE.test(k)), ...entries].map(([, x]) => x).concat(u.pathname.split('/'));
  } catch { return []; }
}

/** Every piece of a delimited text: "a|b;c" or "MaHoSo=x&NgayHen=y" or one value per line. */
function pieces(text: string): string[] {
  return text.split(/[|;,\t\r\n&]+/).flatMap((p) => { const i = p.indexOf('='); const j = p.indexOf(':'); const at = i >= 0 ? i : j; return at >= 0 ? [p.slice(at + 1), p] : [p]; });
}

/**
 * The dossier code a scanned QR holds, or null when it is not a receipt's QR. The raw text is not kept: the caller
 * gets the code alone.
 */
export function dossierCodeFromQr(raw: string, pattern: string): string | null {
  const text = raw.normalize('NFC').trim();
  if (!text || text.length > 2000) return null;
  const re = dossierCodeRe(pattern);
  for (const c of [...jsonValues(text), ...urlValues(text), ...pieces(text), text]) {
    const code = c.trim().toUpperCase();
    if (code && re.test(code)) return code;
  }
  return null;
}
