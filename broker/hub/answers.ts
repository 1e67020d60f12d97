/**
 * What a device was answered, by request id, so that a repeated id gets the first answer again, errors included;
 * and the order of answers: each device's answers leave in the order of its requests, so a quick refusal never
 * overtakes the answer to an earlier request still being printed.
 */
import type { Response } from '../../protocol/messages.js';

/** How many request ids are remembered per device, and for how long (hub clock). */
export const REMEMBERED_IDS = 1000;
export const REMEMBER_MS = 24 * 3600_000;

interface Entry { at: number; answer: Promise<Response> }

export class AnswerBook {
  private readonly byDevice = new Map<string, Map<string, Entry>>();
  private readonly tails = new Map<string, Promise<void>>();
  constructor(private readonly clock: () => number) {}

  /** The answer given (or being prepared) to this device's request `id`, if it is still remembered. */
  recall(device: string, id: string): Promise<Response> | null {
    const e = this.byDevice.get(device)?.get(id);
    if (!e || e.at < this.clock() - REMEMBER_MS) return null;
    return e.answer;
  }

  remember(device: string, id: string, answer: Promise<Response>): void {
    let m = this.byDevice.get(device);
    if (!m) { m = new Map(); this.byDevice.set(device, m); }
    m.set(id, { at: this.clock(), answer });
    if (m.size > REMEMBERED_IDS) m.delete(m.keys().next().value as string);
  }

  /** Calls `send` with the answer once every earlier answer of this device has been sent. */
  inOrder(device: string, answer: Promise<Response>, send: (r: Response) => void): Promise<void> {
    const prev = this.tails.get(device) ?? Promise.resolve();
    const next = prev.then(() => answer).then(send, () => undefined);
    this.tails.set(device, next);
    void next.then(() => { if (this.tails.get(device) === next) this.tails.delete(device); });
    return next;
  }

  forget(device: string): void { this.byDevice.delete(device); }
}
