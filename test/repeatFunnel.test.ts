// The repeat-purchase funnel (docs/definitions.md: repeat-purchase funnel): its rules on
// random tables, and REPEAT_FUNNEL through the built bundle in both forms (the whole
// orders table with its header row; customers, dates and amounts columns).
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodStart } from '../src/core/calendar';
import { DEFAULT_BANDS, lifecycleMatrix, lifecycleSegments } from '../src/core/lifecycle';
import { monthsLater, repeatFunnel, secondPurchaseDays } from '../src/core/repeatFunnel';
import { buildSummary } from '../src/core/summary';
import { type BundleContext, bundlePath, jsdocAbove, loadBundle } from './support/loadBundle';
import { type OrderRow, TEAM_ASOF, TEAM_ORDERS, day, iso, readTable } from './support/trendOrders';

describe('repeat funnel: n months after a first purchase', () => {
  it('is the same day n months later; a day the month lacks falls back to its last', () => {
    expect(iso(monthsLater(day(2024, 1, 15), 1))).toBe('2024-02-15');
    expect(iso(monthsLater(day(2024, 1, 31), 1))).toBe('2024-02-29');
    expect(iso(monthsLater(day(2023, 1, 31), 1))).toBe('2023-02-28');
    expect(iso(monthsLater(day(2024, 3, 31), 1))).toBe('2024-04-30');
    expect(iso(monthsLater(day(2024, 12, 5), 1))).toBe('2025-01-05');
    expect(iso(monthsLater(day(2024, 11, 30), 15))).toBe('2026-02-28');
  });
});

describe('repeat funnel: on any table', () => {
  const rowArb = fc.record({
    day: fc.integer({ min: 0, max: 800 }),
    customer: fc.constantFrom('Anna', 'Boris', 'Clara', 'Dmitry', 'Elena', 'Fedor', 'Galina', 'Hanna'),
    cents: fc.oneof(fc.integer({ min: 0, max: 30000 }), fc.integer({ min: -2000, max: -1 })),
    order: fc.oneof(fc.constant(''), fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6')),
    manager: fc.constantFrom('Olga', 'Ivan', ''),
  });
  const start = day(2022, 1, 1);
  const funnelOf = (rows: { day: number; customer: string; cents: number; order: string; manager: string }[], asOf: number) => {
    const table: OrderRow[] = rows.map((r) => [iso(start + r.day), r.customer, r.cents / 100, r.order, r.manager]);
    const summary = buildSummary(readTable(table, asOf), { asOf });
    return { summary, funnel: repeatFunnel(summary) };
  };

  it('shares never fall with more months, never pass "so far", and a shown column only counts what happened before the as-of date', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 900 }), (rows, at) => {
        const asOf = start + at;
        const { summary, funnel } = funnelOf(rows, asOf);
        const seconds = secondPurchaseDays(summary);
        for (const c of funnel.cohorts) {
          let shown = true;
          c.share.forEach((s, k) => {
            if (s === null) shown = false;
            else {
              expect(shown, 'no shown column after a blank one').toBe(true);
              // Known: every customer of the cohort has had k + 1 full months before the as-of date.
              expect(periodStart(c.month + k + 2, 'month')).toBeLessThanOrEqual(asOf);
              expect(s).toBeLessThanOrEqual(c.repeatedShare as number);
              if (k > 0 && c.share[k - 1] !== null) expect(s).toBeGreaterThanOrEqual(c.share[k - 1] as number);
            }
          });
        }
        expect(funnel.cohorts.reduce((n, c) => n + c.customers, 0)).toBeLessThanOrEqual(summary.size);
        for (let i = 0; i < summary.size; i++) if (seconds[i] >= 0) expect(seconds[i]).toBeLessThan(asOf);
      }),
      { numRuns: 300 },
    );
  });

  it('conversion 1 -> 2 is the share of customers who are not New, as the segments count purchases', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 50 }), (rows) => {
        const asOf = start + 820;
        const { summary, funnel } = funnelOf(rows, asOf);
        if (summary.size === 0) return;
        const m = lifecycleMatrix(summary, lifecycleSegments(summary, DEFAULT_BANDS));
        expect(funnel.total.rates[0]).toBeCloseTo(1 - m.countShares[0], 12);
        expect(funnel.total.atLeast[0]).toBe(summary.size);
        expect(funnel.managers.reduce((n, g) => n + g.atLeast[0], 0)).toBe(summary.size);
      }),
      { numRuns: 200 },
    );
  });
});

