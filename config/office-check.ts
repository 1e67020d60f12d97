/** Rules of the office's level and names that the JSON schema cannot say (config/levels.ts). */
import { LEVEL_LABELS, UNIT_WORDS, UNITS_OF_LEVEL, type OfficeLevel, type OfficeUnit } from './levels.js';
import type { ConfigProblem } from './load.js';

interface Office { name: string; level: OfficeLevel; unit: OfficeUnit; place: string; center: string }

/** Fills an empty unit with its level's first; returns what is wrong, each with its path. */
export function checkOffice(o: Office): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const allowed = UNITS_OF_LEVEL[o.level];
  if (!o.unit) o.unit = allowed[0] ?? '';
  else if (!allowed.includes(o.unit)) {
    const words = allowed.map((u) => `${u} (${UNIT_WORDS[u]})`).join(', ');
    out.push({ path: 'office.unit', message: `${LEVEL_LABELS[o.level].vi} không thuộc "${UNIT_WORDS[o.unit]}"; chọn một trong: ${words}. / ${LEVEL_LABELS[o.level].en}: unit must be one of ${allowed.join(', ')}` });
  }
  if (!o.name.trim() && !o.place.trim()) {
    out.push({ path: 'office.place', message: 'Cần tên đơn vị (place) hoặc tên đầy đủ (name). / Give the place or the full name.' });
  }
  if ((o.level === 'reception_point' || o.level === 'province_branch') && !o.name.trim() && !o.center.trim()) {
    out.push({ path: 'office.center', message: 'Điểm tiếp nhận và chi nhánh cần tên Trung tâm mà nó thuộc về. / A reception point or branch needs the name of its center.' });
  }
  return out;
}

/** The 766 levels must be levels of the scale; the dossier-code pattern must be a regular expression. */
export function checkRatingAndCodes(c: { rating: { levels: { key: string }[]; dissatisfiedLevels: string[] }; onestop: { dossierCodePattern: string } }): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const keys = new Set(c.rating.levels.map((l) => l.key));
  c.rating.dissatisfiedLevels.forEach((k, i) => {
    if (!keys.has(k)) out.push({ path: `rating.dissatisfiedLevels[${i}]`, message: `mức "${k}" không có trong thang đánh giá / not a level of rating.levels` });
  });
  try { new RegExp(c.onestop.dossierCodePattern); } catch (e) {
    out.push({ path: 'onestop.dossierCodePattern', message: `biểu thức không hợp lệ / not a regular expression: ${(e as Error).message}` });
  }
  return out;
}
