/**
 * Predictive customer value: who is still a customer (BG/NBD), how much they will
 * spend per purchase (Gamma-Gamma), and what that is worth over the next months
 * (CLV). Times in and out of this API are days; fitted BG/NBD parameters are
 * reported in the unit the caller asks for.
 */

import { UserError } from '../errors';
import {
  conditionalExpectedPurchases,
  expectedPurchases,
  expectedPurchasesIfAliveAt,
  fitBgNbdModel,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdFitOptions,
} from './bgnbd';
import { DAYS_PER_MONTH, discountedIncrements, monthEnds } from './clv';
import { expectedAverageSpend, fitGammaGammaModel, type GammaGammaFit, type GammaGammaFitOptions } from './gammaGamma';
import { messages } from './messages';
import { checkFrequencyRows, checkSpendRows, type FrequencyRow, type RfmRow, type SpendRow } from './rfmInput';

export type { BgNbdFit, BgNbdParams } from './bgnbd';
export type { GammaGammaFit, GammaGammaParams } from './gammaGamma';
export type { FrequencyRow, RfmRow, SpendRow } from './rfmInput';
export { DAYS_PER_MONTH } from './clv';
export { messages, formatCount } from './messages';

export type TimeUnit = 'day' | 'week';

const DAYS_PER_UNIT: Record<TimeUnit, number> = { day: 1, week: 7 };

/** A fitted BG/NBD model; `params.alpha` and the log-likelihood are in `unit`. */
export interface BgNbdModel extends BgNbdFit {
  unit: TimeUnit;
}

export interface FitBgNbdOptions extends BgNbdFitOptions {
  /** Unit of the reported α (default 'day'). The fit is the same either way. */
  unit?: TimeUnit;
}

/**
 * Fits the BG/NBD model to customers' (x, tx, T) in days.
 * @throws UserError with a readable reason when the data cannot support the model
 */
export function fitBgNbd(customers: readonly FrequencyRow[], options: FitBgNbdOptions = {}): BgNbdModel {
  const unit = options.unit ?? 'day';
  if (!(unit in DAYS_PER_UNIT)) throw new UserError(messages.badOption('BG/NBD', 'unit', unit, '"day" or "week"'));
  // Checked in days first, so that messages quote the user's own figures.
  checkFrequencyRows('BG/NBD', customers);
  const perUnit = DAYS_PER_UNIT[unit];
  const rows = perUnit === 1 ? customers : customers.map((c) => ({ x: c.x, tx: c.tx / perUnit, T: c.T / perUnit }));
  return { ...fitBgNbdModel(rows, options), unit };
}

/** Fits the Gamma-Gamma spend model to repeat buyers' average repeat amount. */
export function fitGammaGamma(customers: readonly SpendRow[], options: GammaGammaFitOptions = {}): GammaGammaFit {
  return fitGammaGammaModel(customers, options);
}

/** P(the customer has not dropped out), from their history in days. */
export function pAlive(model: BgNbdModel, customer: FrequencyRow): number {
  const k = DAYS_PER_UNIT[model.unit];
  return probabilityAlive(model.params, customer.x, customer.tx / k, customer.T / k);
}

/** Expected repeat purchases in the first `days` days of a new customer. */
export function expectedPurchasesOfNewCustomer(model: BgNbdModel, days: number): number {
  return expectedPurchases(model.params, days / DAYS_PER_UNIT[model.unit]);
}

/** Expected purchases in the next `days` days of a customer with this history. */
export function expectedPurchasesOf(model: BgNbdModel, customer: FrequencyRow, days: number): number {
  const k = DAYS_PER_UNIT[model.unit];
  return conditionalExpectedPurchases(model.params, customer.x, customer.tx / k, customer.T / k, days / k);
}

/** Expected amount per future purchase of a customer (Gamma-Gamma posterior mean). */
export function expectedSpend(model: GammaGammaFit, customer: SpendRow): number {
  return expectedAverageSpend(model.params, customer.x, customer.monetary);
}

export interface ScoreOptions {
  /** CLV horizon in whole months (default 12). */
  months?: number;
  /** Monthly discount rate (default 0.01, about 12.7% a year). */
  monthlyDiscountRate?: number;
}

export interface CustomerScore {
  /** P(still a customer) at the end of the period. */
  pAlive: number;
  /** Expected purchases over the horizon. */
  expectedPurchases: number;
  /** Expected amount per purchase. */
  expectedSpend: number;
  /** Discounted expected spend over the horizon. */
  clv: number;
}

/**
 * Scores every customer: P(alive), expected purchases and spend, and CLV over the
 * next `months` months (a month is 30.4375 days), in input order.
 */
export function scoreCustomers(
  customers: readonly RfmRow[],
  purchases: BgNbdModel,
  spend: GammaGammaFit,
  options: ScoreOptions = {},
): CustomerScore[] {
  const months = options.months ?? 12;
  const rate = options.monthlyDiscountRate ?? 0.01;
  if (!(Number.isInteger(months) && months >= 1 && months <= 1200)) {
    throw new UserError(messages.badOption('CLV', 'months', months, 'a whole number from 1 to 1200'));
  }
  if (!(Number.isFinite(rate) && rate >= 0)) {
    throw new UserError(messages.badOption('CLV', 'monthly discount rate', rate, 'a number of at least 0'));
  }
  checkFrequencyRows('CLV', customers);
  checkSpendRows('CLV', customers);
  const k = DAYS_PER_UNIT[purchases.unit];
  const ends = monthEnds({ months, unitsPerMonth: DAYS_PER_MONTH / k });
  // Expected purchases if alive depend on (x, T) only, and discounting is linear, so
  // customers sharing x and T share the costly part; P(alive) scales it per customer.
  const ifAlive = new Map<string, { total: number; discounted: number }>();
  return customers.map((customer) => {
    const key = `${customer.x} ${customer.T}`;
    let shared = ifAlive.get(key);
    if (!shared) {
      const cumulative = expectedPurchasesIfAliveAt(purchases.params, customer.x, customer.T / k, ends);
      shared = { total: cumulative[cumulative.length - 1], discounted: discountedIncrements(cumulative, rate) };
      ifAlive.set(key, shared);
    }
    const alive = probabilityAlive(purchases.params, customer.x, customer.tx / k, customer.T / k);
    const perPurchase = expectedAverageSpend(spend.params, customer.x, customer.monetary);
    return {
      pAlive: alive,
      expectedPurchases: alive * shared.total,
      expectedSpend: perPurchase,
      clv: perPurchase * alive * shared.discounted,
    };
  });
}
