/**
 * Typed error codes. Every code has a Vietnamese message (shown to citizens and clerks)
 * and an English one (logs, technicians). Keep messages short enough for a 16x2 LCD where possible.
 */
export const ERRORS = {
  MC_ERR_BAD_REQUEST: { http: 400, vi: 'Yêu cầu không hợp lệ.', en: 'Invalid request.' },
  MC_ERR_BAD_PAYLOAD: { http: 400, vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'Malformed payload.' },
  MC_ERR_BAD_CATALOG: { http: 400, vi: 'Tệp danh mục thủ tục có lỗi; chưa nhập thủ tục nào, danh mục đang dùng được giữ nguyên.', en: 'The catalog file has problems; nothing was imported and the catalog in use is kept.' },
  MC_ERR_BAD_VERSION: { http: 400, vi: 'Phiên bản giao thức không được hỗ trợ.', en: 'Unsupported protocol version.' },
  MC_ERR_PAYLOAD_TOO_LARGE: { http: 413, vi: 'Dữ liệu quá lớn.', en: 'Payload too large.' },
  MC_ERR_UNKNOWN_FIELD: { http: 404, vi: 'Lĩnh vực không tồn tại.', en: 'Unknown field.' },
  MC_ERR_UNKNOWN_COUNTER: { http: 404, vi: 'Quầy không tồn tại.', en: 'Unknown counter.' },
  MC_ERR_UNKNOWN_TICKET: { http: 404, vi: 'Không tìm thấy số thứ tự.', en: 'Unknown ticket.' },
  MC_ERR_UNKNOWN_CLERK: { http: 404, vi: 'Không tìm thấy công chức.', en: 'Unknown clerk.' },
  MC_ERR_UNKNOWN_DEVICE: { http: 404, vi: 'Thiết bị chưa được đăng ký.', en: 'Unknown device.' },
  MC_ERR_UNKNOWN_PRINTER: { http: 404, vi: 'Không có máy in với mã này. Hãy thêm máy in trước, rồi ghép thiết bị với nó.', en: 'No printer with this id: add the printer first, then pair the device with it.' },
  MC_ERR_BAD_TRANSPORT: { http: 400, vi: 'Kiểu kết nối máy in không được hỗ trợ. Chọn một trong: tcp (mạng), usblp (USB), serial (cổng COM), mqtt.', en: 'Unknown printer transport: use tcp, usblp, serial or mqtt.' },
  MC_ERR_PRINTER_OPTIONS: { http: 400, vi: 'Máy in thiếu thông tin kết nối: cần kiểu kết nối và địa chỉ IP (mạng) hoặc đường dẫn cổng (USB, COM).', en: 'The printer\'s connection options are missing or incomplete.' },
  MC_ERR_WRONG_STATE: { http: 409, vi: 'Thao tác không phù hợp với trạng thái hiện tại của số thứ tự.', en: 'Operation not allowed in the ticket\'s current state.' },
  MC_ERR_NOT_SIGNED_IN: { http: 409, vi: 'Chưa có công chức đăng nhập tại quầy.', en: 'No clerk is signed in at this counter.' },
  MC_ERR_COUNTER_BUSY: { http: 409, vi: 'Quầy đang phục vụ một số thứ tự, hãy kết thúc trước.', en: 'The counter is serving a ticket; finish it first.' },
  MC_ERR_COUNTER_TAKEN: { http: 409, vi: 'Quầy này đang có công chức khác làm việc. Xin chọn quầy khác, hoặc đề nghị công chức đó rời quầy trước.', en: 'Another clerk is signed in at this counter.' },
  MC_ERR_QUEUE_EMPTY: { http: 404, vi: 'Không còn công dân nào đang chờ.', en: 'Nobody is waiting.' },
  MC_ERR_RECALL_LIMIT: { http: 409, vi: 'Đã gọi lại quá số lần cho phép.', en: 'Recall limit reached.' },
  MC_ERR_SERIES_EXHAUSTED: { http: 409, vi: 'Đã hết số thứ tự của lĩnh vực trong ngày.', en: 'The field\'s number series is used up for today.' },
  MC_ERR_OFFICE_CLOSED: { http: 409, vi: 'Ngoài giờ làm việc. Xin mời quay lại trong giờ hành chính.', en: 'Outside office hours.' },
  MC_ERR_PRIORITY_NOT_OFFERED: { http: 409, vi: 'Trung tâm không có phục vụ ưu tiên.', en: 'This office has no priority service.' },
  MC_ERR_RATING_CLOSED: { http: 409, vi: 'Không có lượt phục vụ nào đang chờ đánh giá.', en: 'No service is open for rating.' },
  MC_ERR_ALREADY_RATED: { http: 409, vi: 'Lượt phục vụ này đã được đánh giá.', en: 'This service has already been rated.' },
  MC_ERR_BAD_RATING: { http: 400, vi: 'Mức đánh giá không hợp lệ.', en: 'Invalid rating level.' },
  MC_ERR_BAD_OUTCOME: { http: 400, vi: 'Kết quả xử lý không hợp lệ.', en: 'Invalid outcome.' },
  MC_ERR_DOSSIER_CODE_REQUIRED: { http: 400, vi: 'Cần nhập Mã số hồ sơ.', en: 'A dossier code is required.' },
  MC_ERR_BAD_DOSSIER_CODE: { http: 400, vi: 'Mã số hồ sơ không đúng định dạng quốc gia (ví dụ 000.00.12.H01-261120-0001).', en: 'The dossier code does not have the national format.' },
  MC_ERR_NOT_A_RECEIPT: { http: 400, vi: 'Mã QR này không phải của Giấy tiếp nhận hồ sơ và hẹn trả kết quả.', en: 'This QR code is not a receipt\'s.' },
  MC_ERR_FORBIDDEN: { http: 403, vi: 'Thiết bị hoặc tài khoản không có quyền thực hiện thao tác này.', en: 'Not allowed.' },
  MC_ERR_UNAUTHORIZED: { http: 401, vi: 'Cần đăng nhập.', en: 'Login required.' },
  MC_ERR_BAD_LOGIN: { http: 401, vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  MC_ERR_RATE_LIMITED: { http: 429, vi: 'Thao tác quá nhanh. Xin vui lòng thử lại sau ít phút.', en: 'Too many requests.' },
  MC_ERR_PRINTER_OFFLINE: { http: 503, vi: 'Máy in đang gặp sự cố. Xin vui lòng chờ hoặc báo cán bộ hướng dẫn.', en: 'The printer is not available.' },
  MC_ERR_PRINT_FAILED: { http: 503, vi: 'In phiếu không thành công. Số này đã được hủy, xin vui lòng lấy lại số.', en: 'Printing failed; the ticket was voided.' },
  MC_ERR_UNKNOWN_DOSSIER: { http: 404, vi: 'Không tìm thấy hồ sơ với mã số này. Xin kiểm tra lại Mã số hồ sơ trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.', en: 'Unknown dossier code.' },
  MC_ERR_UPLINK_DOWN: { http: 503, vi: 'Không kết nối được hệ thống một cửa điện tử của tỉnh.', en: 'The provincial system is unreachable.' },
  MC_ERR_CONFIG_INVALID: { http: 400, vi: 'Cấu hình không hợp lệ.', en: 'Invalid configuration.' },
  // security and roles (issue 19): requests a browser was tricked into sending, a counter taken by another clerk, bodies that are not JSON
  MC_ERR_CROSS_ORIGIN: { http: 403, vi: 'Yêu cầu gửi từ trang khác nên bị từ chối. Xin mở trang quản trị trực tiếp trên máy chủ.', en: 'Request from another site refused.' },
  MC_ERR_NOT_JSON: { http: 415, vi: 'Dữ liệu gửi lên phải ở dạng JSON.', en: 'The request body must be JSON (content-type: application/json).' },
  // bookings and numbers from a phone (issue 22): what a citizen reads on the phone, at the kiosk or on the dispenser's screen
  MC_ERR_BOOKING_OFF: { http: 409, vi: 'Trung tâm chưa nhận đặt lịch hẹn qua mạng. Xin mời đến lấy số trực tiếp.', en: 'This office does not take bookings.' },
  MC_ERR_REMOTE_OFF: { http: 409, vi: 'Trung tâm chưa cho lấy số từ xa. Xin mời đến lấy số tại trung tâm.', en: 'This office does not give numbers to phones.' },
  MC_ERR_UNKNOWN_BOOKING: { http: 404, vi: 'Không tìm thấy lịch hẹn với mã này. Xin kiểm tra lại mã đặt lịch.', en: 'Unknown booking code.' },
  MC_ERR_BOOKING_EXPIRED: { http: 409, vi: 'Lịch hẹn không còn hiệu lực (đã hủy, đã dùng hoặc đã quá giờ hẹn).', en: 'The booking is no longer valid (cancelled, used or past).' },
  MC_ERR_BOOKING_NOT_TODAY: { http: 409, vi: 'Lịch hẹn không phải hôm nay.', en: 'The booking is for another day.' },
  MC_ERR_BOOKING_TOO_EARLY: { http: 409, vi: 'Chưa đến giờ nhận lịch hẹn.', en: 'Too early to check in.' },
  MC_ERR_SLOT_FULL: { http: 409, vi: 'Khung giờ này đã hết chỗ. Xin chọn khung giờ khác.', en: 'This slot is full.' },
  MC_ERR_BAD_SLOT: { http: 400, vi: 'Ngày hoặc khung giờ không nhận đặt lịch (ngoài giờ làm việc, đã qua, hoặc quá số ngày được đặt trước).', en: 'That day or slot cannot be booked.' },
  MC_ERR_PERSON_LIMIT: { http: 409, vi: 'Quý vị đã đặt lịch hoặc lấy số đủ số lần cho phép trong ngày.', en: 'Daily limit per person reached.' },
  MC_ERR_PHONE_NOT_VERIFIED: { http: 403, vi: 'Cần xác thực số điện thoại bằng mã gửi qua tin nhắn.', en: 'The phone number is not verified.' },
  MC_ERR_OTP_WRONG: { http: 400, vi: 'Mã xác thực không đúng. Xin kiểm tra lại tin nhắn.', en: 'Wrong one-time code.' },
  MC_ERR_OTP_EXPIRED: { http: 409, vi: 'Mã xác thực đã hết hạn hoặc bị hủy do nhập sai nhiều lần. Xin yêu cầu mã mới.', en: 'The one-time code expired or was voided.' },
  MC_ERR_BAD_API_KEY: { http: 403, vi: 'Khóa ứng dụng không hợp lệ.', en: 'Invalid API key.' },
  MC_ERR_CARD_UNREADABLE: { http: 400, vi: 'Không đọc được mã QR trên căn cước. Xin quét lại mã QR ở mặt trước thẻ.', en: 'The ID card QR code could not be read.' },
  MC_ERR_CARD_UNDER_AGE: { http: 409, vi: 'Căn cước chưa đủ tuổi được ưu tiên.', en: 'The card holder is under the priority age.' },
  // citizens' messages and the live ticket page (issue 22b)
  MC_ERR_BAD_PHONE: { http: 400, vi: 'Số điện thoại di động không hợp lệ. Xin nhập số di động Việt Nam gồm 10 chữ số, ví dụ 0912 345 678.', en: 'Invalid Vietnamese mobile number.' },
  MC_ERR_MESSAGES_OFF: { http: 409, vi: 'Trung tâm chưa bật gửi tin nhắn. Xin theo dõi số thứ tự trên trang này hoặc trên màn hình tại trung tâm.', en: 'Messages are not enabled at this office.' },
  MC_ERR_TICKET_FINISHED: { http: 409, vi: 'Số thứ tự này đã kết thúc nên không đăng ký nhận tin nhắn được nữa.', en: 'This ticket is finished; messages can no longer be requested.' },
  MC_ERR_TOO_MANY_CHANGES: { http: 429, vi: 'Số điện thoại của phiếu này đã được thay đổi quá nhiều lần.', en: 'The phone number of this ticket was changed too many times.' },
  MC_ERR_STREAMS_FULL: { http: 503, vi: 'Máy chủ đang bận; trang sẽ tự cập nhật, chậm hơn một chút.', en: 'Too many live pages open; the page falls back to polling.' },
  MC_ERR_INTERNAL: { http: 500, vi: 'Lỗi hệ thống. Xin vui lòng báo cán bộ hướng dẫn.', en: 'Internal error.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class McError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly vi: string;
  readonly details?: unknown;
  /** `viDetail`: a Vietnamese sentence appended to the message a citizen reads (e.g. when a field opens again). */
  constructor(code: ErrorCode, detail?: string, details?: unknown, viDetail?: string) {
    const def = ERRORS[code];
    super(detail ? `${def.en} ${detail}` : def.en);
    this.name = 'McError';
    this.code = code;
    this.statusCode = def.http;
    this.vi = viDetail ? `${def.vi} ${viDetail}` : def.vi;
    this.details = details;
  }
  toJSON(): { code: ErrorCode; message: string; messageEn: string; details?: unknown } {
    return { code: this.code, message: this.vi, messageEn: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export function isMcError(e: unknown): e is McError {
  return e instanceof McError;
}
