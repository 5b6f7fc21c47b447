import { type PeriodUnit } from '../core/calendar';
import {
  type AbcXyzOptions,
  DEFAULT_ABC_XYZ,
  abcClasses,
  abcXyz,
  abcXyzLabel,
  checkAbcXyzOptions,
  coefficientOfVariation,
  xyzFromCv,
  ABC,
  XYZ,
} from '../core/abcXyz';
import { customerKey } from '../core/orders';
import { cellText, isBlank } from '../core/values';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  asCallError,
  callContext,
  callError,
  choiceArg,
  columnValues,
  guarded,
  isRange,
  numberColumn,
  numberListArg,
  sameLengths,
  shareOf,
} from './args';
import { readRawOrders } from './rawOrders';

const PERIODS: Record<string, PeriodUnit> = {
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  неделя: 'week',
  месяц: 'month',
  квартал: 'quarter',
  год: 'year',
  тиждень: 'week',
  місяць: 'month',
  рік: 'year',
};

function options(ctx: CallContext, abcBounds: unknown, xyzBounds: unknown, period: unknown): AbcXyzOptions {
  const abc = numberListArg(ctx, 'abc_bounds', abcBounds, DEFAULT_ABC_XYZ.abcBounds).map(shareOf);
  if (abc.length !== 2) throw callError(ctx, 'err.fn.abcBoundsCount', { count: abc.length });
  const xyz = numberListArg(ctx, 'xyz_bounds', xyzBounds, DEFAULT_ABC_XYZ.xyzBounds);
  try {
    return checkAbcXyzOptions({ abcBounds: [abc[0], abc[1]], xyzBounds: xyz, period: choiceArg(ctx, 'period', period, PERIODS, 'month') });
  } catch (e) {
    throw asCallError(ctx, e);
  }
}

/**
 * ABCXYZ: raw orders -> per-customer table sorted by revenue; or customers plus a
 * table of revenue per period (one column per period) -> one class per row.
 */
export function abcXyzFunction(
  customers: unknown,
  datesOrPeriodRevenue: unknown,
  amounts?: unknown,
  asOf?: unknown,
  abcBounds?: unknown,
  xyzBounds?: unknown,
  period?: unknown,
  language?: unknown,
): unknown[][] {
  return guarded('ABCXYZ', () => {
    const ctx = callContext('ABCXYZ', language);
    const opts = options(ctx, abcBounds, xyzBounds, period);
    if (isRange(datesOrPeriodRevenue) && (datesOrPeriodRevenue[0]?.length ?? 0) > 1)
      return fromPeriodTable(ctx, customers, datesOrPeriodRevenue, opts);

    const { summary } = readRawOrders(ctx, customers, datesOrPeriodRevenue, amounts, asOf);
    const { abc, xyz, cv } = abcXyz(summary, opts);
    // The summary is in key order, so ties by key are ties by position: no string comparisons.
    const order = Array.from({ length: summary.size }, (_, i) => i).sort((a, b) => summary.revenue[b] - summary.revenue[a] || a - b);
    let total = 0;
    for (let i = 0; i < summary.size; i++) if (summary.revenue[i] > 0) total += summary.revenue[i];
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        t(L, 'col.customer'),
        t(L, 'col.revenue'),
        t(L, 'col.revenueShare'),
        t(L, 'col.cumulativeShare'),
        t(L, 'col.purchases'),
        t(L, 'col.cv'),
        t(L, 'col.abc'),
        t(L, 'col.xyz'),
        t(L, 'col.class'),
      ],
    ];
    let cumulative = 0;
    for (const i of order) {
      const share = total > 0 && summary.revenue[i] > 0 ? summary.revenue[i] / total : 0;
      cumulative += share;
      out.push([
        summary.name[i],
        summary.revenue[i],
        share,
        cumulative,
        summary.purchases[i],
        Number.isNaN(cv[i]) ? '' : Number.isFinite(cv[i]) ? cv[i] : '',
        ABC[abc[i]],
        XYZ[xyz[i]],
        abcXyzLabel(abc[i], xyz[i]),
      ]);
    }
    return out;
  });
}

/** Per-customer form: ABC from row totals, XYZ from the CV of the row from its first non-zero period. */
function fromPeriodTable(ctx: CallContext, customersArg: unknown, table: unknown[][], opts: AbcXyzOptions): unknown[][] {
  const names = columnValues(ctx, 'customers', customersArg);
  let end = table.length;
  while (end > 0 && table[end - 1].every(isBlank)) end--;
  const rows = table.slice(0, end);
  sameLengths(ctx, [
    ['customers', names],
    ['period_revenue', rows],
  ]);
  const values = rows.map((row, r) =>
    numberColumn(ctx, 'period_revenue', row, undefined).map((v, c) => {
      if (Number.isNaN(v) && !isBlank(row[c])) throw callError(ctx, 'err.fn.periodRevenueNotNumbers', { row: r + 1 });
      return Number.isNaN(v) ? 0 : v;
    }),
  );
  const totals = values.map((row) => row.reduce((s, v) => s + v, 0));
  const keys = names.map((n) => customerKey(cellText(n)));
  const abc = abcClasses(totals, keys, opts.abcBounds);
  return values.map((row, i) => {
    if (isBlank(names[i]) && row.every((v) => v === 0)) return [''];
    const first = row.findIndex((v) => v !== 0);
    const active = row.filter((v) => v !== 0).length;
    const xyz = active < 2 ? 2 : xyzFromCv(coefficientOfVariation(row.slice(first)), opts.xyzBounds);
    return [abcXyzLabel(abc[i], xyz)];
  });
}
