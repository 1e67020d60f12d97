/** The config sections the admin pages edit, as forms (see editor.ts): labels in Vietnamese, paths as in config/schema.ts. */
import type { Col, SectionSpec } from './editor.js';

type Cfg = Record<string, any>;
const yesNo = (key: string, label: string): Col => ({ key, label, type: 'bool' });
const text = (key: string, label: string, extra: Partial<Col> = {}): Col => ({ key, label, type: 'text', ...extra });
const num = (key: string, label: string, extra: Partial<Col> = {}): Col => ({ key, label, type: 'number', ...extra });
const input = (section: string, c: Col) => ({ kind: 'input' as const, path: `${section}.${c.key}`, ...c });

const nextId = (rows: unknown[], prefix: string) => { let i = rows.length + 1; while (rows.some((r) => (r as { id?: string }).id === `${prefix}${i}`)) i++; return `${prefix}${i}`; };

export function fieldsSpec(): SectionSpec {
  return { section: 'fields', title: 'Lĩnh vực và định dạng số thứ tự',
    hint: 'Đổi tên lĩnh vực không đổi mã: số liệu, báo cáo và lịch sử vẫn giữ nguyên. Dải số: số đầu–số cuối mỗi ngày; có tiền tố thì số in dạng A-012.',
    widgets: [{ kind: 'table', path: 'fields', label: 'Danh sách lĩnh vực', newRow: (rows) => {
      const last = Math.max(0, ...rows.map((r) => Number((r as Cfg).numbering?.end ?? 0)));
      return { id: nextId(rows, 'linhvuc'), name: '', nameEn: '', numbering: { start: last + 2, end: last + 999, prefix: '', pad: 3 }, hidden: false };
    }, cols: [
      text('id', 'Mã', { fixedOnExisting: true, width: '140px' }), text('name', 'Tên (tiếng Việt)'), text('nameEn', 'Tên tiếng Anh'),
      num('numbering.start', 'Số đầu', { width: '100px' }), num('numbering.end', 'Số cuối', { width: '100px' }), text('numbering.prefix', 'Tiền tố', { width: '80px' }),
      num('numbering.pad', 'Số chữ số', { width: '80px' }), yesNo('hidden', 'Ẩn'),
    ] }] };
}

export function countersSpec(cfg: () => Cfg): SectionSpec {
  const fieldOptions = (): [string, string][] => (cfg().fields as Cfg[]).map((f) => [f.id as string, f.name as string]);
  return { section: 'counters', title: 'Quầy', hint: 'Không xóa được quầy đang phục vụ hoặc đang giữ một số thứ tự.',
    widgets: [{ kind: 'table', path: 'counters', label: 'Danh sách quầy', newRow: (rows) => ({
      id: nextId(rows, 'q'), number: Math.max(0, ...rows.map((r) => Number((r as Cfg).number ?? 0))) + 1, name: '', fields: [], priority: false, acceptsPriority: true, guidance: false }),
    cols: [
      text('id', 'Mã', { fixedOnExisting: true, width: '90px' }), num('number', 'Số quầy', { width: '90px' }), text('name', 'Tên hiển thị'),
      { key: 'fields', label: 'Lĩnh vực phục vụ', type: 'multi', options: fieldOptions }, yesNo('priority', 'Quầy ưu tiên'), yesNo('acceptsPriority', 'Nhận ưu tiên'), yesNo('guidance', 'Hướng dẫn'),
    ] }] };
}

export function clerksSpec(): SectionSpec {
  return { section: 'clerks', title: 'Công chức và thông tin công khai',
    hint: 'Họ tên, chức danh, lĩnh vực công tác và số điện thoại được công khai trên màn hình quầy.',
    widgets: [{ kind: 'table', path: 'clerks', label: 'Danh sách công chức', newRow: (rows) => ({ id: nextId(rows, 'cc'), name: '', title: 'Công chức', workField: '', phone: '', agency: '' }),
      cols: [text('id', 'Mã', { fixedOnExisting: true, width: '110px' }), text('name', 'Họ và tên'), text('title', 'Chức danh'), text('workField', 'Lĩnh vực công tác'), text('phone', 'Số điện thoại', { width: '150px' }), text('agency', 'Cơ quan cử')] }] };
}

