/**
 * The REST answers' schemas, so that /docs documents what each route really answers. Objects keep
 * `additionalProperties: true` (a hub may add optional fields; nothing is stripped) but list their properties; a
 * property without a type is passed through as is (nested objects defined by the office configuration or the
 * provincial system).
 */
type S = Record<string, unknown>;

const any = (description: string): S => ({ description });
const str: S = { type: 'string' };
const num: S = { type: 'number' };
const int: S = { type: 'integer' };
const bool: S = { type: 'boolean' };
const orNull = (s: S): S => ({ ...s, type: [s.type as string, 'null'] });
const arr = (items: S): S => ({ type: 'array', items });

/** An object whose `required` keys are always there and `optional` ones may be. */
export function obj(required: Record<string, S>, optional: Record<string, S> = {}, description?: string): S {
  return { type: 'object', additionalProperties: true, required: Object.keys(required), properties: { ...required, ...optional }, ...(description ? { description } : {}) };
}

export const okAnswer = obj({ ok: { type: 'boolean', const: true } });

/** A wait forecast by simulating the office forward (issue 23), as every screen and the paper tell it. */
export const waitForecast: Record<string, S> = {
  basis: { type: 'string', enum: ['history', 'none'], description: '"none": no service history yet, so no figure (minutes, low, high are null)' },
  minutes: { ...orNull(num), description: 'central forecast (median), minutes from now' },
  low: { ...orNull(num), description: '10th percentile, minutes from now' },
  high: { ...orNull(num), description: '90th percentile, minutes from now (null: beyond today\'s last session)' },
  afterBreak: { ...orNull(str), description: '"HH:MM": not reachable before the break (or opening); called after that session starts' },
  beyondToday: { ...bool, description: 'most simulated days do not reach it today' },
};
export const fieldWait = obj({ fieldId: str, name: str, waiting: int, ...waitForecast });
export const queueAnswer = obj({ fields: arr(fieldWait) });

export const ticketView = obj({
  id: str, day: str, fieldId: str, number: str, priority: orNull(str), status: str, counterId: orNull(str), clerkId: orNull(str),
  issuedAt: num, calledAt: orNull(num), finishedAt: orNull(num), outcome: orNull(str), dossierCode: orNull(str), fieldName: str, counterNumber: orNull(int),
  estimate: { type: ['object', 'null'], additionalProperties: true, required: ['ahead', ...Object.keys(waitForecast)], properties: { ahead: int, ...waitForecast } },
  counters: arr(obj({ counterId: str, number: int, name: str, serving: orNull(str) })),
}, { rated: bool }, 'A ticket with its live position');

export const officeAnswer = obj({
  office: obj({ id: str, name: str, level: str, timezone: str }), open: any('whether the office is open now, and until / from when'),
  calendar: any('working hours and holidays (office configuration)'), priorityMode: str,
  fields: arr(obj({ id: str, name: str }, { nameEn: str })),
  counters: arr(obj({ id: str, number: int, name: str, fields: arr(str) }, { priority: bool, guidance: str })),
  rating: obj({ levels: arr(obj({ key: str, label: str })), reasons: any('reasons a citizen may give') }),
  texts: any('texts shown and printed (office configuration)'), voice: any('voice announcements (office configuration)'), onestopLabel: str,
});

export const hallAnswer = obj({
  v: int, office: obj({ name: str, level: str }), counters: arr(obj({ counterId: str, counterNumber: int, counterName: str, open: bool })),
  recent: arr(any('a call message, as on hub/calls')), waiting: arr(fieldWait), figures: any('the province\'s figures, or null'), notice: str,
  voice: obj({ enabled: bool, volume: num }), at: num,
}, {}, 'The hall display state (as the retained hub/hall message)');

const staffUser = obj({ username: str, role: str, clerkId: orNull(str), disabled: bool });
export const loginAnswer = obj({ user: staffUser, expiresIn: { type: 'integer', description: 'the session\'s lifetime in seconds (as the cookie\'s Max-Age)' }, now: num });
export const meAnswer = obj({ user: staffUser });
export const mqttTicketAnswer = obj({ path: str, office: str, username: str, password: str }, {}, 'Read-only MQTT credentials for staff pages, valid 8 hours');
export const countersAnswer = obj({ counters: arr(any('a counter\'s state, as the retained hub/counter/{id} message')) });
export const waitingAnswer = obj({ tickets: arr(obj({ id: str, number: str, fieldId: str, priority: orNull(str), status: str, issuedAt: num },
  { calledAt: orNull(num), slotAt: { ...orNull(num), description: 'a booking checked in under the slot-first policy: its slot\'s start (ms); null otherwise' } })) });
export const reprintAnswer = obj({ ok: bool, ticketId: str, printerId: str });
export const counterOpAnswer = obj({}, { ticket: any('the ticket concerned (absent for sign-in / sign-out)'), counter: any('the counter\'s state after the operation') });

