/** The retained payloads the display pages read (built by broker/hub/publisher.ts). */
import type { CallMessage, CounterMessage, FieldWait, HallCounter, HallMessage, OfficeFigures } from '../../../protocol/messages.js';

export type { CallMessage, FieldWait, HallCounter };
export type Figures = OfficeFigures;
export type HallState = HallMessage;
export type CounterState = CounterMessage;

/** "Quầy 3", or "Quầy 7 — Quầy ưu tiên" when the counter has its own name. */
export function counterLabel(number: number, name: string): { label: string; extra: string } {
  const label = `Quầy ${number}`;
  const extra = name && name !== label && name !== String(number) && !/^q\d+$/i.test(name) ? name : '';
  return { label, extra };
}
