/**
 * SpreadsheetApp and what hangs off it (Spreadsheet, Sheet, Range,
 * DeveloperMetadata, embedded charts) over the in-memory workbook of model.ts,
 * with Apps Script's behaviour where add-on code depends on it: the error
 * messages, 1000 x 26 new sheets, strings typed like user input by setValues,
 * dates in the spreadsheet's time zone.
 *
 * Each class implements `Pick<>` of the real interface, so a change of signature
 * in @types/google-apps-script breaks the build. Methods return the real
 * interface types; `real()` is the one place a stand-in is cast to one.
 */
import { GasError, StandIn } from './boundary';
import {
  cellAt,
  cellFor,
  type CellData,
  type ChartModel,
  type ConditionalRuleModel,
  contains,
  DEFAULT_COLUMN_WIDTH,
  type EvaluateSheet,
  insertColumns,
  deleteRows,
  deleteColumns,
  insertRows,
  intersects,
  lastColumn,
  lastRow,
  type MetadataModel,
  newSheet,
  outward,
  recompute,
  type SheetModel,
  touch,
  type ValidationModel,
  type Visibility,
  type WorkbookModel,
} from './model';
import { displayText } from './numberFormat';
import { a1Of, type Area, isDate, parseA1, type Stored, typedValue, wallTimeOf } from './values';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;
type EmbeddedChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type EmbeddedChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/**
 * A stand-in where the real return type is a full interface. The argument must
 * be assignable to Partial<T>: every method it shares with T has T's signature.
 */
export function real<T>(fake: Partial<T>): T {
  return fake as T;
}

/** Enum values are their names, so that `e.authMode === ScriptApp.AuthMode.FULL` holds for `{authMode: 'FULL'}` too. */
export function enumOf<K extends string>(...names: K[]): Readonly<Record<K, K>> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>);
}

// `satisfies` ties each name list to the real enum: a name dropped upstream breaks the build.
export const DeveloperMetadataVisibility = enumOf('DOCUMENT', 'PROJECT') satisfies Record<
  keyof typeof GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  string
>;
export const BorderStyle = enumOf('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE') satisfies Record<
  keyof typeof GoogleAppsScript.Spreadsheet.BorderStyle,
  string
>;
export const ChartType = enumOf<keyof typeof GoogleAppsScript.Charts.ChartType>(
  'AREA',
  'BAR',
  'COLUMN',
  'COMBO',
  'HISTOGRAM',
  'LINE',
  'PIE',
  'SCATTER',
  'TABLE',
);

const MSG = {
  outside: 'The coordinates of the range are outside the dimensions of the sheet.',
  rowTooSmall: 'The starting row of the range is too small.',
  colTooSmall: 'The starting column of the range is too small.',
  rowsTooFew: 'The number of rows in the range must be at least 1.',
  colsTooFew: 'The number of columns in the range must be at least 1.',
  notFound: 'Range not found',
  rows: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  cols: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  duplicate: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  mergePartial: 'You must select all cells in a merged range to merge or unmerge them.',
};

/** What the stand-ins share: the workbook and the formula evaluator. */
export interface SheetsHost {
  book: WorkbookModel;
  evaluate: EvaluateSheet | null;
  /** Messages shown with Spreadsheet.toast. */
  toasts: { message: string; title: string; timeoutSeconds: number | null }[];
  /** The add-on's Ui (SpreadsheetApp.getUi()). */
  ui: object;
}

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  gray: '#808080',
  grey: '#808080',
  orange: '#ffa500',
  purple: '#800080',
};

/** Colours as Sheets hands them back: lower-case #rrggbb. */
export function normalizeColor(color: string | null | undefined): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const c = String(color).trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}

function checkInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new GasError(`Invalid argument: ${what}`);
  return Math.floor(value);
}

// ------------------------------------------------------------------ SpreadsheetApp

export class FakeSpreadsheetApp
  extends StandIn
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      | 'getActiveSpreadsheet'
      | 'getActive'
      | 'getActiveSheet'
      | 'openById'
      | 'getUi'
      | 'flush'
      | 'newConditionalFormatRule'
      | 'newDataValidation'
    >
{
  readonly _label = 'SpreadsheetApp';
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly BorderStyle = BorderStyle;
  constructor(readonly _spreadsheet: FakeSpreadsheet) {
    super();
  }
  getActiveSpreadsheet(): Spreadsheet {
    return real<Spreadsheet>(this._spreadsheet);
  }
  getActive(): Spreadsheet {
    return real<Spreadsheet>(this._spreadsheet);
  }
  getActiveSheet(): Sheet {
    return this._spreadsheet.getActiveSheet();
  }
  openById(id: string): Spreadsheet {
    if (id !== this._spreadsheet._host.book.id)
      throw new GasError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return real<Spreadsheet>(this._spreadsheet);
  }
  getUi(): GoogleAppsScript.Base.Ui {
    return real<GoogleAppsScript.Base.Ui>(this._spreadsheet._host.ui);
  }
  flush(): void {}
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return real<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(new FakeConditionalFormatRuleBuilder());
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return real<GoogleAppsScript.Spreadsheet.DataValidationBuilder>(new FakeDataValidationBuilder());
  }
}

/** `Charts`: only the ChartType enum, which EmbeddedChartBuilder.setChartType takes. */
export class FakeCharts extends StandIn {
  readonly _label = 'Charts';
  readonly ChartType = ChartType;
}

// ------------------------------------------------------------------ Spreadsheet

