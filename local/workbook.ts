/**
 * Reading a workbook into the model and writing it back, with exceljs.
 *
 * - .xlsx: every sheet, with values (numbers, text, booleans, dates), formulas
 *   and their cached results, number formats, bold/italic/colours, merges,
 *   column widths, frozen panes, tab colours and hidden sheets. Excel dates have
 *   no zone: they are read as wall-clock dates, which the spreadsheet's time zone
 *   turns into instants when the add-on reads them (as Sheets does on import).
 * - .csv: one sheet named after the file, every value left as the text it is,
 *   like a careless export; the add-on does the parsing.
 *
 * What .xlsx cannot hold (developer metadata, sheet ids, charts, names longer
 * than 31 characters or with `: / ? * [ ]`) goes into a very hidden sheet
 * `__apps_script__`, so that a round trip keeps which sheets a report owns.
 */
import { readFile, rename, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  cellFor,
  type CellData,
  type ChartModel,
  DEFAULT_COLS,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROWS,
  lastColumn,
  lastRow,
  type MetadataModel,
  newSheet,
  newWorkbook,
  type SheetModel,
  type ValidationModel,
  type WorkbookModel,
} from './model';
import { decodeText } from './encoding';
import { defaultDateFormat, isDateFormat } from './numberFormat';
import { finishXlsx } from './xlsxCharts';
import { excelValidation, listRangeFormula, validationOfExcel } from './xlsxValidations';
import { FONT_NAME, FONT_SIZE, pageLayout, sheetLayout, widthUnits } from './xlsxLayout';
import { columnNumber, isDate, type Stored, wallTimeOf, WallTime } from './values';

export const META_SHEET = '__apps_script__';

export interface WorkbookOptions {
  locale: string;
  timeZone: string;
  /** A text file's encoding (local/encoding.ts ENCODINGS); default: found from the bytes. */
  encoding?: string;
  /** Spreadsheet id; default derived from the file name. */
  id?: string;
  name?: string;
}

/** A short stable id from a text (the file path), so URLs do not change between runs. */
export function idFrom(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 + text.charCodeAt(i), 2246822519) >>> 0;
  }
  return `local-${h1.toString(36)}${h2.toString(36)}`;
}

const TEXT_TYPES = new Set(['.csv', '.txt', '.tsv']);

/** Read a .xlsx or .csv file (a text file in any encoding local/encoding.ts can tell). */
export async function readWorkbook(file: string, options: WorkbookOptions): Promise<WorkbookModel> {
  const ext = path.extname(file).toLowerCase();
  const base = path.basename(file, path.extname(file));
  const id = options.id ?? idFrom(path.resolve(file));
  const info = await stat(file);
  if (info.isDirectory()) throw new Error(`${file} is a folder: give an orders file (.xlsx or .csv) inside it`);
  if (TEXT_TYPES.has(ext)) {
    const book = newWorkbook(id, options.name ?? base, options.locale, options.timeZone);
    const { text, encoding, how } = decodeText(await readFile(file), path.basename(file), options.encoding);
    const { rows, delimiter } = readCsv(text);
    addRows(book, base, rows);
    book.source = { file, format: 'csv', encoding, how, delimiter };
    return book;
  }
  if (ext !== '.xlsx')
    throw new Error(
      `${file}: ${ext ? `"${ext}" files` : 'files without an extension'} cannot be read; give an .xlsx or .csv (.tsv, .txt) file${ext === '.xls' || ext === '.ods' ? ` (save the ${ext} as .xlsx first)` : ''}`,
    );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const book = fromExcel(wb, { ...options, id, name: options.name ?? base });
  book.source = { file, format: 'xlsx' };
  return book;
}

/** A workbook from rows per sheet: strings stay text, Dates are instants shown in the time zone. */
export function workbookFromRows(sheets: Record<string, unknown[][]>, options: WorkbookOptions): WorkbookModel {
  const book = newWorkbook(options.id ?? 'local-spreadsheet', options.name ?? 'Spreadsheet', options.locale, options.timeZone);
  for (const [name, rows] of Object.entries(sheets)) addRows(book, name, rows);
  if (!book.sheets.length) addRows(book, 'Sheet1', []);
  return book;
}

