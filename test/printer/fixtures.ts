import type { TicketPrintData } from '../../printer/ticket.js';

/** A realistic ticket (Kon Tum district office), issued 05/03/2025 08:05 Vietnam time. */
export function sampleTicket(over: Partial<TicketPrintData> = {}): TicketPrintData {
  return {
    officeName: 'Bộ phận Một cửa huyện Đăk Hà',
    address: '123 Hùng Vương, thị trấn Đăk Hà',
    fieldName: 'Lao động – Thương binh và Xã hội',
    number: 'B012',
    priority: null,
    issuedAt: Date.UTC(2025, 2, 5, 1, 5),
    timezone: 'Asia/Ho_Chi_Minh',
    ahead: 4,
    minutes: 12,
    counters: 'Quầy 1, 6, 7',
    guidance: 'Xin mang theo căn cước và giấy tờ liên quan.',
    footer: 'Cảm ơn ông/bà đã sử dụng dịch vụ.',
    qrUrl: 'http://192.168.1.10:8080/t/2025-03-05/B012',
    copy: false,
    ...over,
  };
}
