/**
 * ABC by revenue and XYZ by regularity of purchases (DOMAIN.md sections 2 and 9).
 */
import { PeriodUnit, periodIndex } from './calendar';
import { UserError } from './errors';
import { CustomerSummary } from './summary';

export const ABC = ['A', 'B', 'C'] as const;
export const XYZ = ['X', 'Y', 'Z'] as const;
export type AbcClass = (typeof ABC)[number];
export type XyzClass = (typeof XYZ)[number];

export interface AbcXyzOptions {
  /** Cumulative revenue shares closing A and B (default 0.8 and 0.95). */
  abcBounds: [number, number];
  /** CV bounds: one (X <= b < Y) or two (X <= b1 < Y <= b2 < Z). Default [0.5]. */
  xyzBounds: number[];
  period: PeriodUnit;
}

export const DEFAULT_ABC_XYZ: AbcXyzOptions = { abcBounds: [0.8, 0.95], xyzBounds: [0.5], period: 'month' };

export function checkAbcXyzOptions(options: AbcXyzOptions): AbcXyzOptions {
  const [a, b] = options.abcBounds;
  if (!(a > 0 && a < b && b <= 1)) {
    throw new UserError(`ABC bounds must be two shares with 0 < A < B <= 1, such as 0.8 and 0.95 (or 80% and 95%), got ${a} and ${b}`);
  }
  const x = options.xyzBounds;
  if (x.length < 1 || x.length > 2 || x.some((v) => !(v >= 0) || !Number.isFinite(v)) || (x.length === 2 && !(x[0] < x[1]))) {
    throw new UserError(`XYZ bounds must be one or two rising coefficients of variation such as 0.5, or 0.1 and 0.25, got ${x.join(' and ')}`);
  }
  return options;
}

/**
 * ABC class index (0 = A, 1 = B, 2 = C) of each value. A customer is A while the
 * share of revenue ranked above them is below the A bound, so the one who crosses
 * the cut stays in the upper class. Ties are ranked by key; zero or negative is C.
 */
export function abcClasses(revenue: ArrayLike<number>, keys: readonly string[], bounds: [number, number] = DEFAULT_ABC_XYZ.abcBounds): Uint8Array {
  const n = revenue.length;
  const out = new Uint8Array(n).fill(2);
  const ranked: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (revenue[i] > 0) {
      ranked.push(i);
      total += revenue[i];
    }
  }
  ranked.sort((a, b) => revenue[b] - revenue[a] || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  let above = 0;
  for (const i of ranked) {
    const share = above / total;
    out[i] = share < bounds[0] ? 0 : share < bounds[1] ? 1 : 2;
    above += revenue[i];
  }
  return out;
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
  const perPeriod: number[] = [];
  const { start, eventDay, eventAmount } = summary;
  // Most customers' events sit in few periods: cache the period of each day.
  const periodOfDay = new Map<number, number>();
  const periodOf = (d: number): number => {
    let p = periodOfDay.get(d);
    if (p === undefined) {
      p = periodIndex(d, period);
      periodOfDay.set(d, p);
    }
    return p;
  };
  for (let i = 0; i < summary.size; i++) {
    if (summary.purchases[i] < 2) {
      out[i] = NaN;
      continue;
    }
    const firstPeriod = periodOf(summary.firstPurchase[i]);
    const length = lastPeriod - firstPeriod + 1;
    perPeriod.length = length;
    perPeriod.fill(0);
    for (let e = start[i]; e < start[i + 1]; e++) {
      const p = periodOf(eventDay[e]) - firstPeriod;
      if (p >= 0) perPeriod[p] += eventAmount[e]; // a return dated before the first purchase has no period of its own
    }
    out[i] = coefficientOfVariation(perPeriod);
  }
  return out;
}

export interface AbcXyzResult {
  abc: Uint8Array;
  xyz: Uint8Array;
  cv: Float64Array;
}

/** ABC and XYZ of every customer of the summary (its window is the analysis window). */
export function abcXyz(summary: CustomerSummary, options: AbcXyzOptions = DEFAULT_ABC_XYZ): AbcXyzResult {
  const abc = abcClasses(summary.revenue, summary.key, options.abcBounds);
  const cv = periodCv(summary, options.period);
  const xyz = new Uint8Array(summary.size);
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
