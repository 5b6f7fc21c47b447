/**
 * Writes a SheetSpec into the spreadsheet as a sheet the add-on owns.
 *
 * - Ownership is developer metadata on the sheet (key REPORT_KEY, value spec.key),
 *   never the name: a user's sheet that happens to be called "Segment matrix" is
 *   left alone and the report takes another name.
 * - The report is written into a new sheet first and swapped in only when complete,
 *   so a rebuild that fails halfway leaves the previous report as it was.
 * - The number of service calls depends on the spec's layout (styles, charts), not
 *   on the number of rows: one setValues for the whole grid.
 * - Text is written as text: a string starting with = + - @ (or ') gets the leading
 *   apostrophe that tells Sheets "this is text", so data can never become a formula.
 */
import { a1, type Area, type Cell, type ChartSpec, type SheetSpec, type Style, isFormula } from '../reports/sheetSpec';

export const REPORT_KEY = 'repeatSales.report';
const BUILDING_PREFIX = '~building ';
// Rows and columns a default-size chart covers below and right of its anchor.
const CHART_ROWS = 20;
const CHART_COLS = 6;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The report key of a sheet the add-on owns, or null. */
export function reportKeyOf(sheet: Sheet): string | null {
  for (const m of sheet.getDeveloperMetadata()) if (m.getKey() === REPORT_KEY) return m.getValue();
  return null;
}

/** Every sheet the add-on owns, by report key. */
export function ownedSheets(ss: Spreadsheet): Map<string, Sheet> {
  const owned = new Map<string, Sheet>();
  for (const sheet of ss.getSheets()) {
    const key = reportKeyOf(sheet);
    if (key !== null && !owned.has(key)) owned.set(key, sheet);
  }
  return owned;
}

/** The add-on's report sheets now: key and name, for the sidebar. */
export function ownedReports(ss: Spreadsheet): { key: string; name: string }[] {
  return [...ownedSheets(ss)].map(([key, sheet]) => ({ key, name: sheet.getName() }));
}

