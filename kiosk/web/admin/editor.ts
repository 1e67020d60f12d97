/**
 * A form over one section of the office config: inputs bound to paths (`fields[0].name`), tables of items with
 * add/remove, Save through PUT /api/admin/config/:section, and the server's problems shown next to the inputs
 * they name (the nearest enclosing widget when no input matches).
 */
import { AdminError, describe, put, type Problem } from './api.js';
import { h, mount } from './dom.js';
import { problemText } from './labels.js';
import { getAt, isPrefix, setAt, tokens } from './paths.js';

export type InputType = 'text' | 'number' | 'bool' | 'select' | 'multi' | 'lines' | 'textarea';
export interface Col { key: string; label: string; type: InputType; options?: () => [string, string][]; fixedOnExisting?: boolean; numeric?: boolean; help?: string; width?: string }
export type Widget =
  | ({ kind: 'input'; path: string } & Col)
  | { kind: 'table'; path: string; label: string; cols: Col[]; newRow: (rows: unknown[]) => Record<string, unknown>; help?: string };

export interface SectionSpec { section: string; title: string; hint?: string; widgets: Widget[]; after?: (root: HTMLElement) => void }

/** What the editor needs from the page: the section's value in force, whether it may save, and what to do after. */
export interface EditorHost { value: (section: string) => unknown; canEdit: (section: string) => boolean; saved: (config: Record<string, unknown>, restartRequired: boolean) => void }

export class SectionEditor {
  private draft: unknown;
  private readonly originalLength = new Map<string, number>();
  readonly el = h('section', { class: 'card' });
  private readonly status = h('div', { 'aria-live': 'polite' });
  private readonly body = h('div');

  constructor(private readonly spec: SectionSpec, private readonly host: EditorHost) {
    this.draft = structuredClone(host.value(spec.section));
    this.el.dataset.section = spec.section;
    for (const w of spec.widgets) if (w.kind === 'table') this.originalLength.set(w.path, (this.at(w.path) as unknown[] | undefined)?.length ?? 0);
    this.render();
  }

  private get editable(): boolean { return this.host.canEdit(this.spec.section); }
  private rel(path: string): (string | number)[] { return tokens(path).slice(1); }
  private at(path: string): unknown { return getAt(this.draft, this.rel(path)); }
  private set(path: string, v: unknown): void { setAt(this.draft, this.rel(path), v); }

  render(): void {
    mount(this.body, ...this.spec.widgets.map((w) => (w.kind === 'table' ? this.table(w) : this.row(w))));
    const save = h('button', { class: 'btn btn-primary', type: 'button', 'data-action': 'save', onclick: () => void this.save(save) }, 'Lưu và áp dụng');
    const reset = h('button', { class: 'btn', type: 'button', onclick: () => { this.draft = structuredClone(this.host.value(this.spec.section)); mount(this.status); this.render(); } }, 'Hoàn tác');
    mount(this.el, h('h2', {}, this.spec.title), this.spec.hint ? h('p', { class: 'hint' }, this.spec.hint) : null,
      this.editable ? null : h('p', { class: 'warn' }, 'Chỉ xem: tài khoản của bạn không được sửa mục này.'),
      this.status, this.body, this.editable ? h('div', { class: 'actions' }, save, reset) : null);
    this.spec.after?.(this.el);
  }

  private row(w: Extract<Widget, { kind: 'input' }>): HTMLElement {
    const input = this.input(w.path, w, false);
    input.id = `in-${w.path}`;
    return h('div', { class: 'form-grid' }, h('label', { for: input.id }, w.label), h('div', { 'data-slot': w.path }, input, w.help ? h('p', { class: 'help' }, w.help) : null));
  }

  private table(w: Extract<Widget, { kind: 'table' }>): HTMLElement {
    const rows = (this.at(w.path) as Record<string, unknown>[] | undefined) ?? [];
    const fixedUpTo = this.originalLength.get(w.path) ?? 0;
    const body = rows.map((_, i) => h('tr', { class: i >= fixedUpTo ? 'row-new' : '', 'data-row': i },
      ...w.cols.map((c) => h('td', { 'data-slot': `${w.path}[${i}].${c.key}`, style: c.width ? `width:${c.width}` : null }, this.input(`${w.path}[${i}].${c.key}`, c, i < fixedUpTo))),
      this.editable ? h('td', {}, h('button', { class: 'btn btn-danger btn-small', type: 'button', 'data-action': 'remove-row', title: 'Xóa dòng', onclick: () => { rows.splice(i, 1); this.shiftFixed(w.path, i); this.render(); } }, 'Xóa')) : null));
    const add = h('button', { class: 'btn btn-small', type: 'button', 'data-action': 'add-row', onclick: () => { rows.push(w.newRow(rows)); this.set(w.path, rows); this.render(); } }, '+ Thêm dòng');
    return h('div', { 'data-slot': w.path, class: 'table-wrap' }, h('h3', {}, w.label), w.help ? h('p', { class: 'help hint' }, w.help) : null,
      h('table', {}, h('thead', {}, h('tr', {}, ...w.cols.map((c) => h('th', {}, c.label)), this.editable ? h('th', {}, '') : null)), h('tbody', {}, ...body)),
      this.editable ? h('div', { class: 'actions' }, add) : null);
  }

