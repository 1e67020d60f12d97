/** One forward step of the config file: turns version n into n + 1, telling what it changed through `warn`. */
export type MigrationStep = (doc: Record<string, unknown>, warn: (path: string, message: string) => void) => Record<string, unknown>;

/** What a migration said about a file: the path it concerns and a message (Vietnamese / English). */
export interface ConfigWarning { path: string; message: string }
