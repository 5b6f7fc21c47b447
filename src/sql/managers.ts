/**
 * The Managers sheet's queries (src/core/managerMonths.ts, docs/definitions.md: the
 * Managers sheet): per manager and per period slot (25 calendar months up to the
 * current one, the current month's days a year earlier, the 12 full months and the 12
 * before them) the revenue, repeat revenue and profit in cents, purchases, buyers, new
 * customers, active customers at the period's end, and the lost ratio's at start, lost
 * and won back; and purchases per week. A customer counts in a period for their manager
 * at its end: the manager of their latest row with a manager before it.
 *
 * Over the staged summary (`s_ranked`, `s_customers`, `s_manager_spans`, `s_manager_days`):
 * the lost state at each period boundary is the state after the customer's latest
 * purchase day before it (a running median of the gaps up to that day). No row per
 * customer and slot, and none per customer and boundary: each customer's states and
 * managers at the boundaries are bit masks (managerCtes), summed per manager.
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

/** Figures of the lost ratio and of the active customers, per slot: the masks' bits at the slot's start and end. */
const STATE_FIGURES = ['customers', 'active', 'at_start', 'lost', 'won_back'] as const;

/**
 * The Managers sheet without a row per customer and slot. Per customer, bit masks over the
 * period boundaries (j = 0 .. boundaries - 1, ascending) and over the intervals between them:
 * `h` has a purchase before boundary j, `l` is lost at it, `a` is active at it, `i` bought in
 * the interval ending at j (a purchase day d with boundary j - 1 <= d < boundary j); and per
 * customer and manager `r`, the boundaries at which that is their manager ('' none). Each
 * mask comes from the customer's purchase days (one state each, valid up to the next one)
 * in a few comparisons; then one group-by per manager sums every slot's figures from the
 * bits (BigQuery: bitwise operators and BIT_OR, cloud.google.com/bigquery/docs/reference/
 * standard-sql/operators#bitwise_operators and aggregate_functions#bit_or; DuckDB: the
 * same operators on integers and bit_or, duckdb.org/docs/stable/sql/functions/numeric
 * and functions/aggregates). Money and purchases are summed per day and manager, over the
 * events joined to the manager at their month's end.
 */
