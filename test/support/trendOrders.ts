/**
 * Order tables for the trends, funnel and key-customer tests, read the way the
 * add-on reads a tab, and the full computation a report built on one date makes
 * (the reference each month-end of the Trends sheet must equal).
 */
import { type AbcXyzOptions, DEFAULT_ABC_XYZ, abcXyz } from '../../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../../src/core/calendar';
import { DEFAULT_LOST, type LostOptions, lostCustomers, lostRatio } from '../../src/core/churn';
import { yearsBefore } from '../../src/core/isoDates';
import { DEFAULT_BANDS, type LifecycleBands, lifecycleMatrix, lifecycleSegments } from '../../src/core/lifecycle';
import { seedLtv } from '../../src/core/ltv';
import { compareManagers } from '../../src/core/migration';
import { toCents } from '../../src/core/money';
import { type OrderRows, type OrderSources, readOrders } from '../../src/core/orders';
import { maturityLevel, repeatSalesShare } from '../../src/core/repeatShare';
import { buildSummary } from '../../src/core/summary';
import { type ManagerPortfolio, TRAILING_DAYS, type TrendPoint } from '../../src/core/trends';
import { localeRules } from '../../src/core/values';
import type { Lang } from '../../src/i18n/catalogue';
import type { ReportContext } from '../../src/reports/context';

export const UTC = calendarFor('Etc/UTC');
const EN = localeRules('en_US');
export const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
export const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** [date, customer, amount, order id, manager, profit?] */
export type OrderRow = readonly unknown[];

/** Reads rows of [date, customer, amount, order id, manager(, profit)] with every column the add-on would find. */
export function readTable(rows: readonly OrderRow[], asOf: number, withProfit = false): OrderRows {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = {
    date: src(0, 'Date (A)'),
    customer: src(1, 'Customer (B)'),
    amount: src(2, 'Amount (C)'),
    orderId: src(3, 'Order (D)'),
    manager: src(4, 'Manager (E)'),
    ...(withProfit ? { profit: src(5, 'Profit (F)') } : {}),
  };
  return readOrders(sources, { calendar: UTC, rules: EN, firstRow: 2, asOf }).orders;
}

/** A report context over the rows, as the add-on makes one (default parameters unless given). */
export function teamContext(
  rows: readonly OrderRow[],
  asOf: number,
  o: {
    lang?: Lang;
    locale?: string;
    currency?: string | null;
    withProfit?: boolean;
    keyCustomersTop?: number;
    params?: Partial<FullOptions>;
  } = {},
): ReportContext {
  const orders = readTable(rows, asOf, o.withProfit);
  return {
    lang: o.lang ?? 'en',
    locale: o.locale ?? 'en_US',
    currency: o.currency ?? null,
    orders,
    summary: buildSummary(orders, { asOf }),
    asOf,
    dateOf: (d) => UTC.dateOf(d),
    params: {
      bands: o.params?.bands ?? DEFAULT_BANDS,
      abcXyz: o.params?.abcXyz ?? DEFAULT_ABC_XYZ,
      comparison: { period1: { from: asOf - 730, to: asOf - 365 }, period2: { from: asOf - 365, to: asOf } },
      lost: o.params?.lost ?? DEFAULT_LOST,
      lostPeriod: { from: asOf - 365, to: asOf },
      actions: {},
      keyCustomersTop: o.keyCustomersTop ?? 20,
    },
    source: { sheetName: 'Orders', rows: orders.count, unreadableRows: 0 },
  };
}

export interface FullOptions {
  bands: LifecycleBands;
  lost: LostOptions;
  abcXyz: AbcXyzOptions;
}

export const DEFAULTS: FullOptions = { bands: DEFAULT_BANDS, lost: DEFAULT_LOST, abcXyz: DEFAULT_ABC_XYZ };

/**
 * What the reports built with as-of date `asOf` show, from full summaries: the
 * lifecycle matrix, lost customers and the lost ratio of the 365 days before,
 * seedLtv's base, the repeat revenue of the 365 days before (as of the date minus
 * as of its start), and ABCXYZ over the year before per manager of that year.
 */
