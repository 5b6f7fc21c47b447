/**
 * The Key customers sheet's queries (src/core/keyCustomers.ts, docs/definitions.md: key
 * customers) and their reader: the top N customers by revenue over the 365 days before the
 * as-of date against the 365 days before those, who entered, stayed and left, and how many
 * customers make 80% of the year's revenue. Over the as-of date's events and summary
 * (`s_ranked`, `s_customers`, purchases.ts; names from `contacts`), built with the other
 * reports (reports.ts warehousePlan). All three return report-sized rows: at most 2N customers, one row of counts,
 * and the purchase-count histories (one row per customer, three numbers) that the
 * P(alive) model is fitted on, as the in-sheet sheet fits it.
 */
import { type KeyCustomer, type KeyCustomers, KEY_PERIOD_DAYS, type KeyStatus } from '../core/keyCustomers';
import { fromCents } from '../core/money';
import { type FrequencyRow } from '../core/predictive/rfmInput';
import { type Dialect } from './dialect';
import { WarehouseError } from './messages';
import { type Cte, sqlDay } from './purchases';
import { type ResultRow, intOf, textOf } from './results';

/** The windows of src/core/keyCustomers.ts: [asOf - 365, asOf) and the 365 days before. */
export function keyWindows(asOf: number): { now: { from: number; to: number }; before: { from: number; to: number } } {
  return {
    now: { from: asOf - KEY_PERIOD_DAYS, to: asOf },
    before: { from: asOf - 2 * KEY_PERIOD_DAYS, to: asOf - KEY_PERIOD_DAYS },
  };
}

/**
 * Each window's customers with a purchase in it (`kn_customers` the last year, `kb_customers`
 * the one before: revenue in cents and purchases, what a summary of the window's rows
 * gives) and their ranks: positive revenue, largest first, ties in key order. Over the
 * as-of date's events (`s_ranked`, purchases.ts): an event whose rows all fall in one
 * window is that window's event as it stands, so both windows are sums over the events
 * in one pass; only customers with an order whose rows fall on both sides of a window's
 * start (`key_straddling`) have their events made again from their rows, cut at the
 * starts (a return in the last year of an order of the year before counts in the last year).
 */
export function keyCustomerCtes(d: Dialect, asOf: number): Cte[] {
  const w = keyWindows(Number(sqlDay(asOf, 'asOf')));
  const nowFrom = w.now.from;
  const beforeFrom = w.before.from;
  const isNow = (day: string): string => `CASE WHEN ${day} >= ${nowFrom} THEN 1 ELSE 0 END`;
  const ranks = (p: string): string =>
    [
      'SELECT cid, revenue_cents,',
      // cid is the key order (the summary's), as the core breaks ties by position in it.
      '  ROW_NUMBER() OVER (ORDER BY revenue_cents DESC, cid) AS place',
      `FROM ${p}customers`,
      'WHERE revenue_cents > 0',
    ].join('\n');
  const windowCustomers = (side: 'now' | 'before'): string =>
    `SELECT cid, ${side}_cents AS revenue_cents, ${side}_purchases AS purchases FROM key_windows WHERE ${side}_purchases > 0`;
  return [
    {
      name: 'key_straddling',
      sql: [
        'SELECT DISTINCT cid FROM s_ranked',
        `WHERE (first_day < ${nowFrom} AND last_day >= ${nowFrom}) OR (first_day < ${beforeFrom} AND last_day >= ${beforeFrom})`,
      ].join('\n'),
    },
    {
      // Their events of each window from the rows in it: an order is one event per window, rows without an id one per day.
      name: 'key_split_events',
      sql: [
        `SELECT cid, ${isNow('day')} AS is_now, ${d.sumInt('cents')} AS cents, MAX(has_nonnegative) = 1 AS is_purchase`,
        'FROM line_groups',
        `WHERE day >= ${beforeFrom} AND day < ${w.now.to} AND cid IN (SELECT cid FROM key_straddling)`,
        `GROUP BY cid, order_key, CASE WHEN order_key IS NULL THEN day END, ${isNow('day')}`,
      ].join('\n'),
    },
    {
      name: 'key_windows',
      sql: [
        'SELECT cid,',
        `  ${d.sumInt('CASE WHEN is_now = 1 THEN cents ELSE 0 END')} AS now_cents,`,
        `  ${d.sumInt('CASE WHEN is_now = 1 AND is_purchase THEN 1 ELSE 0 END')} AS now_purchases,`,
        `  ${d.sumInt('CASE WHEN is_now = 0 THEN cents ELSE 0 END')} AS before_cents,`,
        `  ${d.sumInt('CASE WHEN is_now = 0 AND is_purchase THEN 1 ELSE 0 END')} AS before_purchases`,
        'FROM (',
        `  SELECT e.cid, ${isNow('e.first_day')} AS is_now, e.cents, e.is_purchase`,
        '  FROM s_ranked e LEFT JOIN key_straddling x ON x.cid = e.cid',
        `  WHERE e.first_day >= ${beforeFrom} AND x.cid IS NULL`,
        '  UNION ALL',
        '  SELECT cid, is_now, cents, is_purchase FROM key_split_events',
        ') window_events',
        'GROUP BY cid',
      ].join('\n'),
    },
    { name: 'kn_customers', sql: windowCustomers('now') },
    { name: 'kb_customers', sql: windowCustomers('before') },
    { name: 'key_now', sql: ranks('kn_') },
    { name: 'key_before', sql: ranks('kb_') },
  ];
}