  /** Removing an existing row moves the later existing rows up: they keep their fixed ids. */
  private shiftFixed(path: string, i: number): void {
    const n = this.originalLength.get(path) ?? 0;
    if (i < n) this.originalLength.set(path, n - 1);
  }

  private input(path: string, c: Col, existing: boolean): HTMLElement {
    const v = this.at(path);
    const disabled = !this.editable || (existing && !!c.fixedOnExisting);
    const common = { 'data-path': path, 'aria-label': c.label, disabled };
    switch (c.type) {
      case 'bool': return h('input', { ...common, type: 'checkbox', checked: !!v, onchange: (e: Event) => this.set(path, (e.target as HTMLInputElement).checked) });
      case 'number': return h('input', { ...common, type: 'number', value: v == null ? '' : String(v), oninput: (e: Event) => { const s = (e.target as HTMLInputElement).value; this.set(path, s === '' ? null : Number(s)); } });
      case 'select': return h('select', { ...common, onchange: (e: Event) => this.set(path, (e.target as HTMLSelectElement).value) },
        ...(c.options?.() ?? []).map(([val, label]) => h('option', { value: val, selected: val === v }, label)));
      case 'multi': {
        const cur = new Set(((v as unknown[] | undefined) ?? []).map(String));
        return h('div', { 'data-path': path, class: 'multi' }, ...(c.options?.() ?? []).map(([val, label]) => h('label', { style: 'display:inline-flex;gap:4px;margin-right:10px;align-items:center' },
          h('input', { type: 'checkbox', disabled, checked: cur.has(val), 'data-value': val, onchange: (e: Event) => {
            if ((e.target as HTMLInputElement).checked) cur.add(val); else cur.delete(val);
            this.set(path, (c.options?.() ?? []).map(([x]) => x).filter((x) => cur.has(x)).map((x) => (c.numeric ? Number(x) : x)));
          } }), label)));
      }
      case 'lines': return h('textarea', { ...common, oninput: (e: Event) => this.set(path, (e.target as HTMLTextAreaElement).value.split('\n').map((s) => s.trim()).filter(Boolean)) }, ((v as string[] | undefined) ?? []).join('\n'));
      case 'textarea': return h('textarea', { ...common, oninput: (e: Event) => this.set(path, (e.target as HTMLTextAreaElement).value) }, String(v ?? ''));
      default: return h('input', { ...common, type: 'text', value: String(v ?? ''), oninput: (e: Event) => this.set(path, (e.target as HTMLInputElement).value) });
    }
  }

  private async save(btn: HTMLButtonElement): Promise<void> {
    btn.disabled = true;
    this.clearProblems();
    mount(this.status, h('p', { class: 'muted' }, 'Đang lưu…'));
    try {
      const r = await put<{ config: Record<string, unknown>; restartRequired: boolean }>(`/api/admin/config/${this.spec.section}`, { value: this.draft });
      this.host.saved(r.config, r.restartRequired);
      this.draft = structuredClone(this.host.value(this.spec.section));
      for (const w of this.spec.widgets) if (w.kind === 'table') this.originalLength.set(w.path, (this.at(w.path) as unknown[] | undefined)?.length ?? 0);
      this.render();
      mount(this.status, h('p', { class: 'note', role: 'status' }, 'Đã lưu và áp dụng ngay, không cần khởi động lại.'),
        r.restartRequired ? h('p', { class: 'warn' }, 'Một số thay đổi chỉ có hiệu lực sau khi khởi động lại hub (systemctl restart motcua-hub).') : null);
    } catch (e) {
      if (e instanceof AdminError && e.problems.length) this.showProblems(e.problems);
      else mount(this.status, h('p', { class: 'alert', role: 'alert' }, describe(e)));
    } finally { btn.disabled = false; }
  }

  private clearProblems(): void {
    this.el.querySelectorAll('.field-error').forEach((x) => x.remove());
    this.el.querySelectorAll('[aria-invalid]').forEach((x) => x.removeAttribute('aria-invalid'));
  }

  /** Each problem goes next to the deepest slot whose path contains it; problems of the whole section go on top. */
  private showProblems(problems: Problem[]): void {
    const slots = [...this.el.querySelectorAll<HTMLElement>('[data-slot]')];
    const top: Problem[] = [];
    for (const p of problems) {
      const slot = slots.filter((s) => isPrefix(s.dataset.slot ?? '', p.path)).sort((a, b) => (b.dataset.slot ?? '').length - (a.dataset.slot ?? '').length)[0];
      if (!slot) { top.push(p); continue; }
      const input = slot.querySelector<HTMLElement>(`[data-path="${CSS.escape(slot.dataset.slot ?? '')}"]`);
      input?.setAttribute('aria-invalid', 'true');
      const msg = h('p', { class: 'field-error', 'data-error-for': p.path, role: 'alert' }, problemText(p.message));
      if (slot.classList.contains('table-wrap')) slot.querySelector('table')?.before(msg); else slot.append(msg);
    }
    mount(this.status, h('p', { class: 'alert', role: 'alert' }, ['Chưa lưu: cấu hình có lỗi, xem các ô được đánh dấu đỏ.', ...top.map((p) => `${p.path}: ${problemText(p.message)}`)].join('\n')));
  }
}