export class FakeSpreadsheet
  extends StandIn
  implements
    Pick<
      Spreadsheet,
      | 'getId'
      | 'getName'
      | 'rename'
      | 'getUrl'
      | 'getSheets'
      | 'getSheetByName'
      | 'getSheetById'
      | 'insertSheet'
      | 'deleteSheet'
      | 'setActiveSheet'
      | 'getActiveSheet'
      | 'getSpreadsheetLocale'
      | 'setSpreadsheetLocale'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'toast'
      | 'moveActiveSheet'
      | 'getRange'
    >
{
  readonly _label = 'Spreadsheet';
  private _sheets = new WeakMap<SheetModel, FakeSheet>();
  constructor(readonly _host: SheetsHost) {
    super();
  }
  /** The one stand-in of a sheet model, so the same sheet compares equal. */
  _sheet(model: SheetModel): FakeSheet {
    let s = this._sheets.get(model);
    if (!s) {
      s = new FakeSheet(this, model);
      this._sheets.set(model, s);
    }
    return s;
  }
  private get _book(): WorkbookModel {
    return this._host.book;
  }
  _model(sheet: Sheet | FakeSheet): SheetModel {
    const model = (sheet as unknown as FakeSheet)._model;
    if (!model || !this._book.sheets.includes(model)) throw new GasError('Invalid argument: sheet');
    return model;
  }
  getId(): string {
    return this._book.id;
  }
  getName(): string {
    return this._book.name;
  }
  rename(newName: string): void {
    this._book.name = String(newName);
    touch(this._book);
  }
  // The address Sheets opens the file at: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getUrl()
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._book.id}/edit`;
  }
  getSheets(): Sheet[] {
    return this._book.sheets.map((m) => real<Sheet>(this._sheet(m)));
  }
  getSheetByName(name: string): Sheet | null {
    const m = this._book.sheets.find((s) => s.name === String(name));
    return m ? real<Sheet>(this._sheet(m)) : null;
  }
  getSheetById(id: number): Sheet | null {
    const m = this._book.sheets.find((s) => s.id === id);
    return m ? real<Sheet>(this._sheet(m)) : null;
  }
  insertSheet(): Sheet;
  insertSheet(sheetIndex: number): Sheet;
  insertSheet(sheetIndex: number, options: { template?: Sheet | undefined }): Sheet;
  insertSheet(options: { template?: Sheet | undefined }): Sheet;
  insertSheet(sheetName: string): Sheet;
  insertSheet(sheetName: string, sheetIndex: number): Sheet;
  insertSheet(sheetName: string, sheetIndex: number, options: { template?: Sheet | undefined }): Sheet;
  insertSheet(sheetName: string, options: { template?: Sheet | undefined }): Sheet;
  insertSheet(a?: unknown, b?: unknown): Sheet {
    const book = this._book;
    let name: string | undefined;
    let index = book.sheets.length;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') index = a;
    if (name === undefined) {
      let n = book.sheets.length + 1;
      while (book.sheets.some((s) => s.name === `Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (name.trim() === '') throw new GasError('Invalid argument: sheetName');
    if (book.sheets.some((s) => s.name.toLowerCase() === name!.toLowerCase())) throw new GasError(MSG.duplicate(name));
    if (index < 0 || index > book.sheets.length) throw new GasError('Invalid argument: sheetIndex');
    const model = newSheet(book, name);
    book.sheets.splice(index, 0, model);
    book.activeSheetId = model.id; // the new sheet becomes the active one
    touch(book);
    return real<Sheet>(this._sheet(model));
  }
  deleteSheet(sheet: Sheet): void {
    const model = this._model(sheet);
    const book = this._book;
    if (book.sheets.filter((s) => !s.hidden && s !== model).length === 0)
      throw new GasError("You can't remove all the visible sheets in a document.");
    book.sheets.splice(book.sheets.indexOf(model), 1);
    if (book.activeSheetId === model.id) book.activeSheetId = book.sheets.find((s) => !s.hidden)!.id;
    touch(book);
  }
  setActiveSheet(sheet: Sheet, restoreSelection?: boolean): Sheet {
    void restoreSelection;
    const model = this._model(sheet);
    this._book.activeSheetId = model.id;
    return real<Sheet>(this._sheet(model));
  }
  getActiveSheet(): Sheet {
    const book = this._book;
    const model = book.sheets.find((s) => s.id === book.activeSheetId) ?? book.sheets[0];
    return real<Sheet>(this._sheet(model));
  }
  getSpreadsheetLocale(): string {
    return this._book.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._book.locale = String(locale);
  }
  getSpreadsheetTimeZone(): string {
    return this._book.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this._book.timeZone = String(timezone);
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this._host.toasts.push({
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds ?? null,
    });
  }
  moveActiveSheet(pos: number): void {
    const book = this._book;
    const model = this._model(this.getActiveSheet());
    const index = checkInteger(pos, 'pos') - 1;
    if (index < 0 || index >= book.sheets.length) throw new GasError('Invalid argument: pos');
    book.sheets.splice(book.sheets.indexOf(model), 1);
    book.sheets.splice(index, 0, model);
    touch(book);
  }
  getRange(a1Notation: string): Range {
    const sheetName = parseA1(String(a1Notation), 1, 1)?.sheet;
    const sheet = sheetName ? this.getSheetByName(sheetName) : this.getActiveSheet();
    if (!sheet) throw new GasError(MSG.notFound);
    const ref = String(a1Notation).slice(String(a1Notation).lastIndexOf('!') + 1);
    return (sheet as unknown as FakeSheet).getRange(ref);
  }
}

// ------------------------------------------------------------------ RangeList

type RangeList = GoogleAppsScript.Spreadsheet.RangeList;

/** Several ranges formatted by one call: what keeps a report's formatting to a few calls. */
export class FakeRangeList
  extends StandIn
  implements
    Pick<
      RangeList,
      | 'getRanges'
      | 'setNumberFormat'
      | 'setBackground'
      | 'setFontWeight'
      | 'setFontColor'
      | 'setFontStyle'
      | 'setFontSize'
      | 'setHorizontalAlignment'
      | 'setWrap'
      | 'setBorder'
    >
{
  readonly _label = 'RangeList';
  constructor(readonly _ranges: FakeRange[]) {
    super();
  }
  private _each(apply: (r: FakeRange) => void): RangeList {
    for (const r of this._ranges) apply(r);
    return real<RangeList>(this);
  }
  getRanges(): Range[] {
    return this._ranges.map((r) => real<Range>(r));
  }
  setNumberFormat(format: string): RangeList {
    return this._each((r) => r.setNumberFormat(format));
  }
  setBackground(color: string | null): RangeList {
    return this._each((r) => r.setBackground(color));
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): RangeList {
    return this._each((r) => r.setFontWeight(fontWeight));
  }
  setFontColor(color: string | null): RangeList {
    return this._each((r) => r.setFontColor(color));
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): RangeList {
    return this._each((r) => r.setFontStyle(fontStyle));
  }
  setFontSize(size: number): RangeList {
    return this._each((r) => r.setFontSize(size));
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): RangeList {
    return this._each((r) => r.setHorizontalAlignment(alignment));
  }
  setWrap(isWrapEnabled: boolean): RangeList {
    return this._each((r) => r.setWrap(isWrapEnabled));
  }
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
  ): RangeList {
    return this._each((r) => r.setBorder(top, left, bottom, right, vertical, horizontal));
  }
}

