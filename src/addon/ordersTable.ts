/**
 * An orders tab as the sidebar shows it: the read report of the core's reading
 * (src/core/ordersTable.ts) as the data section's DataInfo.
 */
import { detectColumns } from '../core/columns';
import { quote } from '../core/errors';
import { isoOfDay } from '../core/isoDates';
import { REQUIRED_FIELDS, type ReadTable, columnName } from '../core/ordersTable';
import { type Lang, type MessageKey, t } from '../i18n/catalogue';
import type { DataInfo, Mapping, StaleData } from './api';

export { looksLikeOrders, readOrdersTable, REQUIRED_FIELDS, type OrdersTable, type ReadEnv, type ReadTable } from '../core/ordersTable';

/**
 * Orders whose last day is more than the Sleeping band (`sleepingTo` days) before
 * the as-of date: nobody can be Active or Sleeping, which looks like a broken
 * report rather than old data. Null otherwise.
 */
export function staleData(lastDay: number, asOf: number, sleepingTo: number): StaleData | null {
  if (!Number.isFinite(lastDay) || asOf - lastDay <= sleepingTo) return null;
  return { days: asOf - lastDay, suggestedAsOf: isoOfDay(lastDay + 1) };
}

/** The sidebar's data section for a table that was read; `when` (as-of day, Sleeping band's end) adds the stale-data hint. */
export function dataInfoOf(
  sheets: string[],
  table: ReadTable,
  customers: number,
  lang: Lang,
  when?: { asOf: number; sleepingTo: number },
): DataInfo {
  const { report } = table.read;
  return {
    sheets,
    ordersSheet: table.sheetName,
    headers: table.headers,
    mapping: table.mapping,
    detected: table.detected,
    missing: table.missing,
    // Every row below the header, so that read + unreadable + blank adds up to it.
    rows: report.rows + report.blankRows,
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
    duplicates: table.duplicates.map((d) => ({
      column: columnName(table.headers, d.column, lang, d.field),
      field: d.field,
      used: columnName(table.headers, d.used, lang, d.field),
    })),
    stale: when ? staleData(report.lastDay, when.asOf, when.sleepingTo) : null,
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
    duplicates: [],
    stale: null,
    error,
  };
}
