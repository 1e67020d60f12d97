/**
 * The level of a procedure in the one catalog of a 2026 center (issue 20): every center receives provincial,
 * commune and vertical-sector procedures regardless of administrative boundaries. Provincial systems and the
 * spreadsheets of their decisions write the level in words ("Cấp tỉnh", "Cấp xã", "Cơ quan ngành dọc", …);
 * `levelKindOf` reads them, and a procedure may carry its kind itself (`levelKind`).
 */
import { foldVietnamese } from './fold.js';
import type { Procedure } from './adapter.js';

export const LEVEL_KINDS = ['province', 'commune', 'vertical', 'district'] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

export const LEVEL_KIND_LABELS: Record<LevelKind, { vi: string; en: string }> = {
  province: { vi: 'Cấp tỉnh', en: 'Province level' },
  commune: { vi: 'Cấp xã', en: 'Commune level' },
  vertical: { vi: 'Ngành dọc', en: 'Vertical sector' },
  district: { vi: 'Cấp huyện (trước 01/7/2025)', en: 'District level (before 1 July 2025)' },
};

/** The kind of a level written in words, or null when it names none. */
export function levelKindOf(level: string): LevelKind | null {
  const f = ` ${foldVietnamese(level)} `;
  if (/ (nganh doc|trung uong|bo nganh|vertical) /.test(f)) return 'vertical';
  if (/ (tinh|thanh pho truc thuoc trung uong|province) /.test(f)) return 'province';
  if (/ (xa|phuong|dac khu|thi tran|commune|ward) /.test(f)) return 'commune';
  if (/ (huyen|quan|thi xa|district) /.test(f)) return 'district';
  return null;
}

/** A procedure with its level kind filled in (its own, else read from its level in words). */
export function withLevelKind(p: Procedure): Omit<Procedure, 'levelKind'> & { levelKind: LevelKind | null } {
  return { ...p, levelKind: p.levelKind ?? levelKindOf(p.level) };
}
