import { type PeriodUnit } from '../core/calendar';
import {
  type AbcBasis,
  type AbcXyzOptions,
  DEFAULT_ABC_XYZ,
  abcClasses,
  abcValues,
  abcXyz,
  abcXyzLabel,
  checkAbcXyzOptions,
  coefficientOfVariation,
  xyzFromCv,
  ABC,
  XYZ,
} from '../core/abcXyz';
import { fromCents, sumMoney, toCents } from '../core/money';
import { customerKey } from '../core/orders';
import { amountInRange, cellText, isBlank, parseAmount } from '../core/values';
import { type Lang, type MessageKey, parseLang, t } from '../i18n/catalogue';
import {
  type CallContext,
  asCallError,
  callContext,
  callError,
  cellError,
  withLanguage,
  choiceArg,
  columnValues,
  guarded,
  isOmitted,
  isRange,
  numberListArg,
  sameLengths,
  typedValue,
} from './args';
import { customerCells, customerHeader, ordersArgs, ordersTableArg } from './rawOrders';

/**
 * The XYZ basis argument: purchase regularity (the default), or revenue per a
 * calendar period for the classic goods method ("revenue" is per month).
 */
type BasisChoice = 'intervals' | PeriodUnit;
const BASES: ReadonlyMap<string, BasisChoice> = new Map<string, BasisChoice>([
  ['intervals', 'intervals'],
  ['интервалы', 'intervals'],
  ['інтервали', 'intervals'],
  ['revenue', 'month'],
  ['выручка', 'month'],
  ['виручка', 'month'],
  ['week', 'week'],
  ['month', 'month'],
  ['quarter', 'quarter'],
  ['year', 'year'],
  ['неделя', 'week'],
  ['месяц', 'month'],
  ['квартал', 'quarter'],
  ['год', 'year'],
  ['тиждень', 'week'],
  ['місяць', 'month'],
  ['рік', 'year'],
]);

/** What ABC ranks by: revenue (default) or profit, which needs a profit or margin column. */
const ABC_BASES: ReadonlyMap<string, AbcBasis> = new Map<string, AbcBasis>([
  ['revenue', 'revenue'],
  ['выручка', 'revenue'],
  ['виручка', 'revenue'],
  ['profit', 'profit'],
  ['прибыль', 'profit'],
  ['прибуток', 'profit'],
]);

function options(ctx: CallContext, abcBounds: unknown, xyzBounds: unknown, basisArg: unknown, abcBasisArg?: unknown): AbcXyzOptions {
  // Shares: 80, 80% and 0.8 are all 80% (and "150%" is 1.5, refused below, not 1.5%).
  const abc = numberListArg(ctx, 'abc_bounds', abcBounds, DEFAULT_ABC_XYZ.abcBounds, true);
  if (abc.length !== 2) throw callError(ctx, 'err.fn.abcBoundsCount', { count: abc.length });
  if (!(abc[0] > 0 && abc[0] < abc[1] && abc[1] <= 1)) {
    throw callError(ctx, 'err.fn.abcBounds', { name: 'abc_bounds', value: { quote: typedValue(abcBounds) } });
  }
  const xyz = numberListArg(ctx, 'xyz_bounds', xyzBounds, DEFAULT_ABC_XYZ.xyzBounds);
  const choice = choiceArg(ctx, 'xyz_basis', basisArg, BASES, 'intervals');
  const basis = choice === 'intervals' ? 'intervals' : 'revenue';
  const period = choice === 'intervals' ? DEFAULT_ABC_XYZ.period : choice;
  const abcBasis = choiceArg(ctx, 'abc_basis', abcBasisArg, ABC_BASES, 'revenue');
  if (xyz.length < 1 || xyz.length > 2 || xyz.some((v) => !(v >= 0 && Number.isFinite(v))) || (xyz.length === 2 && !(xyz[0] < xyz[1]))) {
    throw callError(ctx, 'err.fn.xyzBounds', { name: 'xyz_bounds', value: { quote: typedValue(xyzBounds) } });
  }
  if (basis === 'intervals' && xyz.length !== 1) {
    throw callError(ctx, 'err.fn.xyzIntervalBounds', { name: 'xyz_bounds', value: { quote: typedValue(xyzBounds) } });
  }
  try {
    return checkAbcXyzOptions({ abcBounds: [abc[0], abc[1]], abcBasis, basis, xyzBounds: xyz, period });
  } catch (e) {
    throw asCallError(ctx, e);
  }
}

