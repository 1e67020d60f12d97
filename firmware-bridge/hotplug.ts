/**
 * Hot-plug supervision of one device: poll a lister every `pollMs`, open a session when the configured
 * hardware is present, publish retained `online`; when the session ends (unplugged, port closed, board
 * answering garbage) publish `offline` at once and keep polling until it is back. Nothing restarts.
 */
import type { DeviceSession, Log } from './types.js';

export interface SupervisedDevice {
  /** Is the hardware present now (one poll of SerialPort.list() / HID.devicesAsync())? Returns its path. */
  find(): Promise<string | null>;
  open(path: string): Promise<DeviceSession>;
  setAvailable(on: boolean): Promise<void>;
}

export class HotplugSupervisor {
  private timer: NodeJS.Timeout | null = null;
  private session: DeviceSession | null = null;
  private ticking = false;
  private stopped = true;
  private failures = 0;

  constructor(private readonly dev: SupervisedDevice, private readonly log: Log, private readonly pollMs = 1000) {}

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  private schedule(ms = this.pollMs): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const path = await this.dev.find();
      if (this.session && !path) {
        this.log.warn('device no longer listed: closing');
        await this.session.close();
      } else if (!this.session && path) {
        await this.openAt(path);
      }
    } catch (err) {
      this.failures++;
      this.log[this.failures <= 3 ? 'warn' : 'debug']({ err: (err as Error).message, failures: this.failures }, 'device open failed; will retry');
    } finally {
      this.ticking = false;
      this.schedule();
    }
  }

  private async openAt(path: string): Promise<void> {
    const s = await this.dev.open(path);
    if (this.stopped) { await s.close(); return; }
    this.session = s;
    this.failures = 0;
    this.log.info({ path }, 'device connected');
    await this.dev.setAvailable(true);
    void s.ended.then(async (reason) => {
      if (this.session !== s) return;
      this.session = null;
      this.log.warn({ reason }, 'device disconnected');
      await this.dev.setAvailable(false).catch(() => undefined);
      await s.close().catch(() => undefined);
      this.schedule(Math.min(200, this.pollMs));
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const s = this.session;
    this.session = null;
    if (s) await s.close();
  }
}

/** Resolves once with the first reason given; later calls are ignored. */
export function endSignal(): { ended: Promise<string>; end(reason: string): void } {
  let end!: (r: string) => void;
  const ended = new Promise<string>((r) => { end = r; });
  let done = false;
  return { ended, end: (r) => { if (!done) { done = true; end(r); } } };
}