export const catalogAnswer = obj({ version: str, publishedAt: str, cached: bool, ageMs: num, procedures: arr(obj({ id: str, name: str })) });
export const dossierAnswer = obj({ dossier: obj({ code: str, procedureName: str, status: str, statusCode: str }, {}, 'A dossier\'s status (no personal data)'),
  cached: bool, fetchedAt: num, ageMs: num });
export const linkAnswer = obj({ configured: bool, backlog: int, parked: int, oldestUnsentAt: orNull(num), lastSuccessAt: orNull(num), lastError: orNull(str), sending: bool }, { label: str,
  uplink: orNull(obj({ connected: bool, ackedSeq: int, lastSeq: int, backlog: int }, { confirmedSeq: orNull(int), healthBacklog: int, lastAckAt: orNull(num), resends: int }, 'the stream to the provincial MQTT broker (docs/province.md)')) });
export const parkedAnswer = obj({ total: int, events: arr(any('an event set aside, with why')) });
export const retryAnswer = obj({ requeued: int });

export const reportAnswer = obj({ office: obj({ id: str, name: str }), period: any('the period (kind, from, to)'), groupBy: str, generatedAt: num,
  levels: arr(obj({ key: str, label: str, score: num })), rows: arr(any('figures of one group')), total: any('figures of the whole period') });
export const clerksAnswer = obj({ office: obj({ id: str, name: str }), period: any('the month'), lowThreshold: num, minRatings: int, clerks: arr(any('one clerk\'s month')), generatedAt: num });

export const adminConfigAnswer = obj({ config: any('the configuration in force, secrets hidden'), editable: arr(str), sections: any('who may edit each section') });
export const configAppliedAnswer = obj({ ok: bool, restartRequired: bool, config: any('the configuration in force, secrets hidden') });
export const auditAnswer = obj({ entries: arr(obj({ id: int, at: num, actor: str, action: str }, { detail: any('what changed') })) });

const deviceView = obj({ id: str, kind: str, name: str, counterId: orNull(str), disabled: bool, online: bool, lastSeen: orNull(num),
  state: any('the device\'s last reported state, or null'), version: orNull(str), faults: arr(str), createdAt: orNull(num), rotatedAt: orNull(num), options: any('the device\'s options, secrets left out') });
export const devicesAnswer = obj({ now: { type: 'number', description: 'the hub\'s clock, to age lastSeen' }, devices: arr(deviceView) });
const pairing = obj({ v: int, office: str, deviceId: str, kind: orNull(str), counterId: orNull(str), mqttUrl: str, wsUrl: str }, { secret: str, pageUrl: orNull(str) });
const pairingOnce = { pairing, qrText: str, qrSvg: str };
export const deviceAddedAnswer = obj({ device: any('the device'), secret: str, ...pairingOnce }, {}, 'The secret is shown this once');
export const rotatedAnswer = obj({ id: str, secret: str, ...pairingOnce }, {}, 'The new secret is shown this once');
export const usersAnswer = obj({ users: arr(staffUser) });

// bookings and numbers from a phone (issue 22)
export const bookingOptionsAnswer = obj({ days: arr(str), closedDays: { ...arr(str), description: 'days among `days` when no field has a session (weekend, holiday)' }, fields: arr(obj({ id: str, name: str }, { nameEn: str })), enabled: bool, remoteNumbers: bool, daysAhead: int,
  slotMinutes: int, policy: str, windowMinutes: int, graceMinutes: int, perPersonPerDay: int, phoneRetentionDays: int, timezone: str });
export const slotsAnswer = obj({ day: str, fieldId: str, slots: arr(obj({ slot: str, capacity: int, free: int, open: bool })) });
export const otpAnswer = obj({ otpId: str, expiresInS: int });
export const proofAnswer = obj({ proof: str, validForS: int });
export const bookingAnswer = obj({ code: str, codeShown: str, day: str, slot: str, slotAt: num, fieldId: str, fieldName: str, procedureId: orNull(str), status: str,
  channel: str, checkInFrom: str, checkInUntil: str, url: str, qrSvg: str, ticketId: orNull(str) }, { phone: { ...orNull(str), description: 'the last digits only' } }, 'A booking (no personal data but the last digits of the phone)');
export const remoteAnswer = obj({ ticket: any('the ticket with its live position'), ref: str, url: { type: 'string', description: 'the ticket\'s live page' } });
const waitFigures = obj({ called: int, medianMin: orNull(num), p90Min: orNull(num) });
export const bookingReportAnswer = obj({ from: str, to: str, bookings: obj({ total: int, booked: int, checkedIn: int, late: int, noShow: int, cancelled: int }),
  byChannel: any('bookings per channel: web, or an API client\'s id'), waits: obj({ walkIn: waitFigures, booking: waitFigures, remote: waitFigures }) });
