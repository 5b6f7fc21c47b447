/**
 * ABC by revenue and XYZ by regularity of purchases (docs/definitions.md: ABC / XYZ).
 * XYZ's default basis is the gaps between a customer's purchase days ("X buys
 * regularly, Y irregularly, Z bought once"); the goods method, variation of revenue
 * per calendar period, stays available as basis `revenue`.
 */
import { type PeriodUnit, periodIndex } from './calendar';
import { UserError } from './errors';
import { toCents } from './money';
import { type CustomerSummary } from './summary';

export const ABC = ['A', 'B', 'C'] as const;
export const XYZ = ['X', 'Y', 'Z'] as const;
export type AbcClass = (typeof ABC)[number];
export type XyzClass = (typeof XYZ)[number];

/** What XYZ measures: the regularity of purchase gaps (default), or the variation of revenue per period. */
export type XyzBasis = 'intervals' | 'revenue';
export const XYZ_BASES: readonly XyzBasis[] = ['intervals', 'revenue'];

/** What ABC ranks customers by: revenue (default), or profit when the orders have a profit or margin column. */
export type AbcBasis = 'revenue' | 'profit';
export const ABC_BASES: readonly AbcBasis[] = ['revenue', 'profit'];

export interface AbcXyzOptions {
  /** Cumulative revenue shares closing A and B (default 0.8 and 0.95). */
  abcBounds: [number, number];
  /** Revenue unless given. */
  abcBasis?: AbcBasis;
  basis: XyzBasis;
  /**
   * CV bounds. Basis `intervals`: one (X <= b < Y; Z is one purchase). Basis
   * `revenue`: one (X <= b < Y) or two (X <= b1 < Y <= b2 < Z). Default [0.5].
   */
  xyzBounds: number[];
  /** The calendar period of basis `revenue`. */
  period: PeriodUnit;
}

export const DEFAULT_ABC_XYZ: AbcXyzOptions = { abcBounds: [0.8, 0.95], basis: 'intervals', xyzBounds: [0.5], period: 'month' };

export function checkAbcXyzOptions(options: AbcXyzOptions): AbcXyzOptions {
  const [a, b] = options.abcBounds;
  if (!(a > 0 && a < b && b <= 1)) {
    throw UserError.of('err.core.abcBounds', { a, b });
  }
  const x = options.xyzBounds;
  if (x.length < 1 || x.length > 2 || x.some((v) => !(v >= 0) || !Number.isFinite(v)) || (x.length === 2 && !(x[0] < x[1]))) {
    throw UserError.of('err.core.xyzBounds', { values: { list: x } });
  }
  // Gaps give X or Y; Z is a single purchase, so a second bound has nothing to cut.
  if (options.basis === 'intervals' && x.length !== 1) throw UserError.of('err.core.xyzIntervalBounds', { values: { list: x } });
  return options;
}

/**
 * ABC class index (0 = A, 1 = B, 2 = C) of each value. A customer is A while the
 * share of revenue ranked above them is below the A bound, so the one who crosses
 * the cut stays in the upper class. Ties are ranked by key; zero or negative is C.
 */
export function abcClasses(
  revenue: ArrayLike<number>,
  keys: readonly string[],
  bounds: [number, number] = DEFAULT_ABC_XYZ.abcBounds,
): Uint8Array {
  const n = revenue.length;
  const out = new Uint8Array(n).fill(2);
  // Whole cents: equal spend ties exactly and the shares above each customer are exact sums.
  const cents = new Float64Array(n);
  const ranked: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    cents[i] = toCents(revenue[i]);
    if (cents[i] > 0) {
      ranked.push(i);
      total += cents[i];
    }
  }
  // Keys in rising order (a summary's are) rank ties by position: numbers compared instead of strings.
  if (isAscending(keys)) ranked.sort((a, b) => cents[b] - cents[a] || a - b);
  else ranked.sort((a, b) => cents[b] - cents[a] || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  let above = 0;
  for (const i of ranked) {
    // above / total < bound, compared without dividing: above < bound x total.
    out[i] = above < bounds[0] * total ? 0 : above < bounds[1] * total ? 1 : 2;
    above += cents[i];
  }
  return out;
}

function isAscending(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1] < keys[i])) return false;
  return true;
}

/** XYZ class index (0 = X, 1 = Y, 2 = Z) from a coefficient of variation. */
export function xyzFromCv(cv: number, bounds: readonly number[]): number {
  if (cv <= bounds[0]) return 0;
  if (bounds.length === 1 || cv <= bounds[1]) return 1;
  return 2;
}

/** Population coefficient of variation; Infinity when the mean is not positive. */
export function coefficientOfVariation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (!(mean > 0)) return Infinity;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i] - mean) ** 2;
  return Math.sqrt(sq / n) / mean;
}

/**
 * Coefficient of variation of each customer's revenue per period, over the periods
 * from their first purchase in the window to the one holding the day before the
 * as-of date, empty periods counted as 0. NaN for customers with one purchase.
 */