// ------------------------------------------------------------------ Sheet

export class FakeSheet
  extends StandIn
  implements
    Pick<
      Sheet,
      | 'getName'
      | 'setName'
      | 'getSheetId'
      | 'getIndex'
      | 'getParent'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'insertRowsAfter'
      | 'insertColumnsAfter'
      | 'deleteRows'
      | 'deleteColumns'
      | 'getDataRange'
      | 'getRange'
      | 'getRangeList'
      | 'setFrozenRows'
      | 'setFrozenColumns'
      | 'getFrozenRows'
      | 'getFrozenColumns'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'getColumnWidth'
      | 'setTabColor'
      | 'getTabColor'
      | 'activate'
      | 'addDeveloperMetadata'
      | 'getDeveloperMetadata'
      | 'newChart'
      | 'insertChart'
      | 'getCharts'
      | 'removeChart'
      | 'updateChart'
      | 'clear'
      | 'clearContents'
      | 'hideSheet'
      | 'showSheet'
      | 'isSheetHidden'
      | 'setConditionalFormatRules'
      | 'getConditionalFormatRules'
    >
{
  readonly _label = 'Sheet';
  constructor(
    readonly _spreadsheet: FakeSpreadsheet,
    readonly _model: SheetModel,
  ) {
    super();
  }
  get _book(): WorkbookModel {
    return this._spreadsheet._host.book;
  }
  _changed(): void {
    this._model.dirty = true;
    touch(this._book);
  }
  /** The model with formula values up to date. */
  _fresh(): SheetModel {
    if (this._model.dirty) recompute(this._model, this._spreadsheet._host.evaluate);
    return this._model;
  }
  getName(): string {
    return this._model.name;
  }
  setName(name: string): Sheet {
    const n = String(name);
    if (n.trim() === '') throw new GasError('Invalid argument: name');
    if (this._book.sheets.some((s) => s !== this._model && s.name.toLowerCase() === n.toLowerCase())) throw new GasError(MSG.duplicate(n));
    this._model.name = n;
    touch(this._book);
    return real<Sheet>(this);
  }
  getSheetId(): number {
    return this._model.id;
  }
  getIndex(): number {
    return this._book.sheets.indexOf(this._model) + 1;
  }
  getParent(): Spreadsheet {
    return real<Spreadsheet>(this._spreadsheet);
  }
  getLastRow(): number {
    return lastRow(this._model);
  }
  getLastColumn(): number {
    return lastColumn(this._model);
  }
  getMaxRows(): number {
    return this._model.maxRows;
  }
  getMaxColumns(): number {
    return this._model.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const after = checkInteger(afterPosition, 'afterPosition');
    const count = checkInteger(howMany, 'howMany');
    if (after < 1 || after > this._model.maxRows) throw new GasError(MSG.outside);
    if (count < 1) throw new GasError('Invalid argument: howMany');
    insertRows(this._model, after, count);
    this._changed();
    return real<Sheet>(this);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const from = checkInteger(rowPosition, 'rowPosition');
    const count = checkInteger(howMany, 'howMany');
    if (from < 1 || count < 1 || from + count - 1 > this._model.maxRows) throw new GasError(MSG.outside);
    // Sheets keeps at least one row that is not frozen.
    if (this._model.maxRows - count <= this._model.frozenRows)
      throw new GasError('Sorry, it is not possible to delete all non-frozen rows.');
    deleteRows(this._model, from, count);
    this._changed();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const from = checkInteger(columnPosition, 'columnPosition');
    const count = checkInteger(howMany, 'howMany');
    if (from < 1 || count < 1 || from + count - 1 > this._model.maxCols) throw new GasError(MSG.outside);
    if (this._model.maxCols - count <= this._model.frozenCols)
      throw new GasError('Sorry, it is not possible to delete all non-frozen columns.');
    deleteColumns(this._model, from, count);
    this._changed();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const after = checkInteger(afterPosition, 'afterPosition');
    const count = checkInteger(howMany, 'howMany');
    if (after < 1 || after > this._model.maxCols) throw new GasError(MSG.outside);
    if (count < 1) throw new GasError('Invalid argument: howMany');
    insertColumns(this._model, after, count);
    this._changed();
    return real<Sheet>(this);
  }
  getDataRange(): Range {
    return this._range({ row: 1, col: 1, rows: Math.max(1, lastRow(this._model)), cols: Math.max(1, lastColumn(this._model)) });
  }
  getRange(row: number, column: number): Range;
  getRange(row: number, column: number, numRows: number): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getRange(a1Notation: string): Range;
  getRange(): Range;
  getRange(a?: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') {
      const parsed = parseA1(a, this._model.maxRows, this._model.maxCols);
      if (!parsed || (parsed.sheet !== null && parsed.sheet !== this._model.name)) throw new GasError(MSG.notFound);
      return this._range(parsed.area);
    }
    if (a === undefined || column === undefined) throw new GasError('Invalid argument: row');
    const area = {
      row: checkInteger(a, 'row'),
      col: checkInteger(column, 'column'),
      rows: numRows === undefined ? 1 : checkInteger(numRows, 'numRows'),
      cols: numColumns === undefined ? 1 : checkInteger(numColumns, 'numColumns'),
    };
    return this._range(area);
  }
  getRangeList(a1Notations: string[]): RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) throw new GasError('Invalid argument: a1Notations');
    const ranges = a1Notations.map((a1) => this.getRange(String(a1)) as unknown as FakeRange);
    return real<RangeList>(new FakeRangeList(ranges));
  }
  _range(area: Area): Range {
    if (area.row < 1) throw new GasError(MSG.rowTooSmall);
    if (area.col < 1) throw new GasError(MSG.colTooSmall);
    if (area.rows < 1) throw new GasError(MSG.rowsTooFew);
    if (area.cols < 1) throw new GasError(MSG.colsTooFew);
    if (area.row + area.rows - 1 > this._model.maxRows || area.col + area.cols - 1 > this._model.maxCols) throw new GasError(MSG.outside);
    return real<Range>(new FakeRange(this, area));
  }
  setFrozenRows(rows: number): void {
    const n = checkInteger(rows, 'rows');
    if (n < 0 || n > this._model.maxRows) throw new GasError('Invalid argument: rows');
    this._model.frozenRows = n;
    touch(this._book);
  }
  setFrozenColumns(columns: number): void {
    const n = checkInteger(columns, 'columns');
    if (n < 0 || n > this._model.maxCols) throw new GasError('Invalid argument: columns');
    this._model.frozenCols = n;
    touch(this._book);
  }
  getFrozenRows(): number {
    return this._model.frozenRows;
  }
  getFrozenColumns(): number {
    return this._model.frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    return this.setColumnWidths(columnPosition, 1, width);
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    const start = checkInteger(startColumn, 'startColumn');
    const count = checkInteger(numColumns, 'numColumns');
    const w = checkInteger(width, 'width');
    if (start < 1 || count < 1 || start + count - 1 > this._model.maxCols) throw new GasError(MSG.outside);
    for (let c = start; c < start + count; c++) this._model.columnWidths.set(c, w);
    touch(this._book);
    return real<Sheet>(this);
  }
  getColumnWidth(columnPosition: number): number {
    return this._model.columnWidths.get(checkInteger(columnPosition, 'columnPosition')) ?? DEFAULT_COLUMN_WIDTH;
  }
  setTabColor(color: string | null): Sheet {
    this._model.tabColor = normalizeColor(color) ?? null;
    touch(this._book);
    return real<Sheet>(this);
  }
  getTabColor(): string | null {
    return this._model.tabColor;
  }
  activate(): Sheet {
    this._book.activeSheetId = this._model.id;
    return real<Sheet>(this);
  }
  addDeveloperMetadata(key: string): Sheet;
  addDeveloperMetadata(key: string, visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): Sheet;
  addDeveloperMetadata(key: string, value: string): Sheet;
  addDeveloperMetadata(key: string, value: string, visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): Sheet;
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): Sheet {
    // Enum values are strings here, so a lone 'DOCUMENT' or 'PROJECT' is taken for a visibility.
    const isVisibility = (v: unknown): v is Visibility => v === 'DOCUMENT' || v === 'PROJECT';
    let value: string | null = null;
    let visibility: Visibility = 'DOCUMENT';
    if (b !== undefined) {
      value = a === null || a === undefined ? null : String(a);
      if (!isVisibility(String(b))) throw new GasError('Invalid argument: visibility');
      visibility = String(b) as Visibility;
    } else if (isVisibility(a)) visibility = a;
    else if (a !== undefined && a !== null) value = String(a);
    if (typeof key !== 'string' || key === '') throw new GasError('Invalid argument: key');
    this._model.metadata.push({ id: this._book.nextId++, key, value, visibility });
    touch(this._book);
    return real<Sheet>(this);
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._model.metadata.map((m) => real<DeveloperMetadata>(new FakeDeveloperMetadata(this, m)));
  }
  newChart(): EmbeddedChartBuilder {
    return real<EmbeddedChartBuilder>(new FakeChartBuilder(this, null));
  }
  insertChart(chart: EmbeddedChart): void {
    const c = chart as unknown as FakeEmbeddedChart;
    if (!(c instanceof FakeEmbeddedChart)) throw new GasError('Invalid argument: chart');
    if (c._sheet !== this) throw new GasError('Invalid argument: chart');
    const model: ChartModel = { ...c._model, id: this._book.nextId++ };
    this._model.charts.push(model);
    c._model = model;
    c._inserted = true;
    touch(this._book);
  }
  getCharts(): EmbeddedChart[] {
    return this._model.charts.map((m) => real<EmbeddedChart>(new FakeEmbeddedChart(this, m, true)));
  }
  /**
   * Replaces the sheet's rules with these, in this order
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule)).
   * A rule's ranges must be on this sheet.
   */
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    if (!Array.isArray(rules)) throw new GasError('Invalid argument: rules');
    const models: ConditionalRuleModel[] = rules.map((rule) => {
      const r = rule as unknown as FakeConditionalFormatRule;
      if (!(r instanceof FakeConditionalFormatRule)) throw new GasError('Invalid argument: rules');
      if (r._sheets.some((sheet) => sheet !== this)) throw new GasError('Invalid argument: rules');
      return { ...r._model, ranges: r._model.ranges.map((a) => ({ ...a })) };
    });
    this._model.conditionalFormats = models;
    touch(this._book);
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return (this._model.conditionalFormats ?? []).map((m) =>
      real<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
        new FakeConditionalFormatRule(
          { ...m, ranges: m.ranges.map((a) => ({ ...a })) },
          m.ranges.map(() => this),
        ),
      ),
    );
  }
  removeChart(chart: EmbeddedChart): void {
    const c = chart as unknown as FakeEmbeddedChart;
    const i = c instanceof FakeEmbeddedChart ? this._model.charts.findIndex((m) => m.id === c._model.id) : -1;
    if (i < 0) throw new GasError('Invalid argument: chart');
    this._model.charts.splice(i, 1);
    touch(this._book);
  }
  updateChart(chart: EmbeddedChart): void {
    const c = chart as unknown as FakeEmbeddedChart;
    const i = c instanceof FakeEmbeddedChart ? this._model.charts.findIndex((m) => m.id === c._model.id) : -1;
    if (i < 0) throw new GasError('Invalid argument: chart');
    this._model.charts[i] = c._model;
    touch(this._book);
  }
  clear(options?: { formatOnly?: boolean | undefined; contentsOnly?: boolean | undefined }): Sheet {
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    if (contents && formats) this._model.cells = [];
    else {
      for (const row of this._model.cells) {
        if (!row) continue;
        for (let i = 0; i < row.length; i++) {
          const cell = row[i];
          if (!cell) continue;
          row[i] = contents ? { ...cell, v: '', f: undefined } : { v: cell.v, f: cell.f };
        }
      }
    }
    if (formats) this._model.merges = [];
    this._changed();
    return real<Sheet>(this);
  }
  clearContents(): Sheet {
    return this.clear({ contentsOnly: true });
  }
  hideSheet(): Sheet {
    if (this._book.sheets.filter((s) => !s.hidden && s !== this._model).length === 0)
      throw new GasError("You can't hide all the sheets in a document.");
    this._model.hidden = true;
    touch(this._book);
    return real<Sheet>(this);
  }
  showSheet(): Sheet {
    this._model.hidden = false;
    touch(this._book);
    return real<Sheet>(this);
  }
  isSheetHidden(): boolean {
    return this._model.hidden;
  }
}

