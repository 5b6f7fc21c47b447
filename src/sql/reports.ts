/**
 * The per-report queries: each one the purchases step and the per-customer summary
 * (purchases.ts) with the report's rule on top, returning report-sized rows (per
 * segment, per class, per manager, one row of figures, or one row per customer of a
 * list), never order rows. The rules are those of src/core (lifecycle.ts,
 * repeatShare.ts, abcXyz.ts, churn.ts), with the parameters checked by the core's own
 * checks.
 */
import { type AbcXyzOptions, checkAbcXyzOptions } from '../core/abcXyz';
import { periodIndex as corePeriodIndex } from '../core/calendar';
import { type ChurnOptions, type LostOptions, checkChurnOptions } from '../core/churn';
import { UserError } from '../core/errors';
import { type LifecycleBands, SEGMENT_COUNT, checkBands } from '../core/lifecycle';
import { type Dialect, cast, periodIndex, roundHalfUp } from './dialect';
import { funnelCohortsSql, funnelConversionsSql, funnelCtes } from './funnel';
import { managerCtes, managerMonthsSql, managerWeeksSql } from './managers';
import { WarehouseError } from './messages';
import { type Cte, type SummaryWindow, blankRow, contactCtes, lineCtes, sqlDay, summaryCtes, withCtes } from './purchases';
import { type WarehouseSource } from './source';
import { keyCustomerCtes, keyCustomersSql, keyHistoriesSql, keyParetoSql } from './keyCustomers';
import { DEFAULT_KEY_CUSTOMERS_TOP } from '../core/keyCustomers';

/** The report parameters in core terms, as src/reports/context.ts ReportParams has them. */
export interface WarehouseParams {
  /** As-of date, epoch day: rows on or after it are left out. */
  asOf: number;
  bands: LifecycleBands;
  abcXyz: AbcXyzOptions;
  churn: ChurnOptions;
  lost: LostOptions;
  /** The lost ratio's period [from, to). */
  lostPeriod: { from: number; to: number };
  /** The Key customers sheet's top (20 or 50; default DEFAULT_KEY_CUSTOMERS_TOP). */
  keyCustomersTop?: number;
}

/** The Key customers top of the parameters: the one place its default is applied. */
export function keyTopOf(params: WarehouseParams): number {
  return params.keyCustomersTop ?? DEFAULT_KEY_CUSTOMERS_TOP;
}

/** The SQL text of every warehouse report for one source and one set of parameters. */
export interface WarehouseQueries {
  /** One row: rows, blank, readable, unreadable, on or after the as-of date, first and last day, returns-only customers. */
  source: string;
  /** One row per customer: the per-customer summary (the fields of src/core/summary.ts CustomerSummary) and gap statistics. */
  summary: string;
  /** One row per non-empty segment: customers, revenue and first-purchase revenue in cents. */
  matrix: string;
  /** One row per customer of the segment (0 New Active .. 8 Regular Lapsed), largest revenue first, ties by key. */
  segmentList(segment: number): string;
  /** One row per customer: revenue, purchases, XYZ's CV, ABC and XYZ class (0..2 each). */
  abcXyz: string;
  /** One row per class present: abc, xyz, customers. */
  abcXyzCounts: string;
  /** One row: the one-time buyers' interval (days, customers, fallback), lost customers and their yearly value in cents. */
  lost: string;
  /** One row per customer lost as of the as-of date, return priority first, then yearly value, largest first. */
  lostList: string;
  /** One row per manager of the lost ratio's period ('' none): at start, lost, won back, lost yearly value in cents. */
  lostRatio: string;
  /** One row: base, churned, retained, new in period. */
  periodChurn: string;
  /** One row per cohort month shown (and one for the older ones): customers, repeated, within_1 .. within_12. */
  funnelCohorts: string;
  /** One row per manager and a total row: customers with 1+ .. 4+ purchases, median days to a second purchase. */
  funnelConversions: string;
  /** One row per period slot (src/sql/managers.ts) and manager: the Managers sheet's figures, money in cents. */
  managerMonths: string;
  /** One row per week and manager with purchases: the Managers sheet's shipments per week. */
  managerWeeks: string;
  /** One row per customer in either year's top (keyCustomers.ts keyCustomersSql). */
  keyCustomers: string;
  /** One row: the last year's customers with revenue, and how many make 80% of it. */
  keyPareto: string;
  /** One row per customer: the purchase-count history the P(alive) model is fitted on. */
  keyHistories: string;
}

