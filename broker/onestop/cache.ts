/**
 * SQLite cache in front of the provincial system so the kiosk and displays answer offline: the catalog,
 * dossier lookups (personal data: kept at most `dossierTtlMs`, default 7 days) and the office's figures.
 * Every answer says whether it is live or cached, and how old it is.
 */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db } from '../db/open.js';
import { McError } from '../../protocol/errors.js';
import type { Catalog, DossierStatus, OfficeFigures, OnestopAdapter, Procedure, RequestOptions } from './adapter.js';
import { CacheRepo, type Stored } from './cache-repo.js';
import { queryTokens } from './fold.js';
import { firstError, wireValidators } from './schemas.js';

export const DEFAULT_DOSSIER_TTL_MS = 7 * 86_400_000;

export interface OnestopCacheOptions {
  db: Db;
  adapter: OnestopAdapter;
  log: Logger;
  clock?: () => number;
  /** How long a looked-up dossier may be served from the cache (and kept at all). Default 7 days. */
  dossierTtlMs?: number;
  /** Give up on the live answer after this long and serve the cache (ms). Default: the adapter's own timeout. */
  liveTimeoutMs?: number;
}

/** A value with where it came from: `cached` is false for a live answer; `ageMs` is 0 then. */
export interface Sourced { cached: boolean; fetchedAt: number; ageMs: number }
export type CatalogAnswer = Sourced & { catalog: Catalog };
export type DossierAnswer = Sourced & { dossier: DossierStatus };
export type FiguresAnswer = Sourced & { figures: OfficeFigures };

export class OnestopCache {
  private readonly repo: CacheRepo;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly ttl: number;
  constructor(private readonly opts: OnestopCacheOptions) {
    this.repo = new CacheRepo(opts.db);
    this.clock = opts.clock ?? Date.now;
    this.log = opts.log.child({ mod: 'onestop-cache' });
    this.ttl = opts.dossierTtlMs ?? DEFAULT_DOSSIER_TTL_MS;
  }

  /** The live catalog when the provincial system answers (and it is stored), the stored copy otherwise. */
  async getCatalog(): Promise<CatalogAnswer> {
    const r = await this.liveOr('catalog', (ro) => this.opts.adapter.fetchCatalog(ro), (c, at) => this.repo.saveCatalog(c, at, 'live'), () => this.repo.loadCatalog());
    return { catalog: r.value, ...r.src };
  }

  /** In-force procedures matching every word of `query`, ignoring case and diacritics; best matches first. */
  searchProcedures(query: string, fieldId?: string, limit = 50): Procedure[] {
    const tokens = queryTokens(query);
    const phrase = tokens.join(' ');
    const hits = this.repo.searchProcedures(tokens, fieldId);
    const rank = (h: { folded: string; p: Procedure }): number => (h.folded.startsWith(phrase) ? 0 : h.folded.includes(phrase) ? 1 : 2);
    return hits.map((h, i) => ({ h, i, r: rank(h) })).sort((a, b) => a.r - b.r || a.i - b.i).slice(0, limit).map((x) => x.h.p);
  }

  /** One procedure of the stored catalog (in force or not), or null. */
  getProcedure(id: string): Procedure | null { return this.repo.procedure(id); }

  /** Look up a dossier: live when reachable, else a stored answer younger than the TTL; null when unknown. */
  async lookupDossier(rawCode: string): Promise<DossierAnswer | null> {
    const code = rawCode.trim().toUpperCase();
    if (!code) throw new McError('MC_ERR_DOSSIER_CODE_REQUIRED');
    this.purge();
    const r = await this.liveOr('dossier', (ro) => this.opts.adapter.lookupDossier(code, ro), (d, at) => {
      if (d) this.repo.saveDossier(code, d, at); else this.repo.forgetDossier(code);
    }, () => this.repo.dossier(code, this.clock() - this.ttl));
    return r.value ? { dossier: r.value, ...r.src } : null;
  }

  /** The office's figures (đúng hạn / quá hạn) for the hall display. */
  async getFigures(): Promise<FiguresAnswer> {
    const r = await this.liveOr('figures', (ro) => this.opts.adapter.fetchFigures(ro), (f, at) => this.repo.saveFigures(f, at), () => this.repo.figures());
    return { figures: r.value, ...r.src };
  }

  /** Delete cached dossier answers older than the TTL. Returns how many were removed. */
  purge(): number {
    const n = this.repo.purgeDossiers(this.clock() - this.ttl);
    if (n > 0) this.log.info({ removed: n }, 'expired dossier lookups purged');
    return n;
  }

  /** Replace the stored catalog with a JSON file (same shape as GET /catalog), e.g. when the office has no link. */
  importCatalog(file: string): { version: string; count: number } {
    let data: unknown;
    try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new McError('MC_ERR_BAD_PAYLOAD', `${file}: ${(e as Error).message}`); }
    const v = wireValidators().catalog;
    if (!v(data)) throw new McError('MC_ERR_BAD_PAYLOAD', `${file}: ${firstError(v)}`);
    const catalog = { ...data, procedures: data.procedures.map((p) => ({ ...p, name: p.name.normalize('NFC') })) };
    this.repo.saveCatalog(catalog, this.clock(), 'import');
    this.log.info({ file, version: catalog.version, count: catalog.procedures.length }, 'catalog imported');
    return { version: catalog.version, count: catalog.procedures.length };
  }

  private async liveOr<T>(what: string, live: (ro: RequestOptions) => Promise<T>, save: (v: T, at: number) => void,
    stored: () => Stored<NonNullable<T>> | null): Promise<{ value: T; src: Sourced }> {
    const ro: RequestOptions = this.opts.liveTimeoutMs ? { signal: AbortSignal.timeout(this.opts.liveTimeoutMs) } : {};
    try {
      const v = await live(ro);
      const at = this.clock();
      save(v, at);
      return { value: v, src: { cached: false, fetchedAt: at, ageMs: 0 } };
    } catch (e) {
      const s = stored();
      if (!s) throw e instanceof McError ? e : new McError('MC_ERR_UPLINK_DOWN', (e as Error).message);
      const now = this.clock();
      this.log.info({ what, err: (e as Error).message, ageMs: now - s.fetchedAt }, 'provincial system unreachable; serving cached copy');
      return { value: s.value, src: { cached: true, fetchedAt: s.fetchedAt, ageMs: now - s.fetchedAt } };
    }
  }
}
