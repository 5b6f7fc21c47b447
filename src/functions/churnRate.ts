import { DEFAULT_CHURN, DEFAULT_LOST, LOST_PERIOD_DAYS, checkChurnOptions, lostCustomers, lostRatio, periodChurn } from '../core/churn';
import { compareManagers } from '../core/migration';
import { parseLang, t } from '../i18n/catalogue';
import { parseAmount, parseDay } from '../core/values';
import {
  type CallContext,
  callContext,
  callError,
  choiceArg,
  columnValues,
  dayCountArg,
  guarded,
  isOmitted,
  isRange,
  numberColumn,
  sameLengths,
  withLanguage,
} from './args';
import { customerCells, customerHeader, ordersArgs, ordersTableArg } from './rawOrders';

const OUTPUTS: ReadonlyMap<string, 'customers' | 'summary'> = new Map([
  ['customers', 'customers'],
  ['summary', 'summary'],
  ['клиенты', 'customers'],
  ['итог', 'summary'],
  ['клієнти', 'customers'],
  ['підсумок', 'summary'],
] as const);

/** Numbers (also typed as text, "-1" too) and blanks only: the per-row counts, not customers and dates. */
function holdsOnlyNumbers(ctx: CallContext, value: unknown): boolean {
  const numeric = (v: unknown): boolean =>
    typeof v === 'number' ||
    (typeof v === 'string' && !Number.isNaN(parseAmount(v, ctx.rules)) && Number.isNaN(parseDay(v, ctx.calendar, ctx.rules)));
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
export function churnRate(...args: unknown[]): unknown[][] {
  return guarded('CHURN_RATE', () => {
    const base = callContext('CHURN_RATE', undefined);
    const [customersOrBase, datesOrLost] = args;
    if (!ordersTableArg(customersOrBase) && holdsOnlyNumbers(base, customersOrBase) && holdsOnlyNumbers(base, datesOrLost)) {
      return fromCounts(withLanguage(base, args[7]), customersOrBase, datesOrLost);
    }
    // Order rows: (customers, dates, amounts, as_of, period_days, lookback_days, output, lost_period_days, language)
    // or (table, as_of, ...). The language is last; before lost_period_days it was 8th, and still may be.
    const call = ordersArgs(args);
    const [periodDays, lookbackDays, output] = call.options;
    let [, , , lostPeriodDays, language] = call.options;
    if (isOmitted(language) && !isOmitted(lostPeriodDays) && typeof lostPeriodDays === 'string' && parseLang(lostPeriodDays)) {
      [lostPeriodDays, language] = [undefined, lostPeriodDays];
    }
    const ctx = withLanguage(base, language);
    const options = checkChurnOptions({
      periodDays: dayCountArg(ctx, 'period_days', periodDays, DEFAULT_CHURN.periodDays),
      lookbackDays: dayCountArg(ctx, 'lookback_days', lookbackDays, DEFAULT_CHURN.lookbackDays),
    });
    const lostDays = dayCountArg(ctx, 'lost_period_days', lostPeriodDays, LOST_PERIOD_DAYS);
    const shape = choiceArg(ctx, 'output', output, OUTPUTS, 'customers');
    const raw = call.read(ctx);
    const { summary, orders, asOf } = raw;
    const churn = periodChurn(summary, options);
    const lost = lostCustomers(summary, DEFAULT_LOST);
    const L = ctx.lang;
    const [yes, no] = [t(L, 'yes'), t(L, 'no')]; // once, not four times per customer
    const yesNo = (b: boolean): string => (b ? yes : no);
    if (shape === 'summary') {
      const ratio = lostRatio(orders, { from: asOf - lostDays, to: asOf }, DEFAULT_LOST);
      const day = (d: number): Date => ctx.calendar.dateOf(d);
      const totals: unknown[][] = [
        [t(L, 'col.measure'), t(L, 'col.value')],
        [t(L, 'churn.periodStart'), day(churn.periodStart)],
        // The period's last day: the as-of date itself is the first day after it.
        [t(L, 'churn.periodEnd'), day(churn.periodEnd - 1)],
        [t(L, 'churn.periodDays'), options.periodDays],
        [t(L, 'churn.base'), churn.base],
        [t(L, 'churn.churned'), churn.churned],
        [t(L, 'churn.retained'), churn.retained],
        [t(L, 'churn.newInPeriod'), churn.newInPeriod],
        [t(L, 'churn.rate'), Number.isNaN(churn.rate) ? '' : churn.rate],
        [t(L, 'churn.lost'), lost.lostCount],
        [t(L, 'churn.oneTimeInterval'), lost.globalInterval],
        [t(L, 'churn.lostPeriodStart'), day(ratio.from)],
        [t(L, 'churn.lostPeriodEnd'), day(ratio.to - 1)],
        [t(L, 'churn.lostPeriodDays'), lostDays],
        [t(L, 'churn.atStart'), ratio.atStart],
        [t(L, 'churn.lostInPeriod'), ratio.lost],
        [t(L, 'churn.lostRate'), Number.isNaN(ratio.ratio) ? '' : ratio.ratio],
        [t(L, 'churn.wonBack'), ratio.wonBack],
        [t(L, 'churn.lostValue'), ratio.lostYearlyValue],
      ];
      if (raw.orders.manager) {
        // Per manager, the same figures side by side: a block of six columns below the two of the summary.
        const width = 6;
        const pad = (row: unknown[]): unknown[] => [...row, ...Array<string>(width - row.length).fill('')];
        const block: unknown[][] = [
          pad([]),
          pad([t(L, 'churn.byManager')]),
          [
            t(L, 'col.manager'),
            t(L, 'churn.atStart'),
            t(L, 'churn.lostInPeriod'),
            t(L, 'churn.lostRate'),
            t(L, 'churn.wonBack'),
            t(L, 'churn.lostValue'),
          ],
        ];
        for (const [manager, s] of [...ratio.byManager.entries()].sort((a, b) => compareManagers(a[0], b[0]))) {
          block.push([
            manager || t(L, 'churn.noManager'),
            s.atStart,
            s.lost,
            Number.isNaN(s.ratio) ? '' : s.ratio,
            s.wonBack,
            s.lostYearlyValue,
          ]);
        }
        return [...totals.map(pad), ...block];
      }
      return totals;
    }
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
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
        ...customerCells(raw, i),
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