// ------------------------------------------------------------------ Range

type Grid<T> = T[][];

export class FakeRange
  extends StandIn
  implements
    Pick<
      Range,
      | 'getValues'
      | 'getValue'
      | 'getDisplayValues'
      | 'getDisplayValue'
      | 'setValues'
      | 'setValue'
      | 'getFormulas'
      | 'getFormula'
      | 'setFormula'
      | 'setFormulas'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'setBackground'
      | 'setBackgrounds'
      | 'getBackground'
      | 'getBackgrounds'
      | 'setFontWeight'
      | 'setFontWeights'
      | 'getFontWeights'
      | 'setFontColor'
      | 'setFontStyle'
      | 'setFontSize'
      | 'setHorizontalAlignment'
      | 'setWrap'
      | 'merge'
      | 'breakApart'
      | 'setBorder'
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getA1Notation'
      | 'getSheet'
      | 'offset'
      | 'clear'
      | 'clearContent'
      | 'clearFormat'
      | 'setDataValidation'
      | 'setDataValidations'
      | 'getDataValidation'
      | 'getDataValidations'
    >
{
  readonly _label = 'Range';
  constructor(
    readonly _sheet: FakeSheet,
    readonly _area: Area,
  ) {
    super();
  }
  private get _locale(): string {
    return this._sheet._book.locale;
  }
  private _each(fn: (cell: CellData | undefined, r: number, c: number) => void): void {
    const { row, col, rows, cols } = this._area;
    const model = this._sheet._model;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) fn(cellAt(model, row + r, col + c), r, c);
  }
  private _grid<T>(fn: (cell: CellData | undefined) => T): Grid<T> {
    const { row, col, rows, cols } = this._area;
    const model = this._sheet._fresh();
    const out: Grid<T> = [];
    for (let r = 0; r < rows; r++) {
      const line: T[] = new Array(cols);
      for (let c = 0; c < cols; c++) line[c] = fn(cellAt(model, row + r, col + c));
      out.push(line);
    }
    return out;
  }
  private _checkGrid(data: unknown, what: string): asserts data is unknown[][] {
    if (!Array.isArray(data)) throw new GasError(`Invalid argument: ${what}`);
    if (data.length !== this._area.rows) throw new GasError(MSG.rows(data.length, this._area.rows));
    for (const line of data) {
      if (!Array.isArray(line)) throw new GasError(`Invalid argument: ${what}`);
      if (line.length !== this._area.cols) throw new GasError(MSG.cols(line.length, this._area.cols));
    }
  }
  /** Apply a change to every cell of the range (creating cells), then mark the sheet changed. */
  private _set(fn: (cell: CellData, r: number, c: number) => void): Range {
    const { row, col, rows, cols } = this._area;
    const model = this._sheet._model;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) fn(cellFor(model, row + r, col + c), r, c);
    this._sheet._changed();
    return real<Range>(this);
  }
  /** A value written as Apps Script writes it: strings typed like user input, Dates in the spreadsheet's zone. */
  private _write(cell: CellData, value: unknown): void {
    cell.f = undefined;
    if (value === null || value === undefined) cell.v = '';
    else if (typeof value === 'string') {
      const typed = typedValue(value, this._locale, cell.numberFormat === '@');
      if ('formula' in typed) {
        cell.f = typed.formula;
        cell.v = '';
      } else {
        cell.v = typed.value;
        if (typed.format && !cell.numberFormat) cell.numberFormat = typed.format;
      }
    } else if (typeof value === 'number') cell.v = Number.isFinite(value) ? value : '#NUM!';
    else if (typeof value === 'boolean') cell.v = value;
    else if (isDate(value)) cell.v = Number.isNaN(value.getTime()) ? '' : wallTimeOf(value, this._sheet._book.timeZone);
    else cell.v = String(value);
  }
  private _out(v: Stored): string | number | boolean | Date {
    return outward(v, this._sheet._book.timeZone);
  }

  getValues(): unknown[][] {
    return this._grid((cell) => this._out(cell?.v ?? ''));
  }
  getValue(): unknown {
    return this.getValues()[0][0];
  }
  getDisplayValues(): string[][] {
    return this._grid((cell) => displayText(cell?.v ?? '', cell?.numberFormat, this._locale));
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }
  /** Cells of the range hidden under a merge (not its top-left cell): Sheets drops what is written there. */
  private _covered(): (r: number, c: number) => boolean {
    const { row, col } = this._area;
    const merges = this._sheet._model.merges.filter((m) => intersects(m, this._area));
    if (!merges.length) return () => false;
    return (r, c) =>
      merges.some(
        (m) =>
          row + r >= m.row &&
          row + r < m.row + m.rows &&
          col + c >= m.col &&
          col + c < m.col + m.cols &&
          (row + r !== m.row || col + c !== m.col),
      );
  }
  setValues(values: unknown[][]): Range {
    this._checkGrid(values, 'values');
    const covered = this._covered();
    return this._set((cell, r, c) => covered(r, c) || this._write(cell, values[r][c]));
  }
  setValue(value: unknown): Range {
    const covered = this._covered();
    return this._set((cell, r, c) => covered(r, c) || this._write(cell, value));
  }
  /**
   * Data validation per cell (https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidations(DataValidation)):
   * a grid of rules the size of the range, null clearing a cell's rule; a grid of
   * another size fails as setValues does. One rule object may serve many cells.
   */
  setDataValidations(rules: (GoogleAppsScript.Spreadsheet.DataValidation | null)[][]): Range {
    this._checkGrid(rules, 'rules');
    const models = rules.map((line) => line.map((rule) => validationModelOf(rule)));
    return this._set((cell, r, c) => {
      cell.validation = models[r][c] ?? undefined;
    });
  }
  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | null): Range {
    const model = validationModelOf(rule);
    return this._set((cell) => {
      cell.validation = model ?? undefined;
    });
  }
  getDataValidations(): (GoogleAppsScript.Spreadsheet.DataValidation | null)[][] {
    return this._grid((cell) =>
      cell?.validation ? real<GoogleAppsScript.Spreadsheet.DataValidation>(new FakeDataValidation(cell.validation)) : null,
    );
  }
  getDataValidation(): GoogleAppsScript.Spreadsheet.DataValidation | null {
    return this.getDataValidations()[0][0];
  }
  /**
   * What the user typing into the top-left cell gets: the text read as the Sheets UI
   * reads it, or, in a cell whose list rule rejects other input, the UI's refusal
   * (a drop-down cell takes an item of its list or nothing). For tests that work a
   * sheet as a person would; scripts write with setValue.
   */
  _typeAsUser(text: string): void {
    const rule = cellAt(this._sheet._model, this._area.row, this._area.col)?.validation;
    if (rule && !rule.allowInvalid && text !== '' && !rule.list.includes(text)) {
      throw new GasError(
        `Invalid: the data you entered in cell ${this.getA1Notation()} violates the data validation rules set on this cell. Input must be an item on the specified list.`,
      );
    }
    this.setValue(text);
  }
  getFormulas(): string[][] {
    return this._grid((cell) => cell?.f ?? '');
  }
  getFormula(): string {
    return this.getFormulas()[0][0];
  }
  /** Sets the same formula in every cell (Sheets would shift relative references; this does not). */
  setFormula(formula: string): Range {
    const covered = this._covered();
    return this._set((cell, r, c) => covered(r, c) || this._writeFormula(cell, formula));
  }
  setFormulas(formulas: string[][]): Range {
    this._checkGrid(formulas, 'formulas');
    const covered = this._covered();
    return this._set((cell, r, c) => covered(r, c) || this._writeFormula(cell, formulas[r][c]));
  }
  private _writeFormula(cell: CellData, formula: unknown): void {
    const f = formula === null || formula === undefined ? '' : String(formula);
    if (f === '') {
      cell.f = undefined;
      cell.v = '';
    } else if (f.startsWith('=')) {
      cell.f = f;
      cell.v = '';
    } else this._write(cell, f);
  }
  setNumberFormat(numberFormat: string): Range {
    return this._set((cell) => (cell.numberFormat = String(numberFormat)));
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this._checkGrid(numberFormats, 'numberFormats');
    return this._set((cell, r, c) => (cell.numberFormat = String(numberFormats[r][c])));
  }
  /** 'General' for cells never formatted. */
  getNumberFormats(): string[][] {
    return this._grid((cell) => cell?.numberFormat ?? 'General');
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  setBackground(color: string | null): Range {
    const c = normalizeColor(color);
    return this._set((cell) => (cell.background = c));
  }
  setBackgrounds(color: Array<Array<string | null>>): Range {
    this._checkGrid(color, 'color');
    return this._set((cell, r, c) => (cell.background = normalizeColor(color[r][c])));
  }
  getBackgrounds(): string[][] {
    return this._grid((cell) => cell?.background ?? '#ffffff');
  }
  getBackground(): string {
    return this.getBackgrounds()[0][0];
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): Range {
    return this._set((cell) => (cell.bold = fontWeight === 'bold'));
  }
  setFontWeights(fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>): Range {
    this._checkGrid(fontWeights, 'fontWeights');
    return this._set((cell, r, c) => (cell.bold = fontWeights[r][c] === 'bold'));
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._grid((cell) => (cell?.bold ? 'bold' : 'normal'));
  }
  setFontColor(color: string | null): Range {
    const c = normalizeColor(color);
    return this._set((cell) => (cell.fontColor = c));
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): Range {
    return this._set((cell) => (cell.italic = fontStyle === 'italic'));
  }
  setFontSize(size: number): Range {
    const n = checkInteger(size, 'size');
    return this._set((cell) => (cell.fontSize = n));
  }
  setHorizontalAlignment(alignment: 'left' | 'center' | 'normal' | 'right' | null): Range {
    return this._set(
      (cell) => (cell.align = alignment === 'left' || alignment === 'center' || alignment === 'right' ? alignment : undefined),
    );
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this._set((cell) => (cell.wrap = !!isWrapEnabled));
  }
  /** Merges the range; every cell but the top-left one loses its content, as in Sheets. */
  merge(): Range {
    const model = this._sheet._model;
    const area = this._area;
    if (model.merges.some((m) => intersects(m, area) && !contains(area, m))) throw new GasError(MSG.mergePartial);
    model.merges = model.merges.filter((m) => !contains(area, m));
    if (area.rows > 1 || area.cols > 1) model.merges.push({ ...area });
    this._each((cell, r, c) => {
      if ((r || c) && cell) {
        cell.v = '';
        cell.f = undefined;
      }
    });
    this._sheet._changed();
    return real<Range>(this);
  }
  breakApart(): Range {
    const model = this._sheet._model;
    if (model.merges.some((m) => intersects(m, this._area) && !contains(this._area, m))) throw new GasError(MSG.mergePartial);
    model.merges = model.merges.filter((m) => !contains(this._area, m));
    touch(this._sheet._book);
    return real<Range>(this);
  }
  /** Borders on the range's edges and inner lines; null leaves a side as it is. Colour and style are not kept. */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: GoogleAppsScript.Spreadsheet.BorderStyle | null,
  ): Range {
    void color;
    void style;
    const { rows, cols } = this._area;
    return this._set((cell, r, c) => {
      const b = (cell.border ??= {});
      const apply = (side: keyof typeof b, value: boolean | null) => {
        if (value !== null && value !== undefined) b[side] = value;
      };
      apply('top', r === 0 ? top : horizontal);
      apply('bottom', r === rows - 1 ? bottom : horizontal);
      apply('left', c === 0 ? left : vertical);
      apply('right', c === cols - 1 ? right : vertical);
    });
  }
  getRow(): number {
    return this._area.row;
  }
  getColumn(): number {
    return this._area.col;
  }
  getNumRows(): number {
    return this._area.rows;
  }
  getNumColumns(): number {
    return this._area.cols;
  }
  getLastRow(): number {
    return this._area.row + this._area.rows - 1;
  }
  getLastColumn(): number {
    return this._area.col + this._area.cols - 1;
  }
  getA1Notation(): string {
    return a1Of(this._area);
  }
  getSheet(): Sheet {
    return real<Sheet>(this._sheet);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    const a = this._area;
    return this._sheet._range({ row: a.row + rowOffset, col: a.col + columnOffset, rows: numRows ?? a.rows, cols: numColumns ?? a.cols });
  }
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): Range {
    const contents = !options?.formatOnly || !!options?.contentsOnly;
    const formats = !options?.contentsOnly || !!options?.formatOnly;
    this._set((cell) => {
      if (contents) {
        cell.v = '';
        cell.f = undefined;
      }
      if (formats) for (const k of Object.keys(cell) as (keyof CellData)[]) if (k !== 'v' && k !== 'f') delete cell[k];
    });
    if (formats) {
      const model = this._sheet._model;
      model.merges = model.merges.filter((m) => !contains(this._area, m));
    }
    return real<Range>(this);
  }
  clearContent(): Range {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): Range {
    return this.clear({ formatOnly: true });
  }
}

