#!/usr/bin/env node
// The `motcua` command. It runs the hub built by esbuild into dist/ (scripts/build.mjs), rebuilt here whenever a
// source file is newer. MOTCUA_FROM_SOURCE=1, or a checkout where dist/ cannot be written, runs the TypeScript
// sources through tsx instead (same behaviour, ~25 MB more memory, slower start).
import { setFlagsFromString } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

// A small heap for a mini-PC that runs for years (docs/benchmarks.md, hubMemory). V8 reads these two flags each
// time it sizes its heap, so they work when set here (unlike --max-semi-space-size, fixed at start-up):
// - the young generation stays at its first size (1 MB semi-spaces) instead of growing to 16 MB ones;
// - the old generation may grow to 1.25 × what survived the last full collection before the next one (V8
//   otherwise allows up to 4 × on a large machine, and keeps the pages).
// About 35 MB less resident memory under load, for shorter and more frequent collections.
// MOTCUA_HEAP=default leaves V8's defaults; MOTCUA_V8_FLAGS adds flags (e.g. "--heap-growing-percent=50").
if (process.env.MOTCUA_HEAP !== 'default') setFlagsFromString('--semi-space-growth-factor=1 --heap-growing-percent=25');
if (process.env.MOTCUA_V8_FLAGS) setFlagsFromString(process.env.MOTCUA_V8_FLAGS);

const bundle = process.env.MOTCUA_FROM_SOURCE === '1' ? null : ensureBuilt();
let main;
if (bundle) ({ main } = await import(pathToFileURL(bundle).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../broker/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
