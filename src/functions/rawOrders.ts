/**
 * Order rows as the custom functions take them, in two shapes resolved here once:
 * three columns (customers, dates, optional amounts, then as_of), or the whole
 * orders table with its header row (then as_of). The table is read exactly as the
 * sidebar reads an orders tab (src/core/ordersTable.ts): the same header detection,
 * order ids, returns, managers, profit and contacts, so a purchase in a formula is
 * a purchase in a report.
 */
import { type ExpectKey, type UserError } from '../core/errors';
import { detectColumns, isHeaderOf } from '../core/columns';
import { type OrderRows, type ReadReport, type RowIssue, readOrders } from '../core/orders';
import { columnSources, looksLikeOrders } from '../core/ordersTable';
import { type CustomerSummary, buildSummary } from '../core/summary';
import { cellText, isBlank, parseAmount, parseDay } from '../core/values';
import { type Lang, t } from '../i18n/catalogue';
import { type CallContext, asOfArg, callError, columnRows, isOmitted, isRange, rowError, sameLengths } from './args';

/** The order rows of a call as read (every unreadable row refused), before they are summarised. */
export interface ReadRows {
  orders: OrderRows;
  report: ReadReport;
  asOf: number;
  hasAmounts: boolean;
  /** Only a whole table can have these. */
  hasManager: boolean;
  hasProfit: boolean;
}

export interface RawOrders extends ReadRows {
  summary: CustomerSummary;
}

/** The order rows of a call, and the arguments after as_of (options, language last). */
export interface OrdersArgs {
  /** Reads the rows, with errors in the call's language (known once the options are read). */
  read(ctx: CallContext): RawOrders;
  /** The same rows, not yet summarised (`summarise` does that): for a computation that needs less than the summary. */
  readRows(ctx: CallContext): ReadRows;
  options: unknown[];
  table: boolean;
}

/** A whole orders table: a range of two or more columns whose first row names a date and a customer column. */
export function ordersTableArg(value: unknown): unknown[][] | null {
  if (!isRange(value) || value.length < 1 || value[0].length < 2) return null;
  return looksLikeOrders(value[0]) ? value : null;
}

/** (table, as_of, ...options) or (customers, dates, amounts, as_of, ...options). */
export function ordersArgs(args: readonly unknown[]): OrdersArgs {
  const table = ordersTableArg(args[0]);
  if (table) {
    const readRows = (ctx: CallContext): ReadRows => readTableRows(ctx, table, args[1]);
    return { table: true, options: args.slice(2), readRows, read: (ctx) => summarise(ctx, readRows(ctx)) };
  }
  const readRows = (ctx: CallContext): ReadRows => {
    // A table pasted without its header row would otherwise read as customers, dates, amounts in the wrong places.
    const first = args[0];
    if (isRange(first) && first.length > 1 && (first[0]?.length ?? 0) > 1) {
      throw callError(ctx, 'err.fn.tableWithoutHeader', { name: 'customers', count: first[0].length });
    }
    return readRawRows(ctx, args[0], args[1], args[2], args[3]);
  };
  return { table: false, options: args.slice(4), readRows, read: (ctx) => summarise(ctx, readRows(ctx)) };
}

/** The whole orders table (header row first), read as the sidebar reads a tab. */
export function readTableOrders(ctx: CallContext, table: unknown[][], asOfValue: unknown): RawOrders {
  return summarise(ctx, readTableRows(ctx, table, asOfValue));
}

function readTableRows(ctx: CallContext, table: unknown[][], asOfValue: unknown): ReadRows {
  const asOf = asOfArg(ctx, asOfValue);
  const headers = table[0].map((v) => cellText(v));
  const mapping = detectColumns(headers);
  let end = table.length;
  while (end > 1 && table[end - 1].every(isBlank)) end--;
  const rows = table.slice(1, end);
  const sources = columnSources(rows, headers, mapping, ctx.lang);
  const { orders, report } = readOrders(sources, { calendar: ctx.calendar, rules: ctx.rules, firstRow: 2, asOf, maxIssues: 1 });
  return readable(ctx, orders, report, asOf, {
    hasAmounts: mapping.amount !== undefined,
    hasManager: mapping.manager !== undefined,
    hasProfit: mapping.profit !== undefined || mapping.margin !== undefined,
  });
}

/** The rows as read, or the error of the first unreadable one. */
function readable(
  ctx: CallContext,
  orders: OrderRows,
  report: ReadReport,
  asOf: number,
  has: Pick<ReadRows, 'hasAmounts' | 'hasManager' | 'hasProfit'>,
): ReadRows {
  if (report.issues.length > 0) throw issueError(ctx, report.issues[0]);
  return { orders, report, asOf, ...has };
}

/** The rows summarised; an error when no customer has a purchase before as_of. */
export function summarise(ctx: CallContext, rows: ReadRows): RawOrders {
  const summary = buildSummary(rows.orders, { asOf: rows.asOf });
  if (summary.size === 0) throw noPurchasesError(ctx, rows);
  return { ...rows, summary };
}

/** "No purchases before as_of": every row read is on or after it, or a return. */
export function noPurchasesError(ctx: CallContext, rows: ReadRows): UserError {
  return callError(ctx, 'err.fn.noPurchasesBeforeAsOf', { date: { quote: ctx.calendar.dateOf(rows.asOf) }, rows: rows.report.readRows });
}