describe('REPEAT_FUNNEL: the cohort table as a formula', () => {
  let ctx: BundleContext;
  beforeAll(() => {
    ctx = loadBundle({
      globals: {
        SpreadsheetApp: {
          getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'Etc/UTC' }),
        },
      },
    });
  });
  const date = (text: string): Date => vm.runInContext(`new Date(${Date.parse(`${text}T00:00:00Z`)})`, ctx);
  const header = ['Date', 'Customer', 'Amount', 'Order ID', 'Manager'];
  const table = (): unknown[][] => [
    header,
    ...TEAM_ORDERS.map((r) => [date(r[0] as string), r[1], r[2], r[3], r[4]]),
    ['', '', '', '', ''],
  ];
  const asOf = (): Date => date(iso(TEAM_ASOF));
  const shown = (out: unknown[][]): unknown[][] =>
    out
      .slice(1)
      .map((r) => r.map((v) => (Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString().slice(0, 10) : v)));

  it('is documented as a custom function with both forms', () => {
    const doc = jsdocAbove(readFileSync(bundlePath, 'utf8'), 'REPEAT_FUNNEL');
    expect(doc).toContain('@customfunction');
    expect(doc).toMatch(/@param \{[^}]+\} customers .*whole orders table/);
    expect(doc).toContain('Example: =REPEAT_FUNNEL(Orders!A1:G, H1)');
  });

  it("over the whole orders table: the Repeat funnel sheet's cohorts, order ids as purchases", () => {
    const out = ctx.REPEAT_FUNNEL(table(), asOf());
    expect(out[0]).toEqual([
      'First purchase in',
      'Customers',
      'Within 1 month',
      ...Array.from({ length: 11 }, (_, k) => `Within ${k + 2} months`),
      'So far',
    ]);
    const rows = shown(out);
    expect(rows).toHaveLength(14);
    const summary = buildSummary(readTable(TEAM_ORDERS, TEAM_ASOF), { asOf: TEAM_ASOF });
    const expected = repeatFunnel(summary).cohorts.map((c) => [
      iso(c.start),
      c.customers,
      ...c.share.map((s) => s ?? ''),
      c.repeatedShare ?? '',
    ]);
    expect(rows).toEqual(expected);
    // Elena's two orders on 3 June are two purchases over the table.
    expect(rows.find((r) => r[0] === '2024-06-01')!.slice(1, 4)).toEqual([1, 1, 1]);
  });

  it('from customers, dates and amounts: a purchase is a customer-day', () => {
    const col = (c: number): unknown[][] =>
      table()
        .slice(1)
        .map((r) => [r[c]]);
    const rows = shown(ctx.REPEAT_FUNNEL(col(1), col(0), col(2), asOf()));
    // Without order ids Elena's 3 June is one purchase; her second is on 3 August: within 2 months, not 1.
    expect(rows.find((r) => r[0] === '2024-06-01')!.slice(1, 6)).toEqual([1, 0, 1, 1, 1]);
    expect(rows.find((r) => r[0] === '2023-09-01')!.slice(1, 3)).toEqual([1, 1]);
  });

  it('labels in the language asked for; errors name the function, the argument and the value', () => {
    expect(ctx.REPEAT_FUNNEL(table(), asOf(), 'uk')[0].slice(0, 3)).toEqual(['Перша покупка', 'Клієнтів', 'За 1 місяць']);
    expect(() => ctx.REPEAT_FUNNEL(table(), asOf(), 'fr')).toThrow(/^REPEAT_FUNNEL: .*"fr"/);
    const bad = table();
    bad[3] = ['32.13.2024', 'Anna', 100, 'A-9', 'Olga']; // the sheet's row 4, under the header row
    expect(() => ctx.REPEAT_FUNNEL(bad, asOf())).toThrow('REPEAT_FUNNEL: Date (A) row 4 is "32.13.2024", not a date');
    expect(() => ctx.REPEAT_FUNNEL(table(), date('2023-01-01'))).toThrow(/^REPEAT_FUNNEL: no purchases before as_of/);
  });
});
