/**
 * The repeat-purchase funnel (docs/definitions.md: repeat-purchase funnel): of the
 * customers who first bought in a month (a cohort), the share whose second purchase
 * came within 1, 2, ... 12 months of their first; and, over all customers, how many
 * go on from one purchase to two, from two to three and from three to four, with the
 * median days to a second purchase, in total and per manager.
 *
 * Purchases are the summary's: two orders on one day are two purchases, as in the
 * lifecycle segments (a second purchase can then come 0 days after the first).
 */
import { civilFromDays, daysFromCivil, daysInMonth, periodIndex, periodStart } from './calendar';
import { median } from './churn';
import { compareManagers } from './migration';
import { type CustomerSummary } from './summary';

/** Cohorts shown at most: the last two years of first purchases. */
export const FUNNEL_COHORTS = 24;
/** Columns: a second purchase within 1 .. 12 months. */
export const FUNNEL_MONTHS = 12;

export interface FunnelCohort {
  /** Month index (year x 12 + month - 1) of the first purchases, and its first day. */
  month: number;
  start: number;
  customers: number;
  /** Customers whose second purchase came within n months, n = 1 .. months (index n - 1). */
  within: number[];
  /** within / customers, or null where the cohort is too young to tell (or has no customers). */
  share: (number | null)[];
  /** Customers with a second purchase before the as-of date, and their share (null without customers). */
  repeated: number;
  repeatedShare: number | null;
}

export interface FunnelConversion {
  /** '' for customers without a manager (and for the total). */
  manager: string;
  /** Customers with at least 1, 2, 3 and 4 purchases. */
  atLeast: [number, number, number, number];
  /** 1 -> 2, 2 -> 3, 3 -> 4: atLeast[k + 1] / atLeast[k]; NaN when nobody reached k. */
  rates: [number, number, number];
  /** Median days from the first purchase to the second, over customers with a second; NaN with none. */
  medianDaysToSecond: number;
}

export interface RepeatFunnel {
  asOf: number;
  months: number;
  /** Oldest first, every month from the first cohort shown to the month of the day before the as-of date. */
  cohorts: FunnelCohort[];
  total: FunnelConversion;
  /** Per manager as of the as-of date (section 1), in compareManagers order. */
  managers: FunnelConversion[];
}

/** The same day `months` months later; the 31st falls back to the month's last day (31 January + 1 month = 28/29 February). */
export function monthsLater(day: number, months: number): number {
  const { year, month, day: d } = civilFromDays(day);
  const index = year * 12 + month - 1 + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
}

/**
 * The funnel of the summary's customers (purchases before its as-of date). A
 * cohort's column n is known once every customer of it has had n full months:
 * when the as-of date is on or after the first day of the month n + 1 months after
 * the cohort's, so that the share never counts a window still open.
 */
export function repeatFunnel(summary: CustomerSummary, options: { cohorts?: number; months?: number } = {}): RepeatFunnel {
  const { asOf } = summary;
  const months = options.months ?? FUNNEL_MONTHS;
  const maxCohorts = options.cohorts ?? FUNNEL_COHORTS;
  const secondDay = secondPurchaseDays(summary);

  let firstMonth = Infinity;
  for (let i = 0; i < summary.size; i++) firstMonth = Math.min(firstMonth, periodIndex(summary.firstPurchase[i], 'month'));
  const lastMonth = periodIndex(asOf - 1, 'month');
  const cohorts: FunnelCohort[] = [];
  const from = Math.max(firstMonth, lastMonth - maxCohorts + 1);
  for (let m = from; m <= lastMonth && Number.isFinite(from); m++) {
    cohorts.push({
      month: m,
      start: periodStart(m, 'month'),
      customers: 0,
      within: new Array<number>(months).fill(0),
      share: [],
      repeated: 0,
      repeatedShare: null,
    });
  }
  for (let i = 0; i < summary.size; i++) {
    const first = summary.firstPurchase[i];
    const cohort = cohorts[periodIndex(first, 'month') - from];
    if (!cohort) continue; // older than the cohorts shown
    cohort.customers++;
    const second = secondDay[i];
    if (second < 0) continue;
    cohort.repeated++;
    for (let n = 1; n <= months; n++) if (second <= monthsLater(first, n)) cohort.within[n - 1]++;
  }
  for (const c of cohorts) {
    c.share = c.within.map((w, k) => (c.customers > 0 && periodStart(c.month + k + 2, 'month') <= asOf ? w / c.customers : null));
    c.repeatedShare = c.customers > 0 ? c.repeated / c.customers : null;
  }

  // Conversions per manager and in total.
  const groups = new Map<string, { atLeast: [number, number, number, number]; gaps: number[] }>();
  const total = { atLeast: [0, 0, 0, 0] as [number, number, number, number], gaps: [] as number[] };
  for (let i = 0; i < summary.size; i++) {
    let g = groups.get(summary.manager[i]);
    if (!g) groups.set(summary.manager[i], (g = { atLeast: [0, 0, 0, 0], gaps: [] }));
    for (const t of [g, total]) {
      for (let k = 0; k < 4; k++) if (summary.purchases[i] > k) t.atLeast[k]++;
      if (secondDay[i] >= 0) t.gaps.push(secondDay[i] - summary.firstPurchase[i]);
    }
  }
  const conversion = (manager: string, t: { atLeast: [number, number, number, number]; gaps: number[] }): FunnelConversion => ({
    manager,
    atLeast: t.atLeast,
    rates: [0, 1, 2].map((k) => (t.atLeast[k] === 0 ? NaN : t.atLeast[k + 1] / t.atLeast[k])) as [number, number, number],
    medianDaysToSecond: median(t.gaps),
  });
  const managers = [...groups.entries()].sort((a, b) => compareManagers(a[0], b[0])).map(([m, t]) => conversion(m, t));
  return { asOf, months, cohorts, total: conversion('', total), managers };
}

/** The day of each customer's second purchase (-1 without one): the summary's events are by day. */
export function secondPurchaseDays(summary: CustomerSummary): Int32Array {
  const out = new Int32Array(summary.size).fill(-1);
  const { start, eventDay, eventIsPurchase } = summary;
  for (let i = 0; i < summary.size; i++) {
    let seen = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      if (eventIsPurchase[e] && ++seen === 2) {
        out[i] = eventDay[e];
        break;
      }
    }
  }
  return out;
}
