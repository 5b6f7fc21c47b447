/**
 * The Managers sheet's queries (src/core/managerMonths.ts, docs/definitions.md: the
 * Managers sheet): per manager and per period slot (25 calendar months up to the
 * current one, the current month's days a year earlier, the 12 full months and the 12
 * before them) the revenue, repeat revenue and profit in cents, purchases, buyers, new
 * customers, active customers at the period's end, and the lost ratio's at start, lost
 * and won back; and purchases per week. A customer counts in a period for their manager
 * at its end: the manager of their latest row with a manager before it.
 *
 * Over the staged summary (`s_ranked`, `s_customers`, `s_manager_days`): the lost state
 * at each period boundary is the state after the customer's latest purchase day before
 * it (a running median of the gaps up to that day), so each boundary takes one row per
 * customer, found by a range join, not a summary per month.
 */
import { periodIndex as corePeriodIndex, periodStart } from '../core/calendar';
import { type LostOptions } from '../core/churn';
import { yearsBefore } from '../core/isoDates';
import { type Dialect, cast, periodIndex } from './dialect';
import { type Cte, sqlDay } from './purchases';

export const MONTH_SLOTS = 25;
export const SLOT_YEAR_AGO_TO_DATE = 25;
export const SLOT_TWELVE = 26;
export const SLOT_TWELVE_AGO = 27;
export const SLOTS = 28;

/** The period slots [from, to) of an as-of date, as src/core/managerMonths.ts makes them. */
export interface ManagerSlots {
  /** Month index of slot 0 (a year before the first month shown). */
  firstMonth: number;
  from: number[];
  to: number[];
  /** The distinct period starts and ends, ascending. */
  boundaries: number[];
  /** The Monday on or before the first shown day, where the weeks start. */
  weekStart: number;
}

export function managerSlots(asOf: number): ManagerSlots {
  const current = corePeriodIndex(asOf - 1, 'month');
  const firstMonth = current - (MONTH_SLOTS - 1);
  const monthStart = (k: number): number => periodStart(firstMonth + k, 'month');
  const from: number[] = [];
  const to: number[] = [];
  for (let k = 0; k < MONTH_SLOTS; k++) {
    from.push(monthStart(k));
    to.push(k === MONTH_SLOTS - 1 ? asOf : monthStart(k + 1));
  }
  from.push(monthStart(12), monthStart(12), monthStart(0));
  to.push(Math.max(monthStart(12), yearsBefore(asOf, 1)), monthStart(24), monthStart(12));
  const boundaries = [...new Set([...from, ...to])].sort((a, b) => a - b);
  const weekStart = from[12] - ((((from[12] + 3) % 7) + 7) % 7);
  return { firstMonth, from, to, boundaries, weekStart };
}

/** A relation of literal rows: SELECT ... UNION ALL SELECT ..., the same in both dialects. */
function literalRows(columns: readonly string[], rows: readonly (readonly number[])[]): string {
  return rows.map((r) => `SELECT ${r.map((v, i) => `${sqlDay(v, columns[i])} AS ${columns[i]}`).join(', ')}`).join('\nUNION ALL\n');
}

/**
 * Which slots a month slot's events (and first purchases) count in, and whose manager:
 * its own month; the 12 months (full, or the 12 before) by the month's manager; the
 * current month's days a year earlier (only the days before its end, `early` 1).
 */
function slotMap(): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k < MONTH_SLOTS; k++) {
    rows.push([k, 0, k, k]);
    if (k >= 12 && k < 24) rows.push([k, 0, SLOT_TWELVE, k]);
    else if (k < 12) rows.push([k, 0, SLOT_TWELVE_AGO, k]);
    if (k === 12) rows.push([k, 1, SLOT_YEAR_AGO_TO_DATE, SLOT_YEAR_AGO_TO_DATE]);
  }
  return rows;
}

