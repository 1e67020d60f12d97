import { OUTCOME_LABELS as LABELS } from './enums.js';
import type { ClerkSummary } from './reports.js';
import type { Figures, Report } from './reports.js';

/** The report table's columns (Vietnamese headers), shared by CSV, Excel and the page. Times in minutes. */
export interface Column<T> { header: string; get: (x: T) => string | number | null }

export const OUTCOME_LABELS: Readonly<Record<string, string>> = LABELS;
export const GROUP_LABELS: Record<string, string> = { office: 'Toàn bộ phận', field: 'Lĩnh vực', counter: 'Quầy', clerk: 'Công chức' };

export const minutes = (s: number | null): number | null => (s === null ? null : Math.round(s / 6) / 10);
const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);

export function reportColumns(r: Pick<Report, 'groupBy' | 'levels'>): Column<Figures>[] {
  return [
    { header: GROUP_LABELS[r.groupBy] ?? r.groupBy, get: (f) => f.name },
    { header: 'Số đã phát', get: (f) => f.issued },
    { header: 'Được gọi', get: (f) => f.called },
    { header: 'Đã phục vụ', get: (f) => f.served },
    { header: 'Vắng mặt', get: (f) => f.noShows },
    { header: 'Hủy', get: (f) => f.voided },
    { header: 'Hết hạn', get: (f) => f.expired },
    { header: 'Chuyển', get: (f) => f.transferred },
    { header: 'Chờ – trung vị (phút)', get: (f) => minutes(f.wait.median) },
    { header: 'Chờ – 90% (phút)', get: (f) => minutes(f.wait.p90) },
    { header: 'Phục vụ – trung vị (phút)', get: (f) => minutes(f.service.median) },
    { header: 'Phục vụ – 90% (phút)', get: (f) => minutes(f.service.p90) },
    ...Object.entries(OUTCOME_LABELS).map(([k, label]): Column<Figures> => ({ header: label, get: (f) => f.outcomes[k] ?? 0 })),
    ...r.levels.map((l): Column<Figures> => ({ header: l.label, get: (f) => f.ratings.perLevel[l.key] ?? 0 })),
    { header: 'Lượt đánh giá', get: (f) => f.ratings.count },
    { header: 'Điểm hài lòng', get: (f) => f.ratings.score },
    { header: 'Tỷ lệ được đánh giá (%)', get: (f) => pct(f.ratings.ratedShare) },
  ];
}

export function clerkColumns(levels: { key: string; label: string }[]): Column<ClerkSummary>[] {
  return [
    { header: 'Công chức', get: (c) => c.name },
    { header: 'Chức danh', get: (c) => c.title },
    { header: 'Cơ quan cử', get: (c) => c.agency },
    { header: 'Số phiên làm việc', get: (c) => c.sessions },
    { header: 'Thời gian làm việc (giờ)', get: (c) => Math.round(c.signedInMinutes / 6) / 10 },
    { header: 'Đã phục vụ', get: (c) => c.served },
    { header: 'Vắng mặt', get: (c) => c.noShows },
    { header: 'Phục vụ – trung vị (phút)', get: (c) => minutes(c.service.median) },
    { header: 'Phục vụ – 90% (phút)', get: (c) => minutes(c.service.p90) },
    ...levels.map((l): Column<ClerkSummary> => ({ header: l.label, get: (c) => c.ratings.perLevel[l.key] ?? 0 })),
    { header: 'Lượt đánh giá', get: (c) => c.ratings.count },
    { header: 'Điểm hài lòng', get: (c) => c.ratings.score },
    { header: 'Cảnh báo', get: (c) => (c.flagged ? 'Dưới ngưỡng' : '') },
  ];
}