/** The statements of a run: temporary tables first (staged plans), then the report queries over them. */
export interface WarehousePlan {
  /** CREATE TEMP TABLE statements, in order; empty for self-contained queries. */
  setup: string[];
  /** DROP TABLE statements for the setup's tables. */
  teardown: string[];
  queries: WarehouseQueries;
}

/**
 * The tables a staged plan makes once for all reports: the groups of order rows (the
 * only step that reads the orders), the customers' names and ids, their line groups, the names
 * and contacts, the events and the per-customer facts of the as-of date, and the lost
 * flags at the lost ratio's start.
 */
const STAGED = [
  'manager_names',
  'manager_ranks',
  'raw_groups',
  'customer_names',
  'customer_ids',
  'customer_dictionary',
  'line_groups',
  'contacts',
  's_ranked',
  's_totals',
  's_manager_spans',
  's_manager_days',
  's_customers',
  's_base',
  's_facts',
  'a_lost',
  'b_lost',
  'mm_runs',
  'mm_masks',
  'mm_day_flows',
  'key_windows',
];

/** Builds the queries; throws a UserError (naming the parameter and value) for a bad source or parameter. */
export function warehouseQueries(d: Dialect, source: WarehouseSource, params: WarehouseParams): WarehouseQueries {
  return warehousePlan(d, source, params).queries;
}

/**
 * The queries of every report, self-contained (each one WITH ... SELECT over the orders)
 * or staged: the shared steps as temporary tables made once (`setup`), so that the orders
 * are read once for all reports. The SELECTs are the same SQL either way.
 */
