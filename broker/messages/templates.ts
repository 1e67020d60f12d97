/**
 * The texts of the messages, Vietnamese first (with diacritics, NFC) and English second. An SMS carries both
 * (Unicode SMS); Zalo ZNS sends the template's variables and Zalo shows its approved template (docs/messages.md
 * gives the wording to register there). Variables are plain strings; nothing personal but the phone is ever used.
 */
export const MESSAGE_KINDS = ['booking_confirmed', 'reminder', 'ahead', 'called', 'otp'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

interface Template { vars: readonly string[]; vi: string; en: string }

export const TEMPLATES: Record<MessageKind, Template> = {
  booking_confirmed: { vars: ['office', 'code', 'day', 'time'],
    vi: '{office}: Đã đặt lịch hẹn ngày {day} lúc {time}. Mã đặt lịch: {code}. Xin mang mã này khi đến.',
    en: 'Booking confirmed for {day} at {time}, code {code}.' },
  reminder: { vars: ['office', 'code', 'day', 'time'],
    vi: '{office}: Nhắc lịch hẹn ngày mai {day} lúc {time}, mã {code}. Nếu không đến được, xin hủy lịch bằng mã này.',
    en: 'Reminder: tomorrow {day} at {time}, code {code}.' },
  ahead: { vars: ['office', 'number', 'n'],
    vi: '{office}: Số {number}: Còn {n} người nữa đến lượt quý vị. Xin trở lại khu vực chờ.',
    en: 'Number {number}: {n} more before you.' },
  called: { vars: ['office', 'number', 'counter'],
    vi: '{office}: Mời quý vị có số {number} đến Quầy {counter}.',
    en: 'Number {number}: please come to counter {counter}.' },
  otp: { vars: ['code', 'minutes'],
    vi: 'Mã xác thực của quý vị là {code}, có hiệu lực {minutes} phút. Không cung cấp mã này cho người khác.',
    en: 'Your code is {code}, valid {minutes} minutes.' },
};

export function isMessageKind(k: unknown): k is MessageKind { return typeof k === 'string' && (MESSAGE_KINDS as readonly string[]).includes(k); }

/** The variables a kind needs that are missing (empty: complete). */
export function missingVars(kind: MessageKind, vars: Record<string, string>): string[] {
  return TEMPLATES[kind].vars.filter((v) => typeof vars[v] !== 'string' || vars[v] === '');
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '').normalize('NFC');
}

/** The Vietnamese and English texts of a message. */
export function renderMessage(kind: MessageKind, vars: Record<string, string>): { vi: string; en: string } {
  const t = TEMPLATES[kind];
  return { vi: fill(t.vi, vars), en: fill(t.en, vars) };
}

/** One SMS body: Vietnamese, then English. */
export function smsText(kind: MessageKind, vars: Record<string, string>): string {
  const r = renderMessage(kind, vars);
  return `${r.vi}\n${r.en}`;
}
