/**
 * Predictive customer lifetime value: expected purchases from the BG/NBD model,
 * times expected spend per purchase from the Gamma-Gamma model, discounted monthly.
 */

import { conditionalExpectedPurchasesAt, type BgNbdParams } from './bgnbd';
import type { FrequencyRow } from './rfmInput';

/** A month is 30.4375 days (365.25 / 12), as everywhere else in the add-on. */
export const DAYS_PER_MONTH = 30.4375;

export interface ClvOptions {
  /** Horizon in months (whole number). */
  months: number;
  /** Monthly discount rate d: month k's value is divided by (1 + d)^k. */
  monthlyDiscountRate: number;
  /** Length of a month in the time unit of the BG/NBD parameters (30.4375 for days). */
  unitsPerMonth: number;
}

/**
 * CLV = Σ_{k=1..N} spend · (E[Y(k months)] - E[Y((k-1) months)]) / (1 + d)^k, where
 * E[Y(t)] is the customer's expected purchases in the next t (BG/NBD, conditional
 * on their history) and spend the expected amount per purchase.
 */
export function customerLifetimeValue(params: BgNbdParams, history: FrequencyRow, spendPerPurchase: number, options: ClvOptions): number {
  const cumulative = conditionalExpectedPurchasesAt(params, history.x, history.tx, history.T, monthEnds(options));
  return spendPerPurchase * discountedIncrements(cumulative, options.monthlyDiscountRate);
}

/** Ends of months 1..N in the model's time unit. */
export function monthEnds(options: Pick<ClvOptions, 'months' | 'unitsPerMonth'>): number[] {
  return Array.from({ length: options.months }, (_, i) => (i + 1) * options.unitsPerMonth);
}

/** Σ_k (c_k - c_{k-1}) / (1 + d)^k for cumulative values c_1..c_N and c_0 = 0. */
export function discountedIncrements(cumulative: readonly number[], monthlyDiscountRate: number): number {
  let total = 0;
  let previous = 0;
  let factor = 1;
  for (const value of cumulative) {
    factor /= 1 + monthlyDiscountRate;
    total += (value - previous) * factor;
    previous = value;
  }
  return total;
}
