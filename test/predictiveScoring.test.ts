// Issue 12 (warm cache): scoring shares the costly part, the expected purchases of a
// customer known to be alive, between customers with the same (x, T), found by a
// numeric key where it can be one. Sharing must never change a figure: every value
// is the one the customer's own formula gives, bit for bit, and customers with
// different (x, T) never share.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchasesAt, expectedPurchasesIfAliveAt, probabilityAlive } from '../src/core/predictive/bgnbd';
import { DAYS_PER_MONTH, discountedIncrements, monthEnds } from '../src/core/predictive/clv';
import { expectedAverageSpend } from '../src/core/predictive/gammaGamma';
import { historyGroups } from '../src/core/predictive/historyGroups';
import {
  type BgNbdUse,
  expectedPurchasesAndPAliveOfEach,
  expectedPurchasesOf,
  expectedPurchasesOfEach,
  type FrequencyRow,
  type GammaGammaUse,
  pAlive,
  type RfmRow,
  scoreCustomers,
  totalExpectedPurchasesAt,
} from '../src/core/predictive/index';
import { simulateCustomers } from './support/simulateCustomers';

const DAILY: BgNbdUse = { params: { r: 0.51, alpha: 32, a: 0.6, b: 6.2 }, unit: 'day' };
const WEEKLY: BgNbdUse = { params: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, unit: 'week' };
const SPEND: GammaGammaUse = { params: { p: 6.25, q: 3.74, v: 15.45 } };

/** Customers in whole days (as read from orders), many sharing x and T, some only t_x. */
const DAYS: RfmRow[] = simulateCustomers({
  customers: 800,
  purchases: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 },
  spend: { p: 6, q: 4, v: 15 },
  minDays: 60,
  maxDays: 120,
  seed: 5,
}).map((row) => ({ ...row, tx: Math.round(row.tx), T: Math.max(Math.round(row.T), Math.round(row.tx)) }));

/** The same with fractional days, as the per-row forms may be given. */
const FRACTIONS: RfmRow[] = DAYS.map((row, i) => ({ ...row, tx: row.tx * 0.75, T: row.T + (i % 4) * 0.125 }));

/** A generator of histories: whole or fractional days, small and very large, 0 and -0. */
const history = fc
  .record({
    x: fc.oneof(fc.nat(30), fc.constantFrom(0, 2 ** 31 - 1, 2 ** 31, 2 ** 40)),
    T: fc.oneof(fc.nat(3000), fc.constantFrom(-0, 0, 2 ** 21 - 1, 2 ** 21, 2 ** 22, 0.5, 1e-9, 36_524.75)),
  })
  .map(({ x, T }) => ({ x, tx: 0, T }));

describe('historyGroups: one group per distinct (x, T), in the order its first customer comes', () => {
  it('puts customers together exactly when their x and T are the same numbers (0 and -0 alike)', () => {
    fc.assert(
      fc.property(fc.array(history, { maxLength: 60 }), (rows) => {
        const groups = historyGroups(rows);
        const seen: string[] = [];
        rows.forEach((row, i) => {
          const text = `${row.x} ${row.T}`; // String(-0) is "0": the same key the text form would have
          if (!seen.includes(text)) seen.push(text);
          expect(groups.groupOf[i]).toBe(seen.indexOf(text));
          expect(groups.x[groups.groupOf[i]]).toBe(row.x);
          expect(groups.T[groups.groupOf[i]] === row.T).toBe(true);
        });
        expect(groups.x).toHaveLength(seen.length);
      }),
    );
  });

  it('keeps apart pairs a packed number would confuse: x = 1, T = 2^21 and x = 2, T = 0; T = 0.5 and T = 0', () => {
    const groups = historyGroups([
      { x: 1, tx: 0, T: 2 ** 21 },
      { x: 2, tx: 0, T: 0 },
      { x: 2, tx: 0, T: 0.5 },
      { x: 2 ** 31, tx: 0, T: 0 },
      { x: 0, tx: 0, T: 2 ** 52 },
    ]);
    expect(Array.from(groups.groupOf)).toEqual([0, 1, 2, 3, 4]);
  });

  it('of the whole-day customers: several share each group, as the sharing is for', () => {
    const groups = historyGroups(DAYS);
    expect(groups.x.length).toBeLessThan(DAYS.length / 2);
    expect(groups.x.length).toBeGreaterThan(10);
  });
});

