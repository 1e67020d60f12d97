/** Every device kind against every operation: what it may do is done (or refused for another reason), the rest is MC_ERR_FORBIDDEN. */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { REQUEST_OPS, type RequestOp } from '../../protocol/messages.js';
import { DEVICE_KINDS, HUB_READS_BY_KIND, OPS_BY_KIND } from '../../protocol/topics.js';
import { OPEN_AT, startHub, TestDevice, testClock } from '../helpers/hub.js';

/** A well-formed request for each op, so that only the kind decides. */
const ARGS: Record<RequestOp, Record<string, unknown>> = {
  issue: { fieldId: 'hotich' }, checkIn: { code: 'ABCD2345' }, rate: { level: 'satisfied' }, next: {}, recall: {}, skip: {}, hold: {}, resume: {},
  transfer: { toCounter: 2 }, finish: {}, signIn: { clerkCode: '0000' }, signOut: {},
};

t.test('docs/protocol.md "What each kind may do" is the table the hub enforces', async (t) => {
  const doc = readFileSync('docs/protocol.md', 'utf8');
  for (const kind of DEVICE_KINDS) {
    const row = new RegExp(`^\\| ${kind}(?: \\([a-z]+\\))? \\| ([^|]*) \\| ([^|]*) \\|$`, 'm').exec(doc);
    t.ok(row, `${kind} has its row`);
    const ops = [...(row?.[1] ?? '').matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]);
    t.same(ops.sort(), [...OPS_BY_KIND[kind]].sort(), `${kind}: the documented ops`);
    const reads = (row?.[2] ?? '').split(',').map((s) => s.trim().replace('{its counter}', '{counter}'));
    t.same(reads.sort(), [...HUB_READS_BY_KIND[kind]].sort(), `${kind}: the documented hub topics`);
  }
});

t.test('a real hub: each kind × each op, allowed or MC_ERR_FORBIDDEN', async (t) => {
  const th = await startHub({ clock: testClock(OPEN_AT).now });
  t.teardown(th.stop);
  for (const kind of DEVICE_KINDS) {
    const d = await TestDevice.create(th, `${kind}-1`, kind, ['rating', 'keypad', 'counter'].includes(kind) ? 'q1' : null);
    for (const op of REQUEST_OPS) {
      const r = await d.request(op, ARGS[op]);
      const code = (r.error as { code?: string } | undefined)?.code;
      if (OPS_BY_KIND[kind].includes(op)) t.not(code, 'MC_ERR_FORBIDDEN', `${kind} may ${op}${code ? ` (answered ${code})` : ''}`);
      else t.equal(code, 'MC_ERR_FORBIDDEN', `${kind} may not ${op}`);
    }
    await d.end();
  }
});
