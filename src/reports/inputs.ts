/**
 * Inputs on report sheets survive a rebuild (docs/definitions.md: inputs on report
 * sheets). A SheetSpec declares its input cells in blocks with stable keys
 * (sheetSpec.ts InputBlock); the writer stores where they are, with the builder's
 * starting values, as the sheet's layout (developer metadata). At the next rebuild
 * it reads the old sheet's input cells in one read, and this module decides what
 * the user typed and where it goes in the new sheet:
 *
 * - a cell that still holds the builder's starting value is untouched: the new
 *   build's value stands (a plan follows a changed growth, the what-if the data);
 * - a cell that holds anything else (a number, a text, an empty cell) was typed:
 *   it goes into the new cell of the same key;
 * - a typed cell whose key the new build does not have goes into the "kept inputs"
 *   block, with its label, instead of being dropped; the block's cells are inputs
 *   too (edited values are kept, a cleared one is dropped), and a key that comes
 *   back takes its kept value;
 * - a formula typed into an input is kept as a formula when it refers to no cell
 *   (`=1200*1.1`); one that refers to cells is kept as the value it showed, since
 *   the cells it pointed at are rebuilt and may then hold something else.
 *
 * Pure: the writer (src/gas/writeSheet.ts) does the reading and writing.
 */
import { COLOUR } from './layout';
import { type Area, type Cell, type CellValue, type Formula, type SheetSpec, type Style, isFormula } from './sheetSpec';

export const LAYOUT_VERSION = 1;

/** A value as the layout stores it: JSON, with a Date as {d: ms} and a formula as {f: text}. */
export type StoredValue = string | number | boolean | null | { d: number } | { f: string };

/** Where a sheet's inputs are and what the builder put in them, as the writer stores it with the sheet. */
export interface InputLayout {
  v: typeof LAYOUT_VERSION;
  blocks: StoredBlock[];
  /** The kept-inputs block: one entry per row below its header, values in the column after `col`. */
  kept: { row: number; col: number; entries: KeptEntry[] } | null;
}

export interface StoredBlock {
  id: string;
  row: number;
  col: number;
  rowKeys: string[];
  colKeys: string[];
  label: string;
  /** Left out when equal to the keys (manager names), to keep the layout small. */
  rowLabels?: string[];
  colLabels?: string[];
  /** The builder's value of each cell, by row. */
  defaults: StoredValue[][];
}

export interface KeptEntry {
  key: InputKey;
  label: string;
}

/** (block id, row key, column key). */
export type InputKey = [string, string, string];

/** What the user typed into one input, ready to be written. */
export interface Carried {
  value: CellValue | Formula;
  label: string;
}

const KEY_SEPARATOR = '\u0000';
export const keyText = (key: InputKey): string => key.join(KEY_SEPARATOR);
export const keyOfText = (text: string): InputKey => text.split(KEY_SEPARATOR) as InputKey;

/** Rows of the kept block above its entries: title, note, header. */
const KEPT_HEAD_ROWS = 3;

// ---------- the layout as stored ----------

