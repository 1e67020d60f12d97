import { parseArgs } from 'node:util';
import { ROLES, StaffDirectory, type Role } from '../staff/users.js';
import { ADMIN_EXIT as EXIT, explain, openOffice } from './cli-common.js';
import { generatePassword } from './init.js';

export const USERS_HELP = `Usage: motcua users <action> --config office.yaml [options]
  list                                          staff accounts (username, role, clerk, state)
  add --username U --role ROLE [--clerk ID] [--password P]
                                                create an account (roles: ${ROLES.join(', ')}; a clerk account needs --clerk);
                                                without --password a password is generated and printed once
  disable|enable --username U                   the last technician cannot be disabled
  role --username U --role ROLE                 change a role (the last technician cannot be demoted)
  passwd --username U [--password P]            set a new password (generated when omitted); ends the account's sessions
Exit codes: 0 ok, 1 refused (bad input, last technician), 64 usage, 74 database refused, 78 invalid config.`;

export async function usersCmd(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { config: { type: 'string', short: 'c' }, username: { type: 'string', short: 'u' }, role: { type: 'string' },
      clerk: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) { console.error(`${(e as Error).message}\n${USERS_HELP}`); return EXIT.USAGE; }
  if (!action || values.help || action === '--help' || action === '-h') { console.log(USERS_HELP); return action ? EXIT.OK : EXIT.USAGE; }
  if (!['list', 'add', 'disable', 'enable', 'role', 'passwd'].includes(action)) { console.error(`unknown action "${action}"\n${USERS_HELP}`); return EXIT.USAGE; }
  if (action !== 'list' && !values.username) { console.error(`--username is required\n${USERS_HELP}`); return EXIT.USAGE; }
  if ((action === 'add' || action === 'role') && !(ROLES as readonly string[]).includes(values.role ?? '')) { console.error(`--role must be one of ${ROLES.join(', ')}`); return EXIT.USAGE; }
  const opened = openOffice(values.config);
  if (typeof opened === 'number') return opened;
  const { cfg, db } = opened;
  const staff = new StaffDirectory(db, Date.now);
  const actor = `cli:${process.env.SUDO_USER ?? process.env.USER ?? 'root'}`;
  const username = values.username ?? '';
  try {
    switch (action) {
      case 'list':
        for (const u of staff.list()) console.log(`${u.username}\t${u.role}\t${u.clerkId ?? '-'}\t${u.disabled ? 'disabled' : 'enabled'}`);
        return EXIT.OK;
      case 'add': {
        if (values.clerk && !cfg.clerks.some((c) => c.id === values.clerk)) throw new Error(`unknown clerk "${values.clerk}": clerks of this office are ${cfg.clerks.map((c) => c.id).join(', ') || '(none yet: add them in /admin)'}`);
        const password = values.password ?? generatePassword();
        await staff.add(username, password, values.role as Role, values.clerk ?? null);
        staff.audit(actor, 'user.add', { username, role: values.role });
        console.log(values.password ? `created ${username} (${values.role})` : `created ${username} (${values.role}); password (shown once): ${password}`);
        return EXIT.OK;
      }
      case 'disable': case 'enable':
        staff.update(username, { disabled: action === 'disable' });
        staff.audit(actor, 'user.update', { username, disabled: action === 'disable' });
        console.log(`${action}d ${username}`);
        return EXIT.OK;
      case 'role':
        staff.update(username, { role: values.role as Role });
        staff.audit(actor, 'user.update', { username, role: values.role });
        console.log(`${username} is now ${values.role}`);
        return EXIT.OK;
      default: {
        const password = values.password ?? generatePassword();
        await staff.setPassword(username, password);
        staff.audit(actor, 'user.password', { username });
        console.log(values.password ? `password of ${username} changed` : `new password of ${username} (shown once): ${password}`);
        return EXIT.OK;
      }
    }
  } catch (e) {
    console.error(explain(e));
    return EXIT.FAILED;
  } finally { db.close(); }
}
