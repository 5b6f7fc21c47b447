/**
 * Period churn and lost customers (docs/definitions.md: churn and lost customers).
 */
import { UserError } from './errors';
import { fromCents, roundMoney, toCents } from './money';
import { type OrderRows } from './orders';
import { type CustomerSummary, buildSummary, customerRank } from './summary';

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
  /** One-time buyers' interval: this nearest-rank percentile of the days to a second purchase (default 0.8). */
  secondPurchasePercentile: number;
  /** Fewer customers with a second purchase than this: the fallback interval (default 10). */
  minSecondPurchases: number;
  /** One-time buyers' interval when too few customers made a second purchase (default 90 days). */
  fallbackIntervalDays: number;
}

export const DEFAULT_LOST: LostOptions = { factor: 4 / 3, secondPurchasePercentile: 0.8, minSecondPurchases: 10, fallbackIntervalDays: 90 };

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

/** Nearest-rank percentile: the smallest value with at least `p` of the values at or below it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/**
 * The usual interval of customers without a rhythm of their own (one purchase day):
 * how long the base takes to come back, the nearest-rank percentile of the days from
 * each customer's first to their second purchase day; with too few second
 * purchases, the fallback.
 */
export interface BaseInterval {
  days: number;
  /** Customers with a second purchase day, the ones it is taken from. */
  customers: number;
  /** True when too few made a second purchase and the fallback stands. */
  fallback: boolean;
}

export function baseInterval(summary: CustomerSummary, options: LostOptions = DEFAULT_LOST): BaseInterval {
  const { start, eventDay, eventIsPurchase } = summary;
  const toSecond = new Float64Array(summary.size);
  let n = 0;
  for (let i = 0; i < summary.size; i++) {
    const first = summary.firstPurchase[i];
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (eventIsPurchase[e] && eventDay[e] !== first) {
        toSecond[n++] = eventDay[e] - first; // events are by day: the first later purchase day
        break;
      }
    }
  }
  if (n < options.minSecondPurchases) return { days: options.fallbackIntervalDays, customers: n, fallback: true };
  const sorted = toSecond.subarray(0, n).sort();
  return { days: nearestRank(sorted, options.secondPurchasePercentile), customers: n, fallback: false };
}

export interface LostCustomers {
  /** Median gap between the customer's purchase days; customers with one purchase day get the base's interval. */
  usualInterval: Float64Array;
  /** True when the interval is the base's, not the customer's own. */
  intervalIsGlobal: Uint8Array;
  /** The base's interval, for customers with one purchase day. */
  globalInterval: number;
  base: BaseInterval;
  daysSinceLast: Int32Array;
  lost: Uint8Array;
  lostCount: number;
  /** Revenue per year of each customer over their active life (at least a year), to the cent. */
  yearlyValue: Float64Array;
  lostYearlyValue: number;
}

/**
 * Who is lost as of the summary's as-of date, from its history only: a customer who
 * has not bought for longer than their usual interval times the factor. Gaps are
 * between distinct purchase days.
 */
export function lostCustomers(summary: CustomerSummary, options: LostOptions = DEFAULT_LOST): LostCustomers {
  if (!(options.factor > 0)) throw UserError.of('err.core.lostFactor', { value: options.factor });
  const n = summary.size;
  const usualInterval = new Float64Array(n);
  const intervalIsGlobal = new Uint8Array(n);
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
    if (count === 0) intervalIsGlobal[i] = 1;
    else usualInterval[i] = medianInPlace(gaps.subarray(0, count));
  }
  const base = baseInterval(summary, options);
  const daysSinceLast = new Int32Array(n);
  const lost = new Uint8Array(n);
  const yearlyValue = new Float64Array(n);
  let lostCount = 0;
  let lostCents = 0;
  for (let i = 0; i < n; i++) {
    if (intervalIsGlobal[i]) usualInterval[i] = base.days;
    daysSinceLast[i] = summary.asOf - summary.lastPurchase[i];
    const years = Math.max(1, (summary.lastPurchase[i] - summary.firstPurchase[i]) / 365.25);
    yearlyValue[i] = roundMoney(summary.revenue[i] / years);
    if (daysSinceLast[i] > usualInterval[i] * options.factor) {
      lost[i] = 1;
      lostCount++;
      lostCents += toCents(yearlyValue[i]);
    }
  }
  return {
    usualInterval,
    intervalIsGlobal,
    globalInterval: base.days,
    base,
    daysSinceLast,
    lost,
    lostCount,
    yearlyValue,
    lostYearlyValue: fromCents(lostCents),
  };
}

/** The lost ratio of one manager's customers (or of everyone). */
export interface LostRatioTally {
  /** Customers with a purchase before the period who were not lost at its start. */
  atStart: number;
  /** Of them, those lost at its end. */
  lost: number;
  /** lost / atStart; NaN with nobody at the start. */
  ratio: number;
  /** Customers lost at the start who bought again during the period. */
  wonBack: number;
  /** The lost ones' yearly value, to the cent. */
  lostYearlyValue: number;
}

export interface LostRatio extends LostRatioTally {
  /** The period [from, to) in epoch days. */
  from: number;
  to: number;
  /** Per manager of each customer's latest order row before the period's end ('' none). */
  byManager: Map<string, LostRatioTally>;
}

/** The default period of the lost ratio: the 365 days before the as-of date, so that it is a yearly rate. */
export const LOST_PERIOD_DAYS = 365;

/**
 * The lost ratio of the period [from, to): of the customers who had bought before it
 * and were not lost at its start, the share lost at its end; and the customers won
 * back (lost at the start, bought again during it). Lost at a date uses the history
 * before that date only.
 */
export function lostRatio(orders: OrderRows, period: { from: number; to: number }, options: LostOptions = DEFAULT_LOST): LostRatio {
  const s1 = buildSummary(orders, { asOf: period.from });
  const s2 = buildSummary(orders, { asOf: period.to });
  const l1 = lostCustomers(s1, options);
  const l2 = lostCustomers(s2, options);
  const rank = customerRank(orders);
  const total = emptyTally();
  const byManager = new Map<string, LostRatioTally>();
  // Everyone who bought before the start bought before the end: walk s2, meeting s1's customers in the same key order.
  let i = 0;
  for (let j = 0; j < s2.size && i < s1.size; j++) {
    if (rank[s1.ref[i]] !== rank[s2.ref[j]]) continue;
    const manager = s2.manager[j];
    let tally = byManager.get(manager);
    if (!tally) byManager.set(manager, (tally = emptyTally()));
    for (const t of [total, tally]) {
      if (l1.lost[i]) {
        if (s2.lastPurchase[j] >= period.from) t.wonBack++;
      } else {
        t.atStart++;
        if (l2.lost[j]) {
          t.lost++;
          t.lostYearlyValue += toCents(l2.yearlyValue[j]);
        }
      }
    }
    i++;
  }
  const finish = (t: LostRatioTally): LostRatioTally => {
    t.ratio = t.atStart === 0 ? NaN : t.lost / t.atStart;
    t.lostYearlyValue = fromCents(t.lostYearlyValue);
    return t;
  };
  for (const t of byManager.values()) finish(t);
  return { ...finish(total), from: period.from, to: period.to, byManager };
}

function emptyTally(): LostRatioTally {
  return { atStart: 0, lost: 0, ratio: NaN, wonBack: 0, lostYearlyValue: 0 };
}
