/**
 * From the per-customer summary to the histories the predictive models take:
 * repeat purchases x, t_x and T in days, and the average repeat purchase.
 */

import { fromCents, toCents } from '../money';
import type { CustomerSummary } from '../summary';
import type { RfmRow } from './rfmInput';

/**
 * One history per customer of the summary, in its order. The period ends on the
 * day before the as-of date (the last day whose purchases count), so that
 * T = (as-of - 1) - first purchase and t_x = last - first purchase, both in whole
 * days; a purchase on the last day has t_x = T. This is how the published CDNOW
 * summaries were made (period to 1997-09-30, T = 38.86 weeks for a 1 January start).
 *
 * The average repeat purchase is the net amount of the purchases after the first,
 * over their number, never below 0; returns that are not part of a purchase lower
 * revenue but are not purchases, so they do not enter it.
 */
export function customerHistories(summary: CustomerSummary, periodEnd: number = summary.asOf - 1): RfmRow[] {
  const rows: RfmRow[] = new Array(summary.size);
  const { start, eventAmount, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    const first = summary.firstPurchase[i];
    let seenFirst = false;
    let repeatAmount = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      if (seenFirst) repeatAmount += toCents(eventAmount[e]);
      seenFirst = true;
    }
    const x = summary.purchases[i] - 1;
    rows[i] = {
      x,
      tx: summary.lastPurchase[i] - first,
      T: Math.max(periodEnd - first, summary.lastPurchase[i] - first),
      monetary: x > 0 ? Math.max(0, fromCents(repeatAmount) / x) : 0,
    };
  }
  return rows;
}

/**
 * Purchases of each customer of `summary` on or after `from` (and before the
 * summary's as-of date): the holdout counts of a calibration/holdout check.
 */
export function purchasesFrom(summary: CustomerSummary, from: number): Int32Array {
  const out = new Int32Array(summary.size);
  const { start, eventDay, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    let n = 0;
    for (let e = start[i]; e < start[i + 1]; e++) if (eventIsPurchase[e] && eventDay[e] >= from) n++;
    out[i] = n;
  }
  return out;
}