export function fullComputation(orders: OrderRows, asOf: number, o: FullOptions = DEFAULTS): TrendPoint {
  const s = buildSummary(orders, { asOf });
  const m = lifecycleMatrix(s, lifecycleSegments(s, o.bands));
  const lost = lostCustomers(s, o.lost);
  const from = asOf - TRAILING_DAYS;
  const ratio = lostRatio(orders, { from, to: asOf }, o.lost);
  const repeatNow = repeatSalesShare(s);
  const repeatThen = repeatSalesShare(buildSummary(orders, { asOf: from }));
  const revenueCents = toCents(repeatNow.totalRevenue) - toCents(repeatThen.totalRevenue);
  const repeatCents = toCents(repeatNow.repeatRevenue) - toCents(repeatThen.repeatRevenue);
  const share = revenueCents > 0 ? repeatCents / 100 / (revenueCents / 100) : NaN;
  const yearAgo = yearsBefore(asOf, 1);
  const then = buildSummary(orders, { asOf: yearAgo });
  const regularsThen = lifecycleSegments(then, o.bands).filter((seg) => seg >= 6).length;
  const regularsNow = m.customers[6] + m.customers[7] + m.customers[8];
  const w = buildSummary(orders, { from: yearAgo, asOf });
  const classes = abcXyz(w, o.abcXyz);
  const byManager = new Map<string, ManagerPortfolio>();
  const total: ManagerPortfolio = { manager: '', customers: 0, abc: [0, 0, 0], xyz: [0, 0, 0] };
  for (let i = 0; i < w.size; i++) {
    let t = byManager.get(w.manager[i]);
    if (!t) byManager.set(w.manager[i], (t = { manager: w.manager[i], customers: 0, abc: [0, 0, 0], xyz: [0, 0, 0] }));
    for (const x of [t, total]) {
      x.customers++;
      x.abc[classes.abc[i]]++;
      x.xyz[classes.xyz[i]]++;
    }
  }
  const row = (c: number): number => m.customers[c * 3] + m.customers[c * 3 + 1] + m.customers[c * 3 + 2];
  return {
    asOf,
    customers: s.size,
    lost: lost.lostCount,
    notLost: s.size - lost.lostCount,
    active: m.customers[0] + m.customers[3] + m.customers[6],
    activeShare: m.activeShare,
    bandCounts: [row(0), row(1), row(2)],
    bandShares: m.countShares,
    regularsYearAgo: regularsThen,
    regularsGrowth: regularsThen > 0 ? regularsNow / regularsThen - 1 : NaN,
    repeat: { revenue: revenueCents / 100, repeatRevenue: repeatCents / 100, share, level: maturityLevel(share) },
    lostRatio: { from, atStart: ratio.atStart, lost: ratio.lost, ratio: ratio.ratio, wonBack: ratio.wonBack },
    ltv: seedLtv(s).base,
    portfolio: { from: yearAgo, managers: [...byManager.values()].sort((a, b) => compareManagers(a.manager, b.manager)), total },
  };
}

/**
 * The hand-made team table: three managers (Olga, Ivan, Petr) and customers
 * without one, over 14 months (2023-09-01 to 2024-10-31), as-of 2024-11-01. Each
 * customer's story is in the comment beside them; the tests check the figures
 * they make by hand.
 */
export const TEAM_ASOF = day(2024, 11, 1);
export const TEAM_ORDERS: OrderRow[] = [
  // Anna (Olga): a regular, every month from September 2023 to October 2024.
  ...Array.from({ length: 14 }, (_, k) => [
    iso(day(2023 + Math.floor((8 + k) / 12), ((8 + k) % 12) + 1, 5)),
    'Anna',
    100,
    `A-${k + 1}`,
    'Olga',
  ]),
  // Boris (Olga): two purchases a month apart, then silent: lost.
  [iso(day(2023, 10, 10)), 'Boris', 400, 'B-1', 'Olga'],
  [iso(day(2023, 11, 10)), 'Boris', 400, 'B-2', 'Olga'],
  // Clara (Ivan): one purchase, a second 40 days later, a third 3 months after that.
  [iso(day(2024, 1, 15)), 'Clara', 250, 'C-1', 'Ivan'],
  [iso(day(2024, 2, 24)), 'Clara', 250, 'C-2', 'Ivan'],
  [iso(day(2024, 5, 24)), 'Clara', 250, 'C-3', 'Ivan'],
  // Dmitry (Ivan): one purchase with a return a week later (same order), never again.
  [iso(day(2024, 3, 1)), 'Dmitry', 600, 'D-1', 'Ivan'],
  [iso(day(2024, 3, 8)), 'Dmitry', -100, 'D-1', 'Ivan'],
  // Elena (Petr): two orders on one day, then one in August.
  [iso(day(2024, 6, 3)), 'Elena', 120, 'E-1', 'Petr'],
  [iso(day(2024, 6, 3)), 'Elena', 80, 'E-2', 'Petr'],
  [iso(day(2024, 8, 3)), 'Elena', 300, 'E-3', 'Petr'],
  // Fedor (no manager): one purchase in December 2023, won back in September 2024.
  [iso(day(2023, 12, 1)), 'Fedor', 50, 'F-1', ''],
  [iso(day(2024, 9, 20)), 'Fedor', 70, 'F-2', ''],
  // Galina (Petr), handed over from Ivan: Ivan's until June, Petr's from July.
  [iso(day(2024, 2, 1)), 'Galina', 90, 'G-1', 'Ivan'],
  [iso(day(2024, 4, 1)), 'Galina', 90, 'G-2', 'Ivan'],
  [iso(day(2024, 7, 1)), 'Galina', 90, 'G-3', 'Petr'],
  [iso(day(2024, 10, 1)), 'Galina', 90, 'G-4', 'Petr'],
];