const WEEKDAYS: [string, string][] = [['1', 'Thứ Hai'], ['2', 'Thứ Ba'], ['3', 'Thứ Tư'], ['4', 'Thứ Năm'], ['5', 'Thứ Sáu'], ['6', 'Thứ Bảy'], ['7', 'Chủ Nhật']];

export function calendarSpec(): SectionSpec {
  return { section: 'calendar', title: 'Lịch làm việc',
    widgets: [
      input('calendar', { key: 'weekdays', label: 'Ngày làm việc trong tuần', type: 'multi', numeric: true, options: () => WEEKDAYS }),
      { kind: 'table', path: 'calendar.sessions', label: 'Các buổi làm việc (giờ:phút)', newRow: () => ({ start: '13:00', end: '17:00' }),
        cols: [text('start', 'Bắt đầu'), text('end', 'Kết thúc')] },
      input('calendar', { key: 'holidays', label: 'Ngày nghỉ lễ', type: 'lines', help: 'Mỗi dòng một ngày, dạng NNNN-TT-NN (ví dụ 2026-09-02).' }),
      input('calendar', { key: 'extraWorkdays', label: 'Ngày làm bù', type: 'lines', help: 'Thứ Bảy/Chủ Nhật làm việc bù, mỗi dòng một ngày.' }),
      input('calendar', { key: 'outsideHours', label: 'Ngoài giờ làm việc', type: 'select', options: () => [['refuse', 'Không cấp số, báo ngoài giờ'], ['next_session', 'Cấp số cho buổi làm việc tiếp theo']] }),
      input('calendar', { key: 'paperCutoff', label: 'Giờ chốt hồ sơ giấy', type: 'text', help: 'Hồ sơ giấy nhận sau giờ này được chuyển xử lý vào đầu ngày làm việc tiếp theo.' }),
    ] };
}

export function ratingSpec(): SectionSpec {
  return { section: 'rating', title: 'Thang đánh giá mức độ hài lòng', hint: 'Từ mức tốt nhất đến kém nhất; 2 đến 5 mức.',
    widgets: [
      { kind: 'table', path: 'rating.levels', label: 'Các mức đánh giá', newRow: (rows) => ({ key: `muc${rows.length + 1}`, label: '', labelEn: '', score: 0 }),
        cols: [text('key', 'Mã', { fixedOnExisting: true, width: '150px' }), text('label', 'Nhãn (tiếng Việt)'), text('labelEn', 'Nhãn tiếng Anh'), num('score', 'Điểm (0–100)', { width: '120px' })] },
      input('rating', { key: 'reasons', label: 'Lý do khi chưa hài lòng', type: 'lines', help: 'Mỗi dòng một lý do.' }),
      input('rating', { key: 'windowSeconds', label: 'Thời gian nhận đánh giá (giây)', type: 'number' }),
      input('rating', { key: 'lowThreshold', label: 'Ngưỡng điểm thấp', type: 'number' }),
    ] };
}

export function textsSpec(after: (root: HTMLElement) => void): SectionSpec {
  return { section: 'texts', title: 'Nội dung trên phiếu và màn hình', after,
    widgets: [
      input('texts', { key: 'ticketGuidance', label: 'Dòng hướng dẫn trên phiếu', type: 'text' }),
      input('texts', { key: 'ticketFooter', label: 'Lời cuối phiếu', type: 'text' }),
      input('texts', { key: 'notice', label: 'Thông báo chạy trên màn hình chung', type: 'textarea' }),
    ] };
}

