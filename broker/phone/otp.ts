import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import type { PersonLimits } from './persons.js';
import type { PhonePort } from './ports.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
/** How long a verified phone may book without a new code. */
export const PROOF_TTL_MS = 30 * 60_000;

export interface OtpRules { ttlSeconds: number; maxAttempts: number; perPhonePerHour: number }

/**
 * One-time codes sent to a phone, to check that the citizen holds it. The database keeps the phone only as the
 * day's HMAC (PersonLimits), the code only as a hash; a verified code gives a proof (random, stored hashed) that books
 * for half an hour. Rows are deleted two hours after they were made.
 */
export class OtpCodes {
  private readonly q;
  constructor(db: Db, private readonly persons: PersonLimits, private readonly port: PhonePort) {
    this.q = {
      recent: db.prepare('SELECT COUNT(*) AS n FROM otp_codes WHERE phone_hash = ? AND created_at > ?'),
      ins: db.prepare('INSERT INTO otp_codes (id, phone_hash, code_hash, created_at, expires_at) VALUES (?,?,?,?,?)'),
      get: db.prepare('SELECT * FROM otp_codes WHERE id = ?'),
      miss: db.prepare('UPDATE otp_codes SET attempts = attempts + 1 WHERE id = ?'),
      prove: db.prepare('UPDATE otp_codes SET proof_hash = ?, proof_until = ?, expires_at = 0 WHERE id = ?'),
      byProof: db.prepare('SELECT phone_hash, proof_until FROM otp_codes WHERE proof_hash = ?'),
      sweep: db.prepare('DELETE FROM otp_codes WHERE created_at < ? AND (proof_until IS NULL OR proof_until < ?)'),
    };
  }

  /** Send a code to `phone`; refused (429) past the per-phone hourly limit. */
  async request(phone: string, o: { now: number; today: string; rules: OtpRules; office: string }): Promise<{ otpId: string; expiresInS: number }> {
    const hash = this.persons.person(o.today, 'phone', phone);
    if ((this.q.recent.get(hash, o.now - 3600_000) as { n: number }).n >= o.rules.perPhonePerHour) throw new McError('MC_ERR_RATE_LIMITED', 'codes per phone per hour');
    const id = randomBytes(16).toString('base64url');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.q.ins.run(id, hash, sha(`${id}|${code}`), o.now, o.now + o.rules.ttlSeconds * 1000);
    const minutes = Math.round(o.rules.ttlSeconds / 60);
    await this.port.send({ kind: 'otp', to: phone, key: `otp:${id}`, params: { code, minutes: String(minutes), office: o.office },
      text: `Mã xác thực của quý vị tại ${o.office}: ${code}. Hiệu lực ${minutes} phút. Không chia sẻ mã này cho người khác.` });
    return { otpId: id, expiresInS: o.rules.ttlSeconds };
  }

  /** Check a typed code. A wrong one counts; the last allowed miss voids the code. */
  verify(otpId: string, code: string, now: number, maxAttempts: number): { proof: string; validForS: number } {
    const r = this.q.get.get(otpId) as { code_hash: string; expires_at: number; attempts: number } | undefined;
    if (!r || r.expires_at < now || r.attempts >= maxAttempts) throw new McError('MC_ERR_OTP_EXPIRED');
    const want = Buffer.from(r.code_hash, 'hex');
    const got = Buffer.from(sha(`${otpId}|${code}`), 'hex');
    if (!timingSafeEqual(want, got)) {
      this.q.miss.run(otpId);
      throw new McError(r.attempts + 1 >= maxAttempts ? 'MC_ERR_OTP_EXPIRED' : 'MC_ERR_OTP_WRONG');
    }
    const proof = randomBytes(24).toString('base64url');
    this.q.prove.run(sha(proof), now + PROOF_TTL_MS, otpId);
    return { proof, validForS: PROOF_TTL_MS / 1000 };
  }

  /** Whether `proof` was given for `phone` and is still valid. */
  proves(proof: unknown, phone: string, now: number, today: string): boolean {
    if (typeof proof !== 'string' || proof.length < 16 || proof.length > 64) return false;
    const r = this.q.byProof.get(sha(proof)) as { phone_hash: string; proof_until: number } | undefined;
    return !!r && r.proof_until >= now && r.phone_hash === this.persons.person(today, 'phone', phone);
  }

  sweep(now: number): void { this.q.sweep.run(now - 2 * 3600_000, now); }
}