// ------------------------------------------------------------------ DeveloperMetadata

export class FakeDeveloperMetadata
  extends StandIn
  implements Pick<DeveloperMetadata, 'getId' | 'getKey' | 'getValue' | 'getVisibility' | 'setKey' | 'setValue' | 'setVisibility' | 'remove'>
{
  readonly _label = 'DeveloperMetadata';
  constructor(
    readonly _sheet: FakeSheet,
    readonly _model: MetadataModel,
  ) {
    super();
  }
  getId(): number {
    return this._model.id;
  }
  getKey(): string {
    return this._model.key;
  }
  getValue(): string | null {
    return this._model.value;
  }
  getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    return this._model.visibility as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
  }
  setKey(key: string): DeveloperMetadata {
    this._model.key = String(key);
    touch(this._sheet._book);
    return real<DeveloperMetadata>(this);
  }
  setValue(value: string): DeveloperMetadata {
    this._model.value = String(value);
    touch(this._sheet._book);
    return real<DeveloperMetadata>(this);
  }
  setVisibility(visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): DeveloperMetadata {
    const v = String(visibility);
    if (v !== 'DOCUMENT' && v !== 'PROJECT') throw new GasError('Invalid argument: visibility');
    this._model.visibility = v;
    touch(this._sheet._book);
    return real<DeveloperMetadata>(this);
  }
  remove(): void {
    const list = this._sheet._model.metadata;
    const i = list.findIndex((m) => m.id === this._model.id);
    if (i >= 0) list.splice(i, 1);
    touch(this._sheet._book);
  }
}