export function managerCtes(d: Dialect, asOf: number, lost: LostOptions, activeTo: number, withManager: boolean): Cte[] {
  const g = managerSlots(asOf);
  const bounds = g.boundaries;
  const nB = bounds.length;
  const js = g.from.map((day) => bounds.indexOf(day));
  const je = g.to.map((day) => bounds.indexOf(day));
  const bit = (j: number): number => 2 ** j;
  const all = 2 ** nB - 1;
  const one = cast('1', d.int64);
  const f = (x: number): string => d.float(x);
  const asOfDay = sqlDay(asOf, 'asOf');
  // Boundaries at or before a day: the index of the first one after it.
  const atOrBefore = (day: string): string => d.countAtOrBelow(day, bounds);
  const range = (lo: string, hi: string): string => `CASE WHEN ${hi} > ${lo} THEN (${one} << ${hi}) - (${one} << ${lo}) ELSE 0 END`;
  // The boundaries at or before a day, as a mask.
  const upTo = (day: string): string => `(${one} << ${atOrBefore(day)}) - 1`;
  // The interval of a purchase day (boundaries at or before it) in each slot: from its start to its end.
  const slotIntervals = (s: number): number => {
    let m = 0;
    for (let i = js[s] + 1; i <= je[s]; i++) m += bit(i);
    return m;
  };
  // The bit of a month slot's end, for an event's day (0 outside the months).
  const monthStarts = [...g.from.slice(0, MONTH_SLOTS), g.to[MONTH_SLOTS - 1]];
  const monthEndBit = (day: string): string => {
    const k = d.countAtOrBelow(day, monthStarts);
    return `CASE ${k} ${Array.from({ length: MONTH_SLOTS }, (_, m) => `WHEN ${m + 1} THEN ${bit(je[m])}`).join(' ')} ELSE 0 END`;
  };
  const month = `${periodIndex(d, 'day', 'month')} - ${g.firstMonth}`;
  const flowSums = [
    `${d.sumInt('r.cents')} AS cents`,
    `${d.sumInt('CASE WHEN r.purchases_so_far > 1 THEN r.cents ELSE 0 END')} AS repeat_cents`,
    `${d.sumInt('r.profit_cents')} AS profit_cents`,
    `${d.sumInt('CASE WHEN r.is_purchase THEN 1 ELSE 0 END')} AS purchases`,
    // The first purchase event of a customer: the day of their first purchase.
    `${d.sumInt('CASE WHEN r.is_purchase AND r.purchases_so_far = 1 THEN 1 ELSE 0 END')} AS new_customers`,
  ].join(', ');
  const stateSum = (figure: (typeof STATE_FIGURES)[number], s: number): string => {
    const start = bit(js[s]);
    const end = bit(je[s]);
    const bought = `(m.i & ${slotIntervals(s)}) <> 0`;
    const notLostAtStart = `(m.h & ${start}) <> 0 AND (m.l & ${start}) = 0`;
    const cond = {
      customers: bought,
      active: `(m.a & ${end}) <> 0`,
      at_start: notLostAtStart,
      lost: `${notLostAtStart} AND (m.l & ${end}) <> 0`,
      won_back: `(m.l & ${start}) <> 0 AND ${bought}`,
    }[figure];
    return `${d.sumInt(`CASE WHEN (r.r & ${end}) <> 0 AND ${cond} THEN 1 ELSE 0 END`)} AS ${figure}_${s}`;
  };
  const slots = Array.from({ length: SLOTS }, (_, s) => s);
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
        ['j', 'b'],
        bounds.map((b, j) => [j, b]),
      ),
    },
    { name: 'mm_slot_map', sql: literalRows(['k', 'needs_early', 'slot', 'attr'], slotMap()) },
    ...(withManager
      ? [
          {
            // The latest manager of a customer with several (s_manager_days holds only them) at every boundary:
            // the manager days, each valid up to the next.
            name: 'mm_manager_at',
            sql: [
              'SELECT m.cid, b.j, m.manager_rank',
              'FROM (',
              '  SELECT cid, day, manager_rank, LEAD(day) OVER (PARTITION BY cid ORDER BY day) AS next_day',
              '  FROM s_manager_days',
              ') m',
              // Two inequalities, no OR: a range join (DuckDB's IEJoin), not a test of every pair.
              `JOIN mm_bounds b ON b.b > m.day AND b.b <= COALESCE(m.next_day, ${asOfDay})`,
            ].join('\n'),
          },
          {
            // Per customer and manager, the boundaries at which that is their manager: one manager all along from
            // their first row with one; the others' from the lookup; '' before any row with a manager.
            name: 'mm_runs',
            sql: [
              // The managers by their place A-Z (manager_names), named here, once per customer and manager.
              'SELECT runs.cid, mr.manager, runs.r',
              'FROM (',
              `  SELECT c.cid, sp.manager_rank, ${all} - (${upTo('sp.first_day')}) AS r`,
              '  FROM s_customers c JOIN s_manager_spans sp ON sp.cid = c.cid',
              '  WHERE sp.manager_rank = sp.last_rank',
              '  UNION ALL',
              `  SELECT m.cid, m.manager_rank, BIT_OR(${one} << m.j) AS r`,
              '  FROM mm_manager_at m JOIN s_customers c ON c.cid = m.cid',
              '  GROUP BY m.cid, m.manager_rank',
              ') runs',
              'JOIN manager_ranks mr ON mr.manager_rank = runs.manager_rank',
              'UNION ALL',
              "SELECT cid, '' AS manager, r FROM (",
              `  SELECT c.cid, CASE WHEN sp.cid IS NULL THEN ${all} ELSE ${upTo('sp.first_day')} END AS r`,
              '  FROM s_customers c LEFT JOIN s_manager_spans sp ON sp.cid = c.cid',
              ') no_manager',
              'WHERE r <> 0',
            ].join('\n'),
          },
        ]
      : [{ name: 'mm_runs', sql: `SELECT cid, '' AS manager, ${all} AS r FROM s_customers` }]),
    {
      // The purchase days after the first with the running median of the gaps up to each, and the next purchase
      // day (in the same window's order: one sort).
      name: 'mm_gap_medians',
      sql: d.runningMedian(
        `(SELECT cid, day, gap FROM s_ranked WHERE gap IS NOT NULL) gaps`,
        'cid',
        'day',
        'gap',
        'median_gap',
        'next_day',
      ),
    },
    {
      // Each purchase day's state, valid up to the next one: the first (no gap yet) up to the second purchase day.
      name: 'mm_states',
      sql: [
        `SELECT cid, first_purchase AS day, ${cast('NULL', d.float64)} AS median_gap, first_purchase + first_gap AS next_day FROM s_customers`,
        'UNION ALL',
        'SELECT cid, day, median_gap, next_day FROM mm_gap_medians',
      ].join('\n'),
    },
    {
      // The base's time to a second purchase at every boundary: customers whose second purchase day is before it.
      name: 'mm_base_gaps',
      sql: 'SELECT b.b, c.first_gap FROM s_customers c JOIN mm_bounds b ON c.first_purchase + c.first_gap < b.b',
    },
    { name: 'mm_base_rank', sql: d.nearestRankByGroup('mm_base_gaps', 'b', 'first_gap', lost.secondPurchasePercentile, 'nearest') },
    {
      // One row: the base's interval at each boundary, base_0 .. (for the states without a gap yet).
      name: 'mm_base',
      sql: [
        `SELECT ${bounds.map((_, j) => `MAX(CASE WHEN j = ${j} THEN base_days END) AS base_${j}`).join(', ')}`,
        'FROM (',
        '  SELECT bs.j,',
        `    CASE WHEN COALESCE(n.customers, 0) < ${lost.minSecondPurchases} THEN ${sqlDay(lost.fallbackIntervalDays, 'fallbackIntervalDays')} ELSE r.nearest END AS base_days`,
        '  FROM mm_bounds bs',
        '  LEFT JOIN (SELECT b, COUNT(*) AS customers FROM mm_base_gaps GROUP BY b) n ON n.b = bs.b',
        '  LEFT JOIN mm_base_rank r ON r.b = bs.b',
        ') per_boundary',
      ].join('\n'),
    },
    {
      // Each customer's masks from their purchase days: a day's state holds at the boundaries after it up to the
      // next purchase day (the last one up to the as-of date); lost there when the days since it exceed the usual
      // interval (the running median, or the base's at that boundary) times the factor.
      name: 'mm_masks',
      sql: [
        'SELECT cid, BIT_OR(h) AS h, BIT_OR(l) AS l, BIT_OR(a) AS a, BIT_OR(i) AS i',
        'FROM (',
        '  SELECT st.cid,',
        `    ${range('st.lo', 'st.hi')} AS h,`,
        `    ${range('st.lo', 'LEAST(st.hi, st.na)')} AS a,`,
        '    CASE WHEN st.median_gap IS NULL THEN ' +
          bounds
            .map(
              (b, j) =>
                `CASE WHEN st.lo <= ${j} AND ${j} < st.hi AND ${cast(`${b} - st.day`, d.float64)} > ${cast(`bs.base_${j}`, d.float64)} * ${f(lost.factor)} THEN ${bit(j)} ELSE 0 END`,
            )
            .join(' + ') +
          ` ELSE ${range('GREATEST(st.lo, st.nl)', 'st.hi')} END AS l,`,
        `    ${one} << st.lo AS i`,
        '  FROM (',
        '    SELECT cid, day, median_gap,',
        `      ${atOrBefore('day')} AS lo,`,
        `      ${atOrBefore(`COALESCE(next_day, ${asOfDay})`)} AS hi,`,
        `      ${atOrBefore(`day + ${sqlDay(activeTo, 'activeTo')}`)} AS na,`,
        // The boundaries at which this state is not lost: b - day <= the median times the factor, which for whole
        // days is b <= day + its floor.
        `      CASE WHEN median_gap IS NULL THEN 0 ELSE ${atOrBefore(`day + ${cast(`FLOOR(median_gap * ${f(lost.factor)})`, d.int64)}`)} END AS nl`,
        '    FROM mm_states',
        '  ) st CROSS JOIN mm_base bs',
        ') states',
        'GROUP BY cid',
      ].join('\n'),
    },
    {
      // Money, purchases and first purchases per day and manager of the day's month (at its end); the current
      // month's days a year earlier once more (`ytd` 1) by the manager at that slot's end.
      name: 'mm_day_flows',
      sql: [
        `SELECT r.day, 0 AS ytd, a.manager, ${flowSums}`,
        `FROM (SELECT *, ${monthEndBit('day')} AS end_bit FROM s_ranked WHERE day >= ${g.from[0]} AND day < ${asOfDay}) r`,
        'JOIN mm_runs a ON a.cid = r.cid AND (a.r & r.end_bit) <> 0',
        'GROUP BY r.day, a.manager',
        'UNION ALL',
        `SELECT r.day, 1 AS ytd, a.manager, ${flowSums}`,
        `FROM (SELECT * FROM s_ranked WHERE day >= ${g.from[SLOT_YEAR_AGO_TO_DATE]} AND day < ${g.to[SLOT_YEAR_AGO_TO_DATE]}) r`,
        `JOIN mm_runs a ON a.cid = r.cid AND (a.r & ${bit(je[SLOT_YEAR_AGO_TO_DATE])}) <> 0`,
        'GROUP BY r.day, a.manager',
      ].join('\n'),
    },
    {
      // Each slot's buyers, active customers and lost ratio per manager at its end, as columns (figure_slot).
      name: 'mm_state_sums',
      sql: [
        'SELECT r.manager,',
        slots.flatMap((s) => STATE_FIGURES.map((fig) => `  ${stateSum(fig, s)}`)).join(',\n'),
        'FROM mm_masks m JOIN mm_runs r ON r.cid = m.cid',
        'GROUP BY r.manager',
      ].join('\n'),
    },
    {
      // Every figure per slot and manager, each part with zeros for the others.
      name: 'mm_parts',
      sql: [
        // Money, purchases and new customers by the manager of the month they fall in (the year-earlier slot: its own).
        'SELECT m.slot, fl.manager, fl.cents, fl.repeat_cents, fl.profit_cents, fl.purchases,',
        '  0 AS customers, fl.new_customers, 0 AS active, 0 AS at_start, 0 AS lost, 0 AS won_back',
        `FROM (SELECT ${month} AS k, ytd, manager, cents, repeat_cents, profit_cents, purchases, new_customers FROM mm_day_flows) fl`,
        'JOIN mm_slot_map m ON m.k = fl.k AND m.needs_early = fl.ytd',
        'UNION ALL',
        'SELECT s.slot, x.manager, 0, 0, 0, 0,',
        `  CASE s.slot ${slots.map((k) => `WHEN ${k} THEN x.customers_${k}`).join(' ')} END,`,
        '  0,',
        STATE_FIGURES.slice(1)
          .map((fig) => `  CASE s.slot ${slots.map((k) => `WHEN ${k} THEN x.${fig}_${k}`).join(' ')} END`)
          .join(',\n'),
        'FROM mm_state_sums x CROSS JOIN mm_slots s',
      ].join('\n'),
    },
  ];
}

