/**
 * Clerk caller keypad: each key maps (by configuration) to an action: next, recall, skip, hold,
 * resume, signOut, finish (the default outcome) or finish:<outcome>. One request per accepted press; a key held down
 * or repeating acts once. Signing in and transferring need digits: a keypad that types them sends `signIn` / `transfer`
 * itself (docs/protocol.md).
 */
import type { Outcome } from '../../protocol/enums.js';
import { PressGate } from '../debounce.js';
import type { Clock } from '../types.js';
import { toFault, type DeviceFault, type Requester } from './requester.js';

export const KEYPAD_ACTIONS = ['next', 'recall', 'skip', 'hold', 'resume', 'signOut', 'finish', 'finish:received', 'finish:guidance', 'finish:supplement', 'finish:refused', 'finish:returned'] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];

export function isKeypadAction(a: string): a is KeypadAction {
  return (KEYPAD_ACTIONS as readonly string[]).includes(a);
}

export interface KeypadView { done(action: KeypadAction, result: unknown): void; fault(action: KeypadAction, f: DeviceFault): void }

export class KeypadLogic {
  private readonly gate: PressGate;
  constructor(private readonly dev: Requester, private readonly view: KeypadView, clock: Clock, lockoutMs = 300) {
    this.gate = new PressGate(clock, lockoutMs);
  }

  async press(action: KeypadAction): Promise<void> {
    if (!this.gate.press(action)) return;
    try {
      const result = await this.send(action);
      this.view.done(action, result);
    } catch (err) {
      this.view.fault(action, toFault(err));
    }
  }

  private send(action: KeypadAction): Promise<unknown> {
    const [op, outcome] = action.split(':') as [Exclude<KeypadAction, `finish:${string}`>, Outcome | undefined];
    if (op === 'finish') return this.dev.request('finish', outcome ? { outcome } : {});
    return this.dev.request(op, {});
  }

  release(action: KeypadAction): void { this.gate.release(action); }
}
