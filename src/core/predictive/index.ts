/**
 * Predictive customer value: who is still a customer (BG/NBD), how much they will
 * spend per purchase (Gamma-Gamma), and what that is worth over the next months
 * (CLV). Times in and out of this API are days; fitted BG/NBD parameters are
 * reported in the unit the caller asks for.
 */

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
import { historyGroups } from './historyGroups';
import { ModelError, messages } from './messages';
import { checkFrequencyRows, checkSpendRows, type FrequencyRow, type RfmRow, type SpendRow } from './rfmInput';

export type { BgNbdFit, BgNbdParams } from './bgnbd';
export { COMMON_DROPOUT_SIZE } from './bgnbd';
export type { GammaGammaFit, GammaGammaParams } from './gammaGamma';
export type { FrequencyRow, RfmRow, SpendRow } from './rfmInput';
export { DAYS_PER_MONTH } from './clv';
export { ModelError, messages, formatCount, renderModelMessage, type ModelMessage } from './messages';
export { customerHistories, purchasesFrom } from './histories';

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

/** What scoring needs of a BG/NBD model: fitted, or parameters the user typed in. */
export type BgNbdUse = Pick<BgNbdModel, 'params' | 'unit'>;

/** What scoring needs of a Gamma-Gamma model. */
export type GammaGammaUse = Pick<GammaGammaFit, 'params'>;

/**
 * Fits the BG/NBD model to customers' (x, tx, T) in days.
 * @throws UserError with a readable reason when the data cannot support the model
 */
export function fitBgNbd(customers: readonly FrequencyRow[], options: FitBgNbdOptions = {}): BgNbdModel {
  const unit = options.unit ?? 'day';
  if (!(unit in DAYS_PER_UNIT)) throw new ModelError(messages.badUnit(unit));
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
export function pAlive(model: BgNbdUse, customer: FrequencyRow): number {
  const k = DAYS_PER_UNIT[model.unit];
  return probabilityAlive(model.params, customer.x, customer.tx / k, customer.T / k);
}

/** Expected repeat purchases in the first `days` days of a new customer. */
export function expectedPurchasesOfNewCustomer(model: BgNbdUse, days: number): number {
  return expectedPurchases(model.params, days / DAYS_PER_UNIT[model.unit]);
}

/** Expected purchases in the next `days` days of a customer with this history. */
export function expectedPurchasesOf(model: BgNbdUse, customer: FrequencyRow, days: number): number {
  const k = DAYS_PER_UNIT[model.unit];
  return conditionalExpectedPurchases(model.params, customer.x, customer.tx / k, customer.T / k, days / k);
}

/** Expected amount per future purchase of a customer (Gamma-Gamma posterior mean). */
export function expectedSpend(model: GammaGammaUse, customer: SpendRow): number {
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
  purchases: BgNbdUse,
  spend: GammaGammaUse,
  options: ScoreOptions = {},
): CustomerScore[] {
  const months = options.months ?? 12;
  const rate = options.monthlyDiscountRate ?? 0.01;
  if (!(Number.isInteger(months) && months >= 1 && months <= 1200)) {
    throw new ModelError(messages.badMonths(months));
  }
  if (!(Number.isFinite(rate) && rate >= 0)) {
    throw new ModelError(messages.badDiscountRate(rate));
  }
  checkFrequencyRows('CLV', customers);
  checkSpendRows('CLV', customers);
  const k = DAYS_PER_UNIT[purchases.unit];
  const ends = monthEnds({ months, unitsPerMonth: DAYS_PER_MONTH / k });
  // Expected purchases if alive depend on (x, T) only, and discounting is linear, so
  // customers sharing x and T share the costly part; P(alive) scales it per customer.
  // Each group's part is worked out where its first customer comes, as each customer's was.
  const groups = historyGroups(customers);
  const total = new Float64Array(groups.x.length);
  const discounted = new Float64Array(groups.x.length);
  const out: CustomerScore[] = new Array(customers.length);
  for (let i = 0, known = 0; i < customers.length; i++) {
    const customer = customers[i];
    const g = groups.groupOf[i];
    if (g === known) {
      const cumulative = expectedPurchasesIfAliveAt(purchases.params, groups.x[g], groups.T[g] / k, ends);
      total[g] = cumulative[cumulative.length - 1];
      discounted[g] = discountedIncrements(cumulative, rate);
      known++;
    }
    const alive = probabilityAlive(purchases.params, customer.x, customer.tx / k, customer.T / k);
    const perPurchase = expectedAverageSpend(spend.params, customer.x, customer.monetary);
    out[i] = {
      pAlive: alive,
      expectedPurchases: alive * total[g],
      expectedSpend: perPurchase,
      clv: perPurchase * alive * discounted[g],
    };
  }
  return out;
}

/**
 * Expected purchases in the next `days` days of each customer, in input order.
 * Customers sharing x and T share the costly part, as in `scoreCustomers`.
 */
export function expectedPurchasesOfEach(model: BgNbdUse, customers: readonly FrequencyRow[], days: number): number[] {
  return expectedPurchasesAndPAliveOfEach(model, customers, days).expected;
}

/** Expected purchases in the next `days` days and P(alive) of each customer, in input order: one P(alive) for both. */
export function expectedPurchasesAndPAliveOfEach(
  model: BgNbdUse,
  customers: readonly FrequencyRow[],
  days: number,
): { expected: number[]; alive: number[] } {
  const k = DAYS_PER_UNIT[model.unit];
  const groups = historyGroups(customers);
  const horizon = [days / k];
  const ifAlive = new Float64Array(groups.x.length);
  const expected: number[] = new Array(customers.length);
  const alive: number[] = new Array(customers.length);
  for (let i = 0, known = 0; i < customers.length; i++) {
    const customer = customers[i];
    const g = groups.groupOf[i];
    if (g === known) {
      ifAlive[g] = expectedPurchasesIfAliveAt(model.params, groups.x[g], groups.T[g] / k, horizon)[0];
      known++;
    }
    const p = probabilityAlive(model.params, customer.x, customer.tx / k, customer.T / k);
    alive[i] = p;
    expected[i] = p * ifAlive[g];
  }
  return { expected, alive };
}

/**
 * Expected purchases of all the customers together within each of the horizons
 * (days from the end of their history, ascending): the predicted curve of a
 * holdout period. One evaluation per distinct (x, T) and horizon.
 */
export function totalExpectedPurchasesAt(model: BgNbdUse, customers: readonly FrequencyRow[], days: readonly number[]): number[] {
  const k = DAYS_PER_UNIT[model.unit];
  const horizons = days.map((d) => d / k);
  // Sum of P(alive) per (x, T); the expectation if alive is then computed once per group.
  const groups = historyGroups(customers);
  const alive = new Float64Array(groups.x.length);
  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i];
    alive[groups.groupOf[i]] += probabilityAlive(model.params, customer.x, customer.tx / k, customer.T / k);
  }
  const totals = new Array<number>(days.length).fill(0);
  for (let g = 0; g < groups.x.length; g++) {
    const ifAlive = expectedPurchasesIfAliveAt(model.params, groups.x[g], groups.T[g] / k, horizons);
    for (let j = 0; j < totals.length; j++) totals[j] += alive[g] * ifAlive[j];
  }
  return totals;
}