/**
 * One row per customer in either top: ranks (0: not ranked), each window's revenue in cents
 * and the last year's purchases (a customer of a window without positive revenue is not
 * ranked, but their revenue and purchases count), and the as-of date's name, manager, first
 * and last purchase and purchases (for P(alive)). In key order; the reader puts them in rank order.
 */
export function keyCustomersSql(top: number): string {
  if (!Number.isSafeInteger(top) || top < 1) throw new WarehouseError('sql.badNumber', { value: String(top), column: 'top' });
  return [
    'SELECT k.cid, ids.customer_key, ct.name, c.manager, c.purchases, c.first_purchase, c.last_purchase,',
    '  COALESCE(n.place, 0) AS rank_now, COALESCE(b.place, 0) AS rank_before,',
    '  COALESCE(nc.revenue_cents, 0) AS revenue_now_cents, COALESCE(bc.revenue_cents, 0) AS revenue_before_cents,',
    '  COALESCE(nc.purchases, 0) AS purchases_now',
    'FROM (',
    '  SELECT cid FROM (',
    `    SELECT cid FROM key_now WHERE place <= ${top}`,
    '    UNION ALL',
    `    SELECT cid FROM key_before WHERE place <= ${top}`,
    '  ) tops',
    '  GROUP BY cid',
    ') k',
    'JOIN s_customers c ON c.cid = k.cid',
    'JOIN contacts ct ON ct.cid = k.cid',
    'JOIN customer_ids ids ON ids.cid = k.cid',
    'LEFT JOIN key_now n ON n.cid = k.cid',
    'LEFT JOIN key_before b ON b.cid = k.cid',
    'LEFT JOIN kn_customers nc ON nc.cid = k.cid',
    'LEFT JOIN kb_customers bc ON bc.cid = k.cid',
    'ORDER BY k.cid',
  ].join('\n');
}

/**
 * One row: customers with positive revenue in the last year, and how many of the largest
 * make 80% of it (counted while the revenue above them is below 80%, as ABC counts its A
 * class). In whole cents: `above * 5 < total * 4` is the core's `above < 0.8 * total`
 * without the float (the two agree for integer cents: 0.8 x total rounds to the exact
 * 4/5 x total whenever that is a whole number, and no integer lies within a rounding of it otherwise).
 */
