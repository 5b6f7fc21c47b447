import { isDateLike } from '../core/errors';
import { ltvFromParts, seedLtv } from '../core/ltv';
import { sumMoney } from '../core/money';
import { isBlank, parseAmount, parseDay } from '../core/values';
import { type ExpectKey } from '../core/errors';
import { t } from '../i18n/catalogue';
import {
  type CallContext,
  callContext,
  callError,
  columnValues,
  guarded,
  isAmount,
  isMargin,
  isRange,
  isSingleDate,
  marginArg,
  rowError,
  shareOfCell,
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
    const marginValue = marginArg(ctx, 'margin', margin);
    const raw = call.read(ctx);
    const { summary } = raw;
    // P: the margin given, else the orders' profit column (a whole table can have one), else 1.
    const result = seedLtv(summary, marginValue);
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

/** Purchases a month beyond any customer's (one every 2.6 seconds): a mistyped value, and far from overflow. */
const MAX_PURCHASES_PER_MONTH = 1e6;
/** Months of lifetime: a hundred years, as the longest day counts. */
const MAX_LIFETIME_MONTHS = 1200;

/** How each part of the per-row form is read and which values it takes (docs/definitions.md: LTV). */
interface Part {
  name: 'S' | 'C' | 'P' | 't';
  read(ctx: CallContext, cell: unknown): number;
  ok(n: number): boolean;
  expected: ExpectKey;
}
const amountOf = (ctx: CallContext, cell: unknown): number => parseAmount(cell, ctx.rules);
const PARTS: readonly Part[] = [
  { name: 'S', read: amountOf, ok: isAmount, expected: 'err.expect.averageCheck' },
  { name: 'C', read: amountOf, ok: (n) => n >= 0 && n <= MAX_PURCHASES_PER_MONTH, expected: 'err.expect.purchasesPerMonth' },
  // P as the margin argument: 25%, 0.25 or 25, from 0 to 100%.
  { name: 'P', read: shareOfCell, ok: isMargin, expected: 'err.expect.marginShare' },
  { name: 't', read: amountOf, ok: (n) => n >= 0 && n <= MAX_LIFETIME_MONTHS, expected: 'err.expect.lifetimeMonths' },
];

function fromParts(ctx: CallContext, sArg: unknown, cArg: unknown, pArg: unknown, tArg: unknown): unknown[][] {
  const args = [sArg, cArg, pArg, tArg];
  const columns = PARTS.map((part, k) => {
    const values = columnValues(ctx, part.name, args[k]);
    if (values.length === 0) throw callError(ctx, 'err.fn.ltvPartEmpty', { name: part.name });
    return values.map((v, i) => {
      if (isBlank(v)) return NaN;
      const n = part.read(ctx, v);
      if (!part.ok(n)) throw rowError(ctx, part.name, i + 1, v, part.expected);
      return n;
    });
  });
  const n = Math.max(...columns.map((c) => c.length));
  columns.forEach((c, k) => {
    if (c.length !== 1 && c.length !== n) throw callError(ctx, 'err.fn.ltvPartLength', { name: PARTS[k].name, count: c.length, n });
  });
  const out: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const [S, C, P, T] = columns.map((c) => (c.length === 1 ? c[0] : c[i]));
    out.push([[S, C, P, T].some(Number.isNaN) ? '' : ltvFromParts(S, C, P, T)]);
  }
  return out;
}
