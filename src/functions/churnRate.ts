import { DEFAULT_CHURN, DEFAULT_LOST, checkChurnOptions, lostCustomers, periodChurn } from '../core/churn';
import { isDateLike } from '../core/errors';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  callContext,
  callError,
  choiceArg,
  columnValues,
  guarded,
  isRange,
  numberArg,
  numberColumn,
  sameLengths,
} from './args';
import { readRawOrders } from './rawOrders';

const OUTPUTS: Record<string, 'customers' | 'summary'> = {
  customers: 'customers',
  summary: 'summary',
  клиенты: 'customers',
  итог: 'summary',
  клієнти: 'customers',
  підсумок: 'summary',
};

function holdsOnlyNumbers(value: unknown): boolean {
  const numeric = (v: unknown): boolean => typeof v === 'number' || (typeof v === 'string' && !isDateLike(v) && /^[\d\s.,]+$/.test(v));
  // Cell by cell without flattening: a column of names or dates is settled at its first cell.
  let any = false;
  for (const row of isRange(value) ? value : [value]) {
    for (const v of Array.isArray(row) ? row : [row]) {
      if (v === '') continue;
      if (!numeric(v)) return false;
      any = true;
    }
  }
  return any;
}

/**
 * CHURN_RATE: raw orders -> per-customer churn and lost-customer table (or the
 * summary with output "summary"); or customers at start + customers lost per row -> rate.
 */
export function churnRate(
  customersOrBase: unknown,
  datesOrLost: unknown,
  amounts?: unknown,
  asOf?: unknown,
  periodDays?: unknown,
  lookbackDays?: unknown,
  output?: unknown,
  language?: unknown,
): unknown[][] {
  return guarded('CHURN_RATE', () => {
    const ctx = callContext('CHURN_RATE', language);
    if (holdsOnlyNumbers(customersOrBase) && holdsOnlyNumbers(datesOrLost)) return fromCounts(ctx, customersOrBase, datesOrLost);

    const options = checkChurnOptions({
      periodDays: numberArg(ctx, 'period_days', periodDays, DEFAULT_CHURN.periodDays),
      lookbackDays: numberArg(ctx, 'lookback_days', lookbackDays, DEFAULT_CHURN.lookbackDays),
    });
    const shape = choiceArg(ctx, 'output', output, OUTPUTS, 'customers');
    const { summary } = readRawOrders(ctx, customersOrBase, datesOrLost, amounts, asOf);
    const churn = periodChurn(summary, options);
    const lost = lostCustomers(summary, DEFAULT_LOST);
    const L = ctx.lang;
    const [yes, no] = [t(L, 'yes'), t(L, 'no')]; // once, not four times per customer
    const yesNo = (b: boolean): string => (b ? yes : no);
    if (shape === 'summary') {
      return [
        [t(L, 'col.measure'), t(L, 'col.value')],
        [t(L, 'churn.periodStart'), ctx.calendar.dateOf(churn.periodStart)],
        [t(L, 'churn.periodEnd'), ctx.calendar.dateOf(churn.periodEnd)],
        [t(L, 'churn.base'), churn.base],
        [t(L, 'churn.churned'), churn.churned],
        [t(L, 'churn.retained'), churn.retained],
        [t(L, 'churn.newInPeriod'), churn.newInPeriod],
        [t(L, 'churn.rate'), Number.isNaN(churn.rate) ? '' : churn.rate],
        [t(L, 'churn.lost'), lost.lostCount],
        [t(L, 'churn.lostRate'), summary.size ? lost.lostCount / summary.size : ''],
        [t(L, 'churn.lostValue'), lost.lostYearlyValue],
      ];
    }
    const out: unknown[][] = [
      [
        t(L, 'col.customer'),
        t(L, 'col.purchases'),
        t(L, 'col.lastPurchase'),
        t(L, 'col.daysSince'),
        t(L, 'col.inBase'),
        t(L, 'col.boughtInPeriod'),
        t(L, 'col.churned'),
        t(L, 'col.usualInterval'),
        t(L, 'col.lost'),
        t(L, 'col.yearlyValue'),
      ],
    ];
    for (let i = 0; i < summary.size; i++) {
      const status = churn.status[i];
      out.push([
        summary.name[i],
        summary.purchases[i],
        ctx.calendar.dateOf(summary.lastPurchase[i]),
        lost.daysSinceLast[i],
        yesNo(status > 0),
        status > 0 ? yesNo(status === 1) : '',
        status > 0 ? yesNo(status === 2) : '',
        lost.usualInterval[i],
        yesNo(lost.lost[i] === 1),
        lost.yearlyValue[i],
      ]);
    }
    return out;
  });
}

/** Per-row form: lost / customers at start (e.g. one row per manager). */
function fromCounts(ctx: CallContext, baseArg: unknown, lostArg: unknown): unknown[][] {
  const baseValues = columnValues(ctx, 'customers_at_start', baseArg);
  const lostValues = columnValues(ctx, 'customers_lost', lostArg);
  const n = sameLengths(ctx, [
    ['customers_at_start', baseValues],
    ['customers_lost', lostValues],
  ]);
  if (n === 0) throw callError(ctx, 'err.fn.churnBaseEmpty');
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 0;
  const base = numberColumn(ctx, 'customers_at_start', baseValues, whole, 'err.expect.wholeCustomers');
  const lost = numberColumn(ctx, 'customers_lost', lostValues, whole, 'err.expect.wholeCustomers');
  return base.map((b, i) => {
    if (Number.isNaN(b) || Number.isNaN(lost[i])) return [''];
    if (lost[i] > b) throw callError(ctx, 'err.fn.churnLostOverBase', { row: i + 1, lost: lost[i], base: b });
    return [b === 0 ? '' : lost[i] / b];
  });
}
