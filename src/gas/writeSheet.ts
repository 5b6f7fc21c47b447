/**
 * Writes a SheetSpec into the spreadsheet as a sheet the add-on owns.
 *
 * - Ownership is developer metadata on the sheet (key REPORT_KEY, value spec.key),
 *   never the name: a user's sheet that happens to be called "Segment matrix" is
 *   left alone and the report takes another name. When two sheets carry the same
 *   report key, the first in tab order is the report.
 * - The report is written into a new sheet first and swapped in only when complete
 *   and named; every failure before the old sheet is deleted leaves the old report
 *   as it was, every failure after it leaves the complete new one (see writeReport).
 * - A sheet under construction carries BUILDING_KEY. A rebuild whose clean-up
 *   failed too leaves it behind; the next rebuild removes it (removeLeftovers),
 *   recognised by that tag and never by its name.
 * - The number of service calls depends on the spec's layout (styles, charts), not
 *   on the number of rows: one setValues for the whole grid.
 * - Text is written as text: every string gets the leading apostrophe (see
 *   cellForSheet), so data is never read as a number, a date or a formula.
 * - What the user typed into a report's input cells survives the rebuild
 *   (src/reports/inputs.ts): the old sheet's inputs are read in one read before
 *   anything changes, and written into the new sheet with the rest of the grid.
 *   The layout of the inputs is stored with the sheet (INPUTS_KEY).
 */
import { CAMPAIGN_LOG_KEY } from '../reports/campaignLogSheet';
import { applyInputs, type Carried, inputBox, type InputLayout, parseLayout, typedInputs } from '../reports/inputs';
import {
  a1,
  type Area,
  type Cell,
  type ChartSpec,
  type ConditionalFormat,
  type SheetSpec,
  type Style,
  type Validation,
  isFormula,
} from '../reports/sheetSpec';

export const REPORT_KEY = 'repeatSales.report';
/** On a sheet the add-on is still building (value: the report key); removed once the sheet is the report. */
export const BUILDING_KEY = 'repeatSales.building';
/** On a report with input cells: where they are and what the builder put in them (JSON, src/reports/inputs.ts). */
export const INPUTS_KEY = 'repeatSales.inputs';
const BUILDING_PREFIX = '~building ';
/** The old report's name for the moment between naming the new one and deleting it. */
const REPLACED_PREFIX = '~replaced ';
// Rows and columns a default-size chart covers below and right of its anchor.
const CHART_ROWS = 20;
const CHART_COLS = 6;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The add-on's tags on a sheet, read with one call: its report key, whether it is still being built, its inputs' layout. */
export function tagsOf(sheet: Sheet): { key: string | null; building: boolean; inputs: string | null } {
  let key: string | null = null;
  let building = false;
  let inputs: string | null = null;
  for (const m of sheet.getDeveloperMetadata()) {
    const k = m.getKey();
    if (k === REPORT_KEY && key === null) key = m.getValue();
    else if (k === BUILDING_KEY) building = true;
    else if (k === INPUTS_KEY && inputs === null) inputs = m.getValue();
  }
  return { key, building, inputs };
}

/** The report key of a sheet the add-on owns, or null. */
export function reportKeyOf(sheet: Sheet): string | null {
  return tagsOf(sheet).key;
}

/** Whether the add-on made the sheet (a report, the send log, or a leftover of a failed rebuild). */
export function isAddonSheet(sheet: Sheet): boolean {
  const { key, building } = tagsOf(sheet);
  return key !== null || building;
}

/** Every sheet the add-on owns, by report key: the first in tab order for each key. */
export function ownedSheets(ss: Spreadsheet): Map<string, Sheet> {
  const owned = new Map<string, Sheet>();
  for (const sheet of ss.getSheets()) {
    const key = reportKeyOf(sheet);
    if (key !== null && !owned.has(key)) owned.set(key, sheet);
  }
  return owned;
}

/** Sheets the add-on keeps for itself, never listed as reports. */
const INTERNAL_KEYS: ReadonlySet<string> = new Set([CAMPAIGN_LOG_KEY]);

/** The add-on's report sheets now: key and name, for the sidebar (not the campaign log's hidden sheet). */
export function ownedReports(ss: Spreadsheet): { key: string; name: string }[] {
  return [...ownedSheets(ss)].filter(([key]) => !INTERNAL_KEYS.has(key)).map(([key, sheet]) => ({ key, name: sheet.getName() }));
}

/**
 * A cell as setValues takes it. setValues reads a string as if the user typed it
 * (Google's own example turns '2.000', '1,000,000' and '$2.99' into numbers,
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object);
 * "strings may be converted to numbers, dates, etc. following the same rules that
 * are applied when entering text into a cell via the Google Sheets UI",
 * https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), so
 * a phone 0501234567 would become 501234567 and a name 2024-01-01 a date.
 *
 * Every non-empty string therefore gets the leading apostrophe, which Sheets keeps
 * out of the value ("if the user typed '123 into the UI, this would be represented
 * as a stringValue of "123"",
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/other#ExtendedValue).
 * The apostrophe rather than a plain-text ('@') number format because it is decided
 * here from the value's type alone: no builder can forget to mark a column, no
 * ordering of format and value calls matters (a format set after setValues comes
 * too late, the text is already parsed), formula cells are unaffected, and it costs
 * no service call. The price: Sheets shows the apostrophe in the formula bar.
 */