describe("sharing never changes a figure: each is the customer's own formula, bit for bit", () => {
  it.each([
    ['whole days', DAYS, DAILY],
    ['fractional days', FRACTIONS, DAILY],
    ['weekly parameters', FRACTIONS, WEEKLY],
  ] as const)('CLV scores over %s', (_, rows, model) => {
    const k = model.unit === 'week' ? 7 : 1;
    for (const [months, rate] of [
      [12, 0.01],
      [1, 0],
      [37, 0.05],
    ]) {
      const scores = scoreCustomers(rows, model, SPEND, { months, monthlyDiscountRate: rate });
      const ends = monthEnds({ months, unitsPerMonth: DAYS_PER_MONTH / k });
      rows.forEach((c, i) => {
        const alive = probabilityAlive(model.params, c.x, c.tx / k, c.T / k);
        const ifAlive = expectedPurchasesIfAliveAt(model.params, c.x, c.T / k, ends);
        const perPurchase = expectedAverageSpend(SPEND.params, c.x, c.monetary);
        expect(scores[i]).toEqual({
          pAlive: alive,
          expectedPurchases: alive * ifAlive[ifAlive.length - 1],
          expectedSpend: perPurchase,
          clv: perPurchase * alive * discountedIncrements(ifAlive, rate),
        });
        // And E[Y] is the conditional expectation of the model's own formula, to the last bit.
        expect(scores[i].expectedPurchases).toBe(conditionalExpectedPurchasesAt(model.params, c.x, c.tx / k, c.T / k, ends).at(-1));
      });
    }
  });

  it.each([
    ['whole days', DAYS, DAILY],
    ['fractional days', FRACTIONS, DAILY],
    ['weekly parameters', FRACTIONS, WEEKLY],
  ] as const)('expected purchases and P(alive) over %s', (_, rows, model) => {
    for (const days of [1, 90, 365.25]) {
      const { expected, alive } = expectedPurchasesAndPAliveOfEach(model, rows, days);
      expect(expectedPurchasesOfEach(model, rows, days)).toEqual(expected);
      rows.forEach((c, i) => {
        expect(alive[i]).toBe(pAlive(model, c));
        expect(expected[i]).toBe(expectedPurchasesOf(model, c, days));
      });
    }
  });

  it('the holdout curve: P(alive) summed per (x, T) in customer order, times the expectation if alive', () => {
    const days = [7, 30, 90, 365];
    const byKey = new Map<string, { x: number; T: number; alive: number }>();
    for (const c of DAYS) {
      const key = `${c.x} ${c.T}`;
      const group = byKey.get(key) ?? { x: c.x, T: c.T, alive: 0 };
      group.alive += pAlive(DAILY, c);
      byKey.set(key, group);
    }
    const expected = days.map(() => 0);
    for (const group of byKey.values()) {
      const ifAlive = expectedPurchasesIfAliveAt(DAILY.params, group.x, group.T, days);
      days.forEach((_, j) => (expected[j] += group.alive * ifAlive[j]));
    }
    expect(totalExpectedPurchasesAt(DAILY, DAYS, days)).toEqual(expected);
  });

  it('customers that differ only in t_x share the expectation if alive, not P(alive)', () => {
    const rows: FrequencyRow[] = [
      { x: 3, tx: 10, T: 100 },
      { x: 3, tx: 90, T: 100 },
    ];
    const { expected, alive } = expectedPurchasesAndPAliveOfEach(DAILY, rows, 90);
    expect(alive[0]).toBeLessThan(alive[1]);
    expect(expected[0] / alive[0]).toBeCloseTo(expected[1] / alive[1], 12);
  });
});