export function warehousePlan(
  d: Dialect,
  source: WarehouseSource,
  params: WarehouseParams,
  options: { staged?: boolean } = {},
): WarehousePlan {
  const asOf = Number(sqlDay(params.asOf, 'asOf'));
  const bands = checkBands(params.bands);
  const xyzOptions = checkAbcXyzOptions(params.abcXyz);
  const churn = checkChurnOptions(params.churn);
  if (!(params.lost.factor > 0)) throw UserError.of('err.core.lostFactor', { value: params.lost.factor });
  const period = params.lostPeriod;
  sqlDay(period.from, 'lostPeriod.from');
  sqlDay(period.to, 'lostPeriod.to');
  if (!(period.to > period.from)) throw new WarehouseError('sql.badPeriod', { from: period.from, to: period.to });

  const withManager = source.columns.manager !== undefined;
  const idKind = source.columns.orderId?.kind === 'integer' ? 'integer' : 'string';
  // The lost ratio's end is the as-of date by default: then its summary is the reports' own.
  const end = period.to === asOf ? 's_' : 'b_';
  const ctes: Cte[] = [
    ...lineCtes(d, source),
    ...summaryCtes(d, 's_', { asOf }, withManager, idKind),
    ...factCtes(d, 's_', { asOf }, bands, xyzOptions, params.lost),
    ...contactCtes(d, source.columns.email !== undefined || source.columns.phone !== undefined),
    ...funnelCtes(d),
    ...managerCtes(d, asOf, params.lost, bands.activeTo, withManager),
    ...summaryCtes(d, 'a_', { asOf: period.from }, false, idKind, { prefix: 's_', window: { asOf } }),
    ...lostCtes(d, 'a_', { asOf: period.from }, params.lost),
    ...keyCustomerCtes(d, asOf),
    ...(end === 'b_'
      ? [
          ...summaryCtes(d, 'b_', { asOf: period.to }, withManager, idKind, { prefix: 's_', window: { asOf } }),
          ...lostCtes(d, 'b_', { asOf: period.to }, params.lost),
        ]
      : []),
  ];
  const staged = new Set(options.staged ? STAGED.filter((name) => ctes.some((c) => c.name === name)) : []);
  const q = (select: string): string => withCtes(d, needed(ctes, select, staged), select);

  const customerColumns = [
    'ids.customer_key',
    'ct.name',
    'f.manager',
    'ct.email',
    'ct.phone',
    'f.purchases',
    'f.first_purchase',
    'f.last_purchase',
    'f.revenue_cents',
    'f.profit_cents',
  ];
  const joinContacts = 'FROM s_facts f JOIN contacts ct ON ct.cid = f.cid JOIN customer_ids ids ON ids.cid = f.cid';

  const periodStart = asOf - churn.periodDays;
  const baseStart = periodStart - churn.lookbackDays;

  const queries: WarehouseQueries = {
    source: q(
      [
        'SELECT',
        '  (SELECT COUNT(*) FROM order_source) AS all_rows,',
        // A count with the blank test as its condition: an engine skips the blocks where no date is missing.
        `  (SELECT COUNT(*) FROM order_source WHERE ${blankRow(d, source)}) AS blank_rows,`,
        '  lines.read_rows, lines.after_as_of, lines.first_day, lines.last_day,',
        '  (SELECT COUNT(*) FROM s_totals WHERE purchases = 0) AS returns_only_customers,',
        `  (SELECT COALESCE(${d.sumInt('revenue_cents')}, 0) FROM s_totals WHERE purchases = 0) AS returns_only_cents`,
        // The groups of rows read once for their four figures.
        'FROM (',
        `  SELECT COALESCE(${d.sumInt('line_count')}, 0) AS read_rows,`,
        `    COALESCE(${d.sumInt(`CASE WHEN day >= ${asOf} THEN line_count ELSE 0 END`)}, 0) AS after_as_of,`,
        '    MIN(day) AS first_day, MAX(day) AS last_day',
        '  FROM line_groups',
        ') lines',
      ].join('\n'),
    ),
    summary: q(
      [
        `SELECT ${customerColumns.join(', ')}, f.first_cents, f.gaps, f.gap_sum, f.gap_squares, f.median_gap, f.first_gap`,
        joinContacts,
        'ORDER BY f.cid',
      ].join('\n'),
    ),
    matrix: q(
      [
        `SELECT segment, COUNT(*) AS customers, ${d.sumInt('revenue_cents')} AS revenue_cents, ${d.sumInt('first_cents')} AS first_cents`,
        'FROM s_facts',
        'GROUP BY segment',
        'ORDER BY segment',
      ].join('\n'),
    ),
    segmentList(segment: number): string {
      if (!Number.isInteger(segment) || segment < 0 || segment >= SEGMENT_COUNT)
        throw new WarehouseError('sql.badSegment', { value: segment });
      return q(
        [`SELECT ${customerColumns.join(', ')}`, joinContacts, `WHERE f.segment = ${segment}`, 'ORDER BY f.revenue_cents DESC, f.cid'].join(
          '\n',
        ),
      );
    },
    abcXyz: q(
      [
        'SELECT ids.customer_key, ct.name, f.manager, f.revenue_cents, f.purchases, f.xyz_cv, f.abc, f.xyz',
        joinContacts,
        'ORDER BY f.revenue_cents DESC, f.cid',
      ].join('\n'),
    ),
    abcXyzCounts: q('SELECT abc, xyz, COUNT(*) AS customers FROM s_facts GROUP BY abc, xyz ORDER BY abc, xyz'),
    lost: q(
      [
        'SELECT',
        '  b.base_days, b.base_customers, b.base_fallback,',
        '  (SELECT COUNT(*) FROM s_facts WHERE lost) AS lost_customers,',
        `  (SELECT COALESCE(${d.sumInt('yearly_cents')}, 0) FROM s_facts WHERE lost) AS lost_yearly_cents`,
        'FROM s_base b',
      ].join('\n'),
    ),
    lostList: q(
      [
        `SELECT ${customerColumns.join(', ')}, f.days_since, f.usual_interval, f.yearly_cents, f.abc, f.xyz, f.priority`,
        joinContacts,
        'WHERE f.lost',
        'ORDER BY f.priority, f.yearly_cents DESC, f.cid',
      ].join('\n'),
    ),
    lostRatio: q(
      [
        // Everyone who bought before the start bought before the end; a customer counts for the manager of
        // their latest row before the end (src/core/churn.ts lostRatio).
        "SELECT COALESCE(b.manager, '') AS manager,",
        `  ${d.sumInt('CASE WHEN NOT a.lost THEN 1 ELSE 0 END')} AS at_start,`,
        `  ${d.sumInt('CASE WHEN NOT a.lost AND b.lost THEN 1 ELSE 0 END')} AS lost,`,
        `  ${d.sumInt(`CASE WHEN a.lost AND b.last_purchase >= ${period.from} THEN 1 ELSE 0 END`)} AS won_back,`,
        `  ${d.sumInt('CASE WHEN NOT a.lost AND b.lost THEN b.yearly_cents ELSE 0 END')} AS lost_yearly_cents`,
        `FROM a_lost a JOIN ${end}lost b ON b.cid = a.cid`,
        "GROUP BY COALESCE(b.manager, '')",
        "ORDER BY COALESCE(b.manager, '')",
      ].join('\n'),
    ),
    periodChurn: q(
      [
        'SELECT',
        `  COALESCE(${d.sumInt('in_base')}, 0) AS base,`,
        `  COALESCE(${d.sumInt('CASE WHEN in_base = 1 AND in_period = 0 THEN 1 ELSE 0 END')}, 0) AS churned,`,
        `  COALESCE(${d.sumInt(`CASE WHEN first_purchase >= ${periodStart} THEN 1 ELSE 0 END`)}, 0) AS new_in_period`,
        'FROM (',
        '  SELECT r.cid, c.first_purchase,',
        `    MAX(CASE WHEN r.is_purchase AND r.day >= ${baseStart} AND r.day < ${periodStart} THEN 1 ELSE 0 END) AS in_base,`,
        `    MAX(CASE WHEN r.is_purchase AND r.day >= ${periodStart} AND r.day < ${asOf} THEN 1 ELSE 0 END) AS in_period`,
        '  FROM s_ranked r JOIN s_customers c ON c.cid = r.cid',
        '  GROUP BY r.cid, c.first_purchase',
        ') per_customer',
      ].join('\n'),
    ),
    funnelCohorts: q(funnelCohortsSql(d, asOf)),
    funnelConversions: q(funnelConversionsSql()),
    managerMonths: q(managerMonthsSql(d)),
    managerWeeks: q(managerWeeksSql(d, asOf)),
    keyCustomers: q(keyCustomersSql(keyTopOf(params))),
    keyPareto: q(keyParetoSql(d)),
    keyHistories: q(keyHistoriesSql()),
  };
  const order = ctes.filter((c) => staged.has(c.name));
  return {
    setup: order.map((c) => `CREATE TEMP TABLE ${c.name} AS\n${withCtes(d, needed(ctes, c.sql, staged), c.sql)}`),
    teardown: order.map((c) => `DROP TABLE IF EXISTS ${c.name}`).reverse(),
    queries,
  };
}