function addRows(book: WorkbookModel, name: string, rows: unknown[][]): SheetModel {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const sheet = newSheet(book, name, Math.max(DEFAULT_ROWS, rows.length), Math.max(DEFAULT_COLS, width));
  rows.forEach((row, r) =>
    row.forEach((value, c) => {
      const v = storedFrom(value, book.timeZone);
      if (v !== '') cellFor(sheet, r + 1, c + 1).v = v;
    }),
  );
  book.sheets.push(sheet);
  if (book.sheets.length === 1) book.activeSheetId = sheet.id;
  return sheet;
}

function storedFrom(value: unknown, timeZone: string): Stored {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : '#NUM!';
  if (value instanceof WallTime) return value;
  if (isDate(value)) return wallTimeOf(value, timeZone);
  return String(value);
}

/** RFC 4180 CSV with the delimiter (`,` `;` or tab) guessed from the first line; a BOM is dropped. */
export function parseCsv(text: string): string[][] {
  return readCsv(text).rows;
}

/** The rows of a CSV text, and the delimiter found. */
export function readCsv(text: string): { rows: string[][]; delimiter: string } {
  const src = text.replace(/^\ufeff/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const count = (ch: string) =>
    firstLine
      .split('"')
      .filter((_, i) => i % 2 === 0)
      .join('')
      .split(ch).length - 1;
  const delimiter = [',', ';', '\t'].reduce((best, ch) => (count(ch) > count(best) ? ch : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { rows, delimiter };
}

// ------------------------------------------------------------------ from exceljs

interface MetaRecords {
  book?: { id?: string; name?: string };
  sheets: Map<string, { name?: string; id?: number; metadata: MetadataModel[]; charts: ChartModel[] }>;
}

/** The state sheet's column of the first list that could not go inline (after the records' three). */
const LIST_COLUMN = 5;

function columnLetters(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The text of a one-column range of a sheet of the file, for a list that names its items by reference. */
function listValues(wb: ExcelJS.Workbook, name: string, column: string, from: number, to: number): string[] | null {
  const ws = wb.getWorksheet(name);
  if (!ws) return null;
  const out: string[] = [];
  for (let r = from; r <= to; r++) out.push(String(excelValue(ws.getCell(`${column}${r}`)).v));
  return out;
}

function readMeta(ws: ExcelJS.Worksheet | undefined): MetaRecords {
  const meta: MetaRecords = { sheets: new Map() };
  if (!ws) return meta;
  ws.eachRow((row) => {
    const kind = String(row.getCell(1).value ?? '');
    // A row with a list's item only (LIST_COLUMN and after) holds no record.
    if (kind === '') return;
    const sheet = String(row.getCell(2).value ?? '');
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(String(row.getCell(3).value ?? '{}'));
    } catch {
      return;
    }
    if (kind === 'workbook') {
      meta.book = data as MetaRecords['book'];
      return;
    }
    let entry = meta.sheets.get(sheet);
    if (!entry) meta.sheets.set(sheet, (entry = { metadata: [], charts: [] }));
    if (kind === 'sheet') Object.assign(entry, { name: data.name, id: data.id });
    else if (kind === 'metadata') entry.metadata.push(data as unknown as MetadataModel);
    else if (kind === 'chart') entry.charts.push(data as unknown as ChartModel);
  });
  return meta;
}

function argbColor(color: Partial<ExcelJS.Color> | undefined): string | undefined {
  const argb = color?.argb;
  if (!argb || argb.length < 6) return undefined;
  return `#${argb.slice(-6).toLowerCase()}`;
}

function excelValue(cell: ExcelJS.Cell): { v: Stored; f?: string } {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return { v: '' };
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { v: value };
  if (value instanceof Date) return { v: new WallTime(value.getTime()) };
  const obj = value as Record<string, unknown>;
  if ('formula' in obj || 'sharedFormula' in obj) {
    const formula = cell.formula ?? (obj.formula as string);
    const result = obj.result as unknown;
    let v: Stored = '';
    if (result instanceof Date) v = new WallTime(result.getTime());
    else if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') v = result;
    else if (result && typeof result === 'object' && 'error' in result) v = String((result as { error: string }).error);
    return { v, f: formula ? `=${formula}` : undefined };
  }
  if ('richText' in obj) return { v: (obj.richText as { text: string }[]).map((t) => t.text).join('') };
  if ('text' in obj) return { v: String(obj.text) };
  if ('error' in obj) return { v: String(obj.error) };
  return { v: String(value) };
}

function fromExcel(wb: ExcelJS.Workbook, options: WorkbookOptions & { id: string; name: string }): WorkbookModel {
  const meta = readMeta(wb.getWorksheet(META_SHEET));
  const book = newWorkbook(meta.book?.id ?? options.id, meta.book?.name ?? options.name, options.locale, options.timeZone);
  const ids: number[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const extra = meta.sheets.get(ws.name);
    const name = extra?.name ?? ws.name;
    const sheet = newSheet(book, name, DEFAULT_ROWS, DEFAULT_COLS, extra?.id);
    ids.push(sheet.id);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // exceljs hands out the merge's value in every cell under it; Sheets keeps it in the top-left one only.
        const { v, f } = cell.type === ExcelJS.ValueType.Merge ? { v: '' as Stored, f: undefined } : excelValue(cell);
        const data: CellData = { v };
        if (f) data.f = f;
        if (cell.numFmt && !/^general$/i.test(cell.numFmt)) data.numberFormat = cell.numFmt;
        // A date cell in a number format (or a number in a date format) keeps the kind Excel gave it.
        if (typeof v === 'number' && data.numberFormat && isDateFormat(data.numberFormat) && !f) data.v = WallTime.fromSerial(v);
        const font = cell.font;
        if (font?.bold) data.bold = true;
        if (font?.italic) data.italic = true;
        const color = argbColor(font?.color);
        if (color && color !== '#000000') data.fontColor = color;
        if (font?.size && font.size !== 10 && font.size !== 11) data.fontSize = font.size;
        const fill = cell.fill as ExcelJS.FillPattern | undefined;
        if (fill?.type === 'pattern' && fill.pattern === 'solid') {
          const bg = argbColor(fill.fgColor);
          if (bg && bg !== '#ffffff') data.background = bg;
        }
        const h = cell.alignment?.horizontal;
        if (h === 'left' || h === 'center' || h === 'right') data.align = h;
        if (cell.alignment?.wrapText) data.wrap = true;
        const b = cell.border;
        if (b && (b.top || b.left || b.bottom || b.right))
          data.border = { top: !!b.top, left: !!b.left, bottom: !!b.bottom, right: !!b.right };
        if (data.v === '' && !data.f && Object.keys(data).length === 1) return;
        (sheet.cells[r - 1] ??= [])[c - 1] = data;
      });
    });
    // The rules, by address (exceljs gives one object per rule of the file: one model each, shared as the stand-in shares them).
    const rules = new Map<ExcelJS.DataValidation, ValidationModel | null>();
    const validations =
      (ws as unknown as { dataValidations?: { model?: Record<string, ExcelJS.DataValidation> } }).dataValidations?.model ?? {};
    for (const [address, dv] of Object.entries(validations)) {
      if (!rules.has(dv))
        rules.set(
          dv,
          validationOfExcel(dv, (name, column, from, to) => listValues(wb, name, column, from, to)),
        );
      const model = rules.get(dv);
      const at = /^([A-Z]+)(\d+)$/.exec(address);
      if (model && at) cellFor(sheet, Number(at[2]), columnNumber(at[1])).validation = model;
    }
    sheet.maxRows = Math.max(DEFAULT_ROWS, lastRow(sheet), sheet.cells.length);
    let width = lastColumn(sheet);
    for (const line of sheet.cells) if (line) width = Math.max(width, line.length);
    sheet.maxCols = Math.max(DEFAULT_COLS, width);
    const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []) as string[];
    for (const ref of merges) {
      const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
      if (!m) continue;
      const col = columnNumber(m[1]);
      const row = Number(m[2]);
      sheet.merges.push({ row, col, rows: Number(m[4]) - row + 1, cols: columnNumber(m[3]) - col + 1 });
    }
    ws.columns?.forEach((column, i) => {
      if (column.width) sheet.columnWidths.set(i + 1, Math.round(column.width * 7 + 5));
    });
    const view = ws.views?.[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
    if (view?.state === 'frozen') {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenCols = view.xSplit ?? 0;
    }
    sheet.tabColor = argbColor(ws.properties?.tabColor) ?? null;
    sheet.hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    sheet.metadata = extra?.metadata ?? [];
    sheet.charts = extra?.charts ?? [];
    sheet.dirty = false;
    book.sheets.push(sheet);
  }
  if (!book.sheets.length) book.sheets.push(newSheet(book, 'Sheet1'));
  // Ids handed out later must not collide with ids read back.
  const used = book.sheets.flatMap((s) => [...s.metadata.map((m) => m.id), ...s.charts.map((c) => c.id)]);
  book.nextId = Math.max(book.nextId, ...used, ...ids.map((i) => (i - 100_000_000) / 7919).filter(Number.isInteger)) + 1;
  book.activeSheetId = (book.sheets.find((s) => !s.hidden) ?? book.sheets[0]).id;
  return book;
}

