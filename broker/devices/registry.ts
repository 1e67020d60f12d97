import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import { nameProblem } from '../../config/text.js';
import { COUNTER_BOUND, DEVICE_KINDS, ID_RE, type DeviceKind } from '../../protocol/topics.js';

export interface Device {
  id: string; kind: DeviceKind; name: string; counterId: string | null; disabled: boolean;
  createdAt: number; rotatedAt: number | null; options: Record<string, unknown>;
}
interface Row { id: string; kind: string; name: string; counter_id: string | null; secret_hash: string; disabled: number; created_at: number; rotated_at: number | null; options: string }

/**
 * Device secrets are 24 random bytes (base64url): unlike staff passwords they cannot be guessed, so a salted
 * SHA-512 is enough, and a fast check keeps 500 devices reconnecting cheap. The stored form is Mosquitto's own
 * `$6$salt$hash` (SHA-512 of secret then salt, base64), so the same hashes export to a Mosquitto password file.
 */
export function hashSecret(secret: string, salt: Buffer = randomBytes(12)): string {
  const h = createHash('sha512').update(secret, 'utf8').update(salt).digest('base64');
  return `$6$${salt.toString('base64')}$${h}`;
}

function checkSecret(secret: string, stored: string): boolean {
  const [, kind, salt, hash] = stored.split('$');
  if (kind !== '6' || !salt || !hash) return false;
  const a = Buffer.from(hashSecret(secret, Buffer.from(salt, 'base64')).split('$')[3] ?? '', 'base64');
  const b = Buffer.from(hash, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Stored hashes, for the Mosquitto export. */
export function storedHashes(db: Db): { id: string; kind: DeviceKind; counterId: string | null; hash: string; disabled: boolean }[] {
  return (db.prepare('SELECT id, kind, counter_id, secret_hash, disabled FROM devices ORDER BY id').all() as Row[])
    .map((r) => ({ id: r.id, kind: r.kind as DeviceKind, counterId: r.counter_id, hash: r.secret_hash, disabled: !!r.disabled }));
}

function toDevice(r: Row): Device {
  return { id: r.id, kind: r.kind as DeviceKind, name: r.name, counterId: r.counter_id, disabled: !!r.disabled,
    createdAt: r.created_at, rotatedAt: r.rotated_at, options: JSON.parse(r.options) as Record<string, unknown> };
}

/** Provisioned devices and their credentials (SQLite), cached in memory for the broker's hooks. */
export class DeviceRegistry {
  private cache = new Map<string, { device: Device; hash: string }>();
  private dataVersion = -1;
  constructor(private readonly db: Db, private readonly clock: () => number = Date.now) { this.reload(); }

  /** Re-read the table; returns the ids whose credentials were revoked (rotated, disabled or removed). */
  reload(): string[] {
    const old = this.cache;
    this.cache = new Map((this.db.prepare('SELECT * FROM devices').all() as Row[]).map((r) => [r.id, { device: toDevice(r), hash: r.secret_hash }]));
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    return [...old].filter(([id, o]) => { const n = this.cache.get(id); return !n || n.hash !== o.hash || (n.device.disabled && !o.device.disabled); }).map(([id]) => id);
  }

  /** Changes made by another process (the `motcua devices` command) show up here without a restart. */
  refreshIfChanged(): string[] {
    const v = this.db.pragma('data_version', { simple: true }) as number;
    return v === this.dataVersion ? [] : this.reload();
  }

  list(): Device[] { return [...this.cache.values()].map((x) => x.device).sort((a, b) => a.id.localeCompare(b.id)); }
  get(id: string): Device | undefined { return this.cache.get(id)?.device; }

  /** Check a device's credentials: the device when they match and it is enabled, else null. */
  verify(id: string, secret: string): Device | null {
    const x = this.cache.get(id);
    if (!x || x.device.disabled || !checkSecret(secret, x.hash)) return null;
    return x.device;
  }

  /** Create a device; returns its secret (shown once). */
  add(d: { id: string; kind: string; name?: string; counterId?: string | null; options?: Record<string, unknown> }, counters: string[]): { device: Device; secret: string } {
    if (!ID_RE.test(d.id)) throw new McError('MC_ERR_BAD_REQUEST', `device id "${d.id}" must be lower-case letters, digits, - or _ (max 32)`);
    if (d.id.startsWith('staff-')) throw new McError('MC_ERR_BAD_REQUEST', `device id "${d.id}": ids starting with "staff-" belong to the staff pages' connections`);
    const bad = d.name ? nameProblem(d.name) : null;
    if (bad) throw new McError('MC_ERR_BAD_REQUEST', `the device name ${bad}`);
    if (!(DEVICE_KINDS as readonly string[]).includes(d.kind)) throw new McError('MC_ERR_BAD_REQUEST', `unknown device kind "${d.kind}" (one of ${DEVICE_KINDS.join(', ')})`);
    const kind = d.kind as DeviceKind;
    const counterId = d.counterId ?? null;
    if (COUNTER_BOUND.includes(kind) && !counterId) throw new McError('MC_ERR_BAD_REQUEST', `a ${kind} belongs to a counter: give its counter id`);
    if (counterId && !counters.includes(counterId)) throw new McError('MC_ERR_UNKNOWN_COUNTER', counterId);
    if (this.cache.has(d.id)) throw new McError('MC_ERR_BAD_REQUEST', `device "${d.id}" already exists`);
    const secret = randomBytes(24).toString('base64url');
    this.db.prepare('INSERT INTO devices (id, kind, name, counter_id, secret_hash, created_at, options) VALUES (?,?,?,?,?,?,?)')
      .run(d.id, kind, d.name ?? '', counterId, hashSecret(secret), this.clock(), JSON.stringify(d.options ?? {}));
    this.reload();
    return { device: this.get(d.id) as Device, secret };
  }

  rotate(id: string): string {
    this.must(id);
    const secret = randomBytes(24).toString('base64url');
    this.db.prepare('UPDATE devices SET secret_hash = ?, rotated_at = ? WHERE id = ?').run(hashSecret(secret), this.clock(), id);
    this.reload();
    return secret;
  }

  setOptions(id: string, options: Record<string, unknown>): void {
    this.must(id);
    this.db.prepare('UPDATE devices SET options = ? WHERE id = ?').run(JSON.stringify(options), id);
    this.reload();
  }

  setDisabled(id: string, disabled: boolean): void {
    this.must(id);
    this.db.prepare('UPDATE devices SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
    this.reload();
  }

  remove(id: string): void {
    this.must(id);
    this.db.prepare('DELETE FROM devices WHERE id = ?').run(id);
    this.reload();
  }

  private must(id: string): Device {
    const d = this.get(id);
    if (!d) throw new McError('MC_ERR_UNKNOWN_DEVICE', id);
    return d;
  }
}
