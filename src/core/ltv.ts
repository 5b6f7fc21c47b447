/**
 * LTV by the seed formula S x C x P x t (docs/definitions.md: LTV).
 */
import { UserError } from './errors';
import { fromCents, toCents } from './money';
import { type CustomerSummary } from './summary';

/** Days in an average month (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;

/** LTV from its four parts. */
export function ltvFromParts(averageCheck: number, purchasesPerMonth: number, profitability: number, lifetimeMonths: number): number {
  return averageCheck * purchasesPerMonth * profitability * lifetimeMonths;
}

export interface LtvParts {
  /** S: average check. */
  averageCheck: number;
  /** C: purchases per month. */
  purchasesPerMonth: number;
  /** P: profit as a fraction of revenue. */
  profitability: number;
  /** t: lifetime in months. */
  lifetimeMonths: number;
  ltv: number;
}

export interface CustomerLtv {
  averageCheck: Float64Array;
  purchasesPerMonth: Float64Array;
  profitability: Float64Array;
  lifetimeMonths: Float64Array;
  ltv: Float64Array;
  /**
   * The base figure, from totals rather than means of ratios: S = total revenue /
   * total purchases, t = mean t, C = total purchases / sum of t, P = total profit /
   * total revenue; so S x C x t is exactly the average revenue per customer.
   */
  base: LtvParts;
}

/**
 * Seed LTV of every customer and of the base. P comes from the given margin, else
 * from the profit column, else 1 (LTV in revenue rather than profit).
 */
export function seedLtv(summary: CustomerSummary, margin?: number): CustomerLtv {
  if (margin !== undefined && !(margin >= 0 && margin <= 1)) {
    throw UserError.of('err.core.margin', { value: margin });
  }
  const n = summary.size;
  const S = new Float64Array(n);
  const C = new Float64Array(n);
  const P = new Float64Array(n);
  const t = new Float64Array(n);
  const ltv = new Float64Array(n);
  let sumT = 0;
  let purchases = 0;
  let revenueCents = 0;
  let profitCents = 0;
  for (let i = 0; i < n; i++) {
    const months = Math.max(1, (summary.lastPurchase[i] - summary.firstPurchase[i]) / DAYS_PER_MONTH);
    S[i] = summary.revenue[i] / summary.purchases[i];
    C[i] = summary.purchases[i] / months;
    t[i] = months;
    P[i] = margin ?? (summary.profit ? (summary.revenue[i] === 0 ? 0 : summary.profit[i] / summary.revenue[i]) : 1);
    ltv[i] = ltvFromParts(S[i], C[i], P[i], t[i]);
    sumT += t[i];
    purchases += summary.purchases[i];
    revenueCents += toCents(summary.revenue[i]);
    if (summary.profit) profitCents += toCents(summary.profit[i]);
  }
  const revenue = fromCents(revenueCents);
  const baseP = margin ?? (summary.profit ? (revenueCents === 0 ? 0 : profitCents / revenueCents) : 1);
  const baseS = purchases === 0 ? 0 : revenue / purchases;
  const baseC = sumT === 0 ? 0 : purchases / sumT;
  const baseT = n === 0 ? 0 : sumT / n;
  const base: LtvParts = {
    averageCheck: baseS,
    purchasesPerMonth: baseC,
    profitability: baseP,
    lifetimeMonths: baseT,
    ltv: ltvFromParts(baseS, baseC, baseP, baseT),
  };
  return { averageCheck: S, purchasesPerMonth: C, profitability: P, lifetimeMonths: t, ltv, base };
}