/**
 * The CTEs a statement refers to, with theirs, in their order; names in `tables` are
 * tables already made and are not defined again. A CTE is referred to by its name as a
 * word (the names are distinct words: s_base is not part of s_base_rank).
 */
export function needed(ctes: readonly Cte[], sql: string, tables: ReadonlySet<string> = new Set()): Cte[] {
  const byName = new Map(ctes.map((c) => [c.name, c]));
  const wanted = new Set<string>();
  const visit = (text: string): void => {
    for (const word of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
      const cte = byName.get(word);
      if (!cte || wanted.has(word) || tables.has(word)) continue;
      wanted.add(word);
      visit(cte.sql);
    }
  };
  visit(sql);
  return ctes.filter((c) => wanted.has(c.name));
}

/**
 * Who is lost as of the window's date (src/core/churn.ts lostCustomers): the usual
 * interval (median gap, or the base's time to a second purchase), days since the last
 * purchase, lost, and the yearly value in cents, as `${p}lost`; `${p}base` is the
 * one-time buyers' interval.
 */
export function lostCtes(d: Dialect, p: string, window: SummaryWindow, lost: LostOptions): Cte[] {
  const asOf = sqlDay(window.asOf, 'asOf');
  return [
    { name: `${p}first_gaps`, sql: `SELECT first_gap FROM ${p}customers WHERE first_gap IS NOT NULL` },
    { name: `${p}base_rank`, sql: d.nearestRank(`${p}first_gaps`, 'first_gap', lost.secondPurchasePercentile, 'nearest') },
    {
      name: `${p}base`,
      sql: [
        'SELECT',
        `  CASE WHEN n.customers < ${lost.minSecondPurchases} THEN ${sqlDay(lost.fallbackIntervalDays, 'fallbackIntervalDays')} ELSE r.nearest END AS base_days,`,
        '  n.customers AS base_customers,',
        `  n.customers < ${lost.minSecondPurchases} AS base_fallback`,
        `FROM (SELECT COUNT(*) AS customers FROM ${p}first_gaps) n CROSS JOIN ${p}base_rank r`,
      ].join('\n'),
    },
    {
      name: `${p}lost`,
      sql: [
        'SELECT',
        '  c.*,',
        `  ${asOf} - c.last_purchase AS days_since,`,
        `  COALESCE(c.median_gap, ${cast('b.base_days', d.float64)}) AS usual_interval,`,
        `  ${asOf} - c.last_purchase > COALESCE(c.median_gap, ${cast('b.base_days', d.float64)}) * ${d.float(lost.factor)} AS lost,`,
        // roundMoney(revenue / max(1, years)): the same double operations in the same order as the core.
        `  ${roundHalfUp(d, `${cast('c.revenue_cents', d.float64)} / 100 / GREATEST(${d.float(1)}, (c.last_purchase - c.first_purchase) / ${d.float(365.25)}) * 100`)} AS yearly_cents`,
        `FROM ${p}customers c CROSS JOIN ${p}base b`,
      ].join('\n'),
    },
  ];
}

