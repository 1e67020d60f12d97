/**
 * The office configuration schema. Every key has a title, a description and a default, so that
 * `motcua config explain` and the admin pages can show them, and a missing key is filled in.
 * The file carries `version`; older versions migrate forward one step at a time (config/migrate.ts).
 */
import { DEFAULT_DOSSIER_CODE_PATTERN } from '../protocol/dossier-code.js';
import { OFFICE_LEVELS, OFFICE_UNITS } from './levels.js';
import { BOOKING_SECTION } from './booking-schema.js';
import { MESSAGES_SCHEMA } from './messages-schema.js';

export const CONFIG_VERSION = 2;

/** Every string has a length limit (500 characters unless said): a config value ends up in retained MQTT messages. */
const str = (title: string, description: string, def: string, extra: Record<string, unknown> = {}) =>
  ({ type: 'string', title, description, default: def, maxLength: 500, ...extra });
const int = (title: string, description: string, def: number, min = 0, max = 1_000_000) =>
  ({ type: 'integer', title, description, default: def, minimum: min, maximum: max });
const bool = (title: string, description: string, def: boolean) => ({ type: 'boolean', title, description, default: def });

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' };
const hhmm = { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' };

// ── issue 20: the office of 2026 (levels of the two-tier administration, config/levels.ts) ──────────────────
const OFFICE_2026 = {
  level: { type: 'string', enum: OFFICE_LEVELS as unknown as string[], title: 'Level',
    description: 'province: province center (Trung tâm Phục vụ hành chính công tỉnh); province_branch: one of its branches; commune: commune-level center (xã, phường, đặc khu); reception_point: a reception point (điểm tiếp nhận) of a center; district: an office of before 1 July 2025, only if configured so.',
    default: 'commune' },
  unit: { type: 'string', enum: OFFICE_UNITS as unknown as string[], title: 'Administrative unit',
    description: 'Which unit the office serves: tinh, thanh_pho (province level); xa, phuong, dac_khu (commune level); huyen, quan, thi_xa only for a district office. Empty: the first of its level.', default: '' },
  place: str('Place name', 'Name of the unit without its word, e.g. "Tân Định" for phường Tân Định; the full name is made from it when `name` is empty.', ''),
  center: str('Parent center', 'For a branch or a reception point: the full name of the center it belongs to.', ''),
  branch: str('Branch or point name', 'For a branch or a reception point: its own name, e.g. "Phú Hòa" (a former commune office).', ''),
} as const;
const weekdayHours = {
  type: 'object', additionalProperties: false, required: ['weekdays', 'sessions'], title: 'Weekday rule',
  properties: {
    weekdays: { type: 'array', title: 'Weekdays', description: '1 = Monday … 7 = Sunday.', items: { type: 'integer', minimum: 1, maximum: 7 }, minItems: 1, uniqueItems: true },
    sessions: { type: 'array', title: 'Sessions', description: 'Sessions on these weekdays (empty: closed).', items: { type: 'object', additionalProperties: false, required: ['start', 'end'], properties: { start: { ...hhmm, title: 'Start', description: 'HH:MM local time.' }, end: { ...hhmm, title: 'End', description: 'HH:MM local time.' } } } },
  },
};
const COUNTER_2026 = {
  hours: { type: 'array', title: 'Own hours', default: [], items: weekdayHours,
    description: 'Weekday rules when this counter is staffed (e.g. only Saturday mornings). Empty: whenever its fields are open.' },
  sector: str('Sector', 'The department or sector whose counters these are (e.g. "Sở Tư pháp", "Công an tỉnh"); a province center groups its counters by it.', ''),
} as const;
const RATING_2026 = {
  phoneWindowMinutes: { type: 'integer', title: 'Rating window on the phone', default: 120, minimum: 1, maximum: 1440,
    description: 'Minutes after a service ends during which the citizen may rate it once from the ticket\'s page on the phone (the pads use windowSeconds).' },
  dissatisfiedLevels: { type: 'array', title: 'Dissatisfied levels', items: { type: 'string' }, default: ['unsatisfied'],
    description: 'Keys of the levels that count as "dissatisfied" in the Decision 766/QĐ-TTg satisfaction figure: (dossiers − dissatisfied, complained or overdue) ÷ dossiers.' },
} as const;
const ONESTOP_2026 = {
  dossierCodePattern: str('Dossier code pattern', 'Regular expression of a dossier code (Mã số hồ sơ) in the national format, checked when a clerk records "received" and when a receipt\'s QR code is read.',
    DEFAULT_DOSSIER_CODE_PATTERN),
} as const;
const FIELD_2026 = {
  hours: { type: 'array', title: 'Own sessions per weekday', default: [], items: weekdayHours,
    description: 'Weekday rules that replace the office\'s sessions for this field, e.g. {weekdays: [6], sessions: [{start: "07:30", end: "11:30"}]} for a Saturday morning (land, justice). Weekdays not named: the office calendar.' },
  paperCutoff: { type: 'string', pattern: '^((([01][0-9]|2[0-3]):[0-5][0-9]|24:00))?$', title: 'Paper cut-off of this field', default: '',
    description: 'Paper dossiers of this field received after this time are processed the next working day. Empty: the office\'s cut-off.' },
} as const;
// ── end issue 20 ──────────────────────────────────────────────────────────────────────────────────────────────

const numbering = {
  type: 'object', title: 'Numbering', additionalProperties: false,
  description: 'How numbers of this field look: a numeric block (start..end, e.g. 1001–1999) or a letter prefix with zero padding (A-012).',
  default: {},
  properties: {
    start: int('First number', 'First number of the block, issued first each day.', 1, 0, 99_999_999),
    end: int('Last number', 'Last number of the block; when it is reached the field refuses new numbers for the day.', 999, 0, 99_999_999),
    prefix: str('Prefix', 'Letter prefix shown before the number, e.g. "A" gives A-012. Empty for a numeric block.', '', { pattern: '^[A-Z]{0,3}$' }),
    pad: int('Digits', 'Zero padding of the number when a prefix is used.', 3, 1, 6),
  },
};

const field = {
  type: 'object', additionalProperties: false, required: ['id', 'name'],
  properties: {
    id: { ...id, title: 'Field id', description: 'Stable identifier of the field (lĩnh vực); never changes when the name does.' },
    name: str('Name', 'Vietnamese name shown to citizens, e.g. "Hộ tịch".', ''),
    nameEn: str('English name', 'English name for the English screen.', ''),
    numbering,
    hidden: bool('Hidden', 'Not offered on dispensers and kiosks (e.g. a field reached only by transfer).', false),
    ...FIELD_2026,
  },
};

const counter = {
  type: 'object', additionalProperties: false, required: ['id', 'number', 'fields'],
  properties: {
    id: { ...id, title: 'Counter id', description: 'Stable identifier of the counter (quầy).' },
    number: int('Counter number', 'The number announced and shown: "quầy số 3".', 1, 1, 999),
    name: str('Name', 'Name shown on displays; defaults to "Quầy {number}".', ''),
    fields: { type: 'array', title: 'Fields', description: 'Ids of the fields this counter serves.', default: [], items: id, minItems: 1 },
    priority: bool('Priority counter', 'Reserved for the elderly, pregnant women and people with disabilities (quầy ưu tiên).', false),
    acceptsPriority: bool('Serves priority first', 'In "first" priority mode, priority tickets jump the line at this counter.', true),
    guidance: bool('Guidance counter', 'A guidance counter (quầy hướng dẫn).', false),
    ...COUNTER_2026,
  },
};

const clerk = {
  type: 'object', additionalProperties: false, required: ['id', 'name'],
  properties: {
    id: { ...id, title: 'Clerk id', description: 'Stable identifier; ratings and reports follow it across counters.' },
    name: str('Full name', 'Published full name (họ, tên).', ''),
    title: str('Title', 'Published title (chức danh).', 'Công chức'),
    workField: str('Field of work', 'Published field of work (lĩnh vực công tác).', ''),
    phone: str('Phone', 'Published phone number (số điện thoại).', ''),
    agency: str('Sending agency', 'The department that sent the clerk.', ''),
    keypadCode: { type: 'string', pattern: '^[0-9]{0,8}$', default: '', title: 'Keypad code',
      description: 'Digits the clerk types on a counter keypad to sign in there (empty: signs in from the console only). Unique.' },
  },
};

const session = {
  type: 'object', additionalProperties: false, required: ['start', 'end'],
  properties: { start: { ...hhmm, title: 'Start', description: 'HH:MM local time.' }, end: { ...hhmm, title: 'End', description: 'HH:MM local time.' } },
};

const level = {
  type: 'object', additionalProperties: false, required: ['key', 'label', 'score'],
  properties: {
    key: { ...id, title: 'Key', description: 'Stable key stored with each rating.' },
    label: str('Label', 'Vietnamese label.', ''),
    labelEn: str('English label', 'English label.', ''),
    score: int('Score', 'Points of this level for the satisfaction score (0–100).', 0, 0, 100),
  },
};

export const DEFAULT_LEVELS = [
  { key: 'very_satisfied', label: 'Rất hài lòng', labelEn: 'Very satisfied', score: 100 },
  { key: 'satisfied', label: 'Hài lòng', labelEn: 'Satisfied', score: 75 },
  { key: 'neutral', label: 'Bình thường', labelEn: 'Neutral', score: 50 },
  { key: 'unsatisfied', label: 'Không hài lòng', labelEn: 'Unsatisfied', score: 0 },
];


export const officeSchema = {
  $id: 'motcua-office',
  type: 'object', additionalProperties: false, required: ['version', 'office', 'fields', 'counters'],
  title: 'Office configuration',
  description: 'One file per public administration service center, branch or reception point (Trung tâm Phục vụ hành chính công).',
  properties: {
    version: { type: 'integer', title: 'Config version', description: 'Version of this file\'s format.', default: CONFIG_VERSION, const: CONFIG_VERSION },
    office: {
      type: 'object', additionalProperties: false, required: ['id'], title: 'Office', description: 'Who this office is.', default: {},
      properties: {
        id: { ...id, title: 'Office id', description: 'Short id used in MQTT topics (motcua/{id}/…).' },
        name: str('Name', 'Full Vietnamese name printed on tickets, spoken and shown on displays. Empty: made from level, unit and place ("Trung tâm Phục vụ hành chính công phường …").', ''),
        shortName: str('Short name', 'Shorter name for small screens. Empty: made from the level and place.', ''),
        ...OFFICE_2026,
        address: str('Address', 'Postal address, printed on tickets.', ''),
        timezone: str('Time zone', 'IANA time zone of the office; the day boundary and hours use it.', 'Asia/Ho_Chi_Minh'),
        publicUrl: str('Public URL (older key)', 'Older spelling of hub.publicUrl, still read when hub.publicUrl is empty.', ''),
      },
    },
    hub: {
      type: 'object', additionalProperties: false, title: 'Hub', description: 'Where the hub listens and keeps data.', default: {},
      properties: {
        host: str('HTTP host', 'Address the HTTP server binds.', '0.0.0.0'),
        port: int('HTTP port', 'HTTP port (REST API, web pages, MQTT over WebSocket at /mqtt).', 8080, 0, 65535),
        publicUrl: str('Public URL', 'Base URL phones and devices are given (ticket QR codes, pairing data), e.g. http://192.168.1.10:8080. Empty: this machine\'s LAN address and hub.port.', ''),
        mqttHost: str('MQTT host', 'Address the embedded MQTT broker binds. Empty: the same as hub.host.', ''),
        mqttPort: int('MQTT port', 'TCP port of the embedded MQTT broker.', 1883, 0, 65535),
        externalBrokerUrl: str('External broker URL', 'mqtt://host:port of an external broker (e.g. Mosquitto). Empty: embed aedes.', ''),
        externalBrokerUsername: str('External broker username', 'Username of the hub on the external broker.', 'hub'),
        externalBrokerPassword: str('External broker password', 'Password of the hub on the external broker.', ''),
        dataDir: str('Data directory', 'Directory of the SQLite database and backups.', './data'),
        logLevel: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], title: 'Log level', description: 'pino log level.', default: 'info' },
        maxPayloadBytes: int('Max MQTT payload', 'Larger device messages are refused.', 16384, 256, 1_048_576),
        trustProxy: str('Trusted proxy', 'Address(es) of a reverse proxy in front of the hub (e.g. "127.0.0.1" for nginx on this machine, or "10.0.0.5,10.0.0.6"); '
          + 'its X-Forwarded-For and X-Forwarded-Proto are then believed: the session cookie is Secure behind TLS, /metrics and the login and lookup limits see the real client. Empty: no proxy.', ''),
        metricsToken: str('Metrics token', 'Bearer token a Prometheus server on another machine sends to read /metrics (Authorization: Bearer …). Empty: /metrics answers only this machine (loopback) and signed-in technicians or managers.', ''),
      },
    },
    calendar: {
      type: 'object', additionalProperties: false, title: 'Working calendar', description: 'Office hours and holidays (defaults: Bến Tre Decision 45/2023).', default: {},
      properties: {
        weekdays: { type: 'array', title: 'Working weekdays', description: '1 = Monday … 7 = Sunday.', default: [1, 2, 3, 4, 5], items: { type: 'integer', minimum: 1, maximum: 7 }, uniqueItems: true },
        sessions: { type: 'array', title: 'Sessions', description: 'Working sessions of a day.', default: [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '17:00' }], items: session, minItems: 1 },
        holidays: { type: 'array', title: 'Holidays', description: 'Days off (YYYY-MM-DD).', default: [], items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        extraWorkdays: { type: 'array', title: 'Extra working days', description: 'Weekend days worked to make up for a holiday (YYYY-MM-DD).', default: [], items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        outsideHours: { type: 'string', enum: ['refuse', 'next_session'], title: 'Outside hours', description: 'What the dispenser does outside office hours: refuse with a message, or issue a number for the next session.', default: 'refuse' },
        paperCutoff: { ...hhmm, title: 'Paper cut-off', description: 'Paper dossiers received after this time are forwarded next working day.', default: '15:00' },
      },
    },
    queue: {
      type: 'object', additionalProperties: false, title: 'Queue rules', description: 'How the next citizen is chosen.', default: {},
      properties: {
        priorityMode: { type: 'string', enum: ['none', 'first', 'dedicated'], title: 'Priority mode', description: 'none: no priority tickets; first: priority tickets are served first at counters that accept them; dedicated: only at priority counters.', default: 'first' },
        transferKeepsPlace: bool('Transfer keeps place', 'A transferred ticket keeps its original place in line (else it joins the end).', true),
        recallLimit: int('Recall limit', 'How many times a called number may be called again.', 3, 0, 20),
        defaultServiceMinutes: int('Default service time', 'Minutes per citizen used for the wait estimate before there is history.', 6, 1, 240),
      },
    },
    fields: { type: 'array', title: 'Fields', description: 'Fields (lĩnh vực) with their number series.', default: [], items: field, minItems: 1 },
    counters: { type: 'array', title: 'Counters', description: 'Counters (quầy) and the fields they serve.', default: [], items: counter, minItems: 1 },
    clerks: { type: 'array', title: 'Clerks', description: 'Clerks (công chức) with their published details.', default: [], items: clerk },
    rating: {
      type: 'object', additionalProperties: false, title: 'Satisfaction rating', description: 'Scale and rules of satisfaction ratings.', default: {},
      properties: {
        levels: { type: 'array', title: 'Levels', description: 'Best first. Default: the 4-level scale.', default: DEFAULT_LEVELS, items: level, minItems: 2, maxItems: 5 },
        windowSeconds: int('Rating window', 'Seconds after a service ends during which the pad accepts one rating.', 90, 5, 3600),
        lowThreshold: int('Low-score threshold', 'Clerks whose monthly score is under this are flagged.', 60, 0, 100),
        ...RATING_2026,
        reasons: { type: 'array', title: 'Reasons', description: 'Reasons a citizen may pick after a low rating.', default: ['Chờ quá lâu', 'Thái độ chưa tốt', 'Hướng dẫn chưa rõ', 'Khác'], items: { type: 'string' } },
      },
    },
    onestop: {
      type: 'object', additionalProperties: false, title: 'Provincial one-stop system', description: 'The link to the provincial system.', default: {},
      properties: {
        label: str('Label', 'Name shown for the provincial system.', 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh'),
        url: str('Base URL', 'Base URL of the provincial HTTP JSON API. Empty: no link (events are kept in the outbox).', ''),
        apiKey: str('API key', 'API key sent as a header.', ''),
        hmacSecret: str('HMAC secret', 'If set, requests are signed with HMAC-SHA256.', ''),
        timeoutMs: int('Timeout', 'Milliseconds before a request is abandoned.', 10000, 100, 120000),
        batchSize: int('Batch size', 'Events per forward request.', 200, 1, 5000),
        keepSentDays: int('Keep sent events (days)', 'Outbox rows already accepted by the provincial system are deleted after this many days (the event log keeps every event for reports).', 30, 1, 3650),
        ...ONESTOP_2026,
        mqttUrl: str('Provincial MQTT broker', 'Optional mqtt(s):// URL of the provincial broker that aggregates offices for `motcua province`: the hub streams its events and device health there, store-and-forward from its database (nothing lost while the link is down; docs/province.md). Empty: off.', ''),
        mqttUsername: str('Provincial MQTT username', 'Username of this office on the provincial broker.', ''),
        mqttPassword: str('Provincial MQTT password', 'Password of this office on the provincial broker.', ''),
        centerId: str('Center of this point', 'The reception points (and the seat) of one center share their waiting counts and estimated waits over the provincial broker: the same id at each (the province\'s center id, `motcua province office add --center`). Empty: not shared.', ''),
      },
    },
    texts: {
      type: 'object', additionalProperties: false, title: 'Texts', description: 'Texts on tickets and displays.', default: {},
      properties: {
        ticketFooter: str('Ticket footer', 'Printed at the bottom of each ticket.', 'Xin vui lòng chờ đến lượt. Trân trọng cảm ơn!'),
        ticketGuidance: str('Ticket guidance', 'Short line of guidance on the ticket.', 'Theo dõi số thứ tự trên màn hình và loa gọi.'),
        notice: str('Hall notice', 'Scrolling notice on the hall display (at most 2,000 characters). Empty: the office\'s name and hours.', '', { maxLength: 2000 }),
      },
    },
    booking: BOOKING_SECTION,
    messages: MESSAGES_SCHEMA,
    voice: {
      type: 'object', additionalProperties: false, title: 'Voice calls', description: 'Spoken calls in the hall.', default: {},
      properties: {
        enabled: bool('Enabled', 'Speak calls on the hall display.', true),
        volume: int('Volume', 'Volume in percent.', 80, 0, 100),
      },
    },
  },
} as const;
