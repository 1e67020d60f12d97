/** Minimal typing of firmata-io@2.3 (CommonJS, untyped): bindTransport(T) and the Firmata class. */
declare module 'firmata-io' {
  import type { EventEmitter } from 'node:events';
  class Firmata extends EventEmitter {
    constructor(transport: object, options?: Record<string, unknown>, callback?: (err?: Error) => void);
    readonly isReady: boolean;
    readonly transport: EventEmitter;
    reset(): void;
  }
  interface BindTransport { (transport: unknown): typeof Firmata; Firmata: typeof Firmata }
  const bindTransport: BindTransport;
  export default bindTransport;
}
