/**
 * An orders tab as the add-on sees it: the header row, the column mapping (saved or
 * found from the headers), and the rows read into typed orders with the read report.
 * Pure: `values` is the tab's whole data range, fetched by the caller in one call.
 */
import { type Calendar } from '../core/calendar';
import { type OrderField, detectColumns } from '../core/columns';
import { UserError, quote } from '../core/errors';
import { isoOfDay } from '../core/isoDates';
import { type OrderSources, type ReadResult, readOrders } from '../core/orders';
import { type LocaleRules, cellText } from '../core/values';
import { columnLetter } from '../reports/sheetSpec';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { DataInfo, FieldName, Mapping } from './api';
import { FIELD_NAMES, mappingProblem } from './settings';

/** Fields every report needs. */
export const REQUIRED_FIELDS: readonly FieldName[] = ['date', 'customer', 'amount'];
const SHOWN_PROBLEMS = 5;

export interface OrdersTable {
  sheetName: string;
  /** The whole data range, header row first. */
  values: readonly (readonly unknown[])[];
}

export interface ReadTable {
  sheetName: string;
  headers: string[];
  mapping: Mapping;
  detected: Mapping;
  missing: FieldName[];
  read: ReadResult;
}

export interface ReadEnv {
  calendar: Calendar;
  rules: LocaleRules;
  lang: Lang;
}

/** True when a header row names at least a date and a customer column. */
export function looksLikeOrders(header: readonly unknown[]): boolean {
  const found = detectColumns(header);
  return found.date !== undefined && found.customer !== undefined;
}

const fieldLabel = (lang: Lang, field: FieldName): string => t(lang, `field.${field}` as MessageKey);

/**
 * Reads the table with the saved mapping (or the one found from the headers).
 * Throws a UserError naming the tab and the field when the table cannot be read at all.
 */
export function readOrdersTable(table: OrdersTable, saved: Mapping | null, env: ReadEnv, asOf: number): ReadTable {
  const { sheetName, values } = table;
  const { lang } = env;
  if (values.length === 0 || values[0].every((v) => cellText(v) === ''))
    throw new UserError(t(lang, 'err.emptySheet', { name: sheetName }));
  const headers = values[0].map((v) => cellText(v));
  const detected = detectColumns(headers) as Mapping;
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
  const rows = values.slice(1);
  const sources: Partial<OrderSources> = {};
  for (const field of FIELD_NAMES) {
    const column = mapping[field];
    if (column === undefined) continue;
    const label = `${headers[column] || fieldLabel(lang, field)} (${columnLetter(column + 1)})`;
    sources[field as OrderField] = { values: rows, column, label };
  }
  const read = readOrders(sources as OrderSources, {
    calendar: env.calendar,
    rules: env.rules,
    firstRow: 2,
    asOf,
    maxIssues: SHOWN_PROBLEMS,
  });
  return { sheetName, headers, mapping, detected, missing, read };
}

/** The sidebar's data section for a table that was read. */
export function dataInfoOf(sheets: string[], table: ReadTable, customers: number, lang: Lang): DataInfo {
  const { report } = table.read;
  return {
    sheets,
    ordersSheet: table.sheetName,
    headers: table.headers,
    mapping: table.mapping,
    detected: table.detected,
    missing: table.missing,
    rows: report.rows,
    readRows: report.readRows,
    unreadableRows: report.unreadableRows,
    blankRows: report.blankRows,
    afterAsOf: report.afterAsOf,
    customers,
    firstDate: Number.isNaN(report.firstDay) ? null : isoOfDay(report.firstDay),
    lastDate: Number.isNaN(report.lastDay) ? null : isoOfDay(report.lastDay),
    problems: report.issues.map((issue) => ({
      row: issue.row,
      column: issue.column,
      value: issue.reason.startsWith('empty') ? '' : quote(issue.value),
      reason: t(lang, `issue.${issue.reason}` as MessageKey),
    })),
    error: null,
  };
}

/** The data section when the tab could not be read: what is known, and the reason. */
export function dataInfoError(
  sheets: string[],
  sheetName: string | null,
  headers: string[],
  saved: Mapping | null,
  error: string,
): DataInfo {
  const detected = detectColumns(headers) as Mapping;
  return {
    sheets,
    ordersSheet: sheetName,
    headers,
    mapping: saved ?? detected,
    detected,
    missing: REQUIRED_FIELDS.filter((f) => (saved ?? detected)[f] === undefined),
    rows: 0,
    readRows: 0,
    unreadableRows: 0,
    blankRows: 0,
    afterAsOf: 0,
    customers: 0,
    firstDate: null,
    lastDate: null,
    problems: [],
    error,
  };
}