/**
 * Every figure a report takes per customer of the window, as `${p}facts`: the lifecycle
 * segment, ABC and XYZ with XYZ's CV, lost as of the date and the return priority.
 */
export function factCtes(
  d: Dialect,
  p: string,
  window: SummaryWindow,
  bands: LifecycleBands,
  options: AbcXyzOptions,
  lost: LostOptions,
): Cte[] {
  const asOf = Number(sqlDay(window.asOf, 'asOf'));
  const [a, b] = options.abcBounds;
  const f = (x: number): string => d.float(x);
  const segment =
    `CASE WHEN l.purchases >= ${bands.regularFrom} THEN 2 WHEN l.purchases >= ${bands.prospectiveFrom} THEN 1 ELSE 0 END * 3 + ` +
    `CASE WHEN ${asOf} - l.last_purchase <= ${bands.activeTo} THEN 0 WHEN ${asOf} - l.last_purchase <= ${bands.sleepingTo} THEN 1 ELSE 2 END`;
  const ctes: Cte[] = [
    ...lostCtes(d, p, window, lost),
    {
      // Shares above each customer by whole cents, ties by key; the bound times the total as the core compares it.
      name: `${p}abc`,
      sql: [
        'SELECT cid,',
        `  CASE WHEN revenue_cents <= 0 THEN 2 WHEN COALESCE(above, 0) < ${f(a)} * total THEN 0 WHEN COALESCE(above, 0) < ${f(b)} * total THEN 1 ELSE 2 END AS abc`,
        'FROM (',
        '  SELECT cid, revenue_cents,',
        `    ${d.sumInt('CASE WHEN revenue_cents > 0 THEN revenue_cents ELSE 0 END', '')} AS total,`,
        `    ${d.sumInt('CASE WHEN revenue_cents > 0 THEN revenue_cents ELSE 0 END', 'ORDER BY revenue_cents DESC, cid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING')} AS above`,
        `  FROM ${p}customers`,
        ') ranked',
      ].join('\n'),
    },
  ];
  let cv: string;
  let xyz: string;
  const bound = options.xyzBounds;
  if (options.basis === 'intervals') {
    // src/core/abcXyz.ts intervalCv: sqrt(max(0, sq / n - mean * mean)) / mean, with n >= 2 gaps.
    const n = cast('l.gaps', d.float64);
    const mean = `(${cast('l.gap_sum', d.float64)} / ${n})`;
    cv = `CASE WHEN l.gaps >= 2 THEN SQRT(GREATEST(${f(0)}, ${cast('l.gap_squares', d.float64)} / ${n} - ${mean} * ${mean})) / ${mean} END`;
    xyz = `CASE WHEN l.purchases < 2 THEN 2 WHEN l.gaps < 2 THEN 1 WHEN ${cv} <= ${f(bound[0])} THEN 0 ELSE 1 END`;
  } else {
    // src/core/abcXyz.ts periodCv: revenue per period from the first purchase's period to the one holding
    // the day before the as-of date, empty periods 0. CV = sqrt(n * sum(v^2) - sum(v)^2) / sum(v), from whole
    // cents in 38-digit integers: exact up to the square root (the core sums squared deviations in floats).
    const lastPeriod = corePeriodIndex(asOf - 1, options.period);
    ctes.push(
      {
        name: `${p}period_cents`,
        sql: `SELECT cid, ${periodIndex(d, 'day', options.period)} AS period, ${d.sumInt('cents')} AS cents FROM ${p}ranked GROUP BY cid, ${periodIndex(d, 'day', options.period)}`,
      },
      {
        name: `${p}period_stats`,
        sql: [
          'SELECT c.cid,',
          `  ${lastPeriod} - ${periodIndex(d, 'c.first_purchase', options.period)} + 1 AS periods,`,
          `  ${d.sumInt('v.cents')} AS cents_sum,`,
          `  SUM(${cast('v.cents', d.exactInt)} * ${cast('v.cents', d.exactInt)}) AS cents_squares`,
          `FROM ${p}customers c JOIN ${p}period_cents v ON v.cid = c.cid AND v.period >= ${periodIndex(d, 'c.first_purchase', options.period)}`,
          'GROUP BY c.cid, c.first_purchase',
        ].join('\n'),
      },
    );
    const s = cast('ps.cents_sum', d.exactInt);
    // One purchase: no CV (NaN); a mean that is not positive: NULL here, infinite in the figures.
    cv = `CASE WHEN l.purchases >= 2 AND ps.cents_sum > 0 THEN SQRT(${cast(`${cast('ps.periods', d.exactInt)} * ps.cents_squares - ${s} * ${s}`, d.float64)}) / ${cast('ps.cents_sum', d.float64)} END`;
    // Not positive: the CV is infinite (Y with one bound, Z with two).
    const infinite = bound.length === 1 ? 1 : 2;
    const classes =
      bound.length === 1
        ? `WHEN ${cv} <= ${f(bound[0])} THEN 0 ELSE 1`
        : `WHEN ${cv} <= ${f(bound[0])} THEN 0 WHEN ${cv} <= ${f(bound[1])} THEN 1 ELSE 2`;
    xyz = `CASE WHEN l.purchases < 2 THEN 2 WHEN ps.cents_sum <= 0 THEN ${infinite} ${classes} END`;
  }
  const revenue = options.basis === 'revenue';
  ctes.push({
    name: `${p}facts`,
    sql: [
      'SELECT l.*,',
      `  ${segment} AS segment,`,
      '  ab.abc,',
      `  ${cv} AS xyz_cv,`,
      `  ${xyz} AS xyz,`,
      // src/core/abcXyz.ts returnPriority: AX, AY, BX return first ... CZ let go.
      `  CASE WHEN ab.abc + (${xyz}) <= 1 THEN 0 WHEN ab.abc + (${xyz}) = 2 THEN 1 WHEN ab.abc + (${xyz}) = 3 THEN 2 ELSE 3 END AS priority`,
      `FROM ${p}lost l`,
      `JOIN ${p}abc ab ON ab.cid = l.cid`,
      ...(revenue ? [`LEFT JOIN ${p}period_stats ps ON ps.cid = l.cid`] : []),
    ].join('\n'),
  });
  return ctes;
}
