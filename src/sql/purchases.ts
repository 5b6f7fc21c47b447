/**
 * The purchases step and the per-customer summary in SQL, with the rules of
 * src/core/orders.ts and src/core/summary.ts (docs/definitions.md sections 1-2):
 *
 * - readable rows: a customer, a date and a finite amount (and a finite profit or
 *   margin where mapped); days in the spreadsheet's time zone; whole cents per row;
 * - a purchase is the rows of one customer that share an order id, or (no id) one
 *   customer-day; it is dated by its earliest row that is not negative; a group of
 *   only negative rows is a return, dated by its first row; zero amounts count;
 * - rows on or after the as-of date (and, for a period, before its start) are left out;
 * - per customer: purchases, first and last purchase, revenue and profit in cents, the
 *   revenue of the first purchase (for the repeat share), the gaps between purchase
 *   days (count, sum, sum of squares, median, the first one), the manager of the
 *   latest row in the window, and the shown name, e-mail and phone over all rows.
 */
import { type Dialect, cast, cents, customerKey, shownCustomer, shownText, trimmedText } from './dialect';
import { WarehouseError } from './messages';
import { type WarehouseSource, checkSource } from './source';

/** A named subquery of a WITH clause. */
export interface Cte {
  name: string;
  sql: string;
  /** Read again wherever it is named, never kept whole (Dialect.cteAs): the orders themselves. */
  inline?: boolean;
}

/** WITH a AS (...), b AS (...) SELECT ... */
export function withCtes(d: Dialect, ctes: readonly Cte[], select: string): string {
  if (ctes.length === 0) return select;
  return `WITH\n${ctes.map((c) => `${c.name} ${d.cteAs(c.inline === true)} (\n${indent(c.sql)}\n)`).join(',\n')}\n${select}`;
}

