/**
 * Procedures in force: browse by field, search typed on the Telex keyboard (the hub's `/api/catalog?q=` ignores
 * diacritics and case), and a detail page per procedure. The catalog's version and date are always visible, and
 * a cached copy says so ("dữ liệu lưu tạm, cập nhật lúc …").
 */
import { getJson } from '../../../web-lib/hub-client.js';
import { hubNow } from '../../../web-lib/hub-time.js';
import { fmtDate, fmtTime, h, mount } from '../shared/dom.js';
import { createKeyboard } from '../shared/keyboard.js';
import type { KioskApp } from './app.js';
import type { CatalogAnswer, LevelKind, Procedure } from './types.js';

const LEVEL_ORDER: LevelKind[] = ['commune', 'province', 'vertical', 'district'];

/** The level as the citizen reads it: the catalog's words, or the kind's label when the words say nothing more. */
function levelText(k: KioskApp, p: Procedure): string {
  return p.levelKind ? k.t(`lvl_${p.levelKind}`) : p.level;
}

interface State { q: string; field: string; fields: { id: string; name: string }[]; seq: number; level: LevelKind | ''; levels: LevelKind[] }

export function proceduresScreen(k: KioskApp, keep?: State): void {
  const st: State = keep ?? { q: '', field: '', fields: [], seq: 0, level: '', levels: [] };
  const box = h('div', { class: 'search-box', 'data-role': 'search', 'aria-live': 'polite' });
  const chips = h('div', { class: 'chips' });
  const levelChips = h('div', { class: 'chips chips-level', 'data-role': 'levels' });
  const list = h('div', { class: 'results', 'data-role': 'results' });
  const meta = h('p', { class: 'catalog-meta', 'data-role': 'catalog-meta' }, k.t('loading'));
  const renderBox = (): void => mount(box, st.q ? h('span', { class: 'typed' }, st.q) : h('span', { class: 'placeholder' }, k.t('searchPlaceholder')), h('span', { class: 'caret', 'aria-hidden': 'true' }));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const kb = createKeyboard('telex', k.i18n, (v) => {
    st.q = v;
    renderBox();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  });
  kb.value = st.q;

  const renderChips = (): void => mount(chips, ...[{ id: '', name: k.t('allFields') }, ...st.fields].map((f) =>
    h('button', { class: `chip${st.field === f.id ? ' chip-on' : ''}`, type: 'button', 'data-chip': f.id || 'all', 'aria-pressed': String(st.field === f.id),
      onclick: () => { st.field = f.id; renderChips(); void load(); } }, f.name)));

  const renderLevels = (): void => mount(levelChips, ...(['', ...st.levels] as const).map((l) =>
    h('button', { class: `chip chip-level${st.level === l ? ' chip-on' : ''}`, type: 'button', 'data-level': l || 'all', 'aria-pressed': String(st.level === l),
      onclick: () => { st.level = l; renderLevels(); void load(); } }, l ? k.t(`lvl_${l}`) : k.t('allLevels'))));

  const load = async (): Promise<void> => {
    const my = ++st.seq;
    const qs = new URLSearchParams();
    if (st.q.trim()) qs.set('q', st.q.trim());
    if (st.field) qs.set('field', st.field);
    if (st.level) qs.set('level', st.level);
    let cat: CatalogAnswer;
    try { cat = await getJson<CatalogAnswer>(`/api/catalog${qs.toString() ? `?${qs.toString()}` : ''}`); } catch (e) {
      if (my === st.seq) mount(list, h('p', { class: 'empty', role: 'alert' }, (e as Error).message));
      return;
    }
    if (my !== st.seq) return;
    if (!st.levels.length && !st.q && !st.field && !st.level) {
      st.levels = LEVEL_ORDER.filter((l) => cat.procedures.some((p) => p.levelKind === l));
      renderLevels();
    }
    if (!st.fields.length && !st.q && !st.field && !st.level) {
      const seen = new Map<string, string>();
      for (const p of cat.procedures) if (!seen.has(p.fieldId)) seen.set(p.fieldId, p.fieldName);
      st.fields = [...seen].map(([id, name]) => ({ id, name }));
      renderChips();
    }
    mount(meta, k.i18n.lang === 'en' ? h('span', { class: 'catalog-lang', 'data-role': 'catalog-lang' }, `${k.t('catalogInVietnamese')} `) : null,
      k.t('catalogVersion', { v: cat.version, date: fmtDate(cat.publishedAt) }),
      cat.cached ? h('span', { class: 'cached', 'data-role': 'cached' }, ` · ${k.t('catalogCached', { time: `${fmtTime(hubNow() - cat.ageMs)} ${fmtDate(hubNow() - cat.ageMs)}` })}`) : null);
    mount(list, h('p', { class: 'count' }, k.t('resultsCount', { n: cat.procedures.length })),
      ...(cat.procedures.length ? cat.procedures.map((p) => h('button', { class: 'result', type: 'button', 'data-procedure': p.id, onclick: () => detail(k, p, st, meta.cloneNode(true) as HTMLElement) },
        h('span', { class: 'result-name' }, p.name), h('span', { class: 'result-field' }, `${p.fieldName} · ${levelText(k, p)}`)))
        : [h('p', { class: 'empty' }, k.t('noResults'))]));
  };

  renderBox();
  renderChips();
  renderLevels();
  kb.el.classList.add('proc-kb');
  const body = h('div', { class: 'procedures' }, box, h('div', { class: 'chip-rows' }, levelChips, chips), h('div', { class: 'proc-list' }, list), kb.el, meta);
  k.show('procedures', body, k.t('procedures'));
  void load();
}

function detail(k: KioskApp, p: Procedure, st: State, meta: HTMLElement): void {
  const section = (title: string, ...content: (Node | string)[]): HTMLElement => h('section', { class: 'proc-section' }, h('h3', {}, title), ...content);
  const body = h('article', { class: 'proc-detail', 'data-procedure': p.id },
    h('button', { class: 'btn btn-back', type: 'button', 'data-action': 'back', onclick: () => proceduresScreen(k, { ...st, fields: st.fields }) }, `← ${k.t('back')}`),
    h('h2', { class: 'proc-name' }, p.name),
    h('p', { class: 'proc-sub' }, `${p.code} · ${p.fieldName} · ${k.t('levelLabel')}: ${levelText(k, p)}`),
    section(k.t('documents'), h('ol', {}, ...p.documents.map((d) => h('li', {}, d)))),
    section(k.t('fee'), h('p', {}, p.fee)),
    section(k.t('processingTime'), h('p', {}, p.processingTime)),
    section(k.t('submitAt'), h('p', {}, p.submitAt)),
    p.resultAt ? section(k.t('resultAt'), h('p', { 'data-role': 'result-at' }, p.resultAt)) : null,
    section(k.t('legalBasis'), h('p', {}, p.legalBasis)),
    meta);
  k.show('procedure', body);
}