export function managerCtes(d: Dialect, asOf: number, lost: LostOptions, activeTo: number, withManager: boolean): Cte[] {
  const g = managerSlots(asOf);
  const month = `${periodIndex(d, 'day', 'month')} - ${g.firstMonth}`;
  const early = `CASE WHEN day < ${g.to[SLOT_YEAR_AGO_TO_DATE]} THEN 1 ELSE 0 END`;
  const f = (x: number): string => d.float(x);
  return [
    {
      name: 'mm_slots',
      sql: literalRows(
        ['slot', 'from_day', 'to_day'],
        g.from.map((v, s) => [s, v, g.to[s]]),
      ),
    },
    {
      name: 'mm_bounds',
      sql: literalRows(
        ['b'],
        g.boundaries.map((b) => [b]),
      ),
    },
    { name: 'mm_slot_map', sql: literalRows(['k', 'needs_early', 'slot', 'attr'], slotMap()) },
    ...(withManager
      ? [
          {
            // Most customers have one manager all along: their manager at a date is that one once they have a row
            // with it before the date. Only the others are looked up boundary by boundary.
            name: 'mm_manager_spans',
            sql: [
              'SELECT cid, MIN(manager) AS manager, MAX(manager) AS last_name, MIN(day) AS first_day',
              'FROM s_manager_days WHERE manager IS NOT NULL',
              'GROUP BY cid',
            ].join('\n'),
          },
          {
            // The latest manager of a customer with several before every boundary: the manager days, each valid up to the next.
            name: 'mm_manager_at',
            sql: [
              'SELECT m.cid, b.b, m.manager',
              'FROM (',
              '  SELECT d.cid, d.day, d.manager, LEAD(d.day) OVER (PARTITION BY d.cid ORDER BY d.day) AS next_day',
              '  FROM s_manager_days d JOIN mm_manager_spans sp ON sp.cid = d.cid AND sp.manager <> sp.last_name',
              '  WHERE d.manager IS NOT NULL',
              ') m',
              // Two inequalities, no OR: a range join (DuckDB's IEJoin), not a test of every pair.
              `JOIN mm_bounds b ON b.b > m.day AND b.b <= COALESCE(m.next_day, ${sqlDay(asOf, 'asOf')})`,
            ].join('\n'),
          },
        ]
      : []),
    {
      // Each customer and slot with the manager at the slot's end ('' none).
      name: 'mm_customer_slots',
      sql: withManager
        ? [
            'SELECT c.cid, s.slot, s.from_day, s.to_day, c.first_purchase,',
            "  COALESCE(m.manager, CASE WHEN sp.manager = sp.last_name AND sp.first_day < s.to_day THEN sp.manager END, '') AS manager",
            // Every slot, before the first purchase too: a return on an earlier day is money of its month.
            'FROM s_customers c CROSS JOIN mm_slots s',
            'LEFT JOIN mm_manager_spans sp ON sp.cid = c.cid',
            'LEFT JOIN mm_manager_at m ON m.cid = c.cid AND m.b = s.to_day',
          ].join('\n')
        : "SELECT c.cid, s.slot, s.from_day, s.to_day, c.first_purchase, '' AS manager FROM s_customers c CROSS JOIN mm_slots s",
    },
    {
      // The purchase days with the running median of the gaps up to each (NULL on the first).
      name: 'mm_gap_medians',
      sql: d.runningMedian(
        `(SELECT cid, day, gap FROM s_ranked WHERE gap IS NOT NULL) gaps`,
        'cid, day',
        'cid',
        'day',
        'gap',
        'median_gap',
      ),
    },
    {
      name: 'mm_states',
      sql: [
        'SELECT cid, day, median_gap, LEAD(day) OVER (PARTITION BY cid ORDER BY day) AS next_day',
        'FROM (',
        `  SELECT cid, first_purchase AS day, ${cast('NULL', d.float64)} AS median_gap FROM s_customers`,
        '  UNION ALL',
        '  SELECT cid, day, median_gap FROM mm_gap_medians',
        ') purchase_days',
      ].join('\n'),
    },
    {
      // The base's time to a second purchase at every boundary: customers whose second purchase day is before it.
      name: 'mm_base_gaps',
      sql: 'SELECT b.b, c.first_gap FROM s_customers c JOIN mm_bounds b ON c.first_purchase + c.first_gap < b.b',
    },
    { name: 'mm_base_rank', sql: d.nearestRankByGroup('mm_base_gaps', 'b', 'first_gap', lost.secondPurchasePercentile, 'nearest') },
    {
      name: 'mm_base',
      sql: [
        'SELECT bs.b,',
        `  CASE WHEN COALESCE(n.customers, 0) < ${lost.minSecondPurchases} THEN ${sqlDay(lost.fallbackIntervalDays, 'fallbackIntervalDays')} ELSE r.nearest END AS base_days`,
        'FROM mm_bounds bs',
        'LEFT JOIN (SELECT b, COUNT(*) AS customers FROM mm_base_gaps GROUP BY b) n ON n.b = bs.b',
        'LEFT JOIN mm_base_rank r ON r.b = bs.b',
      ].join('\n'),
    },
    {
      // At each boundary: the latest purchase day before it, and lost (days since > usual interval x factor).
      name: 'mm_state_at',
      sql: [
        'SELECT s.cid, b.b, s.day AS last_day,',
        `  ${cast('b.b - s.day', d.float64)} > COALESCE(s.median_gap, ${cast('base.base_days', d.float64)}) * ${f(lost.factor)} AS lost`,
        'FROM mm_states s',
        `JOIN mm_bounds b ON b.b > s.day AND b.b <= COALESCE(s.next_day, ${sqlDay(asOf, 'asOf')})`,
        'JOIN mm_base base ON base.b = b.b',
      ].join('\n'),
    },
    {
      // Events per customer, month slot and whether before the year-earlier slot's end; only the slots' days.
      name: 'mm_event_groups',
      sql: [
        `SELECT cid, ${month} AS k, ${early} AS early,`,
        '  SUM(cents) AS cents,',
        '  SUM(CASE WHEN purchases_so_far > 1 THEN cents ELSE 0 END) AS repeat_cents,',
        '  SUM(profit_cents) AS profit_cents,',
        '  SUM(CASE WHEN is_purchase THEN 1 ELSE 0 END) AS purchases',
        'FROM s_ranked',
        `WHERE day >= ${g.from[0]} AND day < ${sqlDay(asOf, 'asOf')}`,
        `GROUP BY cid, ${month}, ${early}`,
      ].join('\n'),
    },
    {
      name: 'mm_flows',
      sql: [
        'SELECT m.slot, g.cid, m.attr,',
        '  SUM(g.cents) AS cents, SUM(g.repeat_cents) AS repeat_cents, SUM(g.profit_cents) AS profit_cents, SUM(g.purchases) AS purchases',
        'FROM mm_event_groups g',
        'JOIN mm_slot_map m ON m.k = g.k AND (m.needs_early = 0 OR g.early = 1)',
        'GROUP BY m.slot, g.cid, m.attr',
      ].join('\n'),
    },
    {
      // Every figure per slot and manager, each part with zeros for the others.
      name: 'mm_parts',
      sql: [
        // Money and purchases by the manager of the month they fall in.
        'SELECT fl.slot, a.manager, fl.cents, fl.repeat_cents, fl.profit_cents, fl.purchases,',
        '  0 AS customers, 0 AS new_customers, 0 AS active, 0 AS at_start, 0 AS lost, 0 AS won_back',
        'FROM mm_flows fl JOIN mm_customer_slots a ON a.cid = fl.cid AND a.slot = fl.attr',
        'UNION ALL',
        // A buyer once per slot, for the manager at its end.
        'SELECT b.slot, b.manager, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0',
        'FROM (SELECT slot, cid FROM mm_flows GROUP BY slot, cid HAVING SUM(purchases) > 0) fl',
        'JOIN mm_customer_slots b ON b.cid = fl.cid AND b.slot = fl.slot',
        'UNION ALL',
        // A new customer in the slots of their first purchase's month, by that month's manager in the 12 months.
        'SELECT m.slot, a.manager, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0',
        `FROM (SELECT cid, ${periodIndex(d, 'first_purchase', 'month')} - ${g.firstMonth} AS k,`,
        `    CASE WHEN first_purchase < ${g.to[SLOT_YEAR_AGO_TO_DATE]} THEN 1 ELSE 0 END AS early`,
        `  FROM s_customers WHERE first_purchase >= ${g.from[0]}) n`,
        'JOIN mm_slot_map m ON m.k = n.k AND (m.needs_early = 0 OR n.early = 1)',
        'JOIN mm_customer_slots a ON a.cid = n.cid AND a.slot = m.attr',
        'UNION ALL',
        // Active at the end, and the lost ratio's states at the start and the end.
        'SELECT cs.slot, cs.manager, 0, 0, 0, 0, 0, 0,',
        `  CASE WHEN en.cid IS NOT NULL AND cs.to_day - en.last_day <= ${sqlDay(activeTo, 'activeTo')} THEN 1 ELSE 0 END,`,
        '  CASE WHEN st.cid IS NOT NULL AND NOT st.lost THEN 1 ELSE 0 END,',
        '  CASE WHEN st.cid IS NOT NULL AND NOT st.lost AND en.lost THEN 1 ELSE 0 END,',
        '  CASE WHEN st.cid IS NOT NULL AND st.lost AND en.last_day >= cs.from_day THEN 1 ELSE 0 END',
        'FROM mm_customer_slots cs',
        'LEFT JOIN mm_state_at st ON st.cid = cs.cid AND st.b = cs.from_day',
        'LEFT JOIN mm_state_at en ON en.cid = cs.cid AND en.b = cs.to_day',
      ].join('\n'),
    },
  ];
}

