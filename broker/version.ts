import { readFileSync } from 'node:fs';
import { rootPath } from './paths.js';

/** The hub's version, from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(rootPath('package.json'), 'utf8')) as { version: string }).version;