/** What an unreadable value should have been; null where the cell is empty. */
const EXPECTED: Readonly<Record<RowIssue['reason'], ExpectKey | null>> = {
  notADate: 'err.expect.date',
  dayFirstDate: 'err.expect.dateMonthFirst',
  monthFirstDate: 'err.expect.dateDayFirst',
  notANumber: 'err.expect.number',
  notAMargin: 'err.expect.margin',
  outOfRange: 'err.expect.amountInRange',
  emptyCustomer: null,
  emptyDate: null,
  emptyAmount: null,
};

/** The error for the first unreadable row: "dates row 17 is "32.13.2024", not a date", in the call's language. */
export function issueError(ctx: CallContext, issue: RowIssue): UserError {
  const expected = EXPECTED[issue.reason];
  if (expected === null) return callError(ctx, 'err.fn.rowEmpty', { name: issue.column, row: issue.row });
  return rowError(ctx, issue.column, issue.row, issue.value, expected);
}

export function readRawOrders(
  ctx: CallContext,
  customersArg: unknown,
  datesArg: unknown,
  amountsArg: unknown,
  asOfValue: unknown,
): RawOrders {
  return summarise(ctx, readRawRows(ctx, customersArg, datesArg, amountsArg, asOfValue));
}

function readRawRows(ctx: CallContext, customersArg: unknown, datesArg: unknown, amountsArg: unknown, asOfValue: unknown): ReadRows {
  const asOf = asOfArg(ctx, asOfValue);
  let customers = columnRows(ctx, 'customers', customersArg);
  let dates = columnRows(ctx, 'dates', datesArg);
  const hasAmounts = !isOmitted(amountsArg);
  let amounts = hasAmounts ? columnRows(ctx, 'amounts', amountsArg) : [];
  if (customers.length === 0 && dates.length === 0) throw callError(ctx, 'err.fn.noOrders');
  sameLengths(
    ctx,
    hasAmounts
      ? [
          ['customers', customers],
          ['dates', dates],
          ['amounts', amounts],
        ]
      : [
          ['customers', customers],
          ['dates', dates],
        ],
  );

  // Whole-column references (A:A) bring the header row along: skip it when it is plainly a header.
  let firstRow = 1;
  if (isHeaderRow(ctx, customers, dates, hasAmounts ? amounts : null)) {
    customers = customers.slice(1);
    dates = dates.slice(1);
    amounts = amounts.slice(1);
    firstRow = 2;
  }

  const { orders, report } = readOrders(
    {
      customer: { values: customers, column: 0, label: 'customers' },
      date: { values: dates, column: 0, label: 'dates' },
      ...(hasAmounts ? { amount: { values: amounts, column: 0, label: 'amounts' } } : {}),
    },
    { calendar: ctx.calendar, rules: ctx.rules, firstRow, asOf, maxIssues: 1 },
  );
  return readable(ctx, orders, report, asOf, { hasAmounts, hasManager: false, hasProfit: false });
}

/** Text with a word in it (two letters in a row), where "32.13.2024", "1e5" or "n/a" is a mistyped value. */
const WORDY = /\p{L}{2}/u;

/**
 * Whether the first row of the column form is a header row (A:A brings it along).
 * Only when it looks like one: the date cell (or the amount cell) is one of the
 * header names of src/core/columns.ts, or the customer cell is exactly one; or,
 * with amounts, the date and amount cells are both words over a second row whose
 * date and amount read. Otherwise the row is data, and a bad date in it is an error
 * like in any other row, not a header silently dropped.
 */
export function isHeaderRow(
  ctx: CallContext,
  customers: readonly unknown[][],
  dates: readonly unknown[][],
  amounts: readonly unknown[][] | null,
): boolean {
  const [customer0, date0, amount0] = [customers[0]?.[0], dates[0]?.[0], amounts?.[0]?.[0]];
  if (isBlank(customer0) || typeof date0 !== 'string' || !Number.isNaN(parseDay(date0, ctx.calendar, ctx.rules))) return false;
  if (amounts && (typeof amount0 !== 'string' || !Number.isNaN(parseAmount(amount0, ctx.rules)))) return false;
  if (isHeaderOf('date', date0) || (amounts && isHeaderOf('amount', amount0)) || isHeaderOf('customer', customer0, true)) return true;
  if (!amounts || !WORDY.test(date0) || !WORDY.test(amount0 as string)) return false;
  const [date1, amount1] = [dates[1]?.[0], amounts[1]?.[0]];
  return !Number.isNaN(parseDay(date1, ctx.calendar, ctx.rules)) && !Number.isNaN(parseAmount(amount1, ctx.rules));
}

/** The first columns of a per-customer table: the customer, and their manager when the orders have one. */
export function customerHeader(lang: Lang, raw: Pick<ReadRows, 'hasManager'>): string[] {
  return raw.hasManager ? [t(lang, 'col.customer'), t(lang, 'col.manager')] : [t(lang, 'col.customer')];
}

export function customerCells(raw: RawOrders, i: number): unknown[] {
  return raw.hasManager ? [raw.summary.name[i], raw.summary.manager[i]] : [raw.summary.name[i]];
}
