/**
 * The link to the provincial one-stop system ("Hệ thống thông tin một cửa điện tử" /
 * "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"): one small promise interface, implemented by
 * the generic HTTP JSON adapter (http-adapter.ts) and spoken by the reference simulator (sim.ts).
 * Wire shapes: docs/onestop.md.
 */

/** One outbox row as it travels to the provincial system. */
export interface OutboxEvent {
  /** `{officeId}:{eventSeq}`: the receiver keeps the first event with a key and ignores later copies. */
  idemKey: string;
  type: string;
  /** Milliseconds since the epoch (UTC) at which the hub committed the event. */
  at: number;
  /** The event as the queue store wrote it: `{ seq, type, at, office, data, ticket }`. */
  payload: unknown;
}

/** A dossier's handling status. Never carries personal names or ID numbers. */
export interface DossierStatus {
  /** Mã số hồ sơ, e.g. `000.00.12.H01-261120-0001`. */
  code: string;
  procedureName: string;
  /** Vietnamese label shown to citizens, e.g. "Đang xử lý". */
  status: string;
  /** Machine code of the status, e.g. `DANG_XU_LY` (see docs/onestop.md). */
  statusCode: string;
  /** ISO 8601 date-time of receipt. */
  receivedAt: string;
  /** ISO date (YYYY-MM-DD) of the appointment to return the result (Giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
  appointmentDate: string;
  onTime: boolean;
  overdue: boolean;
  /** A complaint (khiếu nại, phản ánh) was made about this dossier, when the provincial system says so (Decision 766). */
  complained?: boolean;
  /** Where to collect the result, e.g. "Quầy số 3, Trung tâm Phục vụ hành chính công phường …". */
  collectAt: string;
}

export interface Procedure {
  id: string;
  code: string;
  name: string;
  fieldId: string;
  fieldName: string;
  documents: string[];
  fee: string;
  processingTime: string;
  submitAt: string;
  legalBasis: string;
  level: string;
  inForce: boolean;
  /** province, commune, vertical (or district, before 2025); absent: read from `level` (broker/onestop/levels.ts). */
  levelKind?: 'province' | 'commune' | 'vertical' | 'district';
  /** Where the result is returned (nơi trả kết quả). */
  resultAt?: string;
}

export interface Catalog {
  version: string;
  /** ISO 8601 date-time the province published this version. */
  publishedAt: string;
  procedures: Procedure[];
}

/** The office's dossier figures for the hall display ("đúng hạn" / "quá hạn"). */
export interface OfficeFigures {
  onTime: number;
  overdue: number;
  inProgress: number;
  /** ISO 8601 date-time the figures were computed by the province. */
  asOf: string;
}

export interface RequestOptions {
  /** Abort the request (e.g. the forwarder is stopping). The adapter's own timeout still applies. */
  signal?: AbortSignal;
}

export interface OnestopAdapter {
  /**
   * Deliver events in the given order. All-or-nothing: resolves only when the receiver acknowledged every
   * event of the batch (it dedupes by idemKey, so re-sending after a failure is safe); rejects with
   * McError('MC_ERR_UPLINK_DOWN') otherwise.
   */
  forward(events: OutboxEvent[], opts?: RequestOptions): Promise<void>;
  /** null when the provincial system does not know the code. */
  lookupDossier(code: string, opts?: RequestOptions): Promise<DossierStatus | null>;
  fetchCatalog(opts?: RequestOptions): Promise<Catalog>;
  fetchFigures(opts?: RequestOptions): Promise<OfficeFigures>;
}

/** What went wrong on the link, carried as McError('MC_ERR_UPLINK_DOWN').details. */
export interface UplinkFailure {
  kind: 'timeout' | 'aborted' | 'network' | 'http' | 'bad_response';
  /** HTTP status when kind is 'http' (401: credentials refused, 503: the provincial system is down …). */
  status?: number;
  /** Error code from the receiver's body, when it sent one. */
  code?: string;
}
