import type { FastifyInstance } from 'fastify';
import type { OfficeConfig } from '../../config/types.js';
import type { PairingData } from '../admin/pairing.js';
import type { Db } from '../db/open.js';
import type { Device, DeviceRegistry } from '../devices/registry.js';
import type { Presence } from '../hub/presence.js';
import type { StaffDirectory } from '../staff/users.js';
import type { OnestopLink } from '../onestop/link.js';
import { DEVICE_KINDS } from '../../protocol/topics.js';
import type { Role } from '../staff/users.js';
import { requireStaff } from './auth.js';
import { errorSchema } from './errors.js';
import { qrSvg, qrText } from '../admin/pairing.js';
import { adminConfigRoutes } from '../admin/routes.js';
import { summaryRoutes } from './summary.js';
import type { AlertBook } from '../admin/alerts.js';
import { deviceView } from '../admin/device-view.js';
import { checkProvisioning } from '../devices/provision.js';
import { deviceAddedAnswer, devicesAnswer, okAnswer, rotatedAnswer, usersAnswer } from './responses.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', maxLength: 64 } } } as const;

/** What the admin routes use of the hub (`hub` below is only this). */
export interface AdminDeps {
  readonly cfg: OfficeConfig; clock: () => number; db: Db; staff: StaffDirectory; registry: DeviceRegistry; presence: Presence;
  pairing: (id: string, secret: string) => PairingData; addPrinter: (d: Device) => void; disconnectDevice: (id: string) => void;
  applyConfig: (doc: unknown, actor: string) => { restartRequired: boolean }; publicBase: () => string;
  staffTickets: { revokeUser(username: string): void }; link: Pick<OnestopLink, 'status'>; alerts: AlertBook;
}