/** A cell as setValues takes it. */
export function cellForSheet(cell: Cell): unknown {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return /^[=+\-@']/.test(cell) ? `'${cell}` : cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
  if (isFormula(cell)) return cell.formula;
  return cell;
}

/** The grid padded to a rectangle, ready for one setValues call. */
export function gridForSheet(cells: Cell[][]): { values: unknown[][]; rows: number; cols: number } {
  const rows = Math.max(1, cells.length);
  let cols = 1;
  for (const row of cells) if (row.length > cols) cols = row.length;
  const values: unknown[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = cells[r] ?? [];
    const out = new Array(cols);
    for (let c = 0; c < cols; c++) out[c] = c < src.length ? cellForSheet(src[c]) : '';
    values[r] = out;
  }
  return { values, rows, cols };
}

/**
 * Sizes a fresh sheet (1000 x 26) to the report exactly: one call per dimension
 * whatever the data (rows are added or removed), and no empty cells counting
 * against the spreadsheet's 10-million-cell limit.
 */
function fitSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (rows < maxRows) sheet.deleteRows(rows + 1, maxRows - rows);
  const maxCols = sheet.getMaxColumns();
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  else if (cols < maxCols) sheet.deleteColumns(cols + 1, maxCols - cols);
}

type Sheetish = Pick<Sheet, 'getRange' | 'getRangeList'>;

/** One formatting property: how to read it from a style and apply it to a RangeList. */
interface Property {
  key: string;
  valueOf(style: Style): string | number | boolean | undefined;
  apply(list: GoogleAppsScript.Spreadsheet.RangeList, value: string | number | boolean): void;
}

const PROPERTIES: Property[] = [
  { key: 'numberFormat', valueOf: (s) => s.numberFormat, apply: (l, v) => l.setNumberFormat(String(v)) },
  { key: 'background', valueOf: (s) => s.background, apply: (l, v) => l.setBackground(String(v)) },
  { key: 'fontColor', valueOf: (s) => s.fontColor, apply: (l, v) => l.setFontColor(String(v)) },
  { key: 'bold', valueOf: (s) => s.bold, apply: (l, v) => l.setFontWeight(v ? 'bold' : 'normal') },
  { key: 'italic', valueOf: (s) => s.italic, apply: (l, v) => l.setFontStyle(v ? 'italic' : 'normal') },
  { key: 'fontSize', valueOf: (s) => s.fontSize, apply: (l, v) => l.setFontSize(Number(v)) },
  { key: 'align', valueOf: (s) => s.align, apply: (l, v) => l.setHorizontalAlignment(v as 'left' | 'center' | 'right') },
  { key: 'wrap', valueOf: (s) => s.wrap, apply: (l, v) => l.setWrap(Boolean(v)) },
  { key: 'border', valueOf: (s) => (s.border ? true : undefined), apply: (l) => l.setBorder(true, true, true, true, true, true) },
];

const a1Of = (a: Area): string => `${a1(a.row, a.col)}:${a1(a.row + a.rows - 1, a.col + a.cols - 1)}`;

/**
 * Applies the styles with one RangeList call per property and value instead of one
 * call per area. Areas waiting with different values of a property never overlap:
 * when a new area would overlap one waiting with another value, the waiting ones
 * are applied first, so the last style still wins as in the spec's order.
 */
export function applyStyles(sheet: Sheetish, styles: Style[]): void {
  for (const style of styles) if (style.merge) sheet.getRange(style.area.row, style.area.col, style.area.rows, style.area.cols).merge();
  for (const prop of PROPERTIES) {
    let pending = new Map<string | number | boolean, Area[]>();
    const flush = (): void => {
      for (const [value, areas] of pending) prop.apply(sheet.getRangeList(areas.map(a1Of)), value);
      pending = new Map();
    };
    for (const style of styles) {
      const value = prop.valueOf(style);
      if (value === undefined) continue;
      for (const [other, areas] of pending) {
        if (other !== value && areas.some((a) => overlaps(a, style.area))) {
          flush();
          break;
        }
      }
      const list = pending.get(value);
      if (list) list.push(style.area);
      else pending.set(value, [style.area]);
    }
    flush();
  }
}

const CHART_TYPES = (): Record<ChartSpec['type'], GoogleAppsScript.Charts.ChartType> => ({
  column: Charts.ChartType.COLUMN,
  bar: Charts.ChartType.BAR,
  line: Charts.ChartType.LINE,
  pie: Charts.ChartType.PIE,
});

function insertChart(sheet: Sheet, chart: ChartSpec): void {
  const { data } = chart;
  let builder = sheet
    .newChart()
    .setChartType(CHART_TYPES()[chart.type])
    .addRange(sheet.getRange(data.row, data.col, data.rows, data.cols))
    .setPosition(chart.anchor.row, chart.anchor.col, 0, 0)
    .setOption('title', chart.title)
    .setOption('legend', { position: 'bottom' });
  if (chart.width) builder = builder.setOption('width', chart.width);
  if (chart.height) builder = builder.setOption('height', chart.height);
  if (chart.stacked) builder = builder.setOption('isStacked', true);
  sheet.insertChart(builder.build());
}

/** A sheet name not in `taken`: the wanted one, else "wanted (2)", "wanted (3)" ... */
function freeName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} (${i})`;
    if (!taken.has(name)) return name;
  }
}

/** The sheets in tab order with their names and report keys, read once per rebuild. */
export interface SheetIndex {
  entries: { sheet: Sheet; name: string; key: string | null }[];
}

export function indexSheets(ss: Spreadsheet): SheetIndex {
  return { entries: ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName(), key: reportKeyOf(sheet) })) };
}

const overlaps = (a: Area, b: Area): boolean =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;

/**
 * Colour-scale cells (1x1 areas with only a background) go into one setBackgrounds
 * call instead of one call each; a cell that another background style also covers
 * keeps its place in the order, so the result is the same.
 */
export function splitCellBackgrounds(styles: Style[]): { cells: Style[]; rest: Style[] } {
  const isCell = (s: Style): boolean => s.area.rows === 1 && s.area.cols === 1 && s.background !== undefined && Object.keys(s).length === 2;
  const coloured = styles.filter((s) => !isCell(s) && s.background !== undefined);
  const cells: Style[] = [];
  const rest: Style[] = [];
  for (const s of styles) {
    if (isCell(s) && !coloured.some((c) => overlaps(c.area, s.area))) cells.push(s);
    else rest.push(s);
  }
  return { cells, rest };
}

