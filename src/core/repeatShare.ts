/**
 * Repeat sales share (docs/definitions.md: repeat sales share, what-if): revenue of 2nd and later purchases
 * over all revenue, and the maturity level it shows.
 */
import { fromCents, toCents } from './money';
import { type CustomerSummary } from './summary';

/**
 * The maturity models of repeat sales by the share of revenue from repeat purchases:
 * under 15% model 1 "we sell to new customers" (typically 5-10%; next goal 15-20%),
 * 15% to under 30% model 2 "sales without strain" (next goal 30-50%), 30% or more
 * model 3 "take the maximum from the customer base" (up to 90%). Model 4, "the whole
 * company takes part", has no share of its own: it is shown as the next step, never
 * as a level reached.
 */
export const MATURITY_LEVELS = [{ from: 0 }, { from: 0.15 }, { from: 0.3 }] as const;

/** Model 0..2 (shown as 1..3) of a repeat sales share; -1 when there is no share (no positive revenue). */
export function maturityLevel(share: number): number {
  if (!Number.isFinite(share)) return -1;
  let level = 0;
  for (let l = 0; l < MATURITY_LEVELS.length; l++) if (share >= MATURITY_LEVELS[l].from) level = l;
  return level;
}

export interface RepeatShare {
  totalRevenue: number;
  /** Revenue of each customer's first purchase, net of returns that belong to it. */
  firstRevenue: number;
  repeatRevenue: number;
  /** repeatRevenue / totalRevenue; NaN when the total is not positive. */
  share: number;
  level: number;
}

/**
 * Splits the revenue of the summary into first and repeat purchases. A stand-alone
 * return (one that is not part of an order) belongs to the latest purchase on or
 * before its day, or to the first purchase when it comes before any.
 */
export function repeatSalesShare(summary: CustomerSummary): RepeatShare {
  let total = 0;
  let first = 0;
  const { start, eventAmount, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    let purchasesSoFar = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const cents = toCents(eventAmount[e]);
      total += cents;
      if (eventIsPurchase[e]) purchasesSoFar++;
      if (purchasesSoFar <= 1) first += cents;
    }
  }
  const repeat = fromCents(total - first);
  total = fromCents(total);
  first = fromCents(first);
  const share = total > 0 ? repeat / total : NaN;
  return { totalRevenue: total, firstRevenue: first, repeatRevenue: repeat, share, level: maturityLevel(share) };
}