function indent(sql: string): string {
  return sql
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Which rows a summary looks at: dated in [from, asOf), as src/core/summary.ts Window. */
export interface SummaryWindow {
  asOf: number;
  from?: number;
}

/** Whole days only: a day that is not a whole number would put text of any kind into the SQL. */
export function sqlDay(value: number, name: string): string {
  if (!Number.isSafeInteger(value)) throw new WarehouseError('sql.notDay', { name, value: String(value) });
  return String(value);
}

/**
 * The order rows typed (`order_rows`), the readable ones (`order_lines`), grouped per
 * customer cell, order and day (`raw_groups`), the customers' names and ids, and the
 * groups per customer (`line_groups`), every day included: names and contacts come from
 * all readable rows, as in the sheet.
 */
export function lineCtes(d: Dialect, source: WarehouseSource): Cte[] {
  const { columns: c } = checkSource(source);
  const col = (name: string): string => d.column(name);
  const from = 'table' in source.from ? d.table(source.from.table) : `(\n${indent(source.from.query)}\n)`;
  const customerText = c.customer.kind === 'integer' ? cast(col(c.customer.name), d.string) : col(c.customer.name);
  // A number and the text that spells it are one order in the sheet; a typed column holds only one of them.
  const orderKey = !c.orderId
    ? cast('NULL', d.string)
    : c.orderId.kind === 'integer'
      ? col(c.orderId.name)
      : trimmedText(d, col(c.orderId.name));
  const text = (field: 'manager' | 'email' | 'phone'): string => {
    const column = c[field];
    if (!column) return cast('NULL', d.string);
    const cell = cast(col(column.name), d.string);
    // Each row's manager is cleaned before the latest one is chosen (one with only invisible characters is none),
    // as the sheet's reader does: by the manager dictionary below; contacts are chosen as written and cleaned
    // once per customer (contactCtes).
    return field === 'manager' ? cell : trimmedText(d, cell);
  };
  const managerCell = c.manager ? cast(col(c.manager.name), d.string) : null;
  const amount = cast(col(c.amount.name), d.float64);
  let profit = cast('NULL', d.float64);
  if (c.profit) profit = cast(col(c.profit.name), d.float64);
  else if (c.margin) {
    // src/core/values.ts parseMargin: a plain number above 1 in absolute value is a percent; times the row's amount.
    const m = cast(col(c.margin.name), d.float64);
    profit = `CASE WHEN ABS(${m}) > 1 THEN ${m} / 100 ELSE ${m} END * ${amount}`;
  }
  const hasProfit = Boolean(c.profit || c.margin);
  return [
    // Named by both the manager cells and the rows: read twice where a query needs both, not copied whole.
    { name: 'order_source', sql: `SELECT * FROM ${from}`, inline: true },
    ...(managerCell
      ? [
          {
            // Each distinct manager cell cleaned once (a handful of names, not one clean-up per order row: the
            // cleaning's regular expressions were a third of the time of the step over the order rows).
            name: 'manager_names',
            // With the name's place A-Z (NULL for none): the order rows carry that whole number, not the name, so
            // that the group-by over them takes a minimum of numbers (the first name A-Z all the same).
            sql: [
              'SELECT raw_manager, manager,',
              `  ${d.narrow('CASE WHEN manager IS NULL THEN NULL ELSE DENSE_RANK() OVER (PARTITION BY manager IS NULL ORDER BY manager) END')} AS manager_rank`,
              `FROM (SELECT raw_manager, ${shownText(d, 'raw_manager')} AS manager FROM (SELECT DISTINCT ${managerCell} AS raw_manager FROM order_source) distinct_managers) cleaned`,
            ].join('\n'),
          },
          // Each name once, by its place: where a customer's manager is shown, the place is turned back into it.
          { name: 'manager_ranks', sql: 'SELECT DISTINCT manager_rank, manager FROM manager_names WHERE manager_rank IS NOT NULL' },
        ]
      : []),
    {
      name: 'order_rows',
      sql: [
        'SELECT',
        `  ${customerText} AS raw,`,
        `  ${d.narrow(d.epochDay(col(c.date.name), c.date.kind, source.timeZone))} AS day,`,
        `  ${amount} AS amount,`,
        `  ${orderKey} AS order_key,`,
        `  ${text('manager')} AS manager_cell,`,
        `  ${text('email')} AS email,`,
        `  ${text('phone')} AS phone,`,
        `  ${profit} AS profit`,
        'FROM order_source',
        // Readable rows: a date and a finite amount (and profit); a blank customer drops out at the names below.
        `WHERE ${col(c.date.name)} IS NOT NULL AND ${amount} IS NOT NULL AND ${d.isFinite(amount)}` +
          (hasProfit ? ` AND (${profit} IS NULL OR ${d.isFinite(profit)})` : ''),
      ].join('\n'),
    },
    {
      name: 'order_lines',
      sql: [
        'SELECT',
        '  raw,',
        '  day,',
        `  ${cents(d, 'amount')} AS cents,`,
        // The sign of the amount as read, not of its cents: -0.001 is a (tiny) return.
        '  amount >= 0 AS nonnegative,',
        '  order_key,',
        `  ${managerCell ? 'mn.manager_rank' : cast('NULL', d.int64)} AS manager_rank,`,
        '  email,',
        '  phone,',
        `  ${hasProfit ? `COALESCE(${cents(d, 'profit')}, 0)` : '0'} AS profit_cents`,
        'FROM order_rows',
        ...(managerCell ? ['LEFT JOIN manager_names mn ON mn.raw_manager = order_rows.manager_cell'] : []),
      ].join('\n'),
    },
    {
      // The rows of one customer cell, order (or id-less day) and day, summed: the only step over the order
      // rows themselves. Sums of cents and minimums of days and texts can be taken again over any window.
      name: 'raw_groups',
      sql: [
        'SELECT',
        '  raw,',
        '  order_key,',
        '  day,',
        '  COUNT(*) AS line_count,',
        `  ${d.sumInt('cents')} AS cents,`,
        // Columns that are not mapped are constants, not minimums of NULL: every aggregate here costs.
        `  ${hasProfit ? d.sumInt('profit_cents') : '0'} AS profit_cents,`,
        '  MAX(CASE WHEN nonnegative THEN 1 ELSE 0 END) AS has_nonnegative,',
        `  ${managerCell ? 'MIN(manager_rank)' : cast('NULL', d.int64)} AS manager_rank,`,
        `  ${c.email ? 'MIN(email)' : cast('NULL', d.string)} AS email,`,
        `  ${c.phone ? 'MIN(phone)' : cast('NULL', d.string)} AS phone`,
        'FROM order_lines',
        'GROUP BY raw, order_key, day',
      ].join('\n'),
    },
    {
      // Each distinct customer cell cleaned up once (a few hundred thousand, not tens of millions of rows), as
      // the sheet's reader does with its map of raw cells. A blank one is NULL and has no id: the joins drop it.
      // No condition here: DuckDB would push it below the DISTINCT and clean up every row after all.
      name: 'customer_names',
      sql: `SELECT raw, ${shownCustomer(d, 'raw')} AS shown FROM (SELECT DISTINCT raw FROM raw_groups) distinct_customers`,
    },
    {
      // A whole number per customer key, numbered in key order: the steps below group, join and rank by it,
      // not by text, and its order is the key order that ties are broken by.
      name: 'customer_ids',
      sql: [
        `SELECT customer_key, ${d.narrow('ROW_NUMBER() OVER (ORDER BY customer_key)')} AS cid`,
        `FROM (SELECT DISTINCT ${customerKey(d, 'shown')} AS customer_key FROM customer_names WHERE shown IS NOT NULL) keys`,
      ].join('\n'),
    },
    {
      name: 'customer_dictionary',
      // With the number of spellings of the customer (most customers are written one way only), and each shown
      // spelling's place A-Z among them: the groups carry that whole number, not the text (at 10M rows, 0.15 s of
      // the 1.3 s that the step making them took).
      sql: [
        `SELECT n.raw, n.shown, i.cid, ${d.narrow('COUNT(*) OVER (PARTITION BY i.cid)')} AS spellings,`,
        `  ${d.narrow('DENSE_RANK() OVER (PARTITION BY i.cid ORDER BY n.shown)')} AS spelling`,
        `FROM customer_names n JOIN customer_ids i ON i.customer_key = ${customerKey(d, 'n.shown')}`,
      ].join('\n'),
    },
    // Each shown spelling of a customer once, by its place: where a name is shown, the place is turned back into it.
    { name: 'customer_spellings', sql: 'SELECT DISTINCT cid, spelling, shown FROM customer_dictionary' },
    {
      // Spellings of one customer ("Anna", " anna ") that share an order or a day are one group here; the first
      // shown spelling A-Z is the one of the least place.
      name: 'line_groups',
      sql: [
        'SELECT',
        '  n.cid,',
        '  g.order_key,',
        '  g.day,',
        `  ${d.sumInt('g.line_count')} AS line_count,`,
        `  ${d.sumInt('g.cents')} AS cents,`,
        `  ${d.sumInt('g.profit_cents')} AS profit_cents,`,
        '  MAX(g.has_nonnegative) AS has_nonnegative,',
        '  MIN(n.spelling) AS spelling,',
        '  MIN(n.spellings) AS spellings,',
        '  MIN(g.manager_rank) AS manager_rank,',
        '  MIN(g.email) AS email,',
        '  MIN(g.phone) AS phone',
        'FROM raw_groups g',
        'JOIN customer_dictionary n ON n.raw = g.raw',
        'WHERE n.spellings > 1',
        'GROUP BY n.cid, g.order_key, g.day',
        // A customer written one way has one group per order and day already: no second group-by over them.
        'UNION ALL',
        'SELECT n.cid, g.order_key, g.day, g.line_count, g.cents, g.profit_cents, g.has_nonnegative, n.spelling, n.spellings, g.manager_rank, g.email, g.phone',
        'FROM raw_groups g',
        'JOIN customer_dictionary n ON n.raw = g.raw',
        'WHERE n.spellings = 1',
      ].join('\n'),
    },
  ];
}

/** True for a row whose mapped cells are all empty: skipped and counted, as a blank row of the sheet. */
export function blankRow(d: Dialect, source: WarehouseSource): string {
  const c = source.columns;
  const typed = [c.date.name, c.amount.name, c.profit?.name, c.margin?.name].filter((n): n is string => n !== undefined);
  const texts = [c.customer.name, c.orderId?.name, c.manager?.name, c.email?.name, c.phone?.name].filter(
    (n): n is string => n !== undefined,
  );
  // Dates and numbers are blank only when NULL; they come first, so that a row with a date is settled at once.
  return [
    ...typed.map((name) => `${d.column(name)} IS NULL`),
    ...texts.map((name) => `${trimmedText(d, cast(d.column(name), d.string))} IS NULL`),
  ].join(' AND ');
}

/**
 * The number an order id spells, as src/core/orders.ts reads it (a text id is a number when
 * String(Number(id)) gives it back: "1001", "-5", "0.25", not "007", "1.50" or "1e3"); NULL
 * for other ids. Exact for whole numbers up to 2^53 and decimals of up to 15 digits (which
 * always print back as written); longer spellings count as text.
 */
export function orderNumber(d: Dialect, key: string): string {
  const text = cast(key, d.string);
  const whole = '-?[1-9][0-9]{0,15}';
  const decimal = '-?(?:[1-9][0-9]*\\.[0-9]*[1-9]|0\\.0{0,5}[1-9](?:[0-9]*[1-9])?)';
  return [
    'CASE',
    `  WHEN ${text} = '0' THEN ${d.float(0)}`,
    `  WHEN ${d.matchesAll(text, whole)} AND ABS(${cast(text, d.int64)}) <= 9007199254740992 THEN ${cast(text, d.float64)}`,
    `  WHEN ${d.matchesAll(text, decimal)} AND LENGTH(${d.replaceAll(text, '^-?0\\.0*|[-.]', '')}) <= 15 THEN ${cast(text, d.float64)}`,
    'END',
  ].join(' ');
}

/**
 * The number of a whole-number order id (an INT64 column): the id itself while a double holds it exactly, as a
 * number cell of the sheet is; beyond 2^53 it counts as text, as orderNumber counts longer spellings. No text
 * and no pattern per order: the ids of a typed column need none.
 */
export function integerOrderNumber(d: Dialect, key: string): string {
  return `CASE WHEN ABS(${key}) <= 9007199254740992 THEN ${cast(key, d.float64)} END`;
}

/** `line_groups` (or `order_lines`) inside the window. */
export function windowCondition(window: SummaryWindow): string {
  const asOf = sqlDay(window.asOf, 'asOf');
  return window.from === undefined ? `day < ${asOf}` : `day < ${asOf} AND day >= ${sqlDay(window.from, 'from')}`;
}

/**
 * The purchases step and the per-customer summary of one window, as CTEs named
 * `${prefix}events` ... `${prefix}customers`. `${prefix}customers` has one row per
 * customer with a purchase in the window; `${prefix}ranked` has their events
 * (purchases and stand-alone returns) with the running count of purchases.
 */
export function summaryCtes(
  d: Dialect,
  prefix: string,
  window: SummaryWindow,
  withManager: boolean,
  idKind: 'integer' | 'string' = 'string',
  wider?: { prefix: string; window: SummaryWindow },
): Cte[] {
  const p = prefix;
  const inWindow = windowCondition(window);
  // Events of a day in the order the sheet makes them: those that began on an earlier day (an order opened
  // by a return line), then the customer-day without an id, then orders by id (in the sheet: by first appearance).
  // Order ids as the sheet compares them (src/core/summary.ts compareOrders): ids that spell a number first, by value,
  // then the others as text.
  const eventOrder = 'COALESCE(purchase_day, first_day), first_day, order_key IS NOT NULL, order_number IS NULL, order_number, order_key';
  // An earlier as-of date than a wider window's (same start): its events are the wider window's events before it,
  // in the same order with the same running counts, except for customers with an order that has rows on both sides
  // of the date (`straddling`), whose events are made again from their rows.
  const narrower =
    wider !== undefined &&
    wider.prefix !== p &&
    window.from === undefined &&
    wider.window.from === undefined &&
    window.asOf <= wider.window.asOf;
  const asOf = sqlDay(window.asOf, 'asOf');
  const ranked = (events: string): string =>
    [
      'SELECT cid, day, first_day, last_day, is_purchase, cents, profit_cents, purchases_so_far,',
      '  CASE WHEN is_purchase AND previous_purchase_day < day THEN day - previous_purchase_day END AS gap',
      'FROM (',
      '  SELECT',
      '    cid,',
      '    COALESCE(purchase_day, first_day) AS day,',
      '    first_day,',
      '    last_day,',
      '    purchase_day IS NOT NULL AS is_purchase,',
      '    cents,',
      '    profit_cents,',
      `    ${d.sumInt('CASE WHEN purchase_day IS NOT NULL THEN 1 ELSE 0 END', `PARTITION BY cid ORDER BY ${eventOrder} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`)} AS purchases_so_far,`,
      // Purchase days ascend in this order (it begins with them), so the latest before is the nearest one before.
      `    ${d.latestBefore('purchase_day', `PARTITION BY cid ORDER BY ${eventOrder}`)} AS previous_purchase_day`,
      `  FROM ${events}`,
      ') ordered_events',
    ].join('\n');
  const ctes: Cte[] = [
    ...(narrower
      ? [
          {
            name: `${p}straddling`,
            sql: `SELECT DISTINCT cid FROM ${wider.prefix}ranked WHERE first_day < ${asOf} AND last_day >= ${asOf}`,
          },
        ]
      : []),
    {
      name: `${p}events`,
      sql: [
        'SELECT',
        '  cid,',
        '  order_key,',
        `  ${idKind === 'integer' ? integerOrderNumber(d, 'order_key') : orderNumber(d, 'order_key')} AS order_number,`,
        '  MIN(day) AS first_day,',
        '  MAX(day) AS last_day,',
        '  MIN(CASE WHEN has_nonnegative = 1 THEN day END) AS purchase_day,',
        `  ${d.sumInt('cents')} AS cents,`,
        `  ${d.sumInt('profit_cents')} AS profit_cents`,
        'FROM line_groups',
        `WHERE ${inWindow}${narrower ? ` AND cid IN (SELECT cid FROM ${p}straddling)` : ''}`,
        // An order is one event whatever its days; rows without an id make one event per day.
        'GROUP BY cid, order_key, CASE WHEN order_key IS NULL THEN day END',
      ].join('\n'),
    },
    {
      // Each event with the running count of purchases and the latest purchase day before it, in one window
      // (one sort): a purchase on a later day than that one ends a gap between purchase days.
      name: `${p}ranked`,
      sql: narrower
        ? [
            'SELECT w.cid, w.day, w.first_day, w.last_day, w.is_purchase, w.cents, w.profit_cents, w.purchases_so_far, w.gap',
            `FROM ${wider.prefix}ranked w LEFT JOIN ${p}straddling x ON x.cid = w.cid`,
            `WHERE w.day < ${asOf} AND x.cid IS NULL`,
            'UNION ALL',
            ranked(`${p}events`),
          ].join('\n')
        : ranked(`${p}events`),
    },
    {
      name: `${p}totals`,
      sql: [
        'SELECT',
        '  cid,',
        `  ${d.sumInt('CASE WHEN is_purchase THEN 1 ELSE 0 END')} AS purchases,`,
        '  MIN(CASE WHEN is_purchase THEN day END) AS first_purchase,',
        '  MAX(CASE WHEN is_purchase THEN day END) AS last_purchase,',
        `  ${d.sumInt('cents')} AS revenue_cents,`,
        `  ${d.sumInt('profit_cents')} AS profit_cents,`,
        // src/core/repeatShare.ts: every event up to the second purchase belongs to the first.
        `  ${d.sumInt('CASE WHEN purchases_so_far <= 1 THEN cents ELSE 0 END')} AS first_cents,`,
        '  COUNT(gap) AS gaps,',
        `  COALESCE(${d.sumInt('gap')}, 0) AS gap_sum,`,
        `  COALESCE(${d.sumInt(`${cast('gap', d.int64)} * gap`)}, 0) AS gap_squares,`,
        // The second purchase day: the first one that ends a gap.
        '  MIN(CASE WHEN gap IS NOT NULL THEN day END) AS second_purchase,',
        // The day of the second purchase, which may be the first's day (src/core/repeatFunnel.ts secondPurchaseDays).
        '  MIN(CASE WHEN is_purchase AND purchases_so_far = 2 THEN day END) AS second_day',
        `FROM ${p}ranked`,
        'GROUP BY cid',
      ].join('\n'),
    },
    { name: `${p}gap_values`, sql: `SELECT cid, gap FROM ${p}ranked WHERE gap IS NOT NULL` },
    { name: `${p}gap_median`, sql: d.medianByGroup(`${p}gap_values`, 'cid', 'gap', 'median_gap') },
  ];
  if (withManager) {
    ctes.push(
      // Most customers have one manager all along (their first and last name A-Z are the same): that one is
      // theirs at any date after their first row with it, with no lookup by day.
      {
        name: `${p}manager_spans`,
        sql: [
          'SELECT cid, MIN(manager_rank) AS manager_rank, MAX(manager_rank) AS last_rank, MIN(day) AS first_day',
          `FROM line_groups WHERE ${inWindow} AND manager_rank IS NOT NULL`,
          'GROUP BY cid',
        ].join('\n'),
      },
      // The others' days with a manager, one name per customer-day (the first A-Z), so that the latest day decides
      // without ties.
      {
        name: `${p}manager_days`,
        sql: [
          'SELECT g.cid, g.day, MIN(g.manager_rank) AS manager_rank',
          `FROM (SELECT cid, day, manager_rank FROM line_groups WHERE ${inWindow} AND manager_rank IS NOT NULL) g`,
          `JOIN ${p}manager_spans sp ON sp.cid = g.cid AND sp.manager_rank <> sp.last_rank`,
          'GROUP BY g.cid, g.day',
        ].join('\n'),
      },
      {
        name: `${p}managers`,
        sql: [
          'SELECT m.cid, r.manager',
          'FROM (',
          `  SELECT cid, manager_rank FROM ${p}manager_spans WHERE manager_rank = last_rank`,
          '  UNION ALL',
          `  SELECT cid, ${d.valueAtDay('manager_rank', 'day', true)} AS manager_rank FROM ${p}manager_days GROUP BY cid`,
          ') m',
          'JOIN manager_ranks r ON r.manager_rank = m.manager_rank',
        ].join('\n'),
      },
    );
  }
  ctes.push({
    name: `${p}customers`,
    sql: [
      'SELECT',
      '  t.cid,',
      '  t.purchases,',
      '  t.first_purchase,',
      '  t.last_purchase,',
      '  t.revenue_cents,',
      '  t.profit_cents,',
      '  t.first_cents,',
      '  t.gaps,',
      '  t.gap_sum,',
      '  t.gap_squares,',
      '  t.second_purchase - t.first_purchase AS first_gap,',
      '  t.second_day,',
      '  m.median_gap,',
      `  ${withManager ? 'mg.manager' : cast('NULL', d.string)} AS manager`,
      `FROM ${p}totals t`,
      `LEFT JOIN ${p}gap_median m ON m.cid = t.cid`,
      ...(withManager ? [`LEFT JOIN ${p}managers mg ON mg.cid = t.cid`] : []),
      'WHERE t.purchases > 0',
    ].join('\n'),
  });
  return ctes;
}

/**
 * Shown name (earliest row; same day: first A-Z), latest e-mail and phone over every readable row. Without
 * e-mail and phone columns, a customer written one way is named by that spelling, and only the others are
 * looked up day by day.
 */
export function contactCtes(d: Dialect, withContacts = true): Cte[] {
  // The groups carry each spelling's place (customer_dictionary): the earliest day's place is turned back into its name.
  const named = (rows: string, others: string): string =>
    [
      `SELECT c.cid, sp.shown AS name${others}`,
      `FROM (${rows}) c`,
      'JOIN customer_spellings sp ON sp.cid = c.cid AND sp.spelling = c.spelling',
    ].join('\n');
  if (!withContacts) {
    return [
      {
        name: 'contact_days',
        sql: 'SELECT cid, day, MIN(spelling) AS spelling FROM line_groups WHERE spellings > 1 GROUP BY cid, day',
      },
      {
        name: 'contacts',
        sql: [
          `SELECT cid, name, ${cast('NULL', d.string)} AS email, ${cast('NULL', d.string)} AS phone`,
          'FROM (',
          '  SELECT cid, shown AS name FROM customer_dictionary WHERE spellings = 1',
          '  UNION ALL',
          indent(named(`SELECT cid, ${d.valueAtDay('spelling', 'day', false)} AS spelling FROM contact_days GROUP BY cid`, '')),
          ') names',
        ].join('\n'),
      },
    ];
  }
  return [
    {
      name: 'contact_days',
      sql: 'SELECT cid, day, MIN(spelling) AS spelling, MIN(email) AS email, MIN(phone) AS phone FROM line_groups GROUP BY cid, day',
    },
    {
      name: 'contacts',
      sql: named(
        [
          'SELECT',
          '  cid,',
          `  ${d.valueAtDay('spelling', 'day', false)} AS spelling,`,
          `  ${shownText(d, d.valueAtDay('email', 'day', true))} AS email,`,
          `  ${shownText(d, d.valueAtDay('phone', 'day', true))} AS phone`,
          'FROM contact_days',
          'GROUP BY cid',
        ].join('\n'),
        ', c.email, c.phone',
      ),
    },
  ];
}
