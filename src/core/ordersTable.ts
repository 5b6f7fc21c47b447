/**
 * An orders table with its header row, as the add-on and the custom functions read
 * it: the columns found from the headers (or mapped by the user) and the rows read
 * into typed orders with the read report. One reading for the reports and for the
 * formulas given a whole table, so that a purchase is the same in both.
 */
import { type Calendar } from './calendar';
import {
  type ColumnMapping,
  type DuplicateColumn,
  ORDER_FIELDS,
  type OrderField,
  columnLetter,
  detectColumns,
  duplicateColumns,
} from './columns';
import { looksLikeNps } from './npsResponses';
import { UserError } from './errors';
import { type OrderSources, type ReadResult, readOrders } from './orders';
import { type LocaleRules, cellText } from './values';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';

/** Fields every report needs. */
export const REQUIRED_FIELDS: readonly OrderField[] = ['date', 'customer', 'amount'];
const SHOWN_PROBLEMS = 5;

export { columnLetter } from './columns';

export interface OrdersTable {
  sheetName: string;
  /** The whole data range, header row first. */
  values: readonly (readonly unknown[])[];
}

export interface ReadTable {
  sheetName: string;
  headers: string[];
  mapping: ColumnMapping;
  detected: ColumnMapping;
  missing: OrderField[];
  /** Columns whose header names a field another column was given: left unused unless mapped. */
  duplicates: DuplicateColumn[];
  read: ReadResult;
}

export interface ReadEnv {
  calendar: Calendar;
  rules: LocaleRules;
  lang: Lang;
}

/**
 * True when a header row names at least a date and a customer column, and is not
 * an NPS tab's (a respondent, a date and a score, no amount): an NPS tab before the
 * orders would otherwise be read as orders without amounts.
 */
export function looksLikeOrders(header: readonly unknown[]): boolean {
  const found = detectColumns(header);
  return found.date !== undefined && found.customer !== undefined && (found.amount !== undefined || !looksLikeNps(header));
}

/** Where the mapping points outside the sheet: the first problem, else null. */
export function mappingProblem(mapping: ColumnMapping, columns: number): { field: OrderField; column: number } | null {
  for (const field of ORDER_FIELDS) {
    const col = mapping[field];
    if (col !== undefined && col >= columns) return { field, column: col };
  }
  return null;
}

export const fieldLabel = (lang: Lang, field: OrderField): string => t(lang, `field.${field}` as MessageKey);

/** A column as the user knows it: "Дата (B)", or the field's name where the header cell is empty. */
export function columnName(headers: readonly string[], column: number, lang: Lang, field: OrderField): string {
  return `${headers[column] || fieldLabel(lang, field)} (${columnLetter(column + 1)})`;
}

/**
 * The mapped columns of the rows below the header, each named as the user knows it:
 * "Дата (B)", or the field's name where the header cell is empty.
 */
export function columnSources(
  rows: readonly (readonly unknown[])[],
  headers: readonly string[],
  mapping: ColumnMapping,
  lang: Lang,
): OrderSources {
  const sources: Partial<OrderSources> = {};
  for (const field of ORDER_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    sources[field] = { values: rows, column, label: columnName(headers, column, lang, field) };
  }
  return sources as OrderSources;
}

/**
 * Reads the table with the saved mapping (or the one found from the headers).
 * Throws a UserError naming the tab and the field when the table cannot be read at all.
 */
export function readOrdersTable(
  table: OrdersTable,
  saved: ColumnMapping | null,
  env: ReadEnv,
  asOf: number,
  maxIssues = SHOWN_PROBLEMS,
): ReadTable {
  const { sheetName, values } = table;
  const { lang } = env;
  if (values.length === 0 || values[0].every((v) => cellText(v) === ''))
    throw new UserError(t(lang, 'err.emptySheet', { name: sheetName }));
  const headers = values[0].map((v) => cellText(v));
  const detected = detectColumns(headers);
  const mapping = saved ?? detected;
  const outside = mappingProblem(mapping, headers.length);
  if (outside) {
    throw new UserError(
      t(lang, 'err.columnOutOfRange', {
        column: columnLetter(outside.column + 1),
        field: fieldLabel(lang, outside.field),
        name: sheetName,
        count: headers.length,
      }),
    );
  }
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.includes('date') || missing.includes('customer')) {
    throw new UserError(t(lang, 'err.missingColumns', { name: sheetName, fields: missing.map((f) => fieldLabel(lang, f)).join(', ') }));
  }
  // The header row stays out of the data; only the outer array is copied.
  const sources = columnSources(values.slice(1), headers, mapping, lang);
  const read = readOrders(sources, { calendar: env.calendar, rules: env.rules, firstRow: 2, asOf, maxIssues });
  // Only a duplicate that stays unused is news: once mapped, the user chose it.
  const used = new Set(ORDER_FIELDS.map((f) => mapping[f]));
  const duplicates = duplicateColumns(headers)
    .filter((d) => !used.has(d.column))
    .map((d) => ({ ...d, used: mapping[d.field] ?? d.used }));
  return { sheetName, headers, mapping, detected, missing, duplicates, read };
}
