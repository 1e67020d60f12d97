/**
 * A hall display for part of a large center (the province template has 35 counters): `?counters=1-12,31` keeps
 * those counter numbers, `?sector=Đất đai – Môi trường` the counters of that sector (config `sector`). The calls
 * shown and announced are those of the counters kept. No parameter: every counter.
 */
import type { CallMessage, HallCounter } from './types.js';

export interface HallFilter { counter(c: HallCounter): boolean; call(c: CallMessage, kept: HallCounter[]): boolean; label: string }

/** Counter numbers from "1-12,31" (ranges and single numbers); null when the text has none. */
export function parseNumbers(text: string | null): Set<number> | null {
  if (!text) return null;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Math.min(Number(m[2] ?? m[1]), a + 500);
    for (let n = a; n <= b; n++) out.add(n);
  }
  return out.size ? out : null;
}

export function hallFilter(params: URLSearchParams): HallFilter | null {
  const numbers = parseNumbers(params.get('counters'));
  const sector = params.get('sector')?.normalize('NFC').trim().toLocaleLowerCase('vi') || null;
  if (!numbers && !sector) return null;
  const counter = (c: HallCounter): boolean =>
    (!numbers || numbers.has(c.counterNumber)) && (!sector || (c.sector ?? '').normalize('NFC').toLocaleLowerCase('vi') === sector);
  return {
    counter,
    call: (call, kept) => kept.some((c) => c.counterId === call.counterId),
    label: params.get('sector') ?? `Quầy ${params.get('counters') ?? ''}`,
  };
}

/** Columns for `n` tiles on a landscape (or portrait) screen: about square tiles, at most 8 across. */
export function columnsFor(n: number, portrait: boolean): number {
  if (n <= 2) return Math.max(1, n);
  if (n <= 8) return portrait ? 2 : Math.ceil(n / 2);
  return Math.min(8, Math.ceil(Math.sqrt(n * (portrait ? 0.6 : 1.4))));
}
