/**
 * The messages the hub sends to citizens' phones, and the port they leave by. Issue 22a defines the smallest port it
 * needs; the SMS / Zalo ZNS gateway with its outbox (issue 22b, broker/messages/) implements it at the merge. A
 * message carries the phone number only in `to`; its text never holds an ID number, a name or an address.
 */
export type PhoneMessageKind = 'otp' | 'booking.confirmed' | 'booking.cancelled' | 'booking.moved';

export interface PhoneMessage {
  kind: PhoneMessageKind;
  /** A Vietnamese mobile number, normalised to 10 digits starting with 0. */
  to: string;
  /** The Vietnamese text (SMS); `params` are the same facts for a template message (Zalo ZNS). */
  text: string;
  params: Record<string, string>;
  /** Idempotency key: the outbox sends each key once. */
  key: string;
}

/** Where messages to phones go. `send` resolves once the message is accepted for delivery (queued), not delivered. */
export interface PhonePort {
  send(m: PhoneMessage): Promise<void>;
}

/**
 * Which phone asked for a ticket (a number from the phone, or a checked-in booking), for the "your turn" messages of
 * 22b: null when none did, or once the number was erased (`booking.phoneRetentionDays` after its day).
 */
export interface PhoneDirectory {
  phoneOfTicket(ticketId: string): string | null;
  /** Bookings still to come on `day` with their phone: what the reminder of the day before is sent for. */
  bookingsToRemind(day: string): { code: string; codeShown: string; slot: string; fieldName: string; phone: string }[];
}

/**
 * The port used until a gateway is configured: it keeps the last messages in memory for a receiver in the same
 * process (the demo prints one-time codes, tests read them) and logs nothing. A real office wires 22b's outbox.
 */
export class MemoryPhonePort implements PhonePort {
  private readonly listeners = new Set<(m: PhoneMessage) => void>();
  readonly sent: PhoneMessage[] = [];
  constructor(private readonly keep = 100) {}
  send(m: PhoneMessage): Promise<void> {
    this.sent.push(m);
    if (this.sent.length > this.keep) this.sent.shift();
    for (const f of this.listeners) f(m);
    return Promise.resolve();
  }
  /** Hear every message sent from now on; returns the way to stop. */
  listen(f: (m: PhoneMessage) => void): () => void { this.listeners.add(f); return () => this.listeners.delete(f); }
}

/** A Vietnamese mobile number as 10 digits starting with 0 (+84 / 84 prefixes accepted), or null. */
export function normalisePhone(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let d = raw.replace(/[\s.()-]/g, '');
  if (d.startsWith('+84')) d = `0${d.slice(3)}`;
  else if (/^84\d{9}$/.test(d)) d = `0${d.slice(2)}`;
  return /^0[35789]\d{8}$/.test(d) ? d : null;
}

/** The last digits a person may be shown ("…4567"): never the whole number in a log or a page. */
export function maskPhone(p: string): string { return `…${p.slice(-3)}`; }
