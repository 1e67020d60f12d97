/**
 * Config version 1 → 2: the office levels of 2026 (two-tier administration, Decree 118/2025/NĐ-CP).
 * - `office.unit` and `office.place` are read from the name when absent ("… xã An Phú" → xa, "An Phú").
 * - `office.level: district` is kept (the configuration says so), with a warning: there are no districts since
 *   1 July 2025; the office is now a commune-level center, a branch of the province center or a reception point.
 * - a name of the earlier bodies ("Bộ phận Tiếp nhận và Trả kết quả …", "Bộ phận Một cửa …") is kept, with a
 *   warning giving the 2026 name.
 * - the hall notice equal to version 1's default ("Bộ phận Một cửa làm việc …") is removed: version 2 says it
 *   from the office's name and hours.
 * Names are never rewritten: an office's name is official and only its people change it.
 */
import { fullName, unitFromName, type OfficeLevel, type OfficeUnit } from '../levels.js';
import type { MigrationStep } from './types.js';

const V1_NOTICE = 'Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu: sáng 7h00–11h00, chiều 13h00–17h00.';
const OLD_BODY = /^(Bộ phận Tiếp nhận và Trả kết quả|Bộ phận Một cửa)(\s|$)/u;

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => (v && typeof v === 'object' && !Array.isArray(v) ? v as Doc : {});

export const v1ToV2: MigrationStep = (doc, warn) => {
  const office = obj(doc.office);
  const name = typeof office.name === 'string' ? office.name : '';
  const level = (typeof office.level === 'string' ? office.level : 'district') as OfficeLevel;
  if (office.level === undefined) office.level = level; // version 1's default was "district": said now, not implied
  const found = unitFromName(name);
  if (office.unit === undefined && found) office.unit = found.unit;
  if (office.place === undefined && found?.place) office.place = found.place;
  if (level === 'district') {
    warn('office.level', 'Cấp huyện không còn từ 01/7/2025 (Nghị định 118/2025/NĐ-CP); cấu hình giữ "district". Hãy chọn commune, province, province_branch hoặc reception_point. '
      + '/ There are no districts since 1 July 2025; kept as configured — choose commune, province, province_branch or reception_point.');
  } else if (OLD_BODY.test(name)) {
    const unit = (typeof office.unit === 'string' ? office.unit : '') as OfficeUnit;
    const suggested = fullName({ level, unit, place: String(office.place ?? ''), center: '', branch: '' });
    warn('office.name', `Tên theo mô hình trước 2025; tên năm 2026: "${suggested}". / A name of the earlier bodies; the 2026 name would be "${suggested}".`);
  }
  const texts = obj(doc.texts);
  if (texts.notice === V1_NOTICE) {
    delete texts.notice;
    warn('texts.notice', 'Thông báo mặc định cũ được thay bằng thông báo theo tên và giờ làm việc của đơn vị. / The old default notice now follows the office\'s name and hours.');
  }
  return doc;
};
