/**
 * A catalog from the spreadsheet a province publishes with its decision announcing procedures (issue 20). Pure:
 * rows of cell texts in, procedures or every row's problems out. Columns are found by their Vietnamese headings
 * (with or without diacritics); a document list is one paper a line (or separated by ";").
 */
import type { Procedure } from './adapter.js';
import { foldVietnamese } from './fold.js';
import { LEVEL_KIND_LABELS, levelKindOf } from './levels.js';

export interface SheetProblem { row: number; column: string; message: string }

type Col = 'code' | 'name' | 'field' | 'level' | 'time' | 'fee' | 'documents' | 'submitAt' | 'resultAt' | 'legal';

/** Folded heading words that name each column; the first heading that contains one wins. */
const HEADINGS: [Col, string[]][] = [
  ['code', ['ma thu tuc', 'ma tthc', 'ma so']], ['name', ['ten thu tuc', 'ten tthc']], ['field', ['linh vuc']],
  ['level', ['cap thuc hien', 'cap', 'tham quyen']], ['time', ['thoi han', 'thoi gian giai quyet']], ['fee', ['phi', 'le phi']],
  ['documents', ['thanh phan ho so', 'giay to', 'ho so']], ['submitAt', ['noi tiep nhan', 'dia diem tiep nhan']],
  ['resultAt', ['noi tra ket qua', 'tra ket qua']], ['legal', ['can cu phap ly', 'can cu']],
];
const REQUIRED: Col[] = ['code', 'name', 'field', 'level', 'time', 'fee', 'documents', 'resultAt'];
const LABELS: Record<Col, string> = {
  code: 'Mã thủ tục', name: 'Tên thủ tục', field: 'Lĩnh vực', level: 'Cấp thực hiện', time: 'Thời hạn giải quyết', fee: 'Phí, lệ phí',
  documents: 'Thành phần hồ sơ', submitAt: 'Nơi tiếp nhận', resultAt: 'Nơi trả kết quả', legal: 'Căn cứ pháp lý',
};

/** Which column holds what, from the heading row; problems name the headings that are missing. */
export function mapHeadings(heads: string[]): { cols: Partial<Record<Col, number>>; problems: SheetProblem[] } {
  const folded = heads.map((h) => foldVietnamese(h ?? ''));
  const cols: Partial<Record<Col, number>> = {};
  for (const [col, words] of HEADINGS) {
    const i = folded.findIndex((f, j) => !Object.values(cols).includes(j) && words.some((w) => f === w || f.startsWith(`${w} `) || f.includes(w)));
    if (i >= 0) cols[col] = i;
  }
  const problems = REQUIRED.filter((c) => cols[c] === undefined)
    .map((c) => ({ row: 1, column: LABELS[c], message: `thiếu cột "${LABELS[c]}" / missing column "${LABELS[c]}"` }));
  return { cols, problems };
}

/** A stable field id from a field's name ("Hộ tịch" → "ho-tich"). */
export function fieldIdOf(name: string): string {
  return foldVietnamese(name).replace(/ /g, '-').slice(0, 32);
}

function rowProcedure(cells: string[], cols: Partial<Record<Col, number>>, row: number, out: SheetProblem[]): Procedure | null {
  const cell = (c: Col): string => (cols[c] === undefined ? '' : String(cells[cols[c]] ?? '').normalize('NFC').trim());
  const before = out.length;
  for (const c of REQUIRED) if (!cell(c)) out.push({ row, column: LABELS[c], message: `ô trống / empty` });
  const level = cell('level');
  const kind = level ? levelKindOf(level) : null;
  if (level && !kind) {
    const known = Object.values(LEVEL_KIND_LABELS).map((l) => l.vi).join(', ');
    out.push({ row, column: LABELS.level, message: `cấp không rõ "${level}"; dùng: ${known} / unknown level` });
  }
  const documents = cell('documents').split(/\r?\n|;/).map((d) => d.replace(/^[-•+*\d.)\s]+/, '').trim()).filter(Boolean);
  if (out.length > before || !kind) return null;
  return { id: cell('code'), code: cell('code'), name: cell('name'), fieldId: fieldIdOf(cell('field')), fieldName: cell('field'), documents,
    fee: cell('fee'), processingTime: cell('time'), submitAt: cell('submitAt'), resultAt: cell('resultAt'), legalBasis: cell('legal'), level, levelKind: kind, inForce: true };
}

/** Rows (the first the headings) to procedures; any problem in any row and nothing is returned but the problems. */
export function proceduresFromRows(rows: string[][]): { procedures: Procedure[]; problems: SheetProblem[] } {
  const [heads, ...body] = rows;
  if (!heads) return { procedures: [], problems: [{ row: 1, column: '', message: 'tệp trống / the file is empty' }] };
  const { cols, problems } = mapHeadings(heads);
  if (problems.length) return { procedures: [], problems };
  const procedures: Procedure[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => !String(c ?? '').trim())) return;
    const p = rowProcedure(cells, cols, row, problems);
    if (!p) return;
    const first = seen.get(p.code);
    if (first) problems.push({ row, column: LABELS.code, message: `mã ${p.code} trùng với dòng ${first} / duplicate code (row ${first})` });
    else { seen.set(p.code, row); procedures.push(p); }
  });
  if (!procedures.length && !problems.length) problems.push({ row: 2, column: '', message: 'không có thủ tục nào / no procedure' });
  return problems.length ? { procedures: [], problems } : { procedures, problems };
}