export function keyParetoSql(d: Dialect): string {
  return [
    'SELECT COUNT(*) AS customers_now,',
    `  COALESCE(${d.sumInt('CASE WHEN COALESCE(above, 0) * 5 < total * 4 THEN 1 ELSE 0 END')}, 0) AS make_eighty`,
    'FROM (',
    `  SELECT ${d.sumInt('revenue_cents', 'ORDER BY place ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING')} AS above,`,
    `    ${d.sumInt('revenue_cents', '')} AS total`,
    '  FROM key_now',
    ') running',
  ].join('\n');
}

/** Every customer's purchase-count history as of the as-of date, in key order: what the in-sheet P(alive) model is fitted on. */
export function keyHistoriesSql(): string {
  return 'SELECT purchases, first_purchase, last_purchase FROM s_customers ORDER BY cid';
}

/** src/core/predictive/histories.ts customerHistories, from a customer's purchases, first and last purchase. */
export function historyOf(purchases: number, first: number, last: number, asOf: number): FrequencyRow {
  return { x: purchases - 1, tx: last - first, T: Math.max(asOf - 1 - first, last - first) };
}

export function readKeyHistories(rows: readonly ResultRow[], asOf: number): FrequencyRow[] {
  return rows.map((r) => historyOf(intOf(r, 'purchases'), intOf(r, 'first_purchase'), intOf(r, 'last_purchase'), asOf));
}

/** The people of the key customers' rows: KeyCustomer.row indexes these. */
export interface KeyPeople {
  name: string[];
  manager: string[];
  lastPurchase: number[];
  history: FrequencyRow[];
}

/** The Key customers figures (src/core/keyCustomers.ts KeyCustomers) from the query rows, with the people they refer to. */
export function readKeyCustomers(
  rows: readonly ResultRow[],
  paretoRows: readonly ResultRow[],
  top: number,
  asOf: number,
): { key: KeyCustomers; people: KeyPeople } {
  const w = keyWindows(asOf);
  const people: KeyPeople = { name: [], manager: [], lastPurchase: [], history: [] };
  const entry = (r: ResultRow, row: number, status: KeyStatus): KeyCustomer => {
    const now = intOf(r, 'revenue_now_cents');
    const before = intOf(r, 'revenue_before_cents');
    return {
      ref: intOf(r, 'cid'),
      name: textOf(r, 'name'),
      rankNow: intOf(r, 'rank_now'),
      rankBefore: intOf(r, 'rank_before'),
      revenueNow: fromCents(now),
      revenueBefore: fromCents(before),
      change: fromCents(now - before),
      purchasesNow: intOf(r, 'purchases_now'),
      status,
      row,
    };
  };
  rows.forEach((r) => {
    people.name.push(textOf(r, 'name'));
    people.manager.push(textOf(r, 'manager'));
    people.lastPurchase.push(intOf(r, 'last_purchase'));
    people.history.push(historyOf(intOf(r, 'purchases'), intOf(r, 'first_purchase'), intOf(r, 'last_purchase'), asOf));
  });
  const inTop = (rank: number): boolean => rank > 0 && rank <= top;
  const byRank = (column: string) => (a: number, b: number) => intOf(rows[a], column) - intOf(rows[b], column);
  const all = rows.map((_, i) => i);
  const nowTop = all.filter((i) => inTop(intOf(rows[i], 'rank_now'))).sort(byRank('rank_now'));
  const left = all.filter((i) => inTop(intOf(rows[i], 'rank_before')) && !inTop(intOf(rows[i], 'rank_now'))).sort(byRank('rank_before'));
  const p = paretoRows[0];
  if (!p) throw new WarehouseError('sql.missingResultColumn', { column: 'customers_now' });
  return {
    key: {
      top,
      now: w.now,
      before: w.before,
      rows: nowTop.map((i) => entry(rows[i], i, inTop(intOf(rows[i], 'rank_before')) ? 'kept' : 'entered')),
      left: left.map((i) => entry(rows[i], i, 'left')),
      customersNow: intOf(p, 'customers_now'),
      makeEightyPercent: intOf(p, 'make_eighty'),
    },
    people,
  };
}
