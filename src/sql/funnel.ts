/**
 * The repeat-purchase funnel's queries (src/core/repeatFunnel.ts, docs/definitions.md:
 * repeat-purchase funnel), over the per-customer summary `s_customers` (which carries
 * each customer's first purchase, second purchase day and manager as of the as-of date).
 * Both return report-sized rows: one per cohort month, one per manager.
 */
import { periodIndex as corePeriodIndex } from '../core/calendar';
import { FUNNEL_COHORTS, FUNNEL_MONTHS } from '../core/repeatFunnel';
import { type Dialect, periodIndex } from './dialect';
import { type Cte } from './purchases';

/** The first cohort month shown: the cohorts are the last FUNNEL_COHORTS months up to the day before the as-of date. */
export function firstCohortMonth(asOf: number): number {
  return corePeriodIndex(asOf - 1, 'month') - FUNNEL_COHORTS + 1;
}

/**
 * One row per cohort month (month index) shown: customers, those with a second purchase
 * (`repeated`), and `within_1` .. `within_12`, those whose second purchase came on or
 * before the same day n months after the first. Customers of older cohorts are one row,
 * month `first - 1`: the reader needs only to know they exist (they start the cohorts at
 * the first month shown).
 */
export function funnelCohortsSql(d: Dialect, asOf: number): string {
  const first = firstCohortMonth(asOf);
  const within = Array.from(
    { length: FUNNEL_MONTHS },
    (_, k) => `  ${d.sumInt(`CASE WHEN second_day <= ${d.addMonths('first_purchase', k + 1)} THEN 1 ELSE 0 END`)} AS within_${k + 1}`,
  );
  return [
    'SELECT cohort, COUNT(*) AS customers, COUNT(second_day) AS repeated,',
    within.join(',\n'),
    'FROM (',
    `  SELECT first_purchase, second_day, GREATEST(${periodIndex(d, 'first_purchase', 'month')}, ${first - 1}) AS cohort`,
    '  FROM s_customers',
    ') cohorts',
    'GROUP BY cohort',
    'ORDER BY cohort',
  ].join('\n');
}

/** Days from the first purchase to the second, per manager (`is_total` 0) and over everyone (1). */
export function funnelCtes(d: Dialect): Cte[] {
  const days = 'second_day - first_purchase AS days';
  return [
    {
      name: 'funnel_days',
      sql: [
        `SELECT 0 AS is_total, COALESCE(manager, '') AS manager, ${days} FROM s_customers WHERE second_day IS NOT NULL`,
        'UNION ALL',
        `SELECT 1 AS is_total, '' AS manager, ${days} FROM s_customers WHERE second_day IS NOT NULL`,
      ].join('\n'),
    },
    { name: 'funnel_median', sql: d.medianByGroup('funnel_days', 'is_total, manager', 'days', 'median_days') },
    {
      name: 'funnel_counts',
      sql: [
        `SELECT 0 AS is_total, COALESCE(manager, '') AS manager, ${atLeast(d)} FROM s_customers GROUP BY COALESCE(manager, '')`,
        'UNION ALL',
        `SELECT 1 AS is_total, '' AS manager, ${atLeast(d)} FROM s_customers`,
      ].join('\n'),
    },
  ];
}

function atLeast(d: Dialect): string {
  return [1, 2, 3, 4].map((k) => `COALESCE(${d.sumInt(`CASE WHEN purchases >= ${k} THEN 1 ELSE 0 END`)}, 0) AS at_least_${k}`).join(', ');
}

/** One row per manager ('' none) and one total row (`is_total` 1): customers with 1+ .. 4+ purchases, median days to a second. */
export function funnelConversionsSql(): string {
  return [
    'SELECT c.is_total, c.manager, c.at_least_1, c.at_least_2, c.at_least_3, c.at_least_4, m.median_days',
    'FROM funnel_counts c',
    'LEFT JOIN funnel_median m ON m.is_total = c.is_total AND m.manager = c.manager',
    'ORDER BY c.is_total, c.manager',
  ].join('\n');
}