export function cellForSheet(cell: Cell): unknown {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell === '' ? '' : `'${cell}`;
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

/**
 * A sheet name not in `taken` (lower-cased names: Sheets refuses a name that
 * differs from another only in case): the wanted one, else "wanted (2)" ...
 */
function freeName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) {
    const name = `${wanted} (${i})`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** The sheets in tab order with their names and the add-on's tags, read once per rebuild. */
export interface SheetIndex {
  entries: SheetEntry[];
}

export interface SheetEntry {
  sheet: Sheet;
  name: string;
  key: string | null;
  building: boolean;
  /** The stored layout of the sheet's inputs (INPUTS_KEY), null without inputs. */
  inputs: string | null;
}

export function indexSheets(ss: Spreadsheet): SheetIndex {
  return { entries: ss.getSheets().map((sheet) => ({ sheet, name: sheet.getName(), ...tagsOf(sheet) })) };
}

/**
 * Deletes what failed rebuilds left behind: sheets tagged BUILDING_KEY that are not
 * the report of their key (a half-built sheet, or a complete one that never
 * replaced the old report). A report whose BUILDING tag could not be removed after
 * the swap is the first sheet of its key and stays. Sheets are recognised by the
 * tag only, so a user's sheet called "~building ..." is never touched. Returns the
 * names removed.
 */
export function removeLeftovers(ss: Spreadsheet, index: SheetIndex): string[] {
  const reportOf = new Map<string, Sheet>();
  for (const e of index.entries) if (e.key !== null && !reportOf.has(e.key)) reportOf.set(e.key, e.sheet);
  const removed: string[] = [];
  for (const e of [...index.entries]) {
    if (!e.building || (e.key !== null && reportOf.get(e.key) === e.sheet)) continue;
    ss.deleteSheet(e.sheet);
    index.entries.splice(index.entries.indexOf(e), 1);
    removed.push(e.name);
  }
  return removed;
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
  if (spec.conditionalFormats?.length) applyConditionalFormats(sheet, spec.conditionalFormats);
  if (spec.validations?.length) applyValidations(sheet, spec.validations);
  for (const chart of spec.charts) insertChart(sheet, chart);
}

/**
 * The drop-down lists in one setDataValidations call over the box that holds them
 * all (https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidations(DataValidation)):
 * a grid of rules, null where a cell has none, one rule object per distinct list
 * (builder as in https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder),
 * so the calls stay the same however many rows the lists cover. Other input is
 * rejected (setAllowInvalid(false)): a status the results cannot read is a status lost.
 */
export function validationGrid<R>(validations: Validation[], ruleOf: (list: string[]) => R): { box: Area; grid: (R | null)[][] } {
  const box = boundingBox(validations.map((v) => v.area));
  const rules = new Map<string, R>();
  const grid: (R | null)[][] = Array.from({ length: box.rows }, () => new Array<R | null>(box.cols).fill(null));
  for (const v of validations) {
    const id = JSON.stringify(v.list);
    let rule = rules.get(id);
    if (rule === undefined) rules.set(id, (rule = ruleOf(v.list)));
    for (let r = 0; r < v.area.rows; r++)
      for (let c = 0; c < v.area.cols; c++) grid[v.area.row - box.row + r][v.area.col - box.col + c] = rule;
  }
  return { box, grid };
}

function applyValidations(sheet: Sheet, validations: Validation[]): void {
  const { box, grid } = validationGrid(validations, (list) =>
    SpreadsheetApp.newDataValidation().requireValueInList(list, true).setAllowInvalid(false).build(),
  );
  sheet.getRange(box.row, box.col, box.rows, box.cols).setDataValidations(grid);
}

/**
 * The conditional formats as the sheet's rules, one rule per condition and colour
 * over all its areas (a fixed number of calls whatever the rows). Builder, ranges
 * and setConditionalFormatRules as in Google's example,
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 */
function applyConditionalFormats(sheet: Sheet, formats: ConditionalFormat[]): void {
  const groups = new Map<string, { format: ConditionalFormat; areas: Area[] }>();
  for (const f of formats) {
    const id = `${f.when}|${f.value}|${f.background}`;
    const group = groups.get(id);
    if (group) group.areas.push(f.area);
    else groups.set(id, { format: f, areas: [f.area] });
  }
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  for (const { format, areas } of groups.values()) {
    const builder = SpreadsheetApp.newConditionalFormatRule();
    const when =
      format.when === 'atLeast' ? builder.whenNumberGreaterThanOrEqualTo(format.value) : builder.whenNumberLessThan(format.value);
    const ranges = sheet.getRangeList(areas.map(a1Of)).getRanges();
    rules.push(when.setBackground(format.background).setRanges(ranges).build());
  }
  sheet.setConditionalFormatRules(rules);
}

/**
 * What the user typed into the old report's inputs, by key: its stored layout, and
 * one read of the cells it names (values and formulas of their bounding box),
 * clipped to the sheet as it is now (a user may have deleted rows). Nothing to
 * read when the old sheet has no layout.
 */
export function readTypedInputs(old: SheetEntry): Map<string, Carried> {
  const layout: InputLayout | null = parseLayout(old.inputs);
  const box = layout && inputBox(layout);
  if (!layout || !box) return new Map();
  const rows = Math.min(box.rows, old.sheet.getMaxRows() - box.row + 1);
  const cols = Math.min(box.cols, old.sheet.getMaxColumns() - box.col + 1);
  if (rows < 1 || cols < 1) return new Map();
  const range = old.sheet.getRange(box.row, box.col, rows, cols);
  return typedInputs(layout, { ...box, rows, cols }, range.getValues(), range.getFormulas());
}

/**
 * Builds the report in a new sheet and puts it where the old one was, in an order
 * where every call that can fail leaves either the complete old report or the
 * complete new one:
 *
 *  1. insert "~building <name>" right after the old report (it becomes the active
 *     sheet, https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer))
 *     and tag it BUILDING, so that a leftover is recognised by the next rebuild;
 *  2. fill it (and hide it, for a sheet the add-on keeps for itself);
 *  3. tag it as the report: the old one, earlier in the tabs, is still the report;
 *  4. rename the old one "~replaced <name>" and give the new one the report's name;
 *  5. delete the old one: from here on the new sheet is the report, already
 *     complete, named and in the old one's place;
 *  6. remove the BUILDING tag (a failure here is harmless: the sheet is the report).
 *
 * A failure before 5 deletes the new sheet and gives the old one its name back;
 * when that clean-up fails too, the tags tell the next rebuild what to remove.
 * Returns the new sheet. Pass the same index to several calls of one rebuild to
 * read the tabs only once; it is kept up to date, whatever happens.
 */
export function writeReport(ss: Spreadsheet, spec: SheetSpec, index: SheetIndex = indexSheets(ss)): Sheet {
  const { entries } = index;
  const oldAt = entries.findIndex((e) => e.key === spec.key);
  const old = oldAt >= 0 ? entries[oldAt] : null;
  // Read before anything changes: a failure here leaves the old report, and its typed values, as they were.
  const { spec: full, layout } = applyInputs(spec, old ? readTypedInputs(old) : new Map());
  const taken = new Set(entries.map((e) => e.name.toLowerCase()));
  const at = old ? oldAt + 1 : entries.length;
  const visibility = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  const buildingName = freeName(BUILDING_PREFIX + spec.name, taken);
  const building = ss.insertSheet(buildingName, at);
  const entry: SheetEntry = { sheet: building, name: buildingName, key: null, building: true, inputs: null };
  entries.splice(at, 0, entry);
  const oldName = old?.name ?? '';
  try {
    building.addDeveloperMetadata(BUILDING_KEY, spec.key, visibility);
    if (layout) {
      const text = JSON.stringify(layout);
      building.addDeveloperMetadata(INPUTS_KEY, text, visibility);
      entry.inputs = text;
    }
    fill(building, full);
    // Hidden before it is the report: a failure here leaves the old one (https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()).
    if (spec.hidden) building.hideSheet();
    building.addDeveloperMetadata(REPORT_KEY, spec.key, visibility);
    entry.key = spec.key;
    taken.delete(entry.name.toLowerCase());
    if (old) {
      taken.delete(old.name.toLowerCase());
      const replaced = freeName(REPLACED_PREFIX + spec.name, taken);
      old.sheet.setName(replaced);
      old.name = replaced;
      taken.add(replaced.toLowerCase());
    }
    const name = freeName(spec.name, taken);
    building.setName(name);
    entry.name = name;
    if (old) ss.deleteSheet(old.sheet);
  } catch (e) {
    // The old report is still there (nothing has deleted it): put it back as it was. Each step
    // on its own, so that one failing does not stop the other.
    try {
      ss.deleteSheet(building);
      entries.splice(entries.indexOf(entry), 1);
    } catch {
      // The BUILDING tag lets the next rebuild remove it; the old report, earlier in the tabs, is still the report.
    }
    if (old && old.name !== oldName) {
      try {
        old.sheet.setName(oldName);
        old.name = oldName;
      } catch {
        // Still the report by its tag, under the "~replaced" name; the next rebuild names its successor properly.
      }
    }
    throw e;
  }
  if (old) entries.splice(entries.indexOf(old), 1);
  try {
    for (const m of building.getDeveloperMetadata()) if (m.getKey() === BUILDING_KEY) m.remove();
    entry.building = false;
  } catch {
    // The sheet is the report (the first with its key), so the stale tag marks nothing for removal.
  }
  return building;
}
