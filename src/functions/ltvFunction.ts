import { isDateLike } from '../core/errors';
import { ltvFromParts, seedLtv } from '../core/ltv';
import { sumMoney } from '../core/money';
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
  withLanguage,
} from './args';
import { customerCells, customerHeader, ordersArgs, ordersTableArg } from './rawOrders';

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
export function ltvFunction(...args: unknown[]): unknown[][] {
  return guarded('LTV', () => {
    const base = callContext('LTV', undefined);
    const [customersOrS, datesOrC, amountsOrP, asOfOrT] = args;
    if (!ordersTableArg(customersOrS) && !holdsDates(base, datesOrC) && !isSingleDate(base, asOfOrT)) {
      return fromParts(withLanguage(base, args[5]), customersOrS, datesOrC, amountsOrP, asOfOrT);
    }
    // Order rows: (customers, dates, amounts, as_of, margin, language) or (table, as_of, margin, language).
    const call = ordersArgs(args);
    const [margin, language] = call.options;
    const ctx = withLanguage(base, language);
    const marginValue = numberArg(ctx, 'margin', margin, NaN);
    const raw = call.read(ctx);
    const { summary } = raw;
    // P: the margin given, else the orders' profit column (a whole table can have one), else 1.
    const result = seedLtv(summary, Number.isNaN(marginValue) ? undefined : shareOf(marginValue));
    const L = ctx.lang;
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
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
      ...(raw.hasManager ? [''] : []),
      summary.size,
      '',
      '',
      sumMoney(summary.revenue),
      b.averageCheck,
      b.purchasesPerMonth,
      b.profitability,
      b.lifetimeMonths,
      b.ltv,
    ]);
    for (let i = 0; i < summary.size; i++) {
      out.push([
        ...customerCells(raw, i),
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