export function storedValue(cell: Cell | undefined): StoredValue {
  if (cell === undefined || cell === null || cell === '') return null;
  if (isFormula(cell)) return { f: cell.formula };
  if (cell instanceof Date) return { d: cell.getTime() };
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  return cell;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isPosition = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** The layout stored with a sheet, or null when there is none or it is not one this version reads. */
export function parseLayout(text: string | null): InputLayout | null {
  if (text === null || text === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(raw) || raw.v !== LAYOUT_VERSION || !Array.isArray(raw.blocks)) return null;
  for (const b of raw.blocks as unknown[]) {
    if (!isObject(b) || typeof b.id !== 'string' || !isPosition(b.row) || !isPosition(b.col)) return null;
    if (!isStrings(b.rowKeys) || !isStrings(b.colKeys) || typeof b.label !== 'string' || !Array.isArray(b.defaults)) return null;
    if (b.rowLabels !== undefined && !(isStrings(b.rowLabels) && b.rowLabels.length === b.rowKeys.length)) return null;
    if (b.colLabels !== undefined && !(isStrings(b.colLabels) && b.colLabels.length === b.colKeys.length)) return null;
  }
  const kept = raw.kept;
  if (kept !== null) {
    if (!isObject(kept) || !isPosition(kept.row) || !isPosition(kept.col) || !Array.isArray(kept.entries)) return null;
    for (const e of kept.entries as unknown[]) {
      if (!isObject(e) || !isStrings(e.key) || e.key.length !== 3 || typeof e.label !== 'string') return null;
    }
  }
  return raw as unknown as InputLayout;
}

/** The rectangle holding every input cell of a layout (blocks and kept values): the writer reads it in one call; null when empty. */
export function inputBox(layout: InputLayout): Area | null {
  const areas: Area[] = [];
  for (const b of layout.blocks) {
    if (b.rowKeys.length > 0 && b.colKeys.length > 0)
      areas.push({ row: b.row, col: b.col, rows: b.rowKeys.length, cols: b.colKeys.length });
  }
  if (layout.kept && layout.kept.entries.length > 0) {
    areas.push({ row: layout.kept.row + KEPT_HEAD_ROWS, col: layout.kept.col + 1, rows: layout.kept.entries.length, cols: 1 });
  }
  if (areas.length === 0) return null;
  const row = Math.min(...areas.map((a) => a.row));
  const col = Math.min(...areas.map((a) => a.col));
  const rows = Math.max(...areas.map((a) => a.row + a.rows)) - row;
  const cols = Math.max(...areas.map((a) => a.col + a.cols)) - col;
  return { row, col, rows, cols };
}

// ---------- what the user typed ----------

/**
 * Whether a formula refers to a cell, a range, another sheet or a named range: any
 * name outside string literals that is not a function call or TRUE/FALSE.
 */
export function refersToCells(formula: string): boolean {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (code.includes('!')) return true;
  for (const m of code.matchAll(/[A-Za-z_$][A-Za-z0-9_.$]*/g)) {
    const after = code.slice((m.index ?? 0) + m[0].length).trimStart();
    if (after.startsWith('(')) continue;
    if (/^(true|false)$/i.test(m[0])) continue;
    return true;
  }
  return false;
}

function sameAsDefault(value: unknown, formula: string, stored: StoredValue): boolean {
  if (isObject(stored) && 'f' in stored) return formula === stored.f;
  if (formula !== '') return false;
  if (stored === null) return value === '' || value === null || value === undefined;
  if (isObject(stored) && 'd' in stored) return value instanceof Date && value.getTime() === stored.d;
  return value === stored;
}

const isBlankValue = (value: unknown, formula: string): boolean =>
  formula === '' && (value === '' || value === null || value === undefined);

/** What a typed cell keeps: its formula when it refers to no cell, else the value it shows. */
function typedValue(value: unknown, formula: string): CellValue | Formula {
  if (formula !== '' && !refersToCells(formula)) return { formula };
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return '';
}

/**
 * The inputs the user typed in the old sheet, by key: every block cell that no
 * longer holds its starting value, and every kept entry that was not cleared.
 * `values` and `formulas` are the old sheet's `box` (inputBox) as getValues and
 * getFormulas return it.
 */
export function typedInputs(layout: InputLayout, box: Area, values: unknown[][], formulas: string[][]): Map<string, Carried> {
  const out = new Map<string, Carried>();
  // A cell outside the box (rows the user deleted) was not read: it carries nothing.
  const at = (row: number, col: number): [unknown, string] | null => {
    const r = row - box.row;
    const c = col - box.col;
    return r >= 0 && r < box.rows && c >= 0 && c < box.cols ? [values[r]?.[c], formulas[r]?.[c] ?? ''] : null;
  };
  // Kept entries first, so that a block cell typed again since (a key back in the report) wins.
  const kept = layout.kept;
  if (kept) {
    kept.entries.forEach((entry, k) => {
      const cell = at(kept.row + KEPT_HEAD_ROWS + k, kept.col + 1);
      if (cell && !isBlankValue(...cell)) out.set(keyText(entry.key), { value: typedValue(...cell), label: entry.label });
    });
  }
  for (const b of layout.blocks) {
    b.rowKeys.forEach((rowKey, r) => {
      b.colKeys.forEach((colKey, c) => {
        const cell = at(b.row + r, b.col + c);
        if (!cell) return;
        const [value, formula] = cell;
        if (sameAsDefault(value, formula, b.defaults[r]?.[c] ?? null)) return;
        out.set(keyText([b.id, rowKey, colKey]), { value: typedValue(value, formula), label: labelOf(b, r, c) });
      });
    });
  }
  return out;
}

function labelOf(
  b: { label: string; rowKeys: string[]; colKeys: string[]; rowLabels?: string[]; colLabels?: string[] },
  r: number,
  c: number,
): string {
  const parts = [(b.rowLabels ?? b.rowKeys)[r], (b.colLabels ?? b.colKeys)[c]].filter((p) => p !== '');
  return parts.length ? `${b.label}: ${parts.join(', ')}` : b.label;
}

// ---------- the new sheet ----------

/**
 * The spec with what the user typed put back: carried values in the cells of their
 * keys (and the block's mark beside them), the rest in the kept-inputs block; and
 * the layout to store with the new sheet. A spec that declares no inputs comes
 * back as it is, with no layout.
 */
export function applyInputs(spec: SheetSpec, carried: ReadonlyMap<string, Carried>): { spec: SheetSpec; layout: InputLayout | null } {
  const inputs = spec.inputs;
  // A report that declares no inputs has none to keep.
  if (!inputs) return { spec, layout: null };
  const left = new Map(carried);
  const cells = spec.cells.slice();
  const copied = new Set<number>();
  const put = (row: number, col: number, value: Cell): void => {
    if (!copied.has(row)) {
      while (cells.length < row) cells.push([]);
      cells[row - 1] = (cells[row - 1] ?? []).slice();
      copied.add(row);
    }
    const line = cells[row - 1];
    while (line.length < col - 1) line.push(null);
    line[col - 1] = value;
  };
  const seen = new Set<string>();
  const blocks: StoredBlock[] = [];
  for (const b of inputs.blocks) {
    if (b.rowLabels.length !== b.rowKeys.length || b.colLabels.length !== b.colKeys.length) {
      throw new Error(`input block ${b.id}: one label per row and per column`);
    }
    const defaults: StoredValue[][] = [];
    b.rowKeys.forEach((rowKey, r) => {
      const row: StoredValue[] = [];
      let marked = false;
      b.colKeys.forEach((colKey, c) => {
        const key = keyText([b.id, rowKey, colKey]);
        if (seen.has(key)) throw new Error(`input block ${b.id}: the key ${rowKey} / ${colKey} is there twice`);
        seen.add(key);
        row.push(storedValue(spec.cells[b.row + r - 1]?.[b.col + c - 1]));
        const typed = left.get(key);
        if (typed) {
          put(b.row + r, b.col + c, typed.value);
          left.delete(key);
          marked = true;
        }
      });
      if (marked && b.mark) put(b.row + r, b.mark.col, b.mark.text);
      defaults.push(row);
    });
    const sameAsKeys = (labels: string[], keys: string[]): boolean => labels.every((l, i) => l === keys[i]);
    blocks.push({
      id: b.id,
      row: b.row,
      col: b.col,
      rowKeys: b.rowKeys,
      colKeys: b.colKeys,
      label: b.label,
      ...(sameAsKeys(b.rowLabels, b.rowKeys) ? {} : { rowLabels: b.rowLabels }),
      ...(sameAsKeys(b.colLabels, b.colKeys) ? {} : { colLabels: b.colLabels }),
      defaults,
    });
  }

  const styles: Style[] = spec.styles.slice();
  let kept: InputLayout['kept'] = null;
  if (left.size > 0) {
    const words = inputs.kept;
    const row = words.row ?? cells.length + 2;
    const col = words.col ?? 1;
    put(row, col, words.title);
    put(row + 1, col, words.note);
    put(row + 2, col, words.input);
    put(row + 2, col + 1, words.value);
    const entries: KeptEntry[] = [];
    let k = 0;
    for (const [key, typed] of left) {
      put(row + KEPT_HEAD_ROWS + k, col, typed.label);
      put(row + KEPT_HEAD_ROWS + k, col + 1, typed.value);
      entries.push({ key: keyOfText(key), label: typed.label });
      k++;
    }
    styles.push(
      { area: { row, col, rows: 1, cols: 2 }, bold: true, background: COLOUR.section },
      { area: { row: row + 1, col, rows: 1, cols: 1 }, italic: true, fontColor: '#5f6368' },
      { area: { row: row + 2, col, rows: 1, cols: 2 }, bold: true, background: COLOUR.header, border: true },
      { area: { row: row + KEPT_HEAD_ROWS, col: col + 1, rows: entries.length, cols: 1 }, background: COLOUR.input, bold: true },
    );
    kept = { row, col, entries };
  }
  return { spec: { ...spec, cells, styles }, layout: { v: LAYOUT_VERSION, blocks, kept } };
}
