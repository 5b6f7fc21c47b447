// Month-end trends (docs/definitions.md: trends), one describe per rule: every
// month-end equals what the reports built on that date show (the full computation
// of test/support/trendOrders.ts), on the hand-made team table and on random tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ABC_XYZ, abcClasses } from '../src/core/abcXyz';
import { DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { abcOfCents, monthEndDates, monthEndTrends, type TrendOptions } from '../src/core/trends';
import {
  DEFAULTS,
  type FullOptions,
  type OrderRow,
  TEAM_ASOF,
  TEAM_ORDERS,
  day,
  fullComputation,
  iso,
  readTable,
} from './support/trendOrders';

const options = (asOf: number, o: FullOptions = DEFAULTS): TrendOptions => ({ asOf, ...o });

describe('trends: the month-ends', () => {
  it('are the first day of each month after the first purchase, up to the as-of date, the last 24', () => {
    expect(monthEndDates(day(2024, 3, 15), day(2024, 6, 10)).map(iso)).toEqual(['2024-04-01', '2024-05-01', '2024-06-01']);
    // An as-of date on the first of a month: that date is the last month-end's.
    expect(monthEndDates(day(2024, 3, 1), day(2024, 5, 1)).map(iso)).toEqual(['2024-04-01', '2024-05-01']);
    expect(monthEndDates(day(2024, 3, 15), day(2024, 3, 31))).toEqual([]);
    const long = monthEndDates(day(2019, 1, 1), day(2024, 6, 10));
    expect(long).toHaveLength(24);
    expect(iso(long[0])).toBe('2022-07-01');
    expect(iso(long[23])).toBe('2024-06-01');
  });

  it('on the team table: 14 months of history, as of 1 November 2024, give 14 month-ends, September 2023 to October 2024', () => {
    const points = monthEndTrends(readTable(TEAM_ORDERS, TEAM_ASOF), options(TEAM_ASOF));
    expect(points.map((p) => iso(p.asOf - 1))).toEqual([
      '2023-09-30',
      '2023-10-31',
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
    ]);
  });
});

describe('trends: each month-end equals a report built on that date', () => {
  it('on the team table, June 2024 against the full computation as of 2024-07-01', () => {
    const orders = readTable(TEAM_ORDERS, TEAM_ASOF);
    const june = monthEndTrends(orders, options(TEAM_ASOF)).find((p) => iso(p.asOf) === '2024-07-01')!;
    expect(june).toEqual(fullComputation(orders, day(2024, 7, 1)));
    // And by hand: Anna, Boris, Clara, Dmitry, Elena, Fedor, Galina have bought by 30 June.
    expect(june.customers).toBe(7);
    // Purchases: Anna 10, Boris 2, Clara 3, Dmitry 1, Elena 2 (two orders on 3 June), Fedor 1, Galina 2: New 2, Prospective 4, Regular 1.
    expect(june.bandCounts).toEqual([2, 4, 1]);
    // Active (last purchase within 60 days of 1 July): Anna (5 June), Clara (24 May), Elena (3 June).
    expect(june.active).toBe(3);
    // Lost: Boris (silent 234 days, usual interval 31), Dmitry and Fedor (one purchase, 90-day fallback, silent 122 and 213 days),
    // Galina (interval 60, silent 91 > 80); Clara's interval is the median of 40 and 90 = 65, 38 days silent.
    expect(june.lost).toBe(4);
    expect(june.notLost).toBe(3);
    // The ABC-XYZ year: 2023-07-01 to 2024-06-30, every customer; Galina still Ivan's then.
    expect(june.portfolio.managers.map((m) => [m.manager, m.customers])).toEqual([
      ['Ivan', 3],
      ['Olga', 2],
      ['Petr', 1],
      ['', 1],
    ]);
  });

  it('on the team table, every month-end', () => {
    const orders = readTable(TEAM_ORDERS, TEAM_ASOF);
    for (const point of monthEndTrends(orders, options(TEAM_ASOF))) expect(point).toEqual(fullComputation(orders, point.asOf));
  });

  it('with a profit column: base LTV in profit', () => {
    const rows = TEAM_ORDERS.map((r) => [...r, (r[2] as number) * 0.3]);
    const orders = readTable(rows, TEAM_ASOF, true);
    const points = monthEndTrends(orders, options(TEAM_ASOF));
    for (const point of points) expect(point).toEqual(fullComputation(orders, point.asOf));
    expect(points[points.length - 1].ltv.profitability).toBeCloseTo(0.3, 10);
  });

  it('an order that opens with a return and becomes a purchase on the day of another keeps its place: first purchase, not repeat', () => {
    // o2 is met first in the sheet, so on 3 March its line sorts before o1's; o1 still came first (its return on 1 March).
    const rows: OrderRow[] = [
      ['2024-03-03', 'Anna', 50, 'o2', 'Olga'],
      ['2024-03-01', 'Anna', -10, 'o1', 'Olga'],
      ['2024-03-03', 'Anna', 20, 'o1', 'Olga'],
    ];
    const asOf = day(2024, 5, 1);
    const orders = readTable(rows, asOf);
    const points = monthEndTrends(orders, options(asOf));
    for (const point of points) expect(point).toEqual(fullComputation(orders, point.asOf));
    // o1 (-10 + 20) is the first purchase, o2 (50) the second: 50 of 60 is repeat revenue.
    expect(points[points.length - 1].repeat).toMatchObject({ revenue: 60, repeatRevenue: 50 });
  });

  it('two orders on one day: the first purchase is the smaller id, wherever its row is, as the summary counts it', () => {
    // B-7 comes first in the sheet; by id, 10 (a number) sorts before text and is the first purchase.
    const rows: OrderRow[] = [
      ['2024-03-03', 'Anna', 70, 'B-7', 'Olga'],
      ['2024-03-03', 'Anna', 30, 10, 'Olga'],
    ];
    const asOf = day(2024, 5, 1);
    const orders = readTable(rows, asOf);
    const points = monthEndTrends(orders, options(asOf));
    for (const point of points) expect(point).toEqual(fullComputation(orders, point.asOf));
    expect(points[points.length - 1].repeat).toMatchObject({ revenue: 100, repeatRevenue: 70 });
  });

  it('on random tables: order ids across days, returns before purchases, handed-over customers, any parameters', () => {
    const names = ['Anna', 'anna ', 'Boris', 'Clara', 'Dmitry', 'Elena', 'Fedor'];
    const rowArb = fc.record({
      day: fc.integer({ min: 0, max: 900 }),
      customer: fc.constantFrom(...names),
      cents: fc.oneof(fc.integer({ min: -5000, max: 40000 }), fc.constant(0), fc.integer({ min: -3000, max: -1 })),
      // Text ids and numbers (a day's orders are counted by id: numbers by value, before text).
      order: fc.oneof(fc.constant(''), fc.constantFrom<string | number>('o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8', 9, 10, 100)),
      manager: fc.constantFrom('Olga', 'Ivan', 'ivan', ''),
    });
    const optionsArb = fc.record({
      prospectiveFrom: fc.integer({ min: 2, max: 3 }),
      regularExtra: fc.integer({ min: 1, max: 3 }),
      activeTo: fc.integer({ min: 0, max: 90 }),
      sleepingExtra: fc.integer({ min: 1, max: 200 }),
      factor: fc.constantFrom(0.5, 1, 4 / 3, 2),
      minSecond: fc.integer({ min: 1, max: 4 }),
      percentile: fc.constantFrom(0.5, 0.8, 0.9),
      fallback: fc.integer({ min: 10, max: 120 }),
      abcA: fc.constantFrom(0.5, 0.8),
      abcB: fc.constantFrom(0.9, 0.95, 1),
      basis: fc.constantFrom('intervals', 'revenue'),
      period: fc.constantFrom('week', 'month', 'quarter'),
      bound: fc.constantFrom(0.2, 0.5, 1),
    });
    const start = day(2022, 1, 1);
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 40 }), optionsArb, fc.integer({ min: 200, max: 1000 }), (rows, o, asOfAt) => {
        const asOf = start + asOfAt;
        const table: OrderRow[] = rows.map((r) => [iso(start + r.day), r.customer, r.cents / 100, r.order, r.manager]);
        const orders = readTable(table, asOf);
        const full: FullOptions = {
          bands: {
            prospectiveFrom: o.prospectiveFrom,
            regularFrom: o.prospectiveFrom + o.regularExtra,
            activeTo: o.activeTo,
            sleepingTo: o.activeTo + o.sleepingExtra,
          },
          lost: {
            factor: o.factor,
            minSecondPurchases: o.minSecond,
            secondPurchasePercentile: o.percentile,
            fallbackIntervalDays: o.fallback,
          },
          abcXyz: {
            abcBounds: [o.abcA, o.abcB],
            basis: o.basis as 'intervals' | 'revenue',
            xyzBounds: o.basis === 'revenue' ? [o.bound, o.bound * 2] : [o.bound],
            period: o.period as 'week' | 'month' | 'quarter',
          },
        };
        const points = monthEndTrends(orders, options(asOf, full));
        for (const point of points) expect(point).toEqual(fullComputation(orders, point.asOf, full));
      }),
      { numRuns: 300 },
    );
  });
});

