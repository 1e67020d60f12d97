/**
 * Nothing lost across a restart while the gateway is down, and phone numbers erased `keepPhoneDays` after their
 * purpose (the ticket's or the booking's day), on the injected clock; nothing else personal is stored.
 */
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import t from 'tap';
import { atMs, TEST_DAY, tempDir } from '../helpers/hub.js';
import { addDays } from '../helpers/days.js';
import { until } from '../onestop/helpers.js';
import { call, messagesRig } from './rig.js';
import type { Db } from '../../broker/db/open.js';

/** Every text cell of every table that contains `needle`. */
function cellsWith(db: Db, needle: string): string[] {
  const out: string[] = [];
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
    for (const row of db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]) {
      for (const [k, v] of Object.entries(row)) if (typeof v === 'string' && v.includes(needle)) out.push(`${name}.${k}`);
    }
  }
  return out;
}

t.test('a message pending while the gateway is down survives a restart and goes once; phones are erased after N days', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const first = await messagesRig(t, 'sms', { dir });
  const { sim, clock } = first;
  const q = first.th.hub.queue;
  q.execute({ op: 'signIn', counterId: 'q1', clerkId: 'nv-lan' }, { source: 'test' });
  const mine = first.issue();
  t.equal((await call(`${first.th.url}/api/tickets/${first.th.hub.ticketRefs.ref(mine.id)}/messages`, 'POST', { phone: '0912345678' })).status, 200);
  first.th.hub.messages.enqueue({ kind: 'booking_confirmed', phone: '0987 654 321', vars: { code: 'HB-2', day: '26/11', time: '09:00' }, purposeEndsDay: addDays(TEST_DAY, 2) });
  sim.mode = 'down';
  q.execute({ op: 'next', counterId: 'q1' }, { source: 'test' });
  await once(first.th.hub.messages.dispatcher, 'retry');
  t.equal(sim.delivered.length, 0);
  await first.th.stop();

  sim.mode = 'ok';
  const second = await messagesRig(t, 'sms', { dir, sim, clock });
  await until(second.th.hub.messages.dispatcher, ['sent'], () => second.th.hub.messages.status().backlog === 0, 5000, 'the backlog sent after the restart');
  t.same(sim.delivered.map((d) => d.text?.split('\n')[0]).sort(), [
    `Một cửa huyện Hòa Bình: Mời quý vị có số ${mine.number} đến Quầy 1.`,
    'Một cửa huyện Hòa Bình: Đã đặt lịch hẹn ngày 26/11 lúc 09:00. Mã đặt lịch: HB-2. Xin mang mã này khi đến.',
  ], 'both messages, once each');
  const db = second.th.hub.db;
  const m = second.th.hub.messages;

  clock.set(atMs('08:00', addDays(TEST_DAY, 7)));
  m.eraseExpired();
  t.ok(cellsWith(db, '912345678').length > 0, 'kept through the 7th day after the ticket\'s day');
  clock.set(atMs('08:00', addDays(TEST_DAY, 8)));
  m.eraseExpired();
  t.same(cellsWith(db, '912345678'), [], 'the ticket\'s phone is gone from every table on the 8th day');
  t.ok(cellsWith(db, '987654321').length > 0, 'the booking\'s phone stays: its purpose ends two days later');
  t.equal(m.subscription(mine.id), null);
  clock.set(atMs('08:00', addDays(TEST_DAY, 10)));
  m.eraseExpired();
  t.same(cellsWith(db, '987654321'), [], 'the booking\'s phone is gone on the 8th day after the booking');
  t.same(cellsWith(db, 'HB-2').filter((c) => c.startsWith('msg_outbox.vars')), [], 'the message variables went with it');
  const f = m.figures(TEST_DAY, TEST_DAY);
  t.equal(f.sent, 2, 'the reports still count the messages');
});
