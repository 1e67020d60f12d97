/**
 * Who may do what (finding 9 of issue 19): every cell of the table in docs/admin.md ("Who may do what"), for a
 * technician, a manager and a clerk (nv-hoa), against a hub where clerk nv-lan serves at counter 1 and counter 2
 * is free. Each role gets its own hub; the rows run in order (a sign-out last).
 */
import t from 'tap';
import { OPEN_AT, staffFetch, startHub, TEST_DAY, testClock, type TestHub } from '../helpers/hub.js';

type Role = 'technician' | 'manager' | 'clerk';
interface Cell { what: string; method: string; path: (th: TestHub) => string; body?: unknown; want: Record<Role, number> }

const ALL = (n: number): Record<Role, number> => ({ technician: n, manager: n, clerk: n });
const ONLY_TECH = { technician: 200, manager: 403, clerk: 403 };
const TECH_MANAGER = { technician: 200, manager: 200, clerk: 403 };

/** The rows of the table, in the order they run. */
const TABLE: Cell[] = [
  { what: 'sign in at a free counter (as oneself; a technician for a clerk)', method: 'POST', path: () => '/api/counters/q2/signin', body: { clerkId: 'nv-hoa' }, want: { technician: 200, manager: 403, clerk: 200 } },
  { what: 'sign in at a counter where another clerk is signed in', method: 'POST', path: () => '/api/counters/q1/signin', body: { clerkId: 'nv-hoa' }, want: { technician: 409, manager: 403, clerk: 409 } },
  { what: 'call the next citizen at another clerk\'s counter', method: 'POST', path: () => '/api/counters/q1/next', body: {}, want: { technician: 200, manager: 403, clerk: 403 } },
  { what: 'finish a ticket credited to another clerk', method: 'POST', path: () => '/api/counters/q1/finish', body: { outcome: 'guidance' }, want: { technician: 200, manager: 403, clerk: 403 } },
  { what: 'issue a number at another clerk\'s counter', method: 'POST', path: () => '/api/counters/q1/issue', body: { fieldId: 'hotich' }, want: { technician: 200, manager: 403, clerk: 403 } },
  { what: 'call the next citizen at one\'s own counter', method: 'POST', path: () => '/api/counters/q2/next', body: {}, want: { technician: 200, manager: 403, clerk: 200 } },
  { what: 'read the counters and their waiting lists', method: 'GET', path: () => '/api/counters/q1/waiting', want: ALL(200) },
  { what: 'a ticket in full by its id', method: 'GET', path: (th) => `/api/tickets/${[...th.hub.queue.snapshot.tickets.keys()][0] ?? 'x'}`, want: ALL(200) },
  { what: 'read devices', method: 'GET', path: () => '/api/devices', want: TECH_MANAGER },
  { what: 'add a device', method: 'POST', path: () => '/api/devices', body: { id: 'disp-new', kind: 'dispenser' }, want: ONLY_TECH },
  { what: 'lock a device', method: 'POST', path: () => '/api/devices/disp-x/disable', body: {}, want: ONLY_TECH },
  { what: 'read accounts', method: 'GET', path: () => '/api/users', want: TECH_MANAGER },
  { what: 'add an account', method: 'POST', path: () => '/api/users', body: { username: 'moi-1', password: 'mat-khau-moi', role: 'clerk', clerkId: 'nv-duc' }, want: ONLY_TECH },
  { what: 'change an account', method: 'PATCH', path: () => '/api/users/nv-thu', body: { disabled: true }, want: ONLY_TECH },
  { what: 'set a password', method: 'POST', path: () => '/api/users/nv-thu/password', body: { password: 'mat-khau-khac' }, want: ONLY_TECH },
  { what: 'read the configuration', method: 'GET', path: () => '/api/admin/config', want: TECH_MANAGER },
  { what: 'edit texts (and clerks, calendar, rating, voice)', method: 'PUT', path: () => '/api/admin/config/texts', body: 'texts', want: TECH_MANAGER },
  { what: 'edit counters (and office, fields, queue)', method: 'PUT', path: () => '/api/admin/config/counters', body: 'counters', want: ONLY_TECH },
  { what: 'read the audit log', method: 'GET', path: () => '/api/audit', want: TECH_MANAGER },
  { what: 'read the provincial link', method: 'GET', path: () => '/api/link', want: TECH_MANAGER },
  { what: 'retry parked provincial events', method: 'POST', path: () => '/api/link/parked/retry', body: {}, want: ONLY_TECH },
  { what: 'read reports', method: 'GET', path: () => `/api/reports?period=day&date=${TEST_DAY}`, want: TECH_MANAGER },
  { what: 'sign out another clerk\'s counter', method: 'POST', path: () => '/api/counters/q1/signout', body: {}, want: { technician: 200, manager: 200, clerk: 403 } },
];

const USERS: Record<Role, [string, string, Role, string | null]> = {
  technician: ['kythuat', 'mat-khau-kt', 'technician', null], manager: ['truongbp', 'mat-khau-tbp', 'manager', null], clerk: ['nv-hoa', 'mat-khau-hoa', 'clerk', 'nv-hoa'],
};

for (const role of ['technician', 'manager', 'clerk'] as const) {
  t.test(`as a ${role}`, async (t) => {
    const th = await startHub({ clock: testClock(OPEN_AT).now });
    t.teardown(th.stop);
    for (const [u, p, r, c] of Object.values(USERS)) await th.hub.staff.add(u, p, r, c);
    await th.hub.staff.add('nv-thu', 'mat-khau-thu', 'clerk', 'nv-thu');
    th.hub.registry.add({ id: 'disp-x', kind: 'dispenser' }, []);
    const q = th.hub.queue;
    for (let i = 0; i < 6; i++) q.execute({ op: 'issue', fieldId: ['hotich', 'tuphap', 'datdai'][i % 3] ?? 'hotich', source: 't', awaitPrint: false }, { source: 't' });
    q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 't' });
    q.execute({ op: 'next', counterId: 'q1' }, { source: 't' });
    q.execute({ op: 'finish', counterId: 'q1', outcome: 'guidance' }, { source: 't' });
    const [u, p] = USERS[role];
    const api = await staffFetch(th.url, u, p);
    for (const cell of TABLE) {
      const body = cell.body === 'texts' || cell.body === 'counters' ? { value: th.hub.cfg[cell.body] } : cell.body;
      const r = await api(cell.path(th), { method: cell.method, ...(body === undefined ? {} : { body }) });
      t.equal(r.status, cell.want[role], `${cell.what}: ${cell.want[role]} (${String(r.body.code ?? 'ok')})`);
    }
    const credited = [...q.snapshot.tickets.values()].filter((x) => x.status === 'done' && x.clerkId === 'nv-lan').length;
    t.equal(credited, role === 'technician' ? 2 : 1, 'tickets credited to nv-lan: only those her counter finished');
  });
}
