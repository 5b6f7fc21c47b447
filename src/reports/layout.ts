/**
 * What every report builder shares: a grid that collects cells, style areas and
 * charts into a SheetSpec, the header block (title, as-of date, source,
 * parameters), tables with one style per column, and the labels of segments,
 * bands and managers.
 */
import { type AbcXyzOptions } from '../core/abcXyz';
import { type LifecycleBands, SEGMENT_KEYS, segmentBands, segmentKey } from '../core/lifecycle';
import { dateFormatOf, moneyFormatOf, numberText, percentText } from '../core/localeFormats';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import { type ReportContext, type SheetContext } from './context';
import {
  type Area,
  type Cell,
  type ChartSpec,
  type ConditionalFormat,
  type ReportKind,
  type SheetInputs,
  type SheetSpec,
  type Style,
} from './sheetSpec';

/**
 * Number patterns: `,` and `.` are placeholders that Sheets shows as the spreadsheet
 * locale's marks (https://developers.google.com/sheets/api/guides/formats), so one
 * pattern serves every locale. Money and dates depend on the locale and the
 * currency: moneyFormat(ctx) and dateFormat(ctx).
 */
export const FORMAT = {
  count: '#,##0',
  decimal: '#,##0.0',
  ratio: '0.00',
  percent: '0.0%',
  text: '@',
} as const;

/** What the number formats of a sheet depend on: the spreadsheet's locale and the amounts' currency (never the language). */
export type FormatFacts = Pick<ReportContext, 'locale' | 'currency'>;

/** Date cells: the spreadsheet locale's date pattern (m/d/yyyy in en_US, dd.mm.yyyy in ru_RU), whatever the language. */
export function dateFormat(ctx: FormatFacts): string {
  return dateFormatOf(ctx.locale);
}

/** Money cells: whole units with the currency's sign when the orders' amount column shows one (src/core/localeFormats.ts). */
export function moneyFormat(ctx: FormatFacts): string {
  return moneyFormatOf(ctx.locale, ctx.currency);
}

export const COLOUR = {
  header: '#e8eaed',
  section: '#cfe2f3',
  input: '#fff2cc',
  good: '#d9ead3',
  bad: '#f4cccc',
  same: '#eeeeee',
  tab: '#34a853',
} as const;

