import t from 'tap';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkConfig, ConfigError, loadConfigFile, readConfigFile } from '../../config/load.js';
import { migrateConfigReport, MIGRATIONS } from '../../config/migrate.js';
import { v1ToV2 } from '../../config/migrations/v1-to-v2.js';
import { CONFIG_VERSION } from '../../config/schema.js';
import { fullName, unitFromName } from '../../config/levels.js';
import { COMMUNE_CENTER, PROVINCE_CENTER, RECEPTION_POINT } from '../../broker/demo.js';
import { COMMUNE_EXAMPLE, DISTRICT_EXAMPLE, tempDir } from '../helpers/hub.js';
import { run } from '../helpers/cli.js';

t.test('the step 1 → 2 alone: unit and place read from the name, district kept with a warning, old notice dropped', async (t) => {
  const warnings: string[] = [];
  const doc = v1ToV2({ version: 1, office: { id: 'x', name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình', level: 'district' },
    texts: { notice: 'Bộ phận Một cửa làm việc từ thứ Hai đến thứ Sáu: sáng 7h00–11h00, chiều 13h00–17h00.' } }, (p) => warnings.push(p));
  t.match(doc.office, { unit: 'huyen', place: 'Hòa Bình', level: 'district', name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình' }, 'the name is never rewritten');
  t.same(doc.texts, {}, 'the default notice of version 1 is removed');
  t.same(warnings, ['office.level', 'texts.notice']);
  const w2: string[] = [];
  const commune = v1ToV2({ office: { id: 'y', name: 'Bộ phận Tiếp nhận và Trả kết quả xã An Phú', level: 'commune' } }, (_p, m) => w2.push(m));
  t.match(commune.office, { unit: 'xa', place: 'An Phú' });
  t.match(w2[0], /Trung tâm Phục vụ hành chính công xã An Phú/, 'the warning gives the 2026 name');
  t.equal(MIGRATIONS[1], v1ToV2, 'registered as the step from version 1');
});

t.test('a district configuration of version 1 loads, migrated, with warnings; its texts stay as configured', async (t) => {
  const r = readConfigFile(DISTRICT_EXAMPLE);
  t.equal(r.from, 1);
  t.equal(r.cfg.version, CONFIG_VERSION);
  t.match(r.cfg.office, { level: 'district', unit: 'huyen', place: 'Hòa Bình', name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Hòa Bình' });
  t.same(r.warnings.map((w) => w.path), ['version', 'office.level']);
  t.match(r.warnings[1]?.message, /Cấp huyện không còn từ 01\/7\/2025/);
  const c = readConfigFile(COMMUNE_EXAMPLE);
  t.match(c.warnings.map((w) => w.path), ['version', 'office.name']);
});

t.test('motcua config migrate writes the file back at the current version, keeps .bak and the header; a bad file is not touched', async (t) => {
  const dir = tempDir();
  const f = join(dir, 'office.yaml');
  copyFileSync(DISTRICT_EXAMPLE, f);
  const before = readFileSync(f, 'utf8');
  const check = await run(['config', 'check', f]);
  t.equal(check.code, 0);
  t.match(check.err, /office\.level: Cấp huyện không còn/, 'check prints the migration warnings');
  const m = await run(['config', 'migrate', f]);
  t.equal(m.code, 0, m.err);
  t.match(m.out, /phiên bản 1 → 2/);
  t.equal(readFileSync(`${f}.bak`, 'utf8'), before, 'the previous file kept');
  const after = readFileSync(f, 'utf8');
  t.match(after, /^# Cấu hình phiên bản 1/, 'the header comment kept');
  const doc = parse(after) as { version: number; office: { unit: string }; fields: unknown[] };
  t.equal(doc.version, 2);
  t.equal(doc.office.unit, 'huyen');
  t.same(loadConfigFile(f).fields, loadConfigFile(DISTRICT_EXAMPLE).fields, 'nothing else changed');
  t.same(readConfigFile(f).warnings.map((w) => w.path), [], 'a migrated file loads without warnings');
  t.match((await run(['config', 'migrate', f])).out, /already at version 2/);
  const bad = join(dir, 'bad.yaml');
  const text = readFileSync(DISTRICT_EXAMPLE, 'utf8').replace('level: district', 'level: county');
  writeFileSync(bad, text);
  const b = await run(['config', 'migrate', bad]);
  t.equal(b.code, 78);
  t.match(b.err, /office\.level: giá trị "county" không hợp lệ, phải là một trong "province", "province_branch", "commune", "reception_point", "district"/, 'an unknown level is refused in Vietnamese with its path');
  t.equal(readFileSync(bad, 'utf8'), text, 'nothing written');
});

t.test('2026 templates: level, full names and sizes of real centers', async (t) => {
  const c = loadConfigFile(COMMUNE_CENTER);
  t.match(c.office, { level: 'commune', name: 'Trung tâm Phục vụ hành chính công phường An Phú', shortName: 'Trung tâm PVHCC phường An Phú' });
  t.ok(c.counters.length >= 6 && c.counters.length <= 10, 'a commune center has 6–10 counters');
  t.match(c.texts.notice, /^Trung tâm Phục vụ hành chính công phường An Phú làm việc từ thứ Hai đến thứ Sáu: sáng 7h00–11h30, chiều 13h00–17h00\.$/);
  const p = loadConfigFile(PROVINCE_CENTER);
  t.equal(p.office.name, 'Trung tâm Phục vụ hành chính công tỉnh Hòa An');
  t.ok(p.counters.length >= 30, '30+ counters');
  t.ok(new Set(p.counters.map((k) => k.sector)).size >= 10, 'grouped by sector');
  t.ok(p.counters.some((k) => k.priority) && p.counters.some((k) => k.guidance) && p.fields.some((f) => f.id === 'buuchinh'), 'priority, guidance and postal counters');
  const r = loadConfigFile(RECEPTION_POINT);
  t.equal(r.office.name, 'Điểm tiếp nhận Phú Hòa – Trung tâm Phục vụ hành chính công xã Phú Lộc');
  t.ok(r.counters.length <= 2);
  for (const cfg of [c, p, r]) {
    const text = JSON.stringify(cfg);
    t.notMatch(text, /huyện|Bộ phận Một cửa/i, `${cfg.office.id}: nothing says "huyện"`);
    t.equal(text, text.normalize('NFC'));
  }
});

t.test('levels and names: derived, checked, and an impossible unit refused with its path', async (t) => {
  t.equal(fullName({ level: 'commune', unit: 'dac_khu', place: 'Phú Quốc', center: '', branch: '' }), 'Trung tâm Phục vụ hành chính công đặc khu Phú Quốc');
  t.same(unitFromName('Bộ phận Một cửa thị xã Hòa Bình'), { unit: 'thi_xa', place: 'Hòa Bình' });
  const base = { office: { id: 'x', level: 'commune', unit: 'tinh', place: 'A' }, fields: [{ id: 'f', name: 'F' }], counters: [{ id: 'q', number: 1, fields: ['f'] }] };
  const problems = (doc: unknown): unknown => { try { checkConfig(doc); } catch (e) { return (e as ConfigError).problems; } return []; };
  t.match(problems({ version: 2, ...base }), [{ path: 'office.unit', message: /Trung tâm cấp xã không thuộc "tỉnh"/ }]);
  const rp = { ...base, office: { id: 'x', level: 'reception_point', place: 'A' } };
  t.match(problems({ version: 2, ...rp }), [{ path: 'office.center' }]);
  t.equal(migrateConfigReport({ version: CONFIG_VERSION }).warnings.length, 0, 'a current file migrates silently');
});
