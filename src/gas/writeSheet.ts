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
import { Area, Cell, ChartSpec, SheetSpec, Style, isFormula } from '../reports/sheetSpec';

export const REPORT_KEY = 'repeatSales.report';
const BUILDING_PREFIX = '~building ';

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

function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

function applyStyle(sheet: Sheet, style: Style): void {
  const { area } = style;
  const range = sheet.getRange(area.row, area.col, area.rows, area.cols);
  if (style.merge) range.merge();
  if (style.numberFormat !== undefined) range.setNumberFormat(style.numberFormat);
  if (style.background !== undefined) range.setBackground(style.background);
  if (style.fontColor !== undefined) range.setFontColor(style.fontColor);
  if (style.bold !== undefined) range.setFontWeight(style.bold ? 'bold' : 'normal');
  if (style.italic !== undefined) range.setFontStyle(style.italic ? 'italic' : 'normal');
  if (style.fontSize !== undefined) range.setFontSize(style.fontSize);
  if (style.align !== undefined) range.setHorizontalAlignment(style.align);
  if (style.wrap !== undefined) range.setWrap(style.wrap);
  if (style.border) range.setBorder(true, true, true, true, true, true);
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

/** A sheet name not used by any sheet other than `except`. */
function freeName(ss: Spreadsheet, wanted: string, except: Sheet | null): string {
  const taken = new Set(ss.getSheets().filter((s) => s !== except && (!except || s.getSheetId() !== except.getSheetId())).map((s) => s.getName()));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} (${i})`;
    if (!taken.has(name)) return name;
  }
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
  let needRows = rows;
  let needCols = cols;
  for (const s of spec.styles) {
    needRows = Math.max(needRows, s.area.row + s.area.rows - 1);
    needCols = Math.max(needCols, s.area.col + s.area.cols - 1);
  }
  ensureSize(sheet, needRows, needCols);
  sheet.getRange(1, 1, rows, cols).setValues(values);
  const { cells, rest } = splitCellBackgrounds(spec.styles);
  if (cells.length > 0) {
    const box = boundingBox(cells.map((s) => s.area));
    const grid: (string | null)[][] = Array.from({ length: box.rows }, () => new Array<string | null>(box.cols).fill(null));
    for (const s of cells) grid[s.area.row - box.row][s.area.col - box.col] = s.background!;
    sheet.getRange(box.row, box.col, box.rows, box.cols).setBackgrounds(grid);
  }
  for (const style of rest) applyStyle(sheet, style);
  spec.columnWidths?.forEach((width, i) => {
    if (width > 0) sheet.setColumnWidth(i + 1, width);
  });
  if (spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  if (spec.frozenColumns) sheet.setFrozenColumns(spec.frozenColumns);
  if (spec.tabColor) sheet.setTabColor(spec.tabColor);
  for (const chart of spec.charts) insertChart(sheet, chart);
}

/**
 * Builds the report in a new sheet and puts it where the old one was. Returns the
 * new sheet; on any failure the new sheet is removed and the old one stays.
 */
export function writeReport(ss: Spreadsheet, spec: SheetSpec): Sheet {
  const old = ownedSheets(ss).get(spec.key) ?? null;
  const position = old ? old.getIndex() : ss.getSheets().length + 1;
  const building = ss.insertSheet(freeName(ss, BUILDING_PREFIX + spec.name, null), ss.getSheets().length);
  try {
    fill(building, spec);
    building.addDeveloperMetadata(REPORT_KEY, spec.key, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    if (old) ss.deleteSheet(old);
    building.setName(freeName(ss, spec.name, building));
    ss.setActiveSheet(building);
    ss.moveActiveSheet(Math.min(position, ss.getSheets().length));
    return building;
  } catch (e) {
    // The old report is untouched until deleteSheet, which comes after every write.
    try {
      if (ss.getSheets().some((s) => s.getSheetId() === building.getSheetId())) ss.deleteSheet(building);
    } catch {
      // Removing the half-built sheet failed too; its "~building" name tells the user what it is.
    }
    throw e;
  }
}
