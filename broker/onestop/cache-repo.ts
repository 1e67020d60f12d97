import type { Transaction } from 'better-sqlite3';
/** Prepared statements over the one-stop cache tables (migration 3). */
import type { Db } from '../db/open.js';
import type { Catalog, DossierStatus, OfficeFigures, Procedure } from './adapter.js';
import { foldVietnamese } from './fold.js';

export interface Stored<T> { value: T; fetchedAt: number }
export interface CatalogHead { version: string; publishedAt: string; fetchedAt: number; source: string; count: number }

export class CacheRepo {
  private readonly q;
  private readonly replaceTx: Transaction<(c: Catalog, at: number, source: string) => void>;
  constructor(private readonly db: Db) {
    this.q = {
      head: db.prepare('SELECT version, published_at, fetched_at, source, (SELECT count(*) FROM onestop_procedures) AS n FROM onestop_catalog WHERE id = 1'),
      touch: db.prepare('UPDATE onestop_catalog SET fetched_at = ?, source = ? WHERE id = 1'),
      setHead: db.prepare(`INSERT INTO onestop_catalog (id, version, published_at, fetched_at, source) VALUES (1, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, fetched_at = excluded.fetched_at, source = excluded.source`),
      clearProcs: db.prepare('DELETE FROM onestop_procedures'),
      insProc: db.prepare('INSERT OR REPLACE INTO onestop_procedures (id, ord, field_id, in_force, folded, body) VALUES (?,?,?,?,?,?)'),
      allProcs: db.prepare('SELECT body FROM onestop_procedures ORDER BY ord'),
      oneProc: db.prepare('SELECT body FROM onestop_procedures WHERE id = ?'),
      getDossier: db.prepare('SELECT body, fetched_at FROM onestop_dossiers WHERE code = ? AND fetched_at > ?'),
      putDossier: db.prepare('INSERT INTO onestop_dossiers (code, fetched_at, body) VALUES (?,?,?) ON CONFLICT(code) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body'),
      delDossier: db.prepare('DELETE FROM onestop_dossiers WHERE code = ?'),
      purgeDossiers: db.prepare('DELETE FROM onestop_dossiers WHERE fetched_at <= ?'),
      getFigures: db.prepare('SELECT body, fetched_at FROM onestop_figures WHERE id = 1'),
      putFigures: db.prepare('INSERT INTO onestop_figures (id, fetched_at, body) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body'),
    };
    this.replaceTx = db.transaction((c: Catalog, at: number, source: string) => {
      this.q.clearProcs.run();
      c.procedures.forEach((p, i) => {
        this.q.insProc.run(p.id, i, p.fieldId, p.inForce ? 1 : 0, foldVietnamese(`${p.name} ${p.code} ${p.fieldName}`), JSON.stringify(p));
      });
      this.q.setHead.run(c.version, c.publishedAt, at, source);
    });
  }

  catalogHead(): CatalogHead | null {
    const r = this.q.head.get() as { version: string; published_at: string; fetched_at: number; source: string; n: number } | undefined;
    return r ? { version: r.version, publishedAt: r.published_at, fetchedAt: r.fetched_at, source: r.source, count: r.n } : null;
  }

  /** Store a catalog; an unchanged version (same version string and size) only refreshes its fetch time. */
  saveCatalog(c: Catalog, at: number, source: string): void {
    const h = this.catalogHead();
    if (h && h.version === c.version && h.count === c.procedures.length) this.q.touch.run(at, source);
    else this.replaceTx.immediate(c, at, source);
  }

  loadCatalog(): Stored<Catalog> | null {
    const h = this.catalogHead();
    if (!h) return null;
    const procedures = (this.q.allProcs.all() as { body: string }[]).map((r) => JSON.parse(r.body) as Procedure);
    return { value: { version: h.version, publishedAt: h.publishedAt, procedures }, fetchedAt: h.fetchedAt };
  }

  /** In-force procedures whose folded text contains every token, optionally in one field, in catalog order. */
  searchProcedures(tokens: string[], fieldId: string | undefined): { folded: string; p: Procedure }[] {
    const where = ['in_force = 1', ...(fieldId ? ['field_id = ?'] : []), ...tokens.map(() => "folded LIKE ? ESCAPE '\\'")];
    const args = [...(fieldId ? [fieldId] : []), ...tokens.map((t) => `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)];
    const rows = this.db.prepare(`SELECT folded, body FROM onestop_procedures WHERE ${where.join(' AND ')} ORDER BY ord`).all(...args) as { folded: string; body: string }[];
    return rows.map((r) => ({ folded: r.folded, p: JSON.parse(r.body) as Procedure }));
  }

  procedure(id: string): Procedure | null {
    const r = this.q.oneProc.get(id) as { body: string } | undefined;
    return r ? (JSON.parse(r.body) as Procedure) : null;
  }

  dossier(code: string, notBefore: number): Stored<DossierStatus> | null {
    const r = this.q.getDossier.get(code, notBefore) as { body: string; fetched_at: number } | undefined;
    return r ? { value: JSON.parse(r.body) as DossierStatus, fetchedAt: r.fetched_at } : null;
  }

  saveDossier(code: string, d: DossierStatus, at: number): void { this.q.putDossier.run(code, at, JSON.stringify(d)); }
  forgetDossier(code: string): void { this.q.delDossier.run(code); }
  purgeDossiers(fetchedAtOrBefore: number): number { return this.q.purgeDossiers.run(fetchedAtOrBefore).changes; }

  figures(): Stored<OfficeFigures> | null {
    const r = this.q.getFigures.get() as { body: string; fetched_at: number } | undefined;
    return r ? { value: JSON.parse(r.body) as OfficeFigures, fetchedAt: r.fetched_at } : null;
  }

  saveFigures(f: OfficeFigures, at: number): void { this.q.putFigures.run(at, JSON.stringify(f)); }
}
