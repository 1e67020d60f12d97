/**
 * The protocol's enumerations, declared once: the hub, the bridge, the printer drivers and the pages import them
 * from here. Each is a `const` list (for schemas and checks) and the union type taken from it.
 */
export const DEVICE_KINDS = ['dispenser', 'printer', 'counter', 'display', 'rating', 'keypad', 'kiosk'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const PRIORITIES = ['elderly', 'pregnant', 'disabled'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OUTCOMES = ['received', 'guidance', 'supplement', 'refused', 'returned'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that need a dossier code (Mã số hồ sơ): a keypad without letters sends them from the console. */
export const OUTCOMES_NEEDING_DOSSIER: readonly Outcome[] = ['received'];

export const TICKET_STATUSES = ['pending', 'waiting', 'called', 'held', 'done', 'no_show', 'voided', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PRINTER_STATUSES = ['ok', 'paper_out', 'paper_low', 'cover_open', 'offline', 'error'] as const;
export type PrinterStatus = (typeof PRINTER_STATUSES)[number];
/** Statuses a ticket can still be printed in. */
export const PRINTABLE_STATUSES: readonly PrinterStatus[] = ['ok', 'paper_low'];

export const AVAILABILITIES = ['online', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const CALL_KINDS = ['call', 'recall'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

export const RATING_RESULTS = ['counted', 'not_counted'] as const;
export type RatingResult = (typeof RATING_RESULTS)[number];

export const STAFF_ROLES = ['clerk', 'manager', 'technician'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];


/** Vietnamese labels people see. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  received: 'Tiếp nhận hồ sơ', guidance: 'Hướng dẫn', supplement: 'Yêu cầu bổ sung', refused: 'Từ chối', returned: 'Trả kết quả',
};
export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  elderly: 'Người cao tuổi', pregnant: 'Phụ nữ mang thai', disabled: 'Người khuyết tật',
};

/** Whether `x` is one of `list` (narrows the type). */
export function isOneOf<T extends string>(list: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (list as readonly string[]).includes(x);
}