describe('trends: ABC from whole cents without sorting the customers', () => {
  it('gives abcClasses for every list of revenues, ties at the cuts included', () => {
    fc.assert(
      fc.property(
        // Small sums, sums past 2^22 (three radix passes) and past 2^32 (sorted as doubles), ties at 0, 100, 200.
        fc.array(
          fc.oneof(
            fc.integer({ min: -500, max: 3000 }),
            fc.constantFrom(0, 100, 200),
            fc.integer({ min: 2 ** 22, max: 2 ** 31 }),
            fc.integer({ min: 2 ** 32 - 5, max: 2 ** 34 }),
          ),
          { maxLength: 60 },
        ),
        fc.constantFrom<[number, number]>([0.8, 0.95], [0.5, 0.6], [0.3, 1], [0.8, 0.8000001]),
        (cents, bounds) => {
          const keys = cents.map((_, i) => `k${String(i).padStart(3, '0')}`);
          const revenue = cents.map((c) => c / 100);
          expect(Array.from(abcOfCents(Float64Array.from(cents), bounds))).toEqual(Array.from(abcClasses(revenue, keys, bounds)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('trends: defaults', () => {
  it('are the sidebar defaults', () => {
    expect(DEFAULTS).toEqual({ bands: DEFAULT_BANDS, lost: DEFAULT_LOST, abcXyz: DEFAULT_ABC_XYZ });
  });
});
