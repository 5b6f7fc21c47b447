/**
 * A report sheet as plain data. Report builders return one; the writer in
 * `src/gas/writeSheet.ts` turns it into a fixed, small number of Apps Script calls
 * (one `setValues` for the whole grid, one call per style area, one per chart), so
 * that the cost of a rebuild in service calls does not grow with the data, and the
 * local runtime and Google Sheets get exactly the same sheet.
 *
 * Coordinates are 1-based like Sheets' own (`row` 1 = first row).
 */

/** A value as Sheets stores it. Strings are always written as text, never parsed. */
import { columnLetter } from '../core/ordersTable';

export type CellValue = string | number | boolean | Date | null;

/**
 * A live formula in A1 notation, e.g. `{ formula: '=B3*B4' }`. Only builders make
 * these; text from the user's data is a plain string and stays text whatever it
 * looks like: `=1+1`, `0501234567`, `2024-01-01`, `TRUE` (the writer makes sure of it).
 */
export interface Formula {
  formula: string;
}

export type Cell = CellValue | Formula;

export function isFormula(cell: Cell): cell is Formula {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date) && 'formula' in cell;
}

/** A rectangle of cells. */
export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Formatting applied to a whole area in one call per property. */
export interface Style {
  area: Area;
  /** Sheets number format, e.g. `#,##0`, `0.0%`, `yyyy-mm-dd`, `@`. */
  numberFormat?: string;
  /** `#rrggbb`. */
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
  /** Merge the area into one cell. */
  merge?: boolean;
  /** A thin border around every cell of the area. */
  border?: boolean;
}

export type ChartType = 'column' | 'bar' | 'line' | 'pie';

/** An embedded chart over one data area (first row = series names, first column = categories). */
export interface ChartSpec {
  type: ChartType;
  data: Area;
  /** Top-left cell where the chart is anchored. */
  anchor: { row: number; col: number };
  title: string;
  width?: number;
  height?: number;
  stacked?: boolean;
}

/** Which report a sheet is; stored in the sheet's developer metadata. */
export type ReportKind =
  | 'matrix'
  | 'segmentList'
  | 'migration'
  | 'lost'
  | 'whatIf'
  | 'modelCheck'
  | 'managers'
  | 'trends'
  | 'funnel'
  | 'keyCustomers'
  | 'worklist'
  | 'campaignResults'
  | 'campaignLog';

/**
 * A rectangle of cells the user types into (a plan, the what-if's inputs), kept
 * across rebuilds by key: what the user typed in the old sheet is written into the
 * cell of the same key in the new one (src/reports/inputs.ts, docs/definitions.md:
 * inputs on report sheets). Cell (r, c) of the block has the key
 * (id, rowKeys[r], colKeys[c]); keys must not depend on the language, labels may.
 * The grid's value at each cell is the builder's starting value: a cell still
 * holding it counts as untouched and takes the next build's value.
 */
export interface InputBlock {
  /** Names the block in every key, e.g. `plan` or `whatIf`. */
  id: string;
  /** Top-left cell. */
  row: number;
  col: number;
  rowKeys: string[];
  colKeys: string[];
  /** How the kept-inputs block names a cell whose key is gone: "label: row label, column label". */
  label: string;
  rowLabels: string[];
  colLabels: string[];
  /** A column beside the block where the writer says that a row holds the user's value (e.g. the what-if's Source). */
  mark?: { col: number; text: string };
}

/**
 * The inputs of a sheet, and the words of the "kept inputs" block, where values
 * typed into cells whose key no longer exists are kept rather than dropped. The
 * block goes at (row, col), or two rows below the grid when no place is given.
 */
export interface SheetInputs {
  blocks: InputBlock[];
  kept: { title: string; note: string; input: string; value: string; row?: number; col?: number };
}

export interface SheetSpec {
  kind: ReportKind;
  /**
   * Identity of the report, e.g. `matrix` or `segmentList:regular_sleeping`. The
   * sheet that holds it is found again by this key in its developer metadata, not
   * by its name, and is replaced as a whole on rebuild.
   */
  key: string;
  /** Sheet name in the user's language. */
  name: string;
  /** The whole grid from A1; rows may be ragged (the writer pads them with blanks). */
  cells: Cell[][];
  styles: Style[];
  charts: ChartSpec[];
  /** Column widths in pixels from column A; missing entries keep the default. */
  columnWidths?: number[];
  frozenRows?: number;
  frozenColumns?: number;
  tabColor?: string;
  /** One line the sidebar shows when the report is done, e.g. "1,204 customers in 9 segments". */
  summary: string;
  /** Cells the user types into, kept across rebuilds. */
  inputs?: SheetInputs;
  /** Colours that follow live values (fact vs plan): applied as the sheet's conditional format rules. */
  conditionalFormats?: ConditionalFormat[];
  /** Drop-down lists on input cells (a worklist's status and reason): applied in one call per sheet. */
  validations?: Validation[];
  /** A sheet the add-on keeps for itself (the campaign log): hidden once filled, never shown as a report. */
  hidden?: boolean;
}

/**
 * A drop-down list over an area: Sheets' data validation "value in list", shown as
 * a drop-down, input outside the list rejected. Areas of one sheet must not overlap.
 */
export interface Validation {
  area: Area;
  list: string[];
}

/**
 * A background for the cells of an area whose number is at least, or below, a
 * value. Rules of one sheet should not overlap (at least 1 / below 1), so that no
 * precedence between them matters.
 */
export interface ConditionalFormat {
  area: Area;
  when: 'atLeast' | 'below';
  value: number;
  background: string;
}

/** Column letters of a 1-based column number: 1 -> A, 27 -> AA. */
export { columnLetter };

/** A1 notation of a cell, e.g. a1(3, 2) = "B3"; absolute with `$` when asked. */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row}` : `${columnLetter(col)}${row}`;
}
