/**
 * Issue 22: bookings, numbers taken from a phone, check-in, and the per-person limit without stored identity.
 * An optional section with defaults everywhere: a configuration written before it loads unchanged (booking on,
 * remote numbers off).
 */
const int = (title: string, description: string, def: number, min = 0, max = 1_000_000) =>
  ({ type: 'integer', title, description, default: def, minimum: min, maximum: max });
const bool = (title: string, description: string, def: boolean) => ({ type: 'boolean', title, description, default: def });

const client = {
  type: 'object', additionalProperties: false, required: ['id', 'keySha256'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,31}$', title: 'Client id', description: 'Channel name recorded with each booking (e.g. "ihanoi", "zalo").' },
    name: { type: 'string', maxLength: 200, title: 'Name', description: 'Who this client is (the province\'s app, a Zalo mini app).', default: '' },
    keySha256: { type: 'string', pattern: '^[0-9a-f]{64}$', title: 'API key (SHA-256)',
      description: 'SHA-256 (hex) of the API key the client sends in the X-Api-Key header; the key itself is never stored (`printf %s "$KEY" | sha256sum`).' },
    perMinute: int('Requests per minute', 'Requests this client may send per minute (its own limit, not the per-address one).', 600, 1, 100_000),
  },
};

export const BOOKING_SECTION = {
  type: 'object', additionalProperties: false, title: 'Bookings and numbers from a phone', default: {},
  description: 'Appointments (đặt lịch hẹn) at /booking and through API clients, numbers for today taken from a phone (lấy số từ xa), check-in on arrival, and the per-person limit.',
  properties: {
    enabled: bool('Bookings', 'Citizens may book a time slot up to `daysAhead` days ahead.', true),
    remoteNumbers: bool('Numbers from a phone', 'Citizens may take a number for today from their phone during open hours (lấy số từ xa).', false),
    daysAhead: int('Days ahead', 'How many days ahead a slot may be booked (today counts as 0).', 6, 0, 60),
    slotMinutes: int('Slot length', 'Minutes per booking slot.', 30, 5, 240),
    walkInShare: int('Walk-in share', 'Percent of each slot\'s capacity kept for citizens who come without a booking.', 50, 0, 100),
    policy: { type: 'string', enum: ['slot-first', 'by-booking-time'], title: 'Check-in policy', default: 'slot-first',
      description: 'slot-first: a checked-in booking is called before walk-ins from `windowMinutes` before its slot; by-booking-time: it is ranked with walk-ins by the time it was booked.' },
    windowMinutes: int('Window around the slot', 'Minutes before the slot from which a checked-in booking is called first (slot-first), and from which check-in is accepted.', 15, 0, 240),
    graceMinutes: int('Grace period', 'Minutes after the slot starts during which check-in keeps the booking\'s place; later, the citizen gets an ordinary number and the slot is freed.', 15, 0, 240),
    perPersonPerDay: int('Per person per day', 'Bookings and numbers from a phone one person (one phone or one ID card) may hold for one day.', 2, 1, 20),
    phoneRetentionDays: int('Keep phone numbers (days)', 'Phone numbers are erased this many days after their booking\'s day.', 7, 0, 365),
    agePriorityYears: int('Age for priority', 'A chip ID card (CCCD) showing at least this age gets a priority number (người cao tuổi).', 60, 0, 120),
    otpTtlSeconds: int('One-time code lifetime', 'Seconds a code sent to a phone stays valid.', 300, 30, 3600),
    otpMaxAttempts: int('One-time code attempts', 'Wrong codes allowed before the code is void.', 5, 1, 20),
    otpPerPhonePerHour: int('Codes per phone per hour', 'One-time codes sent to one phone per hour.', 5, 1, 100),
    perAddressPerMinute: int('Requests per address per minute', 'Booking requests one client address (without an API key) may send per minute.', 30, 1, 100_000),
    clients: { type: 'array', title: 'API clients', default: [], items: client,
      description: 'Apps that book through the same API with their own key (a province\'s app, a Zalo mini app): they check the citizen\'s phone themselves and send it; the slots are one pool.' },
  },
} as const;

export interface BookingClient { id: string; name: string; keySha256: string; perMinute: number }
export interface BookingConfig {
  enabled: boolean; remoteNumbers: boolean; daysAhead: number; slotMinutes: number; walkInShare: number;
  policy: 'slot-first' | 'by-booking-time'; windowMinutes: number; graceMinutes: number; perPersonPerDay: number;
  phoneRetentionDays: number; agePriorityYears: number; otpTtlSeconds: number; otpMaxAttempts: number; otpPerPhonePerHour: number;
  perAddressPerMinute: number; clients: BookingClient[];
}
