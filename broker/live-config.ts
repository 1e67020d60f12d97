import { EventEmitter } from 'node:events';
import type { OfficeConfig } from '../config/types.js';

/** What the parts of the hub read the office configuration from: always the configuration in force. */
export interface ConfigSource {
  get(): OfficeConfig;
  on(event: 'change', fn: (next: OfficeConfig, prev: OfficeConfig) => void): unknown;
}

/**
 * The one owner of the live office configuration. Parts read `get()` when they need a value (never a copy kept
 * from start-up) and listen to `change` for what must follow at once (the displays' retained state). Only the hub
 * sets it, after an admin edit passed its checks.
 */
export class LiveConfig extends EventEmitter<{ change: [next: OfficeConfig, prev: OfficeConfig] }> implements ConfigSource {
  constructor(private current: OfficeConfig) { super(); }

  get(): OfficeConfig { return this.current; }

  set(next: OfficeConfig): void {
    const prev = this.current;
    this.current = next;
    this.emit('change', next, prev);
  }
}

/** A source that never changes (tools and tests that run a part of the hub on a fixed configuration). */
export function fixedConfig(cfg: OfficeConfig): ConfigSource {
  return new LiveConfig(cfg);
}