/** Technician and manager pages' API: devices (with their live state) and staff accounts (a Fastify plugin). */
export async function adminRoutes(app: FastifyInstance, hub: AdminDeps): Promise<void> {
  const tech = requireStaff(hub.staff, ['technician']);
  const mgr = requireStaff(hub.staff, ['technician', 'manager']);
  summaryRoutes(app, hub, mgr);

  app.get('/api/devices', { onRequest: mgr, schema: { tags: ['admin'], summary: 'Devices with state, last seen and faults', response: { 200: devicesAnswer, ...errors } } },
    async () => ({ now: hub.clock(), devices: hub.presence.list().map((p) => deviceView(p, hub.registry.get(p.id))) }));

  /** Pairing data shown once (after add/rotate): text, the QR code's JSON, and the QR code as SVG. */
  const pairingOnce = async (id: string, secret: string) => {
    const pairing = hub.pairing(id, secret);
    return { pairing, qrText: qrText(pairing), qrSvg: await qrSvg(pairing) };
  };

  app.post<{ Body: { id: string; kind: string; name?: string; counterId?: string | null; options?: Record<string, unknown> } }>('/api/devices', {
    onRequest: tech,
    schema: { tags: ['admin'], summary: 'Provision a device; answers its secret once',
      body: { type: 'object', additionalProperties: false, required: ['id', 'kind'], properties: {
        id: { type: 'string', maxLength: 32 }, kind: { type: 'string', enum: [...DEVICE_KINDS] }, name: { type: 'string', maxLength: 100 },
        counterId: { type: ['string', 'null'], maxLength: 32 }, options: { type: 'object', additionalProperties: true } } },
      response: { 200: deviceAddedAnswer, ...errors } },
  }, async (req) => {
    const body = { ...req.body, name: (req.body.name ?? '').normalize('NFC').trim(), counterId: req.body.counterId || null };
    checkProvisioning(body, (id) => hub.registry.get(id));
    const r = hub.registry.add(body, hub.cfg.counters.map((c) => c.id));
    if (r.device.kind === 'printer') hub.addPrinter(r.device);
    hub.staff.audit(req.staff?.username ?? '?', 'device.add', { id: r.device.id, kind: r.device.kind, counterId: r.device.counterId, name: r.device.name });
    hub.presence.publish();
    return { device: r.device, secret: r.secret, ...(await pairingOnce(r.device.id, r.secret)) };
  });

  app.post<{ Params: { id: string } }>('/api/devices/:id/rotate', { onRequest: tech, schema: { tags: ['admin'], params: idParams, response: { 200: rotatedAnswer, ...errors } } }, async (req) => {
    const secret = hub.registry.rotate(req.params.id);
    hub.disconnectDevice(req.params.id);
    hub.staff.audit(req.staff?.username ?? '?', 'device.rotate', { id: req.params.id });
    return { id: req.params.id, secret, ...(await pairingOnce(req.params.id, secret)) };
  });

  for (const [path, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post<{ Params: { id: string } }>(`/api/devices/:id/${path}`, { onRequest: tech, schema: { tags: ['admin'], params: idParams, response: { 200: okAnswer, ...errors } } }, async (req) => {
      hub.registry.setDisabled(req.params.id, disabled);
      if (disabled) hub.disconnectDevice(req.params.id);
      hub.staff.audit(req.staff?.username ?? '?', `device.${path}`, { id: req.params.id });
      hub.presence.publish();
      return { ok: true };
    });
  }

  app.delete<{ Params: { id: string } }>('/api/devices/:id', { onRequest: tech, schema: { tags: ['admin'], params: idParams, response: { 200: okAnswer, ...errors } } }, async (req) => {
    hub.registry.remove(req.params.id);
    hub.disconnectDevice(req.params.id);
    hub.staff.audit(req.staff?.username ?? '?', 'device.remove', { id: req.params.id });
    hub.presence.publish();
    return { ok: true };
  });

  app.get('/api/users', { onRequest: mgr, schema: { tags: ['admin'], response: { 200: usersAnswer, ...errors } } }, async () => ({ users: hub.staff.list() }));
  app.post<{ Body: { username: string; password: string; role: Role; clerkId?: string | null } }>('/api/users', {
    onRequest: tech,
    schema: { tags: ['admin'], body: { type: 'object', additionalProperties: false, required: ['username', 'password', 'role'], properties: {
      username: { type: 'string', maxLength: 32 }, password: { type: 'string', maxLength: 200 }, role: { type: 'string', enum: ['technician', 'manager', 'clerk'] },
      clerkId: { type: ['string', 'null'], maxLength: 32 } } }, response: { 200: okAnswer, ...errors } },
  }, async (req) => {
    await hub.staff.add(req.body.username, req.body.password, req.body.role, req.body.clerkId ?? null);
    hub.staff.audit(req.staff?.username ?? '?', 'user.add', { username: req.body.username, role: req.body.role });
    return { ok: true };
  });
  app.patch<{ Params: { id: string }; Body: { role?: Role; disabled?: boolean } }>('/api/users/:id', {
    onRequest: tech,
    schema: { tags: ['admin'], params: idParams, body: { type: 'object', additionalProperties: false, properties: { role: { type: 'string', enum: ['technician', 'manager', 'clerk'] }, disabled: { type: 'boolean' } } },
      response: { 200: okAnswer, ...errors } },
  }, async (req) => {
    const before = hub.staff.list().find((u) => u.username === req.params.id);
    hub.staff.update(req.params.id, req.body);
    hub.staffTickets.revokeUser(req.params.id); // its pages reconnect with their new role, or not at all
    hub.staff.audit(req.staff?.username ?? '?', 'user.update', { username: req.params.id, ...req.body, ...(before && req.body.role ? { roleBefore: before.role } : {}) });
    return { ok: true };
  });

  app.post<{ Params: { id: string }; Body: { password: string } }>('/api/users/:id/password', {
    onRequest: tech,
    schema: { tags: ['admin'], summary: 'Set a staff password (ends the account\'s sessions)', params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['password'], properties: { password: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: { 200: okAnswer, ...errors } },
  }, async (req) => {
    await hub.staff.setPassword(req.params.id, req.body.password);
    hub.staffTickets.revokeUser(req.params.id);
    hub.staff.audit(req.staff?.username ?? '?', 'user.password', { username: req.params.id });
    return { ok: true };
  });

  adminConfigRoutes(app, hub);
}
