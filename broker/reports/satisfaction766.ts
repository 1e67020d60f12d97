/**
 * The satisfaction figure of Decision 766/QĐ-TTg, per dossier: (dossiers − dossiers rated dissatisfied,
 * complained about or overdue) ÷ dossiers. A dossier is a code a clerk recorded as received; its ratings are the
 * ratings of the services that carried its code; overdue and complaint come from the provincial system where the
 * hub has its answer (dossier lookups), and `statusKnown` says for how many. Ratings of services without a dossier
 * (guidance only) are counted apart. Pure.
 */
import type { Satisfaction766, Satisfaction766Report } from '../../protocol/reports.js';

/** One service that ended with a dossier code, or a rating without one. */
export interface DossierFact {
  code: string | null; fieldId: string | null; clerkId: string | null; level: string | null;
  /** From the provincial system, when known. */
  overdue: boolean | null; complained: boolean | null;
}

interface Acc { dossiers: Map<string, { bad: boolean; dissatisfied: boolean; overdue: boolean; complained: boolean; known: boolean }> }

function add(a: Acc, f: DossierFact, dissatisfied: ReadonlySet<string>): void {
  if (!f.code) return;
  const d = a.dossiers.get(f.code) ?? { bad: false, dissatisfied: false, overdue: false, complained: false, known: false };
  if (f.level && dissatisfied.has(f.level)) d.dissatisfied = true;
  if (f.overdue) d.overdue = true;
  if (f.complained) d.complained = true;
  if (f.overdue !== null || f.complained !== null) d.known = true;
  d.bad = d.dissatisfied || d.overdue || d.complained;
  a.dossiers.set(f.code, d);
}

function figure(key: string, name: string, a: Acc): Satisfaction766 {
  const all = [...a.dossiers.values()];
  const count = (p: (d: (typeof all)[number]) => boolean): number => all.filter(p).length;
  const dossiers = all.length;
  const excluded = count((d) => d.bad);
  return { key, name, dossiers, dissatisfied: count((d) => d.dissatisfied), complained: count((d) => d.complained), overdue: count((d) => d.overdue),
    excluded, statusKnown: count((d) => d.known), figure: dossiers ? Math.round(((dossiers - excluded) / dossiers) * 10_000) / 10_000 : null };
}

export function satisfaction766(facts: DossierFact[], o: { dissatisfiedLevels: string[]; officeName: string; fields: [string, string][]; clerks: [string, string][] }): Satisfaction766Report {
  const bad = new Set(o.dissatisfiedLevels);
  const total: Acc = { dossiers: new Map() };
  const byField = new Map<string, Acc>(o.fields.map(([k]) => [k, { dossiers: new Map() }]));
  const byClerk = new Map<string, Acc>(o.clerks.map(([k]) => [k, { dossiers: new Map() }]));
  let withoutDossier = 0;
  for (const f of facts) {
    if (!f.code) { if (f.level) withoutDossier++; continue; }
    add(total, f, bad);
    if (f.fieldId) add(byField.get(f.fieldId) ?? (byField.set(f.fieldId, { dossiers: new Map() }), byField.get(f.fieldId) as Acc), f, bad);
    if (f.clerkId) add(byClerk.get(f.clerkId) ?? (byClerk.set(f.clerkId, { dossiers: new Map() }), byClerk.get(f.clerkId) as Acc), f, bad);
  }
  const fieldName = new Map(o.fields);
  const clerkName = new Map(o.clerks);
  return {
    dissatisfiedLevels: o.dissatisfiedLevels,
    office: figure('office', o.officeName, total),
    byField: [...byField].map(([k, a]) => figure(k, fieldName.get(k) ?? k, a)),
    byClerk: [...byClerk].map(([k, a]) => figure(k, clerkName.get(k) ?? k, a)),
    ratingsWithoutDossier: withoutDossier,
  };
}
