/** The booking page's words, Vietnamese first, English second (its own small table: the page stays light). */
export type Lang = 'vi' | 'en';
const VI = {
  bookingOff: 'Trung tâm chưa nhận đặt lịch hẹn qua mạng.', title: 'Đặt lịch hẹn', titleHint: 'Chọn lĩnh vực, ngày và giờ; mang mã hoặc mã QR đến ki-ốt khi tới trung tâm.',
  switchLang: 'English', field: '1. Lĩnh vực', procedure: 'Thủ tục (không bắt buộc)', anyProcedure: '— Chưa chọn thủ tục —',
  day: '2. Ngày', slot: '3. Giờ', freeN: 'còn {n} chỗ', full: 'Hết chỗ', noSlots: 'Ngày này không nhận lịch hẹn.',
  phone: '4. Số điện thoại', phoneHint: 'Mã xác thực gửi qua tin nhắn; số điện thoại được xóa sau {n} ngày kể từ ngày hẹn.',
  sendCode: 'Gửi mã', otp: 'Mã xác thực (6 số)', confirm: 'Xác nhận đặt lịch', verified: 'Đã xác thực số điện thoại.',
  yourCode: 'Mã đặt lịch của quý vị', when: '{slot} ngày {day}', checkIn: 'Đến trung tâm từ {from} đến {until}, quét mã QR hoặc nhập mã tại ki-ốt.',
  cancel: 'Hủy lịch hẹn', move: 'Đổi giờ hẹn', cancelled: 'Lịch hẹn đã được hủy.', moveTitle: 'Chọn ngày và giờ mới', moveConfirm: 'Đổi sang giờ này',
  lookup: 'Tra cứu lịch hẹn', lookupHint: 'Nhập mã đặt lịch (8 ký tự)', find: 'Tìm', newBooking: 'Đặt lịch mới',
  remote: 'Lấy số hôm nay từ xa', remoteHint: 'Lấy số thứ tự cho hôm nay và theo dõi lượt của quý vị trên điện thoại.', takeNumber: 'Lấy số',
  yourNumber: 'Số thứ tự của quý vị', follow: 'Theo dõi lượt', status_booked: 'Đã đặt', status_cancelled: 'Đã hủy', status_checked_in: 'Đã đến',
  status_late: 'Đến muộn', status_no_show: 'Không đến', error: 'Có lỗi, xin thử lại.', loading: 'Đang tải…',
  wd1: 'Thứ Hai', wd2: 'Thứ Ba', wd3: 'Thứ Tư', wd4: 'Thứ Năm', wd5: 'Thứ Sáu', wd6: 'Thứ Bảy', wd7: 'Chủ nhật', today: 'Hôm nay',
};
export type Key = keyof typeof VI;
const EN: Record<Key, string> = {
  bookingOff: 'This office does not take bookings online.', title: 'Book an appointment', titleHint: 'Choose a field, a day and a time; bring the code or its QR code to the kiosk when you arrive.',
  switchLang: 'Tiếng Việt', field: '1. Field', procedure: 'Procedure (optional)', anyProcedure: '— No procedure chosen —',
  day: '2. Day', slot: '3. Time', freeN: '{n} left', full: 'Full', noSlots: 'No appointments on this day.',
  phone: '4. Phone number', phoneHint: 'A code is sent by text message; the number is erased {n} days after the appointment.',
  sendCode: 'Send code', otp: 'Code (6 digits)', confirm: 'Confirm booking', verified: 'Phone number verified.',
  yourCode: 'Your booking code', when: '{slot} on {day}', checkIn: 'Come between {from} and {until}; scan the QR code or type the code at the kiosk.',
  cancel: 'Cancel booking', move: 'Change time', cancelled: 'The booking is cancelled.', moveTitle: 'Choose a new day and time', moveConfirm: 'Move to this time',
  lookup: 'Find a booking', lookupHint: 'Type the booking code (8 characters)', find: 'Find', newBooking: 'New booking',
  remote: 'Take a number for today', remoteHint: 'Take a queue number for today and follow your turn on your phone.', takeNumber: 'Take a number',
  yourNumber: 'Your number', follow: 'Follow your turn', status_booked: 'Booked', status_cancelled: 'Cancelled', status_checked_in: 'Checked in',
  status_late: 'Late', status_no_show: 'No-show', error: 'Something went wrong; please try again.', loading: 'Loading…',
  wd1: 'Monday', wd2: 'Tuesday', wd3: 'Wednesday', wd4: 'Thursday', wd5: 'Friday', wd6: 'Saturday', wd7: 'Sunday', today: 'Today',
};

export class Texts {
  lang: Lang = 'vi';
  t(k: Key, v: Record<string, string | number> = {}): string {
    const s = (this.lang === 'en' ? EN : VI)[k];
    return s.replace(/\{(\w+)\}/g, (_, n: string) => String(v[n] ?? ''));
  }
}