export function boundingBox(areas: Area[]): Area {
  const row = Math.min(...areas.map((a) => a.row));
  const col = Math.min(...areas.map((a) => a.col));
  const lastRow = Math.max(...areas.map((a) => a.row + a.rows - 1));
  const lastCol = Math.max(...areas.map((a) => a.col + a.cols - 1));
  return { row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 };
}

/** Fills a fresh sheet with the spec. */
function fill(sheet: Sheet, spec: SheetSpec): void {
  const { values, rows, cols } = gridForSheet(spec.cells);
  // Room for the styles, the column widths and the charts (with space for a chart below its anchor).
  let needRows = rows;
  let needCols = Math.max(cols, spec.columnWidths?.length ?? 0);
  for (const s of spec.styles) {
    needRows = Math.max(needRows, s.area.row + s.area.rows - 1);
    needCols = Math.max(needCols, s.area.col + s.area.cols - 1);
  }
  for (const chart of spec.charts) {
    needRows = Math.max(needRows, chart.anchor.row + CHART_ROWS);
    needCols = Math.max(needCols, chart.anchor.col + CHART_COLS);
  }
  fitSize(sheet, needRows, needCols);
  sheet.getRange(1, 1, rows, cols).setValues(values);
  const { cells, rest } = splitCellBackgrounds(spec.styles);
  if (cells.length > 0) {
    const box = boundingBox(cells.map((s) => s.area));
    const grid: (string | null)[][] = Array.from({ length: box.rows }, () => new Array<string | null>(box.cols).fill(null));
    for (const s of cells) grid[s.area.row - box.row][s.area.col - box.col] = s.background!;
    sheet.getRange(box.row, box.col, box.rows, box.cols).setBackgrounds(grid);
  }
  applyStyles(sheet, rest);
  // Runs of equal widths in one call each.
  const widths = spec.columnWidths ?? [];
  for (let i = 0; i < widths.length;) {
    let j = i + 1;
    while (j < widths.length && widths[j] === widths[i]) j++;
    if (widths[i] > 0) sheet.setColumnWidths(i + 1, j - i, widths[i]);
    i = j;
  }
  if (spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  if (spec.frozenColumns) sheet.setFrozenColumns(spec.frozenColumns);
  if (spec.tabColor) sheet.setTabColor(spec.tabColor);
  for (const chart of spec.charts) insertChart(sheet, chart);
}

/**
 * Builds the report in a new sheet and puts it where the old one was. Returns the
 * new sheet; on any failure the new sheet is removed and the old one stays. Pass the
 * same index to several calls of one rebuild to read the tabs only once.
 */
export function writeReport(ss: Spreadsheet, spec: SheetSpec, index: SheetIndex = indexSheets(ss)): Sheet {
  const { entries } = index;
  const oldAt = entries.findIndex((e) => e.key === spec.key);
  const names = new Set(entries.map((e) => e.name));
  const building = ss.insertSheet(freeName(BUILDING_PREFIX + spec.name, names), entries.length);
  try {
    fill(building, spec);
    building.addDeveloperMetadata(REPORT_KEY, spec.key, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    if (oldAt >= 0) {
      ss.deleteSheet(entries[oldAt].sheet);
      names.delete(entries[oldAt].name);
      entries.splice(oldAt, 1);
    }
    const name = freeName(spec.name, names);
    building.setName(name);
    ss.setActiveSheet(building);
    if (oldAt >= 0) {
      ss.moveActiveSheet(oldAt + 1);
      entries.splice(oldAt, 0, { sheet: building, name, key: spec.key });
    } else entries.push({ sheet: building, name, key: spec.key });
    return building;
  } catch (e) {
    // The old report is untouched until deleteSheet, which comes after every write.
    try {
      ss.deleteSheet(building);
    } catch {
      // Removing the half-built sheet failed too; its "~building" name tells the user what it is.
    }
    throw e;
  }
}