/** One row per slot and manager with anything in it: every PeriodFigures field, money in cents. */
export function managerMonthsSql(): string {
  return [
    'SELECT slot, manager,',
    '  SUM(cents) AS revenue_cents, SUM(repeat_cents) AS repeat_cents, SUM(profit_cents) AS profit_cents, SUM(purchases) AS purchases,',
    '  SUM(customers) AS customers, SUM(new_customers) AS new_customers, SUM(active) AS active,',
    '  SUM(at_start) AS at_start, SUM(lost) AS lost, SUM(won_back) AS won_back',
    'FROM mm_parts',
    'GROUP BY slot, manager',
    'ORDER BY slot, manager',
  ].join('\n');
}

/** Purchases per week (from the Monday on or before the first shown day) and manager of the month, over the shown months. */
export function managerWeeksSql(d: Dialect, asOf: number): string {
  const g = managerSlots(asOf);
  return [
    'SELECT week, manager, SUM(purchases) AS purchases',
    'FROM (',
    `  SELECT r.cid, ${cast(`FLOOR((r.day - ${g.weekStart}) / 7)`, d.int64)} AS week, a.manager, 1 AS purchases`,
    '  FROM s_ranked r',
    `  JOIN mm_customer_slots a ON a.cid = r.cid AND a.slot = ${periodIndex(d, 'r.day', 'month')} - ${g.firstMonth}`,
    `  WHERE r.is_purchase AND r.day >= ${g.from[12]} AND r.day < ${sqlDay(asOf, 'asOf')}`,
    ') weekly',
    'GROUP BY week, manager',
    'ORDER BY week, manager',
  ].join('\n');
}
