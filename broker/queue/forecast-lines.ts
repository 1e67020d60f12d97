/**
 * The waiting lines of one forecast run (issue 23). Tickets are kept in lines that the queue core's rules treat
 * alike: one per field and class (priority or not) and one per counter a transfer targets, each in call order.
 * A counter's next ticket is then the best of a few line heads, chosen with the core's own `eligible` and
 * `compareAt` (select.ts): the same answer as `pickNext`, in time proportional to the counter's fields rather
 * than to the whole queue, so a run costs little even with hundreds waiting.
 */
import type { CounterConfig, OfficeConfig } from '../../config/types.js';
import { compareAt, eligible } from './select.js';
import type { Ticket } from './types.js';

export const lineOf = (t: Ticket): string => (t.targetCounterId ? `@${t.targetCounterId}` : `${t.fieldId}|${t.priority ? 'p' : 'r'}`);

const byOrder = (a: Ticket, b: Ticket): number => a.orderAt - b.orderAt || a.serial - b.serial;

/** Lines at the start of every run (sorted once per forecast). */
export function buildLines(tickets: Ticket[]): Map<string, Ticket[]> {
  const lines = new Map<string, Ticket[]>();
  for (const t of tickets) { const k = lineOf(t); const xs = lines.get(k) ?? []; xs.push(t); lines.set(k, xs); }
  for (const xs of lines.values()) xs.sort(byOrder);
  return lines;
}

/** What a counter looks at: its lines and its ordering (priority first or not). */
export interface Desk { c: CounterConfig; lines: string[]; cmp: (a: Ticket, b: Ticket) => number }

export function deskOf(c: CounterConfig, cfg: OfficeConfig): Desk {
  return { c, lines: [`@${c.id}`, ...c.fields.flatMap((f) => [`${f}|p`, `${f}|r`])], cmp: compareAt(c, cfg) };
}

/** One run's position in every line, plus the priority citizens who arrive during the run (per field, in time order). */
export class RunLines {
  private readonly pos = new Map<string, number>();
  private readonly late = new Map<string, Ticket[]>();
  constructor(private readonly base: Map<string, Ticket[]>, arrivals: Ticket[], private readonly cfg: OfficeConfig, private readonly today: string) {
    for (const a of arrivals) { const k = lineOf(a); const xs = this.late.get(k) ?? []; xs.push(a); this.late.set(k, xs); }
  }

  private head(line: string, at: number): Ticket | undefined {
    const i = this.pos.get(line) ?? 0;
    const base = this.base.get(line);
    if (base && i < base.length) return base[i];
    const a = this.late.get(line)?.[i - (base?.length ?? 0)];
    return a && a.orderAt <= at ? a : undefined;
  }

  /** The ticket `d` calls at `at` (taken out of its line), or null. */
  take(d: Desk, at: number): Ticket | null {
    let best: Ticket | null = null;
    let bestLine = '';
    for (const line of d.lines) {
      const t = this.head(line, at);
      // tickets of one line are alike for the rules: if its head may not be called here, none of it may
      if (t && eligible(t, d.c, this.cfg, this.today) && (!best || d.cmp(t, best) < 0)) { best = t; bestLine = line; }
    }
    if (best) this.pos.set(bestLine, (this.pos.get(bestLine) ?? 0) + 1);
    return best;
  }
}