export function officeSpec(): SectionSpec {
  return { section: 'office', title: 'Thông tin bộ phận', hint: 'Tên và địa chỉ in trên phiếu và hiện trên màn hình. Mã bộ phận chỉ đổi được trong tệp cấu hình.',
    widgets: [
      input('office', text('name', 'Tên đầy đủ')), input('office', text('shortName', 'Tên ngắn')), input('office', text('address', 'Địa chỉ')),
      input('office', { key: 'level', label: 'Cấp', type: 'select', options: () => [['commune', 'Trung tâm cấp xã (xã, phường, đặc khu)'], ['province', 'Trung tâm cấp tỉnh'], ['province_branch', 'Chi nhánh Trung tâm cấp tỉnh'], ['reception_point', 'Điểm tiếp nhận'], ['district', 'Cấp huyện (trước 01/7/2025)']] }),
      input('office', { key: 'unit', label: 'Đơn vị hành chính', type: 'select', options: () => [['', '(theo cấp)'], ['xa', 'xã'], ['phuong', 'phường'], ['dac_khu', 'đặc khu'], ['tinh', 'tỉnh'], ['thanh_pho', 'thành phố'], ['huyen', 'huyện'], ['quan', 'quận'], ['thi_xa', 'thị xã']] }),
      input('office', text('place', 'Tên xã, phường, đặc khu hoặc tỉnh')),
      input('office', text('timezone', 'Múi giờ')), input('office', text('publicUrl', 'Địa chỉ hub trong mạng nội bộ', { help: 'Dùng trong mã QR trên phiếu, ví dụ http://192.168.1.10:8080' })),
    ] };
}

export function queueSpec(): SectionSpec {
  return { section: 'queue', title: 'Quy tắc xếp hàng',
    widgets: [
      input('queue', { key: 'priorityMode', label: 'Phục vụ ưu tiên', type: 'select', options: () => [['none', 'Không có'], ['first', 'Ưu tiên lên trước tại quầy nhận ưu tiên'], ['dedicated', 'Chỉ tại quầy ưu tiên']] }),
      input('queue', yesNo('transferKeepsPlace', 'Chuyển quầy giữ nguyên thứ tự')), input('queue', num('recallLimit', 'Số lần gọi lại tối đa')),
      input('queue', num('defaultServiceMinutes', 'Thời gian phục vụ ước tính (phút)')),
    ] };
}

/** Bookings and numbers from a phone (issue 22; docs/phones.md). API clients (`booking.clients`) stay in the file: their keys are never shown. */
export function bookingSpec(): SectionSpec {
  return { section: 'booking', title: 'Đặt lịch hẹn và lấy số từ xa',
    hint: 'Trang đặt lịch: /booking. Khóa của ứng dụng tỉnh, Zalo (booking.clients) chỉ sửa trong tệp cấu hình.',
    widgets: [
      input('booking', yesNo('enabled', 'Nhận đặt lịch hẹn')), input('booking', yesNo('remoteNumbers', 'Cho lấy số từ xa trong ngày')),
      input('booking', num('daysAhead', 'Đặt trước tối đa (ngày)')), input('booking', num('slotMinutes', 'Độ dài khung giờ (phút)')),
      input('booking', num('walkInShare', 'Phần dành cho người đến trực tiếp (%)')),
      input('booking', { key: 'policy', label: 'Xếp số khi đến', type: 'select', options: () => [['slot-first', 'Gọi trước theo giờ hẹn'], ['by-booking-time', 'Xếp cùng người đến trực tiếp theo thời điểm đặt']] }),
      input('booking', num('windowMinutes', 'Nhận lịch hẹn trước giờ hẹn (phút)')), input('booking', num('graceMinutes', 'Cho phép đến muộn (phút)')),
      input('booking', num('perPersonPerDay', 'Số lần tối đa mỗi người mỗi ngày')), input('booking', num('phoneRetentionDays', 'Xóa số điện thoại sau (ngày)')),
      input('booking', num('agePriorityYears', 'Tuổi được ưu tiên khi quét căn cước')),
    ] };
}

export function voiceSpec(): SectionSpec {
  return { section: 'voice', title: 'Loa gọi số', widgets: [input('voice', yesNo('enabled', 'Đọc số bằng giọng nói')), input('voice', num('volume', 'Âm lượng (%)'))] };
}
