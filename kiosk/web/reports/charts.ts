/** Inline SVG charts of the reports page (no chart library): stacked bars with axes and a legend. */
import type { Report } from '../../../protocol/reports.js';

const NS = 'http://www.w3.org/2000/svg';
export const PALETTE = ['#0b5ed7', '#f59f00', '#2f9e44', '#ae3ec9', '#e8590c', '#1098ad', '#868e96', '#c2255c'];
const LEVEL_COLORS = ['#2f9e44', '#8ce99a', '#fcc419', '#e03131', '#862e9c'];

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function legend(items: { label: string; color: string }[]): HTMLElement {
  const d = document.createElement('div');
  d.className = 'legend';
  for (const it of items) {
    const s = document.createElement('span');
    const i = document.createElement('i');
    i.style.background = it.color;
    s.append(i, it.label);
    d.append(s);
  }
  return d;
}

function niceMax(v: number): number {
  if (v <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((x) => x >= v) ?? v;
}

interface Series { label: string; color: string; values: number[] }

/** Vertical stacked bars: one `rect.bar` per non-zero (category, series) with data-count. */
function stacked(host: HTMLElement, cats: string[], series: Series[], unit: string): void {
  const W = 760; const H = 300; const L = 44; const B = 28; const T = 10;
  const totals = cats.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  const y = (v: number) => T + (H - T - B) * (1 - v / max);
  const ticks = max % 5 === 0 ? 5 : 4;
  for (let k = 0; k <= ticks; k++) {
    const v = (max / ticks) * k;
    svg.append(el('line', { x1: L, x2: W - 4, y1: y(v), y2: y(v), stroke: '#e4e7eb' }), el('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, (Math.round(v * 10) / 10).toLocaleString('vi-VN')));
  }
  const bw = (W - L - 8) / Math.max(1, cats.length);
  cats.forEach((c, i) => {
    let base = 0;
    for (const s of series) {
      const v = s.values[i] ?? 0;
      if (v <= 0) continue;
      const r = el('rect', { class: 'bar', x: L + i * bw + bw * 0.15, width: bw * 0.7, y: y(base + v), height: Math.max(1, y(base) - y(base + v)), fill: s.color, 'data-count': v, 'data-series': s.label, 'data-cat': c });
      r.append(el('title', {}, `${c} — ${s.label}: ${v.toLocaleString('vi-VN', { maximumFractionDigits: 1 })} ${unit}`));
      svg.append(r);
      base += v;
    }
    svg.append(el('text', { x: L + i * bw + bw / 2, y: H - 8, 'text-anchor': 'middle' }, c));
  });
  host.replaceChildren(svg, legend(series.map((s) => ({ label: s.label, color: s.color }))));
}

/** The hours shown: office hours (7–17) widened to every hour that has data. */
function hoursOf(used: number[]): number[] {
  const lo = Math.min(7, ...used); const hi = Math.max(16, ...used);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

export function arrivalsChart(host: HTMLElement, r: Report): void {
  const used = r.arrivals.flatMap((a) => a.perHour.map((n, h) => (n > 0 ? h : -1)).filter((h) => h >= 0));
  const hours = hoursOf(used);
  const fields = r.arrivals.filter((a) => a.perHour.some((n) => n > 0));
  stacked(host, hours.map((h) => `${h}h`), fields.map((a, i) => ({ label: a.name, color: PALETTE[i % PALETTE.length] ?? '#333', values: hours.map((h) => a.perHour[h] ?? 0) })), 'lượt');
}

export function waitsChart(host: HTMLElement, r: Report): void {
  const used = r.waitsByHour.filter((w) => w.count > 0).map((w) => w.hour);
  const hours = hoursOf(used);
  const min = (s: number | null | undefined) => (s ? Math.round(s / 6) / 10 : 0);
  const med = hours.map((h) => min(r.waitsByHour[h]?.median));
  const p90 = hours.map((h) => Math.max(0, min(r.waitsByHour[h]?.p90) - min(r.waitsByHour[h]?.median)));
  stacked(host, hours.map((h) => `${h}h`), [{ label: 'Trung vị', color: '#0b5ed7', values: med }, { label: 'Đến mức 90%', color: '#a5d8ff', values: p90 }], 'phút');
}

/** Horizontal stacked bars per clerk: one `rect.bar` per non-zero (clerk, level), and the score at the end. */
export function ratingsChart(host: HTMLElement, r: Report): void {
  const rows = [...r.clerkRatings].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  if (rows.length === 0) { host.textContent = 'Chưa có lượt đánh giá trong kỳ.'; return; }
  const W = 1560; const L = 230; const RH = 34; const H = rows.length * RH + 10;
  const max = Math.max(...rows.map((x) => x.count));
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img' });
  rows.forEach((c, i) => {
    const yy = 5 + i * RH;
    svg.append(el('text', { x: L - 10, y: yy + RH / 2 + 4, 'text-anchor': 'end' }, c.name));
    let x = L;
    r.levels.forEach((l, k) => {
      const n = c.perLevel[l.key] ?? 0;
      if (!n) return;
      const w = ((W - L - 160) * n) / max;
      const rect = el('rect', { class: 'bar', x, y: yy + 4, width: w, height: RH - 10, fill: LEVEL_COLORS[k % LEVEL_COLORS.length] ?? '#999', 'data-count': n, 'data-series': l.label, 'data-cat': c.name });
      rect.append(el('title', {}, `${c.name} — ${l.label}: ${n}`));
      svg.append(rect);
      x += w;
    });
    svg.append(el('text', { x: x + 10, y: yy + RH / 2 + 4, class: 'score' }, `${c.score ?? '—'} điểm · ${c.count} lượt`));
  });
  host.replaceChildren(svg, legend(r.levels.map((l, k) => ({ label: l.label, color: LEVEL_COLORS[k % LEVEL_COLORS.length] ?? '#999' }))));
}
