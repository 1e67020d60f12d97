import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OfficeConfig } from '../../config/types.js';
import { McError } from '../../protocol/errors.js';
import type { Arrivals } from '../booking/arrivals.js';
import type { BookingService } from '../booking/service.js';
import { readBookingCode } from '../booking/slots.js';
import { normalisePhone } from '../phone/ports.js';
import { RateWindow } from '../phone/rate.js';
import { errorSchema } from './errors.js';
import { fieldSessions } from '../queue/field-calendar.js';
import { bookingAnswer, bookingOptionsAnswer, otpAnswer, proofAnswer, remoteAnswer, slotsAnswer } from './responses.js';

/** What the booking routes use of the hub. */
export interface BookingDeps { readonly cfg: OfficeConfig; clock: () => number; bookings: BookingService; arrivals: Pick<Arrivals, 'remote'> }

const DAY = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const SLOT = { type: 'string', pattern: '^\\d{2}:\\d{2}$' };
const FIELD = { type: 'string', maxLength: 32 };
const PHONE = { type: 'string', maxLength: 20, description: 'Vietnamese mobile number' };
const PROOF = { type: 'string', maxLength: 64, description: 'from /api/booking/otp/verify (not needed with an API key)' };
const body = (required: string[], props: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required, properties: props });
const codeParams = { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', maxLength: 16 } } };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 429: errorSchema };
const sha = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Bookings and numbers from a phone (tag `booking`): the booking page, a province's app and a Zalo mini app use the
 * same routes. Without an API key a phone is proved by a one-time code and each address is rate limited; an API
 * client (X-Api-Key) proves its users itself and has its own limit. The slots are one pool whatever the channel.
 */
export async function bookingRoutes(app: FastifyInstance, hub: BookingDeps): Promise<void> {
  const rate = new RateWindow(hub.clock);
  const b = hub.bookings;

  /** The client of an API key, or null without one; a wrong key is refused. Rate limits per client or per address. */
  const caller = (req: FastifyRequest): { channel: string; trusted: boolean } => {
    const key = req.headers['x-api-key'];
    if (typeof key === 'string' && key) {
      const got = sha(key);
      const c = hub.cfg.booking.clients.find((x) => timingSafeEqual(Buffer.from(x.keySha256, 'hex'), got));
      if (!c) throw new McError('MC_ERR_BAD_API_KEY');
      if (!rate.take(`client|${c.id}`, c.perMinute)) throw new McError('MC_ERR_RATE_LIMITED');
      return { channel: c.id, trusted: true };
    }
    if (!rate.take(`addr|${req.ip}`, hub.cfg.booking.perAddressPerMinute)) throw new McError('MC_ERR_RATE_LIMITED');
    return { channel: 'web', trusted: false };
  };
  /** The verified phone of a request: an API client vouches for it; a citizen's page shows the proof of a code. */
  const phoneOf = (req: FastifyRequest, who: { trusted: boolean }, raw: string, proof: string | undefined): string => {
    const phone = normalisePhone(raw);
    if (!phone) throw new McError('MC_ERR_BAD_PHONE');
    if (!who.trusted && !b.otp.proves(proof, phone, hub.clock(), b.today())) throw new McError('MC_ERR_PHONE_NOT_VERIFIED');
    return phone;
  };
  const code = (raw: string): string => {
    const c = readBookingCode(raw);
    if (!c) throw new McError('MC_ERR_UNKNOWN_BOOKING');
    return c;
  };

  app.get('/api/booking/options', { schema: { tags: ['booking'], summary: 'What may be booked: the days, the fields, the rules', response: { 200: bookingOptionsAnswer } } }, async () => {
    const cfg = hub.cfg;
    const o = cfg.booking;
    const visible = cfg.fields.filter((f) => !f.hidden);
    const closedDays = b.days().filter((d) => visible.every((f) => fieldSessions(cfg, f.id, d).length === 0));
    return { days: b.days(), closedDays, fields: cfg.fields.filter((f) => !f.hidden).map((f) => ({ id: f.id, name: f.name, nameEn: f.nameEn })), enabled: o.enabled, remoteNumbers: o.remoteNumbers,
      daysAhead: o.daysAhead, slotMinutes: o.slotMinutes, policy: o.policy, windowMinutes: o.windowMinutes, graceMinutes: o.graceMinutes, perPersonPerDay: o.perPersonPerDay,
      phoneRetentionDays: o.phoneRetentionDays, timezone: cfg.office.timezone };
  });

  app.get<{ Querystring: { fieldId: string; day: string } }>('/api/booking/slots', { schema: { tags: ['booking'], summary: 'A field\'s slots on a day, with the places left',
    querystring: body(['fieldId', 'day'], { fieldId: FIELD, day: DAY }), response: { 200: slotsAnswer, ...errors } } },
  async (req) => ({ day: req.query.day, fieldId: req.query.fieldId, slots: b.slots(req.query.fieldId, req.query.day) }));

  app.post<{ Body: { phone: string } }>('/api/booking/otp', { schema: { tags: ['booking'], summary: 'Send a one-time code to a phone',
    body: body(['phone'], { phone: PHONE }), response: { 200: otpAnswer, ...errors } } }, async (req) => {
    caller(req);
    const phone = normalisePhone(req.body.phone);
    if (!phone) throw new McError('MC_ERR_BAD_PHONE');
    const cfg = hub.cfg;
    return b.otp.request(phone, { now: hub.clock(), today: b.today(), office: cfg.office.shortName || cfg.office.name,
      rules: { ttlSeconds: cfg.booking.otpTtlSeconds, maxAttempts: cfg.booking.otpMaxAttempts, perPhonePerHour: cfg.booking.otpPerPhonePerHour } });
  });

  app.post<{ Body: { otpId: string; code: string } }>('/api/booking/otp/verify', { schema: { tags: ['booking'], summary: 'Check the code typed; the answer proves the phone for 30 minutes',
    body: body(['otpId', 'code'], { otpId: { type: 'string', maxLength: 40 }, code: { type: 'string', maxLength: 12 } }), response: { 200: proofAnswer, ...errors } } }, async (req) => {
    caller(req);
    return b.otp.verify(req.body.otpId, req.body.code.trim(), hub.clock(), hub.cfg.booking.otpMaxAttempts);
  });

  app.post<{ Body: { fieldId: string; procedureId?: string; day: string; slot: string; phone: string; proof?: string } }>('/api/bookings', {
    schema: { tags: ['booking'], summary: 'Book a slot (a one-time code proves the phone, or an API client vouches for it)',
      body: body(['fieldId', 'day', 'slot', 'phone'], { fieldId: FIELD, procedureId: { type: 'string', maxLength: 64 }, day: DAY, slot: SLOT, phone: PHONE, proof: PROOF }),
      response: { 201: bookingAnswer, ...errors } } }, async (req, reply) => {
    const who = caller(req);
    const phone = phoneOf(req, who, req.body.phone, req.body.proof);
    const v = await b.book({ fieldId: req.body.fieldId, procedureId: req.body.procedureId ?? null, day: req.body.day, slot: req.body.slot, phone, channel: who.channel });
    return reply.status(201).send(v);
  });

  app.get<{ Params: { code: string } }>('/api/bookings/:code', { schema: { tags: ['booking'], summary: 'A booking by its code',
    params: codeParams, response: { 200: bookingAnswer, ...errors } } }, async (req) => { caller(req); b.sweep(); return b.view(code(req.params.code)); });

  app.post<{ Params: { code: string } }>('/api/bookings/:code/cancel', { schema: { tags: ['booking'], summary: 'Cancel a booking by its code (its place is freed)',
    params: codeParams, response: { 200: bookingAnswer, ...errors } } }, async (req) => { caller(req); return b.cancel(code(req.params.code)); });

  app.post<{ Params: { code: string }; Body: { day: string; slot: string; fieldId?: string } }>('/api/bookings/:code/move', {
    schema: { tags: ['booking'], summary: 'Move a booking to another slot, keeping its code', params: codeParams,
      body: body(['day', 'slot'], { day: DAY, slot: SLOT, fieldId: FIELD }), response: { 200: bookingAnswer, ...errors } } },
  async (req) => { caller(req); return b.move(code(req.params.code), req.body); });

  app.post<{ Body: { fieldId: string; phone: string; proof?: string } }>('/api/remote-numbers', {
    schema: { tags: ['booking'], summary: 'A number for today from a phone (lấy số từ xa), with its live page /t/{ref}',
      body: body(['fieldId', 'phone'], { fieldId: FIELD, phone: PHONE, proof: PROOF }), response: { 201: remoteAnswer, ...errors } } }, async (req, reply) => {
    const who = caller(req);
    const phone = phoneOf(req, who, req.body.phone, req.body.proof);
    return reply.status(201).send(await hub.arrivals.remote({ fieldId: req.body.fieldId, phone, channel: who.channel }));
  });
}
