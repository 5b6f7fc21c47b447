/**
 * The workbook as plain data: what the stand-ins read and change, what
 * local/workbook.ts reads from and writes to .xlsx, and what the viewer draws.
 * Nothing here knows about Apps Script's API shapes; local/spreadsheet.ts puts
 * that face on it.
 */
import type { Cell, CellValue } from '../src/reports/sheetSpec';
import { type Area, dateOf, isDate, type Stored, WallTime } from './values';

export interface Borders {
  top?: boolean;
  left?: boolean;
  bottom?: boolean;
  right?: boolean;
}

/** One cell: its value (the computed one for a formula) and its format. */
export interface CellData {
  v: Stored;
  /** Formula with its leading `=`. */
  f?: string;
  numberFormat?: string;
  background?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: Borders;
  /** A data validation rule (local/spreadsheet.ts FakeDataValidation); shared, never changed in place. */
  validation?: ValidationModel;
}

/** A "value in list" rule: the values, whether Sheets shows a drop-down, whether other input is only warned about. */
export interface ValidationModel {
  list: string[];
  dropdown: boolean;
  allowInvalid: boolean;
}

export type Visibility = 'DOCUMENT' | 'PROJECT';

export interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: Visibility;
}

export interface ChartModel {
  id: number;
  type: string;
  /** Data ranges, each on the chart's own sheet. */
  ranges: Area[];
  anchor: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

/**
 * A conditional format rule: a background for the cells of its ranges whose number
 * meets the condition. Sheets evaluates a sheet's rules in their order
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule));
 * the first that matches a cell colours it.
 */
export interface ConditionalRuleModel {
  ranges: Area[];
  condition: { type: 'NUMBER_GREATER_THAN_OR_EQUAL' | 'NUMBER_LESS'; value: number } | null;
  background?: string;
}

export interface SheetModel {
  id: number;
  name: string;
  /** Sparse rows of sparse cells, 0-based. */
  cells: (CellData | undefined)[][];
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  /** Column (1-based) -> width in pixels; missing: 100, Sheets' default. */
  columnWidths: Map<number, number>;
  merges: Area[];
  tabColor: string | null;
  hidden: boolean;
  metadata: MetadataModel[];
  charts: ChartModel[];
  /** Conditional format rules in their order (none when missing). */
  conditionalFormats?: ConditionalRuleModel[];
  /** Formula values need computing again. */
  dirty: boolean;
}

export interface WorkbookModel {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  sheets: SheetModel[];
  activeSheetId: number;
  /** Next id for sheets, metadata and charts. */
  nextId: number;
  /** Grows on every change; the dev server rewrites the .xlsx when it moves. */
  version: number;
  /** How the file was read, when it was a text file (local/encoding.ts): shown by the CLI and the viewer. */
  source?: SourceInfo;
}

/** A text file's encoding and separator as they were found (or given). */
export interface SourceInfo {
  file: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  /** `bom`, `valid` (valid UTF-8), `guessed` from the letters, or `given` with --encoding. */
  how?: string;
  delimiter?: string;
}

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;
export const DEFAULT_COLUMN_WIDTH = 100;

export function newWorkbook(id: string, name: string, locale: string, timeZone: string): WorkbookModel {
  return { id, name, locale, timeZone, sheets: [], activeSheetId: 0, nextId: 1, version: 0 };
}

export function newSheet(book: WorkbookModel, name: string, rows = DEFAULT_ROWS, cols = DEFAULT_COLS, id?: number): SheetModel {
  // Sheets gives the first sheet gid 0 and others large numbers; keep them deterministic.
  const sheetId = id ?? (book.sheets.length === 0 && !book.sheets.some((s) => s.id === 0) ? 0 : 100_000_000 + book.nextId++ * 7919);
  return {
    id: sheetId,
    name,
    cells: [],
    maxRows: rows,
    maxCols: cols,
    frozenRows: 0,
    frozenCols: 0,
    columnWidths: new Map(),
    merges: [],
    tabColor: null,
    hidden: false,
    metadata: [],
    charts: [],
    dirty: false,
  };
}

export function touch(book: WorkbookModel): void {
  book.version++;
}

export function cellAt(sheet: SheetModel, row: number, col: number): CellData | undefined {
  return sheet.cells[row - 1]?.[col - 1];
}

/** The cell at (row, col), created empty if missing. */
export function cellFor(sheet: SheetModel, row: number, col: number): CellData {
  const r = (sheet.cells[row - 1] ??= []);
  return (r[col - 1] ??= { v: '' });
}

export function hasContent(cell: CellData | undefined): boolean {
  return !!cell && (cell.v !== '' || !!cell.f);
}

/** Last row with a value or formula, 0 when none (formatting alone does not count). */
export function lastRow(sheet: SheetModel): number {
  for (let r = sheet.cells.length; r >= 1; r--) {
    const row = sheet.cells[r - 1];
    if (row && row.some(hasContent)) return r;
  }
  return 0;
}

export function lastColumn(sheet: SheetModel): number {
  let last = 0;
  for (const row of sheet.cells) {
    if (!row) continue;
    for (let c = row.length; c > last; c--) {
      if (hasContent(row[c - 1])) {
        last = c;
        break;
      }
    }
  }
  return last;
}

export function insertRows(sheet: SheetModel, after: number, count: number): void {
  // Only rows that exist move down; a spread of `count` new rows into splice overflows
  // the stack at a few hundred thousand, and rows past the end need no array yet.
  if (after < sheet.cells.length) {
    const moved = sheet.cells.splice(after);
    sheet.cells.length = after + count;
    for (let i = 0; i < moved.length; i++) sheet.cells[after + count + i] = moved[i];
  }
  if (sheet.cells.length > sheet.maxRows + count) sheet.cells.length = sheet.maxRows + count;
  sheet.maxRows += count;
  sheet.merges = sheet.merges.map((m) =>
    m.row > after ? { ...m, row: m.row + count } : m.row + m.rows - 1 > after ? { ...m, rows: m.rows + count } : m,
  );
  shiftRules(sheet, (a) => {
    const [row, rows] = inserted(a.row, a.rows, after, count);
    return { ...a, row, rows };
  });
  sheet.dirty = true;
}

export function insertColumns(sheet: SheetModel, after: number, count: number): void {
  for (const row of sheet.cells) {
    if (row && row.length > after) row.splice(after, 0, ...new Array<CellData | undefined>(count));
  }
  sheet.maxCols += count;
  const widths = new Map<number, number>();
  for (const [c, w] of sheet.columnWidths) widths.set(c > after ? c + count : c, w);
  sheet.columnWidths = widths;
  sheet.merges = sheet.merges.map((m) =>
    m.col > after ? { ...m, col: m.col + count } : m.col + m.cols - 1 > after ? { ...m, cols: m.cols + count } : m,
  );
  shiftRules(sheet, (a) => {
    const [col, cols] = inserted(a.col, a.cols, after, count);
    return { ...a, col, cols };
  });
  sheet.dirty = true;
}

/** Removes rows from..from+count-1 (1-based); merges inside them go, merges below move up. */
export function deleteRows(sheet: SheetModel, from: number, count: number): void {
  sheet.cells.splice(from - 1, count);
  sheet.maxRows -= count;
  const last = from + count - 1;
  sheet.merges = sheet.merges
    .filter((m) => m.row + m.rows - 1 < from || m.row > last)
    .map((m) => (m.row > last ? { ...m, row: m.row - count } : m));
  shiftRules(sheet, (a) => {
    const [row, rows] = removed(a.row, a.rows, from, count);
    return { ...a, row, rows };
  });
  sheet.dirty = true;
}

/** Removes columns from..from+count-1 (1-based); merges inside them go, merges to the right move left. */
export function deleteColumns(sheet: SheetModel, from: number, count: number): void {
  for (const row of sheet.cells) if (row && row.length >= from) row.splice(from - 1, count);
  sheet.maxCols -= count;
  const last = from + count - 1;
  const widths = new Map<number, number>();
  for (const [c, w] of sheet.columnWidths) if (c < from || c > last) widths.set(c > last ? c - count : c, w);
  sheet.columnWidths = widths;
  sheet.merges = sheet.merges
    .filter((m) => m.col + m.cols - 1 < from || m.col > last)
    .map((m) => (m.col > last ? { ...m, col: m.col - count } : m));
  shiftRules(sheet, (a) => {
    const [col, cols] = removed(a.col, a.cols, from, count);
    return { ...a, col, cols };
  });
  sheet.dirty = true;
}

/** Conditional format ranges follow inserted and deleted rows and columns, as Sheets' do; an emptied range goes. */
function shiftRules(sheet: SheetModel, move: (a: Area) => Area): void {
  if (!sheet.conditionalFormats) return;
  for (const rule of sheet.conditionalFormats) rule.ranges = rule.ranges.map(move).filter((a) => a.rows > 0 && a.cols > 0);
}

/** A run [start, start+length) after `count` lines are inserted after line `after`. */
function inserted(start: number, length: number, after: number, count: number): [number, number] {
  if (start > after) return [start + count, length];
  if (start + length - 1 > after) return [start, length + count];
  return [start, length];
}

/** A run [start, start+length) after lines from..from+count-1 are removed. */
function removed(start: number, length: number, from: number, count: number): [number, number] {
  const end = start + length; // exclusive
  const last = from + count; // exclusive
  const keptBefore = Math.max(0, Math.min(end, from) - start);
  const keptAfter = Math.max(0, end - Math.max(start, last));
  const newStart = start < from ? start : Math.max(from, start - count);
  return [newStart, keptBefore + keptAfter];
}

/** The background a cell shows through the sheet's conditional format rules (the first rule that matches), if any. */
export function conditionalBackground(sheet: SheetModel, row: number, col: number): string | undefined {
  const v = cellAt(sheet, row, col)?.v;
  if (typeof v !== 'number') return undefined;
  for (const rule of sheet.conditionalFormats ?? []) {
    if (!rule.condition || !rule.ranges.some((a) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols)) continue;
    const { type, value } = rule.condition;
    if (type === 'NUMBER_GREATER_THAN_OR_EQUAL' ? v >= value : v < value) return rule.background;
  }
  return undefined;
}

export function intersects(a: Area, b: Area): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
}

