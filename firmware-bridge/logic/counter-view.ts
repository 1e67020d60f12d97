/** What a counter's 7-segment row and character LCD show for a CounterStateMsg (pure). */
import { fit, toLcdAscii, toSevenSegment } from '../text.js';

import type { CounterClerk, CounterMessage, CounterTicket } from '../../protocol/messages.js';

/** The part of the hub's retained counter message that a counter's hardware shows. */
export type CounterState = Pick<CounterMessage, 'v' | 'counterId' | 'counterNumber' | 'open'> & Partial<Pick<CounterMessage, 'counterName' | 'at'>> & {
  ticket: Pick<CounterTicket, 'number' | 'fieldName'> | null;
  clerk: Pick<CounterClerk, 'name' | 'title' | 'workField'> | null;
};

export function isCounterState(m: unknown): m is CounterState {
  const o = m as CounterState | null;
  return !!o && typeof o === 'object' && typeof o.counterNumber === 'number' && typeof o.open === 'boolean';
}

/** 7-segment: the number being served, blank when none or closed. */
export function digitsFor(s: CounterState, digits: number): string {
  return toSevenSegment(s.open && s.ticket ? s.ticket.number : '', digits);
}

/** LCD line 1 "Quay 3   1005" / "Quay 3  TAM NGHI"; line 2 the clerk's name, ASCII per the LCD rule. */
export function lcdLinesFor(s: CounterState, cols: number): [string, string] {
  const head = `Quay ${s.counterNumber}`;
  const right = !s.open ? 'TAM NGHI' : s.ticket ? s.ticket.number : '';
  const gap = Math.max(1, cols - head.length - right.length);
  const line1 = fit(head + ' '.repeat(gap) + right, cols);
  const line2 = fit(toLcdAscii(s.clerk?.name ?? ''), cols);
  return [line1, line2];
}
