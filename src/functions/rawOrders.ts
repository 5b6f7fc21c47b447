/**
 * The raw-order shape shared by the custom functions: customers, dates and
 * (optionally) amounts as three columns, read into the per-customer summary.
 */
import { type ExpectKey, type UserError } from '../core/errors';
import { type OrderRows, type RowIssue, readOrders } from '../core/orders';
import { type CustomerSummary, buildSummary } from '../core/summary';
import { isBlank, parseAmount, parseDay } from '../core/values';
import { type CallContext, asOfArg, callError, columnRows, isOmitted, rowError, sameLengths } from './args';

export interface RawOrders {
  orders: OrderRows;
  summary: CustomerSummary;
  asOf: number;
  hasAmounts: boolean;
}

/** What an unreadable value should have been; null where the cell is empty. */
const EXPECTED: Record<RowIssue['reason'], ExpectKey | null> = {
  notADate: 'err.expect.date',
  notANumber: 'err.expect.number',
  notAMargin: 'err.expect.margin',
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
  const [date0, amount0, customer0] = [dates[0]?.[0], amounts[0]?.[0], customers[0]?.[0]];
  const headerLike =
    typeof date0 === 'string' &&
    Number.isNaN(parseDay(date0, ctx.calendar, ctx.rules)) &&
    (!hasAmounts || (typeof amount0 === 'string' && Number.isNaN(parseAmount(amount0, ctx.rules)))) &&
    !isBlank(customer0);
  if (headerLike) {
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
  if (report.issues.length > 0) throw issueError(ctx, report.issues[0]);
  const summary = buildSummary(orders, { asOf });
  if (summary.size === 0) {
    throw callError(ctx, 'err.fn.noPurchasesBeforeAsOf', { date: { quote: ctx.calendar.dateOf(asOf) }, rows: report.readRows });
  }
  return { orders, summary, asOf, hasAmounts };
}
