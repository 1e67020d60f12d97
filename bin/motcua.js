#!/usr/bin/env node
// The `motcua` command. It runs the hub built by esbuild into dist/ (scripts/build.mjs), rebuilt here whenever a
// source file is newer. MOTCUA_FROM_SOURCE=1, or a checkout where dist/ cannot be written, runs the TypeScript
// sources through tsx instead (same behaviour, ~25 MB more memory, slower start).
import { setFlagsFromString } from 'node:v8';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../scripts/build.mjs';

// Keep V8's young generation at its first size (1 MB semi-spaces) instead of letting it grow to 16 MB ones:
// ~25 MB less resident memory on the mini-PC for a few more (short) scavenges. V8 reads this flag each time it
// would grow the space, so it works when set here, unlike --max-semi-space-size. MOTCUA_YOUNG_GROWTH=default
// leaves V8's default. See docs/benchmarks.md (hubMemory).
if (process.env.MOTCUA_YOUNG_GROWTH !== 'default') setFlagsFromString('--semi-space-growth-factor=1');

const bundle = process.env.MOTCUA_FROM_SOURCE === '1' ? null : ensureBuilt();
let main;
if (bundle) ({ main } = await import(pathToFileURL(bundle).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../broker/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
