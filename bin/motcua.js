#!/usr/bin/env node
// The `motcua` command. TypeScript sources run through tsx's loader (no build step on the mini-PC).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../broker/cli.ts');
process.exitCode = await main(process.argv.slice(2));