export function contains(outer: Area, inner: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

// ------------------------------------------------------------------ formulas

/** The formula evaluator's signature (local/formula.ts). */
export type EvaluateSheet = (cells: Cell[][]) => CellValue[][];

/**
 * Recompute every formula cell of a sheet from the whole grid. Dates go to the
 * evaluator as Dates whose local fields (getFullYear ...) are the wall-clock
 * date, as local/formula.ts reads them, and come back the same way. Without an
 * evaluator, formula cells show #NAME?.
 */
export function recompute(sheet: SheetModel, evaluate: EvaluateSheet | null): void {
  sheet.dirty = false;
  const rows = lastRow(sheet);
  const cols = lastColumn(sheet);
  let any = false;
  const grid: Cell[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: Cell[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = cellAt(sheet, r, c);
      if (cell?.f) {
        any = true;
        line.push({ formula: cell.f });
      } else line.push(toCellValue(cell?.v ?? ''));
    }
    grid.push(line);
  }
  if (!any) return;
  let values: CellValue[][] | null = null;
  let failure = '#NAME?';
  if (evaluate) {
    try {
      values = evaluate(grid);
    } catch (e) {
      failure = '#ERROR!';
      values = null;
      void e;
    }
  }
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const cell = cellAt(sheet, r, c);
      if (!cell?.f) continue;
      cell.v = values ? fromCellValue(values[r - 1]?.[c - 1] ?? null) : failure;
    }
  }
}

