import { isDateLike } from '../core/errors';
import { ltvFromParts, seedLtv } from '../core/ltv';
import { parseDay } from '../core/values';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  callContext,
  callError,
  columnValues,
  guarded,
  isRange,
  isSingleDate,
  numberArg,
  numberColumn,
  shareOf,
} from './args';
import { readRawOrders } from './rawOrders';

/** True when an argument holds dates, so the raw-order shape is meant. */
function holdsDates(ctx: CallContext, value: unknown): boolean {
  // Cell by cell without flattening: a column of order dates answers at its first cell.
  for (const row of isRange(value) ? value : [value]) {
    for (const v of Array.isArray(row) ? row : [row]) {
      if (isDateLike(v) || (typeof v === 'string' && !Number.isNaN(parseDay(v, ctx.calendar, ctx.rules)))) return true;
    }
  }
  return false;
}

/**
 * LTV: raw orders -> per-customer table with the base figure first; or the parts
 * S, C, P, t per row -> LTV per row.
 */
export function ltvFunction(
  customersOrS: unknown,
  datesOrC: unknown,
  amountsOrP?: unknown,
  asOfOrT?: unknown,
  margin?: unknown,
  language?: unknown,
): unknown[][] {
  return guarded('LTV', () => {
    const ctx = callContext('LTV', language);
    if (!holdsDates(ctx, datesOrC) && !isSingleDate(ctx, asOfOrT)) return fromParts(ctx, customersOrS, datesOrC, amountsOrP, asOfOrT);

    const marginValue = numberArg(ctx, 'margin', margin, NaN);
    const { summary } = readRawOrders(ctx, customersOrS, datesOrC, amountsOrP, asOfOrT);
    const result = seedLtv(summary, Number.isNaN(marginValue) ? undefined : shareOf(marginValue));
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        t(L, 'col.customer'),
        t(L, 'col.purchases'),
        t(L, 'col.firstPurchase'),
        t(L, 'col.lastPurchase'),
        t(L, 'col.revenue'),
        t(L, 'col.averageCheck'),
        t(L, 'col.purchasesPerMonth'),
        t(L, 'col.profitability'),
        t(L, 'col.lifetimeMonths'),
        t(L, 'col.ltv'),
      ],
    ];
    const b = result.base;
    out.push([
      '*',
      summary.size,
      '',
      '',
      summary.revenue.reduce((s, v) => s + v, 0),
      b.averageCheck,
      b.purchasesPerMonth,
      b.profitability,
      b.lifetimeMonths,
      b.ltv,
    ]);
    for (let i = 0; i < summary.size; i++) {
      out.push([
        summary.name[i],
        summary.purchases[i],
        ctx.calendar.dateOf(summary.firstPurchase[i]),
        ctx.calendar.dateOf(summary.lastPurchase[i]),
        summary.revenue[i],
        result.averageCheck[i],
        result.purchasesPerMonth[i],
        result.profitability[i],
        result.lifetimeMonths[i],
        result.ltv[i],
      ]);
    }
    return out;
  });
}

function fromParts(ctx: CallContext, sArg: unknown, cArg: unknown, pArg: unknown, tArg: unknown): unknown[][] {
  const parts = [
    ['S', sArg],
    ['C', cArg],
    ['P', pArg],
    ['t', tArg],
  ] as const;
  const columns = parts.map(([name, v]) => {
    const values = columnValues(ctx, name, v);
    if (values.length === 0) throw callError(ctx, 'err.fn.ltvPartEmpty', { name });
    return numberColumn(ctx, name, values);
  });
  const n = Math.max(...columns.map((c) => c.length));
  columns.forEach((c, k) => {
    if (c.length !== 1 && c.length !== n) throw callError(ctx, 'err.fn.ltvPartLength', { name: parts[k][0], count: c.length, n });
  });
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const [S, C, P, T] = columns.map((c) => (c.length === 1 ? c[0] : c[i]));
    out.push([[S, C, P, T].some(Number.isNaN) ? '' : ltvFromParts(S, C, P > 1 ? P / 100 : P, T)]);
  }
  return out;
}
