/**
 * LTV by the seed formula S x C x P x t (docs/definitions.md: LTV).
 */
import { UserError } from './errors';
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
  /** The base figure: mean S, mean C and mean t over customers with P of the whole base. */
  base: LtvParts;
}

/**
 * Seed LTV of every customer and of the base. P comes from the given margin, else
 * from the profit column, else 1 (LTV in revenue rather than profit).
 */
export function seedLtv(summary: CustomerSummary, margin?: number): CustomerLtv {
  if (margin !== undefined && !(margin >= -1 && margin <= 1)) {
    throw UserError.of('err.core.margin', { value: margin });
  }
  const n = summary.size;
  const S = new Float64Array(n);
  const C = new Float64Array(n);
  const P = new Float64Array(n);
  const t = new Float64Array(n);
  const ltv = new Float64Array(n);
  let sumS = 0;
  let sumC = 0;
  let sumT = 0;
  let revenue = 0;
  let profit = 0;
  for (let i = 0; i < n; i++) {
    const months = Math.max(1, (summary.lastPurchase[i] - summary.firstPurchase[i]) / DAYS_PER_MONTH);
    S[i] = summary.revenue[i] / summary.purchases[i];
    C[i] = summary.purchases[i] / months;
    t[i] = months;
    P[i] = margin ?? (summary.profit ? (summary.revenue[i] === 0 ? 0 : summary.profit[i] / summary.revenue[i]) : 1);
    ltv[i] = ltvFromParts(S[i], C[i], P[i], t[i]);
    sumS += S[i];
    sumC += C[i];
    sumT += t[i];
    revenue += summary.revenue[i];
    if (summary.profit) profit += summary.profit[i];
  }
  const baseP = margin ?? (summary.profit ? (revenue === 0 ? 0 : profit / revenue) : 1);
  const mean = (s: number): number => (n === 0 ? 0 : s / n);
  const base: LtvParts = {
    averageCheck: mean(sumS),
    purchasesPerMonth: mean(sumC),
    profitability: baseP,
    lifetimeMonths: mean(sumT),
    ltv: ltvFromParts(mean(sumS), mean(sumC), baseP, mean(sumT)),
  };
  return { averageCheck: S, purchasesPerMonth: C, profitability: P, lifetimeMonths: t, ltv, base };
}
