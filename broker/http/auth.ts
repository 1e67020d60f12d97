import type { FastifyReply, FastifyRequest } from 'fastify';
import { McError } from '../../protocol/errors.js';
import type { Role, Staff, StaffDirectory } from '../staff/users.js';

export const SESSION_COOKIE = 'mc_session';

declare module 'fastify' {
  interface FastifyRequest { staff?: Staff }
}

/** An onRequest hook that requires a signed-in staff member with one of `roles` (any role when empty). */
export function requireStaff(dir: StaffDirectory, roles: Role[] = []) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const staff = dir.session(req.cookies[SESSION_COOKIE]);
    if (!staff) throw new McError('MC_ERR_UNAUTHORIZED');
    if (roles.length && !roles.includes(staff.role)) throw new McError('MC_ERR_FORBIDDEN');
    req.staff = staff;
  };
}
