/**
 * Lifecycle bands suggested by the data (docs/definitions.md: lifecycle segments: "derived from long
 * sales history"), each with the one-sentence reason a manager reads.
 *
 * Method (deterministic; percentiles are nearest-rank, so every bound is a day or a
 * purchase count that occurs in the data):
 * - Gaps are the days between consecutive purchases of the same customer, pooled
 *   over all customers: one gap per repeat purchase.
 * - Active ends at the gap within which 80% of repeat purchases came: a customer
 *   silent no longer than that is still within the usual rhythm of the base.
 * - Sleeping ends at the gap within which 95% of repeat purchases came (at least one
 *   day past Active): silent longer, a customer has passed almost every gap that
 *   ended in a purchase, and is Lapsed.
 * - Prospective starts at the 2nd purchase (New is one purchase by definition).
 * - Regular starts one purchase above the median purchase count of the customers
 *   who bought more than once: the upper half of the repeat buyers. It is at least 3.
 * Gaps of customers who never came back are not observed, and no gap can be longer
 * than the history, so on a short history the recency bounds come out short.
 */
import type { LifecycleBands } from './lifecycle';
import { ModelError, messages } from './predictive/messages';
import type { CustomerSummary } from './summary';
import { t, type Lang, type MessageKey } from '../i18n/catalogue';

/** Share of repeat purchases that came within the Active bound. */
export const ACTIVE_SHARE = 0.8;
/** Share of repeat purchases that came within the Sleeping bound. */
export const SLEEPING_SHARE = 0.95;
/** Fewer repeat purchases than this say too little about the rhythm of the base. */
export const MIN_REPEAT_PURCHASES = 10;

export type BandBound = 'prospective' | 'regular' | 'active' | 'sleeping';
export const BAND_BOUNDS: readonly BandBound[] = ['prospective', 'regular', 'active', 'sleeping'];

/** A sentence of the catalogue with the figures that fill it. */
export interface BandExplanation {
  key: MessageKey;
  params: Record<string, number>;
}

export interface SuggestedBands {
  bands: LifecycleBands;
  explanations: Record<BandBound, BandExplanation>;
  customers: number;
  repeatBuyers: number;
  /** Repeat purchases, i.e. gaps between purchases, the recency bounds rest on. */
  repeatPurchases: number;
}

/** Nearest-rank percentile of ascending values: the smallest value with at least `share` of them at or below it. */
function nearestRank(sorted: ArrayLike<number>, share: number): number {
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

/** How many of the ascending values are at most `bound`. */
function countAtMost(sorted: ArrayLike<number>, bound: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whole percent, rounded down so that "80% came within ..." never overstates. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((100 * part) / whole + 1e-9);
}

/**
 * Suggests the four cut points from the summary's purchases.
 * @throws ModelError (a UserError, English, with `messageIn(lang)` for the sidebar)
 *   when there are fewer than 10 repeat purchases
 */
export function suggestBands(summary: CustomerSummary): SuggestedBands {
  const gaps: number[] = [];
  const repeatCounts: number[] = [];
  const { start, eventDay, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    let previous = NaN;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      if (!Number.isNaN(previous)) gaps.push(eventDay[e] - previous);
      previous = eventDay[e];
    }
    if (summary.purchases[i] > 1) repeatCounts.push(summary.purchases[i]);
  }
  if (gaps.length < MIN_REPEAT_PURCHASES) throw new ModelError(messages.tooFewRepeatPurchases(gaps.length, MIN_REPEAT_PURCHASES));
  const sortedGaps = Float64Array.from(gaps).sort();
  const activeTo = nearestRank(sortedGaps, ACTIVE_SHARE);
  const sleepingTo = Math.max(activeTo + 1, nearestRank(sortedGaps, SLEEPING_SHARE));

  const sortedCounts = Int32Array.from(repeatCounts).sort();
  const median = nearestRank(sortedCounts, 0.5);
  const regularFrom = median + 1;
  let regulars = 0;
  for (let i = 0; i < summary.size; i++) if (summary.purchases[i] >= regularFrom) regulars++;
  const oneTime = summary.size - repeatCounts.length;

  const n = gaps.length;
  return {
    bands: { prospectiveFrom: 2, regularFrom, activeTo, sleepingTo },
    explanations: {
      prospective: { key: 'model.bands.why.prospective', params: { share: percent(oneTime, summary.size) } },
      regular: {
        key: 'model.bands.why.regular',
        params: {
          share: percent(countAtMost(sortedCounts, median), sortedCounts.length),
          median,
          from: regularFrom,
          regularShare: percent(regulars, summary.size),
        },
      },
      active: { key: 'model.bands.why.active', params: { share: percent(countAtMost(sortedGaps, activeTo), n), days: activeTo } },
      sleeping: { key: 'model.bands.why.sleeping', params: { share: percent(countAtMost(sortedGaps, sleepingTo), n), days: sleepingTo } },
    },
    customers: summary.size,
    repeatBuyers: repeatCounts.length,
    repeatPurchases: n,
  };
}

/** The four explanations in a language, e.g. "80% of repeat purchases came within 47 days of the previous one: ...". */
export function explainBands(lang: Lang, suggestion: SuggestedBands): Record<BandBound, string> {
  const out = {} as Record<BandBound, string>;
  for (const bound of BAND_BOUNDS) {
    const { key, params } = suggestion.explanations[bound];
    out[bound] = t(lang, key, params);
  }
  return out;
}
