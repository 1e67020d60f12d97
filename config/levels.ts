/**
 * Office levels of the two-tier administration (since 1 July 2025, Decree 118/2025/NĐ-CP) and the names that
 * follow from them. Pure: the hub, the migration and the templates use it; pages receive the derived texts.
 *   province          Trung tâm Phục vụ hành chính công tỉnh / thành phố {place}
 *   province_branch   Chi nhánh {place} – Trung tâm Phục vụ hành chính công tỉnh …
 *   commune           Trung tâm Phục vụ hành chính công xã / phường / đặc khu {place}
 *   reception_point   Điểm tiếp nhận {place} – Trung tâm Phục vụ hành chính công phường …
 *   district          the district office of before 2025, kept only for a configuration that says so
 */
export const OFFICE_LEVELS = ['province', 'province_branch', 'commune', 'reception_point', 'district'] as const;
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];

export const OFFICE_UNITS = ['', 'tinh', 'thanh_pho', 'xa', 'phuong', 'dac_khu', 'huyen', 'quan', 'thi_xa'] as const;
export type OfficeUnit = (typeof OFFICE_UNITS)[number];

/** The word of each unit, as written before its name: "phường Tân Định". */
export const UNIT_WORDS: Readonly<Record<OfficeUnit, string>> = {
  '': '', tinh: 'tỉnh', thanh_pho: 'thành phố', xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu', huyen: 'huyện', quan: 'quận', thi_xa: 'thị xã',
};

/** Units each level may name (the first is the default). */
export const UNITS_OF_LEVEL: Readonly<Record<OfficeLevel, readonly OfficeUnit[]>> = {
  province: ['tinh', 'thanh_pho'], province_branch: ['tinh', 'thanh_pho'],
  commune: ['xa', 'phuong', 'dac_khu'], reception_point: ['xa', 'phuong', 'dac_khu', 'tinh', 'thanh_pho'],
  district: ['huyen', 'quan', 'thi_xa', 'thanh_pho'],
};

export const LEVEL_LABELS: Readonly<Record<OfficeLevel, { vi: string; en: string }>> = {
  province: { vi: 'Trung tâm cấp tỉnh', en: 'Province center' },
  province_branch: { vi: 'Chi nhánh Trung tâm cấp tỉnh', en: 'Branch of the province center' },
  commune: { vi: 'Trung tâm cấp xã', en: 'Commune-level center' },
  reception_point: { vi: 'Điểm tiếp nhận', en: 'Reception point' },
  district: { vi: 'Bộ phận Một cửa cấp huyện (trước 01/7/2025)', en: 'District office (before 1 July 2025)' },
};

export const CENTER = 'Trung tâm Phục vụ hành chính công';

export interface OfficeNaming { level: OfficeLevel; unit: OfficeUnit; place: string; center: string; branch: string }

/** "Trung tâm Phục vụ hành chính công phường Tân Định" from the unit and the place. */
export function centerName(unit: OfficeUnit, place: string): string {
  return [CENTER, UNIT_WORDS[unit], place].filter(Boolean).join(' ');
}

/** The full name of an office whose configuration gives no name. */
export function fullName(o: OfficeNaming): string {
  switch (o.level) {
    case 'province': case 'commune': return centerName(o.unit, o.place);
    case 'province_branch': return `Chi nhánh ${o.branch || o.place} – ${o.center || centerName(o.unit, o.place)}`;
    case 'reception_point': return `Điểm tiếp nhận ${o.branch || o.place} – ${o.center || centerName(o.unit, o.place)}`;
    case 'district': return `Bộ phận Tiếp nhận và Trả kết quả ${UNIT_WORDS[o.unit] || 'huyện'} ${o.place}`.trim();
  }
}

/** A short name for small screens: "Trung tâm PVHCC phường Tân Định", "Điểm tiếp nhận Tân Định". */
export function shortName(o: OfficeNaming): string {
  switch (o.level) {
    case 'province': case 'commune': return ['Trung tâm PVHCC', UNIT_WORDS[o.unit], o.place].filter(Boolean).join(' ');
    case 'province_branch': return `Chi nhánh ${o.branch || o.place}`;
    case 'reception_point': return `Điểm tiếp nhận ${o.branch || o.place}`;
    case 'district': return `Một cửa ${UNIT_WORDS[o.unit] || 'huyện'} ${o.place}`.trim();
  }
}

/** The unit a name speaks of ("… phường Tân Định" → phuong, "Tân Định"), or null. Longest words first. */
export function unitFromName(name: string): { unit: OfficeUnit; place: string } | null {
  const words = (Object.entries(UNIT_WORDS) as [OfficeUnit, string][]).filter(([, w]) => w).sort((a, b) => b[1].length - a[1].length);
  const lower = name.normalize('NFC').toLocaleLowerCase('vi');
  let best: { unit: OfficeUnit; at: number; len: number } | null = null;
  for (const [unit, w] of words) {
    for (const m of lower.matchAll(new RegExp(`(^|\\s)${w}\\s`, 'g'))) {
      const at = (m.index ?? 0) + (m[1] ?? '').length;
      // the last unit named wins; "thị xã" and "xã" end together: the longer (listed first) is kept
      if (!best || at + w.length > best.at + best.len) best = { unit, at, len: w.length };
    }
  }
  return best ? { unit: best.unit, place: name.normalize('NFC').slice(best.at + best.len).trim() } : null;
}