// ------------------------------------------------------------------ conditional formats

/**
 * SpreadsheetApp.newConditionalFormatRule(): the number conditions the add-on uses,
 * a background and the ranges, as in Google's example
 * (https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder).
 * A later condition replaces an earlier one, as the builder keeps one condition.
 */
export class FakeConditionalFormatRuleBuilder
  extends StandIn
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      'whenNumberGreaterThanOrEqualTo' | 'whenNumberLessThan' | 'setBackground' | 'setRanges' | 'getRanges' | 'build'
    >
{
  readonly _label = 'ConditionalFormatRuleBuilder';
  readonly _model: ConditionalRuleModel = { ranges: [], condition: null };
  _sheets: FakeSheet[] = [];
  private _condition(
    type: 'NUMBER_GREATER_THAN_OR_EQUAL' | 'NUMBER_LESS',
    value: number,
  ): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new GasError('Invalid argument: number');
    this._model.condition = { type, value };
    return real<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(this);
  }
  whenNumberGreaterThanOrEqualTo(number: number): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return this._condition('NUMBER_GREATER_THAN_OR_EQUAL', number);
  }
  whenNumberLessThan(number: number): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return this._condition('NUMBER_LESS', number);
  }
  setBackground(color: string | null): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    this._model.background = normalizeColor(color);
    return real<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(this);
  }
  setRanges(ranges: Range[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges)) throw new GasError('Invalid argument: ranges');
    const fakes = ranges.map((r) => {
      const f = r as unknown as FakeRange;
      if (!(f instanceof FakeRange)) throw new GasError('Invalid argument: ranges');
      return f;
    });
    this._model.ranges = fakes.map((f) => ({ ...f._area }));
    this._sheets = fakes.map((f) => f._sheet);
    return real<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder>(this);
  }
  getRanges(): Range[] {
    return this._model.ranges.map((a, i) => this._sheets[i]._range(a));
  }
  build(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
    return real<GoogleAppsScript.Spreadsheet.ConditionalFormatRule>(
      new FakeConditionalFormatRule({ ...this._model, ranges: this._model.ranges.map((a) => ({ ...a })) }, [...this._sheets]),
    );
  }
}

