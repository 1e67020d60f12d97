/** Sample dossiers and figures served by the reference simulator (no personal data, like the real link). */
import type { DossierStatus, OfficeFigures } from './adapter.js';

export const DOSSIER_STATUS: Record<string, string> = {
  DA_TIEP_NHAN: 'Đã tiếp nhận',
  DANG_XU_LY: 'Đang xử lý',
  CHO_BO_SUNG: 'Yêu cầu bổ sung hồ sơ',
  CO_KET_QUA: 'Đã có kết quả, chờ trả',
  DA_TRA_KET_QUA: 'Đã trả kết quả',
  TU_CHOI: 'Từ chối giải quyết',
};

const COLLECT = 'Quầy trả kết quả, Trung tâm Phục vụ hành chính công (dữ liệu mẫu)';

type Row = [code: string, procedureName: string, statusCode: string, receivedAt: string, appointmentDate: string, onTime: boolean, overdue: boolean];

const ROWS: Row[] = [
  ['000.00.12.H01-261120-0001', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'DANG_XU_LY', '2020-11-26T08:15:00+07:00', '2020-12-17', false, true],
  ['000.00.12.H01-261120-0002', 'Đăng ký khai sinh', 'DA_TRA_KET_QUA', '2020-11-26T09:02:00+07:00', '2020-11-26', true, false],
  ['000.00.12.H01-261120-0003', 'Đăng ký biến động đất đai, tài sản gắn liền với đất', 'CO_KET_QUA', '2020-11-26T10:40:00+07:00', '2020-12-10', true, false],
  ['000.00.12.H01-271120-0004', 'Đăng ký thành lập hộ kinh doanh', 'CHO_BO_SUNG', '2020-11-27T14:20:00+07:00', '2020-12-02', true, false],
  ['000.00.12.H01-271120-0005', 'Chứng thực chữ ký trong các giấy tờ, văn bản', 'DA_TIEP_NHAN', '2020-11-27T15:30:00+07:00', '2020-11-30', true, false],
  ['000.00.12.H01-301120-0006', 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu', 'TU_CHOI', '2020-11-30T08:05:00+07:00', '2020-12-28', true, false],
];

export function sampleDossiers(): Map<string, DossierStatus> {
  return new Map(ROWS.map(([code, procedureName, statusCode, receivedAt, appointmentDate, onTime, overdue]) => [code, {
    code, procedureName, status: DOSSIER_STATUS[statusCode] ?? statusCode, statusCode, receivedAt, appointmentDate, onTime, overdue, collectAt: COLLECT,
  }]));
}

export function sampleFigures(nowMs: number): OfficeFigures {
  return { onTime: 1287, overdue: 3, inProgress: 46, asOf: new Date(nowMs).toISOString() };
}

/**
 * What a provincial system learns from a forwarded "received" service: the dossier it received, with its code (the
 * reference simulator then answers lookups of codes the office's clerks recorded, as the real system would).
 */
export function dossierFromEvent(payload: unknown): DossierStatus | null {
  const p = payload as { type?: string; at?: number; data?: { outcome?: string; dossierCode?: string | null } } | null;
  const code = p?.data?.dossierCode;
  if (p?.type !== 'ticket.finished' || p.data?.outcome !== 'received' || !code || typeof p.at !== 'number') return null;
  const received = new Date(p.at);
  const appointment = new Date(p.at + 3 * 86_400_000).toISOString().slice(0, 10);
  return { code: code.toUpperCase(), procedureName: 'Hồ sơ tiếp nhận tại quầy (dữ liệu mẫu)', status: DOSSIER_STATUS.DA_TIEP_NHAN ?? 'Đã tiếp nhận', statusCode: 'DA_TIEP_NHAN',
    receivedAt: received.toISOString(), appointmentDate: appointment, onTime: true, overdue: false, collectAt: COLLECT };
}
