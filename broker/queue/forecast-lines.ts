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

/**
 * The lines at the start of every run (sorted once per forecast), numbered; `gates`: per line, the sessions of its
 * field (instants) when it may be called (null: a transfer to a counter, called whenever the counter works).
 */
export interface Lines { index: Map<string, number>; base: Ticket[][]; gates: ([number, number][] | null)[] }

export function buildLines(tickets: Ticket[], counters: CounterConfig[], fieldSessions: (fieldId: string) => [number, number][]): Lines {
  const index = new Map<string, number>();
  const base: Ticket[][] = [];
  const gates: ([number, number][] | null)[] = [];
  const of = (k: string): number => {
    let i = index.get(k);
    if (i === undefined) { i = base.length; index.set(k, i); base.push([]); gates.push(k.startsWith('@') ? null : fieldSessions(k.slice(0, k.lastIndexOf('|')))); }
    return i;
  };
  for (const c of counters) { of(`@${c.id}`); for (const f of c.fields) { of(`${f}|p`); of(`${f}|r`); } }
  for (const t of tickets) base[of(lineOf(t))]?.push(t);
  for (const xs of base) xs.sort(byOrder);
  return { index, base, gates };
}

/** What a counter looks at: its lines (numbers), its ordering (priority first or not), when its fields open. */
export interface Desk { c: CounterConfig; lines: number[]; cmp: (a: Ticket, b: Ticket) => number; starts: number[] }

export function deskOf(c: CounterConfig, cfg: OfficeConfig, l: Lines): Desk {
  const keys = [`@${c.id}`, ...c.fields.flatMap((f) => [`${f}|p`, `${f}|r`])];
  const lines = keys.map((k) => l.index.get(k) ?? -1).filter((i) => i >= 0);
  const starts = [...new Set(lines.flatMap((i) => (l.gates[i] ?? []).map(([a]) => a)))].sort((a, b) => a - b);
  return { c, lines, cmp: compareAt(c, cfg), starts };
}

/** One run's position in every line, plus the priority citizens who arrive during the run (in time order). */
export class RunLines {
  private readonly pos: Int32Array;
  private readonly late: (Ticket[] | undefined)[];
  constructor(private readonly l: Lines, arrivals: Ticket[], private readonly cfg: OfficeConfig, private readonly today: string) {
    this.pos = new Int32Array(l.base.length);
    this.late = new Array<Ticket[] | undefined>(l.base.length);
    for (const a of arrivals) {
      const i = l.index.get(lineOf(a));
      if (i === undefined) continue; // a field no counter serves
      (this.late[i] ??= []).push(a);
    }
  }

  private head(i: number, at: number): Ticket | undefined {
    const p = this.pos[i] ?? 0;
    const base = this.l.base[i] as Ticket[];
    if (p < base.length) return base[p];
    const a = this.late[i]?.[p - base.length];
    return a && a.orderAt <= at ? a : undefined;
  }

  /** The ticket `d` calls at `at` (taken out of its line), or null. */
  take(d: Desk, at: number): Ticket | null {
    let best: Ticket | null = null;
    let bestLine = -1;
    for (const i of d.lines) {
      const g = this.l.gates[i];
      if (g && !g.some(([a, b]) => at >= a && at < b)) continue; // the field is not in session
      const t = this.head(i, at);
      // tickets of one line are alike for the rules: if its head may not be called here, none of it may
      if (t && eligible(t, d.c, this.cfg, this.today) && (!best || d.cmp(t, best) < 0)) { best = t; bestLine = i; }
    }
    if (best) this.pos[bestLine] = (this.pos[bestLine] ?? 0) + 1;
    return best;
  }
}
