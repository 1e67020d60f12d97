/**
 * Staff MQTT tickets (finding 5 of issue 19) live only as long as the login they came from: logout, a password
 * change and a disabled account (in /admin or with the `motcua users` command) end the ticket and close its
 * connection; one login holds at most four tickets, each with one live connection.
 */
import t from 'tap';
import type { MqttClient } from 'mqtt';
import { connect, OPEN_AT, staffFetch, startHub, testClock, waitFor, type TestHub } from '../helpers/hub.js';
import { officeFileOf, run } from '../helpers/cli.js';

const HALL = 'motcua/hoa-binh/hub/hall';
type Creds = { username: string; password: string };

async function ticket(f: Awaited<ReturnType<typeof staffFetch>>): Promise<Creds> {
  const r = await f('/api/auth/mqtt');
  return r.body as unknown as Creds;
}

async function online(th: TestHub, c: Creds, clientId: string): Promise<MqttClient> {
  const m = await connect(th.hub.brokerUrl, { clientId, ...c });
  await m.subscribeAsync(HALL, { qos: 0 });
  return m;
}

/** Resolves true when the hub closes the connection, false after 10 s. */
const closed = (m: MqttClient) => new Promise<boolean>((r) => {
  if (!m.connected) { r(true); return; }
  const tm = setTimeout(() => r(false), 10_000);
  m.once('close', () => { clearTimeout(tm); r(true); });
});

async function setup(t: { teardown: (f: () => unknown) => void }): Promise<TestHub> {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  await th.hub.staff.add('kythuat', 'mat-khau-kt', 'technician');
  await th.hub.staff.add('nv-lan', 'mat-khau-lan', 'clerk', 'nv-lan');
  return th;
}

t.test('logout ends the ticket: its connection is closed and it connects no more', async (t) => {
  const th = await setup(t);
  const f = await staffFetch(th.url, 'nv-lan', 'mat-khau-lan');
  const c = await ticket(f);
  const m = await online(th, c, 'staff-a');
  const gone = closed(m);
  t.equal((await f('/api/auth/logout', { method: 'POST', body: {} })).status, 200);
  t.ok(await gone, 'the live connection is closed');
  m.end(true);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-a', ...c }), /Bad username or password/i, 'the ticket is refused after logout');
});

t.test('a password change or a disabled account (in /admin and with the command) ends every ticket of the account', async (t) => {
  const th = await setup(t);
  const admin = await staffFetch(th.url, 'kythuat', 'mat-khau-kt');
  const clerk = await staffFetch(th.url, 'nv-lan', 'mat-khau-lan');
  const c1 = await ticket(clerk);
  const m1 = await online(th, c1, 'staff-b');
  const gone1 = closed(m1);
  t.equal((await admin('/api/users/nv-lan/password', { body: { password: 'mat-khau-moi-1' } })).status, 200);
  t.ok(await gone1, 'closed at the password change');
  m1.end(true);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-b', ...c1 }), /Bad username or password/i, 'refused after the password change');

  const again = await staffFetch(th.url, 'nv-lan', 'mat-khau-moi-1');
  const c2 = await ticket(again);
  const m2 = await online(th, c2, 'staff-c');
  const gone2 = closed(m2);
  const r = await run(['users', 'disable', '--config', officeFileOf(th.hub, th.dir), '--username', 'nv-lan']);
  t.equal(r.code, 0, 'motcua users disable');
  t.ok(await gone2, 'closed when the command disabled the account (the hub sweeps every 2 s)');
  m2.end(true);
  await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-c', ...c2 }), /Bad username or password/i, 'refused once the account is disabled');
});

t.test('one login holds at most four tickets, each with one live connection', async (t) => {
  const th = await setup(t);
  const f = await staffFetch(th.url, 'nv-lan', 'mat-khau-lan');
  const tickets: Creds[] = [];
  for (let i = 0; i < 150; i++) tickets.push(await ticket(f));
  t.equal(th.hub.staffTickets.size, 4, '150 requests, four tickets kept');
  const old = tickets.slice(0, 146);
  for (const c of [old[0], old[145]]) await t.rejects(connect(th.hub.brokerUrl, { clientId: 'staff-old', ...(c as Creds) }), /Bad username or password/i, 'an older ticket is refused');
  const live = await Promise.all(tickets.slice(146).map((c, i) => online(th, c, `staff-n${i}`)));
  t.teardown(() => live.forEach((m) => m.end(true)));
  const first = live[0] as MqttClient;
  const gone = closed(first);
  const second = await online(th, tickets[146] as Creds, 'staff-n9');
  t.teardown(() => second.end(true));
  t.ok(await gone, 'a second connection on the same ticket replaces the first');
  await waitFor(() => th.hub.broker?.connectedClients() === 4);
  t.equal(th.hub.broker?.connectedClients(), 4, 'four staff connections for one login');
});