/** The CV and XYZ headers name the basis: "Gap variation (CV)" or "Revenue variation (CV, by month)". */
function xyzHeaders(L: Lang, opts: AbcXyzOptions): [string, string] {
  if (opts.basis === 'intervals') return [t(L, 'col.cvIntervals'), t(L, 'col.xyzIntervals')];
  const period = t(L, `report.period.${opts.period}` as MessageKey);
  return [t(L, 'col.cvRevenue', { period }), t(L, 'col.xyzRevenue', { period })];
}

/**
 * ABCXYZ: raw orders -> per-customer table sorted by revenue; or customers plus a
 * table of revenue per period (one column per period) -> one class per row.
 */
export function abcXyzFunction(...args: unknown[]): unknown[][] {
  return guarded('ABCXYZ', () => {
    const base = callContext('ABCXYZ', undefined);
    const [customers, datesOrPeriodRevenue] = args;
    if (!ordersTableArg(customers) && isRange(datesOrPeriodRevenue) && (datesOrPeriodRevenue[0]?.length ?? 0) > 1) {
      // Per customer: (customers, period_revenue, , , abc_bounds, xyz_bounds, , language), the positions of the
      // order form; revenue per period is the goods method.
      const [, , , , abcBounds, xyzBounds, , language] = args;
      const ctx = withLanguage(base, language);
      const opts = { ...options(ctx, abcBounds, xyzBounds, 'revenue'), basis: 'revenue' as const };
      return fromPeriodTable(ctx, customers, datesOrPeriodRevenue, opts);
    }
    // Order rows: (customers, dates, amounts, as_of, abc_bounds, xyz_bounds, xyz_basis, abc_basis, language) or
    // (table, as_of, ...). The language is last; before abc_basis it was 8th, and still may be.
    const call = ordersArgs(args);
    const [abcBounds, xyzBounds, basis] = call.options;
    let [, , , abcBasis, language] = call.options;
    if (isOmitted(language) && typeof abcBasis === 'string' && parseLang(abcBasis)) [abcBasis, language] = [undefined, abcBasis];
    const ctx = withLanguage(base, language);
    const opts = options(ctx, abcBounds, xyzBounds, basis, abcBasis);
    const raw = call.read(ctx);
    const { summary } = raw;
    if (opts.abcBasis === 'profit' && !summary.profit) throw callError(ctx, 'err.fn.abcProfit', { value: { quote: typedValue(abcBasis) } });
    const ranked = abcValues(summary, opts.abcBasis);
    const { abc, xyz, cv } = abcXyz(summary, opts);
    const byProfit = opts.abcBasis === 'profit';
    // The summary is in key order, so ties by key are ties by position: no string comparisons.
    const order = Array.from({ length: summary.size }, (_, i) => i).sort((a, b) => ranked[b] - ranked[a] || a - b);
    let totalCents = 0;
    for (let i = 0; i < summary.size; i++) if (ranked[i] > 0) totalCents += toCents(ranked[i]);
    const total = fromCents(totalCents);
    const L = ctx.lang;
    const [cvHeader, xyzHeader] = xyzHeaders(L, opts);
    const out: unknown[][] = [
      [
        ...customerHeader(L, raw),
        t(L, 'col.revenue'),
        ...(byProfit ? [t(L, 'col.profit')] : []),
        t(L, byProfit ? 'col.profitShare' : 'col.revenueShare'),
        t(L, 'col.cumulativeShare'),
        t(L, 'col.purchases'),
        cvHeader,
        t(L, 'col.abc'),
        xyzHeader,
        t(L, 'col.class'),
      ],
    ];
    let aboveCents = 0;
    for (const i of order) {
      const share = total > 0 && ranked[i] > 0 ? ranked[i] / total : 0;
      if (ranked[i] > 0) aboveCents += toCents(ranked[i]);
      const cumulative = totalCents > 0 ? aboveCents / totalCents : 0;
      out.push([
        ...customerCells(raw, i),
        summary.revenue[i],
        ...(byProfit ? [ranked[i]] : []),
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
  // Revenue of a period is an amount, with the order rows' limit; a blank is a period without revenue.
  const values = rows.map((row, r) =>
    row.map((cell, c) => {
      if (isBlank(cell)) return 0;
      const v = parseAmount(cell, ctx.rules);
      if (Number.isNaN(v)) throw cellError(ctx, 'period_revenue', r + 1, c + 1, cell, 'err.expect.number');
      if (!amountInRange(v)) throw cellError(ctx, 'period_revenue', r + 1, c + 1, cell, 'err.expect.amountInRange');
      return v;
    }),
  );
  const totals = values.map((row) => sumMoney(row)); // to the cent, so equal totals tie by key
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