export class FakeConditionalFormatRule extends StandIn implements Pick<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, 'getRanges'> {
  readonly _label = 'ConditionalFormatRule';
  constructor(
    readonly _model: ConditionalRuleModel,
    readonly _sheets: FakeSheet[],
  ) {
    super();
  }
  getRanges(): Range[] {
    return this._model.ranges.map((a, i) => this._sheets[i]._range(a));
  }
}

// ------------------------------------------------------------------ data validation

/** The model of a rule the bundle passes back (null clears). */
function validationModelOf(rule: GoogleAppsScript.Spreadsheet.DataValidation | null | undefined): ValidationModel | null {
  if (rule === null || rule === undefined) return null;
  const f = rule as unknown as FakeDataValidation;
  if (!(f instanceof FakeDataValidation)) throw new GasError('Invalid argument: rules');
  return f._model;
}

/**
 * SpreadsheetApp.newDataValidation(): the "value in list" rule the add-on uses, as
 * Google's builder makes it (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder):
 * requireValueInList(values, showDropdown) with the drop-down shown unless told
 * otherwise, and invalid input rejected only after setAllowInvalid(false) (the
 * builder's default allows it, with a warning).
 */
export class FakeDataValidationBuilder
  extends StandIn
  implements Pick<GoogleAppsScript.Spreadsheet.DataValidationBuilder, 'requireValueInList' | 'setAllowInvalid' | 'build'>
{
  readonly _label = 'DataValidationBuilder';
  private _list: string[] | null = null;
  private _dropdown = true;
  private _allowInvalid = true;
  requireValueInList(values: string[], showDropdown?: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    if (!Array.isArray(values) || values.length === 0) throw new GasError('Invalid argument: values');
    this._list = values.map(String);
    this._dropdown = showDropdown ?? true;
    return real<GoogleAppsScript.Spreadsheet.DataValidationBuilder>(this);
  }
  setAllowInvalid(allowInvalidData: boolean): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this._allowInvalid = Boolean(allowInvalidData);
    return real<GoogleAppsScript.Spreadsheet.DataValidationBuilder>(this);
  }
  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    if (this._list === null) throw new GasError('Data validation rule has no criteria.');
    return real<GoogleAppsScript.Spreadsheet.DataValidation>(
      new FakeDataValidation({ list: [...this._list], dropdown: this._dropdown, allowInvalid: this._allowInvalid }),
    );
  }
}

