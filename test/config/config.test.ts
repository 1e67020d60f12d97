import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfigFile, validateConfig } from '../../config/load.js';
import { CONFIG_VERSION, officeSchema } from '../../config/schema.js';
import { COMMUNE_EXAMPLE, DISTRICT_EXAMPLE, tempDir } from '../helpers/hub.js';

t.test('both example offices are valid, Vietnamese, and filled with defaults', async (t) => {
  const d = loadConfigFile(DISTRICT_EXAMPLE);
  t.ok(d.counters.length >= 6 && d.counters.some((c) => c.priority), 'district: 6+ counters with a priority counter');
  t.same(d.fields.map((f) => f.name).slice(0, 6), ['Hộ tịch', 'Đất đai', 'Tư pháp – Chứng thực', 'Kinh doanh', 'Xây dựng', 'Lao động – Thương binh và Xã hội']);
  t.same(d.calendar.sessions, [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '17:00' }], 'Bến Tre hours by default');
  t.equal(d.rating.levels.map((l) => l.label).join(', '), 'Rất hài lòng, Hài lòng, Bình thường, Không hài lòng');
  const c = loadConfigFile(COMMUNE_EXAMPLE);
  t.equal(c.counters.length, 2);
  t.equal(c.office.level, 'commune');
  for (const s of JSON.stringify([d, c]).match(/"[^"]*"/g) ?? []) if (s !== s.normalize('NFC')) t.fail(`not NFC: ${s}`);
});

t.test('every key of the schema has a title, a description and a default', async (t) => {
  const missing: string[] = [];
  const walk = (node: Record<string, unknown>, path: string) => {
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [k, v] of Object.entries(props ?? {})) {
      const p = `${path}.${k}`;
      const isIdOrRequired = ((node.required as string[] | undefined) ?? []).includes(k);
      if (!v.title || !v.description || (!('default' in v) && !isIdOrRequired)) missing.push(p);
      walk(v, p);
      if (v.items && typeof v.items === 'object') walk(v.items as Record<string, unknown>, `${p}[]`);
    }
  };
  walk(officeSchema as unknown as Record<string, unknown>, '');
  t.same(missing, [], 'keys without title/description/default');
});

t.test('a broken config lists every problem at once, with its path', async (t) => {
  const doc = {
    version: 1,
    office: { id: 'Bad Id', name: 'X', timezone: 'Mars/Base' },
    fields: [{ id: 'hotich', name: 'Hộ tịch', numbering: { start: 10, end: 5 } }],
    counters: [{ id: 'q1', number: 1, fields: ['hotich', 'nope'] }, { id: 'q2', number: 1, fields: ['hotich'] }],
    queue: { priorityMode: 'sometimes' },
    surprise: true,
  };
  const e = t.throws(() => validateConfig(doc, 'office.yaml')) as unknown as ConfigError;
  t.type(e, ConfigError);
  const paths = e.problems.map((p) => p.path);
  t.ok(paths.includes('office.id'), 'bad id');
  t.ok(paths.includes('queue.priorityMode'), 'bad enum');
  t.ok(paths.includes('(root)') && e.problems.some((p) => /surprise/.test(p.message)), 'unknown key');
  t.match(e.message, /Cấu hình không hợp lệ/);
  const fixed = { ...doc, office: { id: 'ok', name: 'X', timezone: 'Mars/Base' }, queue: {}, surprise: undefined };
  delete (fixed as Record<string, unknown>).surprise;
  const e2 = t.throws(() => validateConfig(fixed, 'office.yaml')) as unknown as ConfigError;
  t.same(e2.problems.map((p) => p.path).sort(), ['counters[0].fields[1]', 'counters[1].number', 'fields[0].numbering.end', 'office.timezone'].sort(), 'cross-field rules, all at once');
});

t.test('a config from a newer hub, or not YAML at all, is refused clearly', async (t) => {
  const dir = tempDir();
  const f = join(dir, 'office.yaml');
  writeFileSync(f, 'version: 99\noffice: { id: x, name: X }\nfields: []\ncounters: []\n');
  const problems = (f: () => unknown): { path: string; message: string }[] => { try { f(); } catch (e) { return (e as ConfigError).problems; } return []; };
  t.match(problems(() => loadConfigFile(f)), [{ path: 'version', message: `must be ${CONFIG_VERSION}` }]);
  writeFileSync(f, 'office: [unclosed');
  t.match(problems(() => loadConfigFile(f)), [{ path: '(file)' }]);
  t.match(problems(() => loadConfigFile(join(dir, 'missing.yaml'))), [{ path: '(file)', message: /ENOENT/ }]);
});
