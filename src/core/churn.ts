/**
 * Period churn and lost customers (docs/definitions.md: churn and lost customers).
 */
import { UserError } from './errors';
import { type CustomerSummary } from './summary';

export interface ChurnOptions {
  /** Length of the period P in days, ending the day before the as-of date (default 90). */
  periodDays: number;
  /** Length of the look-back window just before P that makes the base (default 180). */
  lookbackDays: number;
}

export const DEFAULT_CHURN: ChurnOptions = { periodDays: 90, lookbackDays: 180 };

export interface PeriodChurn {
  periodStart: number;
  /** First day after P: the as-of date. */
  periodEnd: number;
  baseStart: number;
  /** Customers with a purchase in the look-back window. */
  base: number;
  /** Base customers with no purchase in P. */
  churned: number;
  /** Base customers who bought in P. */
  retained: number;
  /** Customers whose first purchase falls in P: not in the base. */
  newInPeriod: number;
  /** churned / base, NaN when the base is empty. */
  rate: number;
  /** Per customer: 0 not in base, 1 retained, 2 churned. */
  status: Uint8Array;
}

export function checkChurnOptions(options: ChurnOptions): ChurnOptions {
  for (const [name, v] of [
    ['period', options.periodDays],
    ['lookback', options.lookbackDays],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw UserError.of(name === 'period' ? 'err.core.periodDays' : 'err.core.lookbackDays', { value: v });
  }
  return options;
}

/** Churn over the `periodDays` before the as-of date, of customers who bought in the `lookbackDays` before that. */
export function periodChurn(summary: CustomerSummary, options: ChurnOptions = DEFAULT_CHURN): PeriodChurn {
  const periodEnd = summary.asOf;
  const periodStart = periodEnd - options.periodDays;
  const baseStart = periodStart - options.lookbackDays;
  const status = new Uint8Array(summary.size);
  let base = 0;
  let churned = 0;
  let newInPeriod = 0;
  const { start, eventDay, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    let before = false;
    let inP = false;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      const d = eventDay[e];
      if (d >= baseStart && d < periodStart) before = true;
      else if (d >= periodStart && d < periodEnd) inP = true;
    }
    if (summary.firstPurchase[i] >= periodStart) newInPeriod++;
    if (!before) continue;
    base++;
    if (inP) status[i] = 1;
    else {
      status[i] = 2;
      churned++;
    }
  }
  return {
    periodStart,
    periodEnd,
    baseStart,
    base,
    churned,
    retained: base - churned,
    newInPeriod,
    rate: base === 0 ? NaN : churned / base,
    status,
  };
}

export interface LostOptions {
  /** Lost when days since the last purchase exceed the usual interval times this (default 4/3). */
  factor: number;
  /** Usual interval when no customer has bought twice (default 90 days). */
  fallbackIntervalDays: number;
}

export const DEFAULT_LOST: LostOptions = { factor: 4 / 3, fallbackIntervalDays: 90 };

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The median of finite numbers, sorting them in place (a typed array sorts numerically). */
function medianInPlace(values: Float64Array): number {
  values.sort();
  const m = values.length >> 1;
  return values.length % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

export interface LostCustomers {
  /** Median gap between the customer's purchase days; one-time buyers get the base's median. */
  usualInterval: Float64Array;
  /** True when the interval is the base's, not the customer's own. */
  intervalIsGlobal: Uint8Array;
  globalInterval: number;
  daysSinceLast: Int32Array;
  lost: Uint8Array;
  lostCount: number;
  /** Revenue per year of each customer over their active life (at least a year). */
  yearlyValue: Float64Array;
  lostYearlyValue: number;
}

/**
 * Who is lost: a customer who has not bought for longer than their usual interval
 * times the factor. Gaps are between distinct purchase days.
 */
export function lostCustomers(summary: CustomerSummary, options: LostOptions = DEFAULT_LOST): LostCustomers {
  if (!(options.factor > 0)) throw UserError.of('err.core.lostFactor', { value: options.factor });
  const n = summary.size;
  const usualInterval = new Float64Array(n);
  const intervalIsGlobal = new Uint8Array(n);
  const own = new Float64Array(n);
  let owners = 0;
  const { start, eventDay, eventIsPurchase } = summary;
  // One scratch array for every customer's gaps, sorted in place: no array per customer to allocate and collect.
  let gaps = new Float64Array(64);
  for (let i = 0; i < n; i++) {
    let count = 0;
    let prev = NaN;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (!eventIsPurchase[e]) continue;
      const d = eventDay[e];
      if (d !== prev && !Number.isNaN(prev)) {
        if (count === gaps.length) {
          const wider = new Float64Array(gaps.length * 2);
          wider.set(gaps);
          gaps = wider;
        }
        gaps[count++] = d - prev;
      }
      prev = d;
    }
    if (count === 0) {
      usualInterval[i] = NaN;
      intervalIsGlobal[i] = 1;
    } else {
      usualInterval[i] = medianInPlace(gaps.subarray(0, count));
      own[owners++] = usualInterval[i];
    }
  }
  const globalInterval = owners > 0 ? medianInPlace(own.subarray(0, owners)) : options.fallbackIntervalDays;
  const daysSinceLast = new Int32Array(n);
  const lost = new Uint8Array(n);
  const yearlyValue = new Float64Array(n);
  let lostCount = 0;
  let lostYearlyValue = 0;
  for (let i = 0; i < n; i++) {
    if (intervalIsGlobal[i]) usualInterval[i] = globalInterval;
    daysSinceLast[i] = summary.asOf - summary.lastPurchase[i];
    const years = Math.max(1, (summary.lastPurchase[i] - summary.firstPurchase[i]) / 365.25);
    yearlyValue[i] = summary.revenue[i] / years;
    if (daysSinceLast[i] > usualInterval[i] * options.factor) {
      lost[i] = 1;
      lostCount++;
      lostYearlyValue += yearlyValue[i];
    }
  }
  return { usualInterval, intervalIsGlobal, globalInterval, daysSinceLast, lost, lostCount, yearlyValue, lostYearlyValue };
}
