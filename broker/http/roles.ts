import { McError } from '../../protocol/errors.js';
import type { Staff } from '../staff/users.js';

/**
 * Who may work at a counter (docs/admin.md, "Who may do what"; tested cell by cell in test/fault/roles.test.ts):
 *   - a clerk signs in only as themself, at a counter that is free or already theirs, and works only there;
 *   - a technician may sign a clerk in at a free counter and work for them (setting up, testing a counter);
 *   - a manager does not serve at counters: no sign-in, no call, no finish; like a technician, a manager may sign
 *     out a counter a clerk left signed in;
 *   - nobody signs in at a counter where another clerk is signed in: that clerk signs out first (or is signed out).
 * `here` is the clerk signed in at the counter (null when free); `as` the clerk a sign-in is for.
 */
export function checkCounterOp(s: Staff, op: string, here: string | null, as: string | null): void {
  if (op === 'signout') {
    if (s.role === 'clerk' && here !== s.clerkId) throw new McError('MC_ERR_FORBIDDEN', 'a clerk signs out only their own counter');
    return;
  }
  if (s.role === 'manager') throw new McError('MC_ERR_FORBIDDEN', 'a manager does not serve at counters');
  if (op === 'signin') {
    if (here !== null && here !== as) throw new McError('MC_ERR_COUNTER_TAKEN', `${here} is signed in here`);
    return;
  }
  if (s.role === 'clerk' && here !== s.clerkId) throw new McError('MC_ERR_FORBIDDEN', 'sign in at this counter first');
}
