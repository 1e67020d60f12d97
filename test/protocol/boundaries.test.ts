/**
 * The folders' import boundaries: the lint rules of eslint.boundaries.js refuse an import that climbs back up, and
 * the repository as it is has none (checked on every file's real imports, the same rules `npm run lint` runs).
 */
import t from 'tap';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { boundaries } from '../../eslint.boundaries.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const lint = new ESLint({
  cwd: ROOT, overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
});

async function refused(file: string, spec: string): Promise<boolean> {
  const [r] = await lint.lintText(`import { x } from '${spec}';\nexport const y = x;\n`, { filePath: `${ROOT}${file}` });
  return (r?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
}

const CLIMBS: [string, string][] = [
  ['kiosk/web/kiosk/x.ts', '../../../broker/errors.js'],
  ['display-driver/web/x.ts', '../../kiosk/web/lib/hub-client.js'],
  ['display-driver/web/x.ts', '../../broker/protocol/topics.js'],
  ['firmware-bridge/x.ts', '../broker/errors.js'],
  ['firmware-bridge/logic/x.ts', '../../printer/index.js'],
  ['printer/x.ts', '../broker/errors.js'],
  ['protocol/x.ts', '../broker/queue/types.js'],
  ['protocol/x.ts', '../config/types.js'],
  ['web-lib/x.ts', '../kiosk/web/shared/dom.js'],
  ['config/x.ts', '../broker/errors.js'],
];
const ALLOWED: [string, string][] = [
  ['kiosk/web/kiosk/x.ts', '../../../protocol/messages.js'],
  ['display-driver/web/x.ts', '../../web-lib/hub-client.js'],
  ['firmware-bridge/x.ts', '../protocol/topics.js'],
  ['printer/x.ts', '../protocol/errors.js'],
  ['broker/hub/x.ts', '../../printer/index.js'],
  ['protocol/x.ts', './enums.js'],
];

t.test('an import that climbs back up is a lint error', async (t) => {
  for (const [file, spec] of CLIMBS) t.ok(await refused(file, spec), `${file} may not import ${spec}`);
  for (const [file, spec] of ALLOWED) t.notOk(await refused(file, spec), `${file} may import ${spec}`);
});

t.test('no file of the repository breaks a boundary', async (t) => {
  const results = await lint.lintFiles(['protocol', 'printer', 'firmware-bridge', 'kiosk', 'display-driver', 'web-lib', 'config']);
  const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
  t.same(broken, [], 'every import points down');
});