/** One row per slot and manager with anything in it: every PeriodFigures field, money in cents. */
export function managerMonthsSql(d: Dialect): string {
  return [
    'SELECT slot, manager,',
    `  ${d.sumInt('cents')} AS revenue_cents, ${d.sumInt('repeat_cents')} AS repeat_cents, ${d.sumInt('profit_cents')} AS profit_cents, ${d.sumInt('purchases')} AS purchases,`,
    `  ${d.sumInt('customers')} AS customers, ${d.sumInt('new_customers')} AS new_customers, ${d.sumInt('active')} AS active,`,
    `  ${d.sumInt('at_start')} AS at_start, ${d.sumInt('lost')} AS lost, ${d.sumInt('won_back')} AS won_back`,
    'FROM mm_parts',
    'GROUP BY slot, manager',
    'ORDER BY slot, manager',
  ].join('\n');
}

/** Purchases per week (from the Monday on or before the first shown day) and manager of the month, over the shown months. */
export function managerWeeksSql(d: Dialect, asOf: number): string {
  const g = managerSlots(asOf);
  return [
    `SELECT ${cast(`FLOOR((day - ${g.weekStart}) / 7)`, d.int64)} AS week, manager, ${d.sumInt('purchases')} AS purchases`,
    'FROM mm_day_flows',
    `WHERE ytd = 0 AND day >= ${g.from[12]}`,
    `GROUP BY ${cast(`FLOOR((day - ${g.weekStart}) / 7)`, d.int64)}, manager`,
    `HAVING ${d.sumInt('purchases')} > 0`,
    'ORDER BY week, manager',
  ].join('\n');
}
