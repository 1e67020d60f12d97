/** Vietnamese words of the admin pages: device kinds, states, roles, audit actions, and known config problems. */
export const KINDS: Record<string, string> = {
  dispenser: 'Máy lấy số', printer: 'Máy in phiếu', counter: 'Màn hình quầy', display: 'Màn hình chung', rating: 'Thiết bị đánh giá', keypad: 'Bàn phím gọi số', kiosk: 'Kiốt tra cứu',
};
export const FAULTS: Record<string, string> = {
  paper_out: 'Hết giấy', paper_low: 'Sắp hết giấy', cover_open: 'Nắp máy in đang mở', offline: 'Mất kết nối máy in', error: 'Máy in báo lỗi',
};
export const ROLE_NAMES: Record<string, string> = { technician: 'Kỹ thuật viên', manager: 'Lãnh đạo bộ phận', clerk: 'Công chức' };
export const ACTIONS: Record<string, string> = {
  'link.retry_parked': 'Gửi lại sự kiện bị từ chối', 'device.add': 'Thêm thiết bị', 'device.rotate': 'Đổi mã bí mật thiết bị', 'device.disable': 'Tạm khóa thiết bị', 'device.enable': 'Mở khóa thiết bị', 'device.remove': 'Xóa thiết bị',
  'user.add': 'Thêm tài khoản', 'user.update': 'Sửa tài khoản', 'user.password': 'Đặt lại mật khẩu', 'config.apply': 'Áp dụng cấu hình',
  'config.fields': 'Sửa lĩnh vực', 'config.counters': 'Sửa quầy', 'config.clerks': 'Sửa công chức', 'config.calendar': 'Sửa lịch làm việc', 'config.rating': 'Sửa thang đánh giá',
  'config.texts': 'Sửa nội dung phiếu và màn hình', 'config.office': 'Sửa thông tin bộ phận', 'config.queue': 'Sửa quy tắc xếp hàng', 'config.voice': 'Sửa loa gọi số',
};

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^counter (\S+) \((.*)\) is serving or holding a ticket/, (m) => `${m[2]} (${m[1]}) đang phục vụ hoặc giữ một số thứ tự: hãy kết thúc lượt phục vụ trước khi xóa quầy.`],
  [/^field (\S+) \((.*)\) has citizens waiting/, (m) => `Lĩnh vực ${m[2]} (${m[1]}) còn công dân đang chờ: chỉ xóa được sau khi đã phục vụ hết.`],
  [/^the office id names every MQTT topic/, () => 'Không đổi được mã bộ phận khi hub đang chạy (mã này nằm trong mọi kênh MQTT của thiết bị).'],
  [/^must be ≥ start \((\d+)\)/, (m) => `Số cuối phải lớn hơn hoặc bằng số đầu (${m[1]}).`],
  [/^duplicate id "(.*)"/, (m) => `Mã "${m[1]}" bị trùng.`],
  [/^counter number (\d+) is used twice/, (m) => `Số quầy ${m[1]} bị dùng hai lần.`],
  [/^unknown field "(.*)"/, (m) => `Không có lĩnh vực "${m[1]}".`],
  [/^end must be after start/, () => 'Giờ kết thúc phải sau giờ bắt đầu.'],
  [/^sessions must be in order/, () => 'Các buổi phải theo thứ tự và không chồng lên nhau.'],
  [/^has an invalid format/, () => 'Sai định dạng.'],
  [/^is required/, () => 'Không được để trống.'],
  [/must not be empty$/, () => 'Không được để trống.'],
  [/^must NOT have fewer than (\d+) items/, (m) => `Cần ít nhất ${m[1]} mục.`],
  [/^must NOT have more than (\d+) items/, (m) => `Nhiều nhất ${m[1]} mục.`],
  [/^must be >= (\d+)/, (m) => `Phải lớn hơn hoặc bằng ${m[1]}.`],
  [/^must be <= (\d+)/, (m) => `Phải nhỏ hơn hoặc bằng ${m[1]}.`],
  [/^must be integer/, () => 'Phải là số nguyên.'],
  [/^unknown time zone/, () => 'Múi giờ không hợp lệ.'],
];

/** A config problem in Vietnamese (the English original kept for technicians). */
export function problemText(message: string): string {
  for (const [re, f] of PATTERNS) { const m = re.exec(message); if (m) return f(m); }
  return message;
}