export class FakeDataValidation
  extends StandIn
  implements Pick<GoogleAppsScript.Spreadsheet.DataValidation, 'getCriteriaValues' | 'getAllowInvalid'>
{
  readonly _label = 'DataValidation';
  constructor(readonly _model: ValidationModel) {
    super();
  }
  getCriteriaValues(): unknown[] {
    return [[...this._model.list], this._model.dropdown];
  }
  getAllowInvalid(): boolean {
    return this._model.allowInvalid;
  }
}

// ------------------------------------------------------------------ charts

export class FakeChartBuilder
  extends StandIn
  implements
    Pick<
      EmbeddedChartBuilder,
      'setChartType' | 'getChartType' | 'addRange' | 'clearRanges' | 'getRanges' | 'setPosition' | 'setOption' | 'build'
    >
{
  readonly _label = 'EmbeddedChartBuilder';
  readonly _model: ChartModel;
  constructor(
    readonly _sheet: FakeSheet,
    from: ChartModel | null,
  ) {
    super();
    this._model = from
      ? { ...from, ranges: from.ranges.map((r) => ({ ...r })), anchor: { ...from.anchor }, options: { ...from.options } }
      : { id: 0, type: 'COLUMN', ranges: [], anchor: { row: 1, col: 1, offsetX: 0, offsetY: 0 }, options: {} };
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): EmbeddedChartBuilder {
    const t = String(type);
    if (!(t in ChartType)) throw new GasError('Invalid argument: type');
    this._model.type = t;
    return real<EmbeddedChartBuilder>(this);
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this._model.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    const r = range as unknown as FakeRange;
    if (!(r instanceof FakeRange)) throw new GasError('Invalid argument: range');
    this._model.ranges.push({ ...r._area });
    return real<EmbeddedChartBuilder>(this);
  }
  clearRanges(): EmbeddedChartBuilder {
    this._model.ranges = [];
    return real<EmbeddedChartBuilder>(this);
  }
  getRanges(): Range[] {
    return this._model.ranges.map((a) => this._sheet._range(a));
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this._model.anchor = {
      row: checkInteger(anchorRowPos, 'anchorRowPos'),
      col: checkInteger(anchorColPos, 'anchorColPos'),
      offsetX: checkInteger(offsetX, 'offsetX'),
      offsetY: checkInteger(offsetY, 'offsetY'),
    };
    return real<EmbeddedChartBuilder>(this);
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this._model.options[String(option)] = jsonCopy(value);
    return real<EmbeddedChartBuilder>(this);
  }
  build(): EmbeddedChart {
    return real<EmbeddedChart>(new FakeEmbeddedChart(this._sheet, { ...this._model }, this._model.id !== 0));
  }
}

function jsonCopy(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

export class FakeEmbeddedChart
  extends StandIn
  implements Pick<EmbeddedChart, 'getChartId' | 'getRanges' | 'getOptions' | 'getContainerInfo' | 'modify'>
{
  readonly _label = 'EmbeddedChart';
  constructor(
    readonly _sheet: FakeSheet,
    public _model: ChartModel,
    public _inserted: boolean,
  ) {
    super();
  }
  getChartId(): number | null {
    return this._inserted ? this._model.id : null;
  }
  getRanges(): Range[] {
    return this._model.ranges.map((a) => this._sheet._range(a));
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return real<GoogleAppsScript.Charts.ChartOptions>(new FakeChartOptions(this._model.options));
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return real<GoogleAppsScript.Spreadsheet.ContainerInfo>(new FakeContainerInfo(this._model.anchor));
  }
  modify(): EmbeddedChartBuilder {
    return real<EmbeddedChartBuilder>(new FakeChartBuilder(this._sheet, this._model));
  }
}

export class FakeChartOptions extends StandIn implements Pick<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  readonly _label = 'ChartOptions';
  constructor(readonly _options: Record<string, unknown>) {
    super();
  }
  get(option: string): unknown {
    return this._options[option] ?? null;
  }
}

export class FakeContainerInfo
  extends StandIn
  implements Pick<GoogleAppsScript.Spreadsheet.ContainerInfo, 'getAnchorRow' | 'getAnchorColumn' | 'getOffsetX' | 'getOffsetY'>
{
  readonly _label = 'ContainerInfo';
  constructor(readonly _anchor: ChartModel['anchor']) {
    super();
  }
  getAnchorRow(): number {
    return this._anchor.row;
  }
  getAnchorColumn(): number {
    return this._anchor.col;
  }
  getOffsetX(): number {
    return this._anchor.offsetX;
  }
  getOffsetY(): number {
    return this._anchor.offsetY;
  }
}