/** White -> green by a fraction 0..1 (the colour of a cell in a colour scale). */
export function scaleColour(fraction: number): string {
  const f = Number.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
  const [r, g, b] = [0xff + (0x57 - 0xff) * f, 0xff + (0xbb - 0xff) * f, 0xff + (0x8a - 0xff) * f].map(Math.round);
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Collects a sheet: cells from A1 (1-based coordinates), style areas and charts. */
export class SheetGrid {
  readonly cells: Cell[][] = [];
  readonly styles: Style[] = [];
  readonly charts: ChartSpec[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  inputs: SheetInputs | undefined;

  /** The first row below everything written so far. */
  get nextRow(): number {
    return this.cells.length + 1;
  }

  private line(row: number): Cell[] {
    while (this.cells.length < row) this.cells.push([]);
    return this.cells[row - 1];
  }

  /** Writes values to the right of (row, col). A row written from column 1 into an empty line is kept as is (no copy). */
  put(row: number, col: number, values: Cell[]): void {
    const line = this.line(row);
    if (col === 1 && line.length === 0) {
      this.cells[row - 1] = values;
      return;
    }
    while (line.length < col - 1) line.push(null);
    for (let k = 0; k < values.length; k++) line[col - 1 + k] = values[k];
  }

  style(area: Area, style: Omit<Style, 'area'>): void {
    if (area.rows > 0 && area.cols > 0) this.styles.push({ area, ...style });
  }

  spec(fields: {
    kind: ReportKind;
    key: string;
    name: string;
    summary: string;
    columnWidths?: number[];
    frozenRows?: number;
    frozenColumns?: number;
  }): SheetSpec {
    return {
      ...fields,
      cells: this.cells,
      styles: this.styles,
      charts: this.charts,
      tabColor: COLOUR.tab,
      ...(this.inputs ? { inputs: this.inputs } : {}),
      ...(this.conditionalFormats.length ? { conditionalFormats: this.conditionalFormats } : {}),
    };
  }
}

export interface Column {
  header: string;
  format?: string;
  align?: 'left' | 'center' | 'right';
  wrap?: boolean;
}

export interface TablePlace {
  /** Row of the header. */
  header: number;
  /** First and last data row (last < first when there are no rows). */
  first: number;
  last: number;
  left: number;
  cols: number;
}

/**
 * A table: a bold header row on grey, the rows, one number-format style per column
 * (not per cell: the cost stays flat however many rows), an optional bold total row.
 */
export function writeTable(g: SheetGrid, top: number, left: number, columns: Column[], rows: Cell[][], total?: Cell[]): TablePlace {
  g.put(
    top,
    left,
    columns.map((c) => c.header),
  );
  g.style({ row: top, col: left, rows: 1, cols: columns.length }, { bold: true, background: COLOUR.header, wrap: true, border: true });
  for (let k = 0; k < rows.length; k++) g.put(top + 1 + k, left, rows[k]);
  let last = top + rows.length;
  if (total) {
    last++;
    g.put(last, left, total);
    g.style({ row: last, col: left, rows: 1, cols: columns.length }, { bold: true, background: COLOUR.same });
  }
  const first = top + 1;
  columns.forEach((c, k) => {
    const area = { row: first, col: left + k, rows: last - first + 1, cols: 1 };
    if (c.format) g.style(area, { numberFormat: c.format });
    if (c.align || c.wrap) g.style(area, { ...(c.align ? { align: c.align } : {}), ...(c.wrap ? { wrap: true } : {}) });
  });
  return { header: top, first, last, left, cols: columns.length };
}

/** The words of the kept-inputs block of a sheet with input cells (src/reports/inputs.ts). */
export function keptInputsWords(lang: Lang): SheetInputs['kept'] {
  return {
    title: t(lang, 'report.inputs.keptTitle'),
    note: t(lang, 'report.inputs.keptNote'),
    input: t(lang, 'report.inputs.input'),
    value: t(lang, 'report.inputs.value'),
  };
}

/** A section heading: bold on light blue across `cols` columns. */
export function writeSection(g: SheetGrid, row: number, col: number, text: string, cols = 1): void {
  g.put(row, col, [text]);
  g.style({ row, col, rows: 1, cols }, { bold: true, background: COLOUR.section });
}

/** A parameter row of the header block: label, value and its number format. */
export type HeaderParam = [label: string, value: Cell, format?: string];

/**
 * Title, as-of date, where the data came from and the parameters, from A1 down.
 * Returns the first free row after one blank line.
 */
export function writeHeader(g: SheetGrid, ctx: SheetContext, title: string, params: HeaderParam[] = []): number {
  const L = ctx.lang;
  g.put(1, 1, [title]);
  g.style({ row: 1, col: 1, rows: 1, cols: 1 }, { bold: true, fontSize: 14 });
  const rows: HeaderParam[] = [
    [t(L, 'report.asOf'), ctx.dateOf(ctx.asOf), dateFormat(ctx)],
    [t(L, 'report.ordersSheet'), ctx.source.sheetName],
    [t(L, 'report.orderRows'), ctx.source.rows, FORMAT.count],
    [t(L, 'report.unreadableRows'), ctx.source.unreadableRows, FORMAT.count],
    ...params,
  ];
  rows.forEach(([label, value, format], k) => {
    g.put(2 + k, 1, [label, value]);
    if (format) g.style({ row: 2 + k, col: 2, rows: 1, cols: 1 }, { numberFormat: format });
  });
  const last = 1 + rows.length;
  g.style({ row: 2, col: 1, rows: rows.length, cols: 1 }, { fontColor: '#5f6368' });
  g.style({ row: 2, col: 2, rows: rows.length, cols: 1 }, { align: 'left' });
  return last + 2;
}

/** A number in a summary text as the sheet's cells show it, in the spreadsheet's locale: 1,204 / 1 204 / 1.204. */
export function formatNumber(ctx: FormatFacts, n: number, decimals = 0): string {
  return numberText(ctx.locale, n, decimals);
}

/** A share as a percent text: 0.3 -> "30%", 0.016 -> "1.6%" (en_US) / "1,6%" (ru_RU). */
export function formatPercent(ctx: FormatFacts, share: number): string {
  return percentText(ctx.locale, share);
}

/** "Regular Sleeping" / «Постоянные Засыпающие». */
export function segmentName(lang: Lang, segment: number): string {
  const { count, recency } = segmentBands(segment);
  return `${t(lang, `count.${count}`)} ${t(lang, `recency.${recency}`)}`;
}

/** The purchases a count band covers: "1 purchase", "2-3 purchases", "4 and more purchases". */
export function countRange(lang: Lang, band: number, bands: LifecycleBands): string {
  const from = [1, bands.prospectiveFrom, bands.regularFrom][band];
  if (band === 2) return t(lang, 'report.atLeast.purchases', { n: from });
  const to = [bands.prospectiveFrom, bands.regularFrom][band] - 1;
  return from === to ? t(lang, 'report.exact.purchases', { n: from }) : t(lang, 'report.range.purchases', { from, to });
}

/** The days a recency band covers: "0-60 days", "61-180 days", "more than 180 days". */
export function recencyRange(lang: Lang, band: number, bands: LifecycleBands): string {
  if (band === 2) return t(lang, 'report.moreThan.days', { n: bands.sleepingTo });
  const from = band === 0 ? 0 : bands.activeTo + 1;
  const to = band === 0 ? bands.activeTo : bands.sleepingTo;
  return t(lang, 'report.range.days', { from, to });
}

const COUNT_KEYS = ['count.new', 'count.prospective', 'count.regular'] as const;
const RECENCY_KEYS = ['recency.active', 'recency.sleeping', 'recency.lapsed'] as const;

/** "New (1 purchase)". */
export function countBandLabel(lang: Lang, band: number, bands: LifecycleBands): string {
  return `${t(lang, COUNT_KEYS[band])} (${countRange(lang, band, bands)})`;
}

/** "Active (0-60 days)". */
export function recencyBandLabel(lang: Lang, band: number, bands: LifecycleBands): string {
  return `${t(lang, RECENCY_KEYS[band])} (${recencyRange(lang, band, bands)})`;
}

/** The manager as shown: their name, or "(no manager)". */
/** The header row that says what XYZ measured: purchase regularity, or revenue per period. */
export function xyzBasisRow(lang: Lang, options: AbcXyzOptions): [string, string] {
  const what =
    options.basis === 'intervals'
      ? t(lang, 'report.xyzBasis.intervals')
      : t(lang, 'report.xyzBasis.revenue', { period: t(lang, `report.period.${options.period}` as MessageKey) });
  return [t(lang, 'report.xyzBasis'), what];
}

export function managerName(lang: Lang, manager: string): string {
  return manager === '' ? t(lang, 'report.noManager') : manager;
}

/** Every segment key in matrix order: new_active .. regular_lapsed. */
export { SEGMENT_KEYS };

/** The suggested action of a segment: the user's text where they gave one, else the default. */
export function segmentAction(ctx: SheetContext, segment: number): string {
  const key = segmentKey(segment);
  const own = ctx.params.actions[key];
  return typeof own === 'string' && own.trim() !== '' ? own.trim() : t(ctx.lang, `report.action.${key}` as MessageKey);
}

/** Dates of many cells: one Date per distinct day. */
export function dateCache(ctx: SheetContext): (day: number) => Date {
  const cache = new Map<number, Date>();
  return (day) => {
    let d = cache.get(day);
    if (!d) {
      d = ctx.dateOf(day);
      cache.set(day, d);
    }
    return d;
  };
}

/** The last day of a period [from, to) clamped to the as-of date: days on or after it are left out (docs/definitions.md: the as-of date). */
export function clampPeriod(ctx: ReportContext, p: { from: number; to: number }): { from: number; to: number } {
  const to = Math.min(p.to, ctx.asOf);
  return { from: Math.min(p.from, to), to };
}
