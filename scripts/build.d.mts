/** Types of scripts/build.mjs (the hub's esbuild build; see that file). */
export declare const ROOT: string;
/** The entry module of the current build under `root`, or null if there is none. */
export declare function currentEntry(root?: string): string | null;
/** True when there is no build or a hub source file is newer than it. */
export declare function isStale(root?: string): boolean;
/** Build now (no lock); returns the new entry module. */
export declare function build(root?: string): string;
/** The current entry, rebuilt first under the lock if stale; null if it cannot be built (run the sources). */
export declare function ensureBuilt(root?: string): string | null;
