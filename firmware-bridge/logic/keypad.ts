/**
 * Clerk caller keypad: each key maps (by configuration) to an action: next, recall, skip, hold,
 * finish:<outcome>. One request per accepted press; a key held down or repeating acts once.
 */
import { PressGate } from '../debounce.js';
import type { Clock } from '../types.js';
import { toFault, type DeviceFault, type Requester } from './requester.js';

export const KEYPAD_ACTIONS = ['next', 'recall', 'skip', 'hold', 'finish:received', 'finish:guidance', 'finish:supplement', 'finish:refused', 'finish:returned'] as const;
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
    const [op, outcome] = action.split(':') as [string, string | undefined];
    try {
      const result = await this.dev.request(op, outcome ? { outcome } : {});
      this.view.done(action, result);
    } catch (err) {
      this.view.fault(action, toFault(err));
    }
  }

  release(action: KeypadAction): void { this.gate.release(action); }
}