export function periodCv(summary: CustomerSummary, period: PeriodUnit): Float64Array {
  const out = new Float64Array(summary.size);
  const lastPeriod = periodIndex(summary.asOf - 1, period);
  const { start, eventDay, eventAmount } = summary;
  const periodOf = periodsOfDays(eventDay, period);
  // One scratch row of periods for every customer, zeroed per customer rather than allocated.
  let perPeriod = new Float64Array(64);
  for (let i = 0; i < summary.size; i++) {
    if (summary.purchases[i] < 2) {
      out[i] = NaN;
      continue;
    }
    const firstPeriod = periodOf(summary.firstPurchase[i]);
    const length = lastPeriod - firstPeriod + 1;
    if (length > perPeriod.length) perPeriod = new Float64Array(Math.max(length, 2 * perPeriod.length));
    const row = perPeriod.subarray(0, Math.max(length, 0));
    row.fill(0);
    for (let e = start[i]; e < start[i + 1]; e++) {
      const p = periodOf(eventDay[e]) - firstPeriod;
      if (p >= 0) row[p] += toCents(eventAmount[e]); // a return dated before the first purchase has no period of its own
    }
    out[i] = coefficientOfVariation(row);
  }
  return out;
}

/**
 * The period of a day, for the days of these events: a table over their span (a few
 * thousand days), so that the calendar arithmetic runs once per day, not per event.
 */
function periodsOfDays(days: Int32Array, period: PeriodUnit): (day: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < days.length; i++) {
    if (days[i] < lo) lo = days[i];
    if (days[i] > hi) hi = days[i];
  }
  if (!(lo <= hi && hi - lo < 1 << 22)) return (d) => periodIndex(d, period); // no events, or dates across millennia
  const table = new Int32Array(hi - lo + 1);
  for (let d = lo; d <= hi; d++) table[d - lo] = periodIndex(d, period);
  return (d) => (d >= lo && d <= hi ? table[d - lo] : periodIndex(d, period));
}

/**
 * Coefficient of variation of each customer's gaps between consecutive purchase
 * days (population standard deviation / mean). NaN with fewer than two gaps
 * (one purchase day, or two): no way to call such a rhythm regular.
 */
export function intervalCv(summary: CustomerSummary): Float64Array {
  const out = new Float64Array(summary.size);
  const { start, eventDay, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    // One pass: count, sum and sum of squares of the gaps (Welford would only matter for millions of gaps).
    let prev = NaN;
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      const d = eventDay[e];
      if (!Number.isNaN(prev) && d !== prev) {
        const g = d - prev;
        n++;
        sum += g;
        sq += g * g;
      }
      prev = d;
    }
    if (n < 2) {
      out[i] = NaN;
      continue;
    }
    const mean = sum / n;
    out[i] = Math.sqrt(Math.max(0, sq / n - mean * mean)) / mean;
  }
  return out;
}

export interface AbcXyzResult {
  abc: Uint8Array;
  xyz: Uint8Array;
  /** The figure XYZ was classified on: the gaps' CV (basis intervals) or the revenue's (basis revenue); NaN where there is none. */
  cv: Float64Array;
}

/**
 * What ABC ranks the summary's customers by: revenue, or profit (the same rule
 * with profit in place of revenue). Profit needs a profit or margin column.
 */
export function abcValues(summary: CustomerSummary, basis: AbcBasis = 'revenue'): Float64Array {
  if (basis === 'revenue') return summary.revenue;
  if (!summary.profit) throw UserError.of('err.core.abcProfit', {});
  return summary.profit;
}

/** ABC and XYZ of every customer of the summary (its window is the analysis window). */
export function abcXyz(summary: CustomerSummary, options: AbcXyzOptions = DEFAULT_ABC_XYZ): AbcXyzResult {
  const abc = abcClasses(abcValues(summary, options.abcBasis), summary.key, options.abcBounds);
  const xyz = new Uint8Array(summary.size);
  if (options.basis === 'intervals') {
    const cv = intervalCv(summary);
    // One purchase: Z. Two, or no second gap: Y (one gap says nothing about regularity).
    for (let i = 0; i < summary.size; i++) {
      xyz[i] = summary.purchases[i] < 2 ? 2 : Number.isNaN(cv[i]) ? 1 : cv[i] <= options.xyzBounds[0] ? 0 : 1;
    }
    return { abc, xyz, cv };
  }
  const cv = periodCv(summary, options.period);
  for (let i = 0; i < summary.size; i++) xyz[i] = summary.purchases[i] < 2 ? 2 : xyzFromCv(cv[i], options.xyzBounds);
  return { abc, xyz, cv };
}

/** "AX" .. "CZ". */
export function abcXyzLabel(abc: number, xyz: number): string {
  return ABC[abc] + XYZ[xyz];
}

/** Return priority of a lost customer: 0 return first, 1 must return, 2 return if possible, 3 let go. */
export function returnPriority(abc: number, xyz: number): number {
  // The sum of class indexes orders AX (0) .. CZ (4); AX/AY/BX first, CZ costs more than it brings.
  const rank = abc + xyz;
  return rank <= 1 ? 0 : rank === 2 ? 1 : rank === 3 ? 2 : 3;
}
