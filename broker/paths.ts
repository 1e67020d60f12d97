import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The product's root folder (the one with its package.json), found by walking up from this module. The same code
 * runs from the TypeScript sources (`broker/paths.ts`) and from the build (`dist/<build>/chunk-….js`), so no path
 * may be written relative to the module's own place.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'motcua-hub') return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`motcua-hub: package.json not found above ${fileURLToPath(import.meta.url)}`);
}

export const ROOT: string = findRoot();
/** A path inside the product's folder. */
export const rootPath = (...parts: string[]): string => join(ROOT, ...parts);