// ------------------------------------------------------------------ to exceljs

const BAD_NAME = /[*?:/\\[\]]/g;

/** Excel's sheet names: at most 31 characters, none of `* ? : / \ [ ]`, not History, unique. */
function excelNames(names: string[]): string[] {
  const taken = new Set<string>([META_SHEET.toLowerCase()]);
  return names.map((name) => {
    let base = name.replace(BAD_NAME, '_').replace(/^'+|'+$/g, '_');
    if (base === '' || base.toLowerCase() === 'history') base = `${base}_`;
    let candidate = base.slice(0, 31);
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function argb(color: string): string {
  return `FF${color.replace('#', '').toUpperCase()}`;
}

/**
 * Text as an .xlsx string holds it. OOXML strings encode characters XML cannot
 * carry as `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), and readers (Excel,
 * exceljs) decode every such run: a name typed as `_x0041_` would come back as
 * "A", a control character would be dropped. exceljs writes text as it is, so the
 * escape is done here: a literal `_xHHHH_` gets its underscore escaped
 * (`_x005F_xHHHH_`), a control character becomes `_xHHHH_`.
 */
export function xlsxText(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(
    // eslint-disable-next-line no-control-regex -- control characters are what this escapes
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

function excelCellValue(cell: CellData): ExcelJS.CellValue {
  const v = cell.v;
  const result = v instanceof WallTime ? v.toUtcDate() : v === '' ? undefined : v;
  if (cell.f) {
    const isError = typeof result === 'string' && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|ERROR!)$/.test(result);
    return {
      formula: cell.f.slice(1),
      result: isError ? { error: result as ExcelJS.CellErrorValue['error'] } : (result as number | string | boolean | Date | undefined),
    } as ExcelJS.CellFormulaValue;
  }
  if (typeof result === 'string') return xlsxText(result);
  return result === undefined ? null : result;
}

/** Write the model to an .xlsx file (atomically: a temporary file renamed over the target). */
export async function writeWorkbook(book: WorkbookModel, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // Fixed document dates: the same workbook gives the same file contents.
  wb.creator = 'repeat-sales local runtime';
  wb.created = new Date(Date.UTC(2020, 0, 1));
  wb.modified = new Date(Date.UTC(2020, 0, 1));
  const names = excelNames(book.sheets.map((s) => s.name));
  const meta: [string, string, string][] = [['workbook', '', JSON.stringify({ id: book.id, name: book.name })]];
  // Lists that cannot go inline: a column each on the state sheet, from its fifth (local/xlsxValidations.ts).
  const lists: string[][] = [];
  const listFormulas = new Map<ValidationModel, string>();
  const rangeFormula =
    (model: ValidationModel) =>
    (list: string[]): string => {
      let formula = listFormulas.get(model);
      if (formula === undefined) {
        lists.push(list);
        listFormulas.set(model, (formula = listRangeFormula(META_SHEET, columnLetters(LIST_COLUMN + lists.length - 1), list.length)));
      }
      return formula;
    };
  book.sheets.forEach((sheet, i) => {
    const name = names[i];
    const ws = wb.addWorksheet(name, {
      state: sheet.hidden ? 'hidden' : 'visible',
      // Sheets' default column is 100 px; Excel's own default (8.43) would be narrower.
      properties: {
        defaultColWidth: widthUnits(DEFAULT_COLUMN_WIDTH),
        ...(sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {}),
      },
      views: sheet.frozenRows || sheet.frozenCols ? [{ state: 'frozen', xSplit: sheet.frozenCols, ySplit: sheet.frozenRows }] : [],
    });
    meta.push(['sheet', name, JSON.stringify({ name: sheet.name, id: sheet.id })]);
    for (const m of sheet.metadata) meta.push(['metadata', name, JSON.stringify(m)]);
    for (const c of sheet.charts) meta.push(['chart', name, JSON.stringify(c)]);
    sheet.cells.forEach((row, r) => {
      if (!row) return;
      row.forEach((cell, c) => {
        if (!cell) return;
        const x = ws.getCell(r + 1, c + 1);
        const value = excelCellValue(cell);
        if (value !== null) x.value = value;
        const fmt = cell.numberFormat ?? (cell.v instanceof WallTime ? defaultDateFormat(book.locale) : undefined);
        if (fmt) x.numFmt = fmt;
        // A font name on every cell: without one LibreOffice styles bold/italic/grey text in its default serif.
        {
          x.font = {
            name: FONT_NAME,
            size: cell.fontSize ?? FONT_SIZE,
            ...(cell.bold ? { bold: true } : {}),
            ...(cell.italic ? { italic: true } : {}),
            ...(cell.fontColor ? { color: { argb: argb(cell.fontColor) } } : {}),
          };
        }
        if (cell.validation) x.dataValidation = excelValidation(cell.validation, rangeFormula(cell.validation));
        if (cell.background) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(cell.background) } };
        if (cell.align || cell.wrap)
          x.alignment = { ...(cell.align ? { horizontal: cell.align } : {}), ...(cell.wrap ? { wrapText: true } : {}) };
        const b = cell.border;
        if (b && (b.top || b.left || b.bottom || b.right)) {
          const thin = { style: 'thin' as const };
          x.border = {
            ...(b.top ? { top: thin } : {}),
            ...(b.left ? { left: thin } : {}),
            ...(b.bottom ? { bottom: thin } : {}),
            ...(b.right ? { right: thin } : {}),
          };
        }
      });
    });
    for (const m of sheet.merges) ws.mergeCells(m.row, m.col, m.row + m.rows - 1, m.col + m.cols - 1);
    // Widths that fit what the cells show, heights that fit wrapped text, and a page setup (local/xlsxLayout.ts).
    const layout = sheetLayout(sheet, book.locale);
    for (const [col, units] of layout.widths) {
      const px = sheet.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
      // Untouched default columns stay unset, so that reading the file back gives the same model.
      if (px !== DEFAULT_COLUMN_WIDTH || units !== widthUnits(DEFAULT_COLUMN_WIDTH)) ws.getColumn(col).width = units;
    }
    for (const [row, pt] of layout.heights) ws.getRow(row).height = pt;
    const page = pageLayout(sheet, layout);
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: page.orientation,
      fitToPage: true,
      fitToWidth: page.fitToWidth,
      fitToHeight: page.fitToHeight,
      ...(page.printTitlesRow ? { printTitlesRow: page.printTitlesRow } : {}),
    };
  });
  const hidden = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  hidden.addRows(meta.map((row) => row.map(xlsxText)));
  lists.forEach((list, k) => list.forEach((item, r) => (hidden.getCell(r + 1, LIST_COLUMN + k).value = xlsxText(item))));
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, await finishXlsx(Buffer.from(await wb.xlsx.writeBuffer()), book, names));
  await rename(tmp, file);
}
