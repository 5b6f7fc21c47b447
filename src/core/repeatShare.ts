/**
 * Repeat sales share (docs/definitions.md: repeat sales share, what-if): revenue of 2nd and later purchases
 * over all revenue, and the maturity level it shows.
 */
import { type CustomerSummary } from './summary';

/**
 * Maturity levels by the lowest share that reaches them. The source articles give the ranges
 * 5-10% (new customers only), 15-20% (first goal), 30-50% (organised repeat sales)
 * and up to 80-90% (the whole company sells repeatedly); a share between two ranges
 * keeps the lower level until it reaches the next range's start.
 */
export const MATURITY_LEVELS = [
  { from: 0, range: [0.05, 0.1] },
  { from: 0.15, range: [0.15, 0.2] },
  { from: 0.3, range: [0.3, 0.5] },
  { from: 0.8, range: [0.8, 0.9] },
] as const;

/** Level 0..3 of a repeat sales share; -1 when there is no share (no positive revenue). */
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
      const amount = eventAmount[e];
      total += amount;
      if (eventIsPurchase[e]) purchasesSoFar++;
      if (purchasesSoFar <= 1) first += amount;
    }
  }
  const repeat = total - first;
  const share = total > 0 ? repeat / total : NaN;
  return { totalRevenue: total, firstRevenue: first, repeatRevenue: repeat, share, level: maturityLevel(share) };
}
