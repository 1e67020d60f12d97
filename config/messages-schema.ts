/**
 * Configuration of citizens' messages (issue 22b): which gateway sends them, its credentials, and how long a phone
 * number is kept. See docs/messages.md.
 */
const str = (title: string, description: string, def: string) => ({ type: 'string', title, description, default: def, maxLength: 500 });
const int = (title: string, description: string, def: number, min: number, max: number) => ({ type: 'integer', title, description, default: def, minimum: min, maximum: max });

/** The Zalo ZNS template id of each kind of message (approved in Zalo's ZNS console; empty: that kind is not sent over ZNS). */
const znsTemplates = {
  type: 'object', additionalProperties: false, title: 'ZNS template ids', description: 'The approved ZNS template of each message kind.', default: {},
  properties: {
    booking_confirmed: str('Booking confirmed', 'Template id of the booking confirmation.', ''),
    reminder: str('Reminder', 'Template id of the reminder sent the day before a booking.', ''),
    ahead: str('Few people ahead', 'Template id of "N people before you".', ''),
    called: str('Called', 'Template id of the call ("please come to counter 3").', ''),
    otp: str('One-time code', 'Template id of a one-time code (ZNS authentication template).', ''),
  },
} as const;

export const MESSAGES_SCHEMA = {
  type: 'object', additionalProperties: false, title: 'Messages to citizens', default: {},
  description: 'SMS or Zalo ZNS messages to citizens who asked for them (booking confirmed, reminder, few people ahead, called). Sent from an outbox with retries.',
  properties: {
    gateway: { type: 'string', enum: ['none', 'sms', 'zns'], title: 'Gateway', default: 'none',
      description: 'none: no messages (the ticket page does not offer them); sms: an HTTP SMS brandname gateway (eSMS-style JSON); zns: Zalo Notification Service template messages.' },
    aheadThreshold: int('People ahead', 'Send "N people before you" when this many (or fewer) are ahead of a subscribed ticket.', 3, 1, 50),
    keepPhoneDays: int('Keep phone numbers (days)', 'A phone number is erased this many days after the day its purpose ends (the ticket\'s or the booking\'s day).', 7, 0, 90),
    queueMessageMinutes: int('Queue message lifetime (minutes)', 'A "few ahead" or "called" message not delivered within this time is given up (too late to help).', 30, 1, 600),
    timeoutMs: int('Timeout', 'Milliseconds before a gateway request is abandoned (and retried later).', 8000, 100, 120000),
    sms: {
      type: 'object', additionalProperties: false, title: 'SMS gateway', default: {}, description: 'An eSMS-style JSON API: POST {ApiKey, SecretKey, Phone, Content, Brandname, SmsType, IsUnicode, RequestId}.',
      properties: {
        url: str('URL', 'The send endpoint, e.g. https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/', ''),
        apiKey: str('API key', 'ApiKey of the account.', ''),
        secretKey: str('Secret key', 'SecretKey of the account.', ''),
        brandname: str('Brandname', 'The registered sender name shown on the phone.', ''),
        smsType: str('SMS type', 'The gateway\'s message type (eSMS: 2 = customer care brandname).', '2'),
      },
    },
    zns: {
      type: 'object', additionalProperties: false, title: 'Zalo ZNS', default: {}, description: 'Zalo Notification Service: POST {phone, template_id, template_data, tracking_id} with the access_token header.',
      properties: {
        url: str('URL', 'The send endpoint.', 'https://business.openapi.zalo.me/message/template'),
        accessToken: str('Access token', 'The Official Account\'s access token (renewed by the technician when Zalo says it expired).', ''),
        templates: znsTemplates,
      },
    },
  },
} as const;

export interface MessagesConfig {
  gateway: 'none' | 'sms' | 'zns'; aheadThreshold: number; keepPhoneDays: number; queueMessageMinutes: number; timeoutMs: number;
  sms: { url: string; apiKey: string; secretKey: string; brandname: string; smsType: string };
  zns: { url: string; accessToken: string; templates: Record<'booking_confirmed' | 'reminder' | 'ahead' | 'called' | 'otp', string> };
}