export function toCellValue(v: Stored): CellValue {
  if (v instanceof WallTime) {
    const d = v.toUtcDate();
    return new Date(
      d.getUTCFullYear(),
      d.getUTCMonth(),
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    );
  }
  return v === '' ? null : v;
}

export function fromCellValue(v: CellValue | undefined): Stored {
  if (v === null || v === undefined) return '';
  if (isDate(v))
    return new WallTime(
      Date.UTC(v.getFullYear(), v.getMonth(), v.getDate(), v.getHours(), v.getMinutes(), v.getSeconds(), v.getMilliseconds()),
    );
  if (typeof v === 'number' && !Number.isFinite(v)) return '#NUM!';
  return v;
}

/** A stored value as Apps Script hands it out: Dates at the wall-clock time in the zone. */
export function outward(v: Stored, timeZone: string): string | number | boolean | Date {
  return v instanceof WallTime ? dateOf(v, timeZone) : v;
}

/** A deep copy (values are immutable and shared), so one read workbook can start many runtimes. */
export function cloneWorkbook(book: WorkbookModel): WorkbookModel {
  return {
    ...book,
    sheets: book.sheets.map((s) => ({
      ...s,
      cells: s.cells.map((row) => row && row.map((cell) => cell && { ...cell, border: cell.border && { ...cell.border } })),
      columnWidths: new Map(s.columnWidths),
      merges: s.merges.map((m) => ({ ...m })),
      metadata: s.metadata.map((m) => ({ ...m })),
      charts: s.charts.map((c) => ({ ...c, ranges: c.ranges.map((r) => ({ ...r })), anchor: { ...c.anchor }, options: { ...c.options } })),
      conditionalFormats: s.conditionalFormats?.map((rule) => ({
        ...rule,
        ranges: rule.ranges.map((r) => ({ ...r })),
        condition: rule.condition && { ...rule.condition },
      })),
    })),
  };
}
