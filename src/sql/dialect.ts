/**
 * The query builder's two renderers: every SQL construct whose spelling or
 * meaning differs between BigQuery Standard SQL (GoogleSQL) and DuckDB, written
 * once per dialect. The queries (purchases.ts, reports.ts) are built only from
 * these and from SQL that means the same in both (CASE, SUM, COUNT, window
 * functions with ROWS frames, joins).
 *
 * Every construct is exact where the in-sheet code is exact: days are whole
 * numbers (epoch days, as src/core/calendar.ts counts them), money is whole
 * cents, and the few floating-point figures are computed with the same IEEE
 * operations in the same order as src/core, so that they come out bit for bit.
 */
import { type PeriodUnit } from '../core/calendar';
import { ZONE_SCAN_FROM_MS, ZONE_SCAN_TO_MS, zoneOffsetRange } from './zoneOffsets';

export type DialectName = 'bigquery' | 'duckdb';

/** What a date column holds: an instant (read in the time zone), a civil date and time, or a civil date. */
export type DateKind = 'timestamp' | 'datetime' | 'date';

export interface Dialect {
  readonly name: DialectName;
  /** Type names. */
  readonly int64: string;
  readonly float64: string;
  /** A whole number wide enough for sums of squared cents (38 digits). */
  readonly exactInt: string;
  readonly string: string;
  /** A table reference already checked by the source (project.dataset.table; dataset.table). */
  table(ref: string): string;
  /** A column name, quoted. */
  column(name: string): string;
  /** A string literal. */
  text(value: string): string;
  /** A float literal that is exactly the JavaScript double. */
  float(value: number): string;
  /** A string literal of the characters with these code points (control characters included). */
  chars(codePoints: readonly number[]): string;
  /** The epoch day (days since 1970-01-01) of a date column of this kind, instants read in the time zone. */
  epochDay(expr: string, kind: DateKind, timeZone: string): string;
  /** The DATE of an epoch day. */
  dateOfEpochDay(expr: string): string;
  /** The words between a CTE's name and its query; `inline`: computed again where named, not kept whole. */
  cteAs(inline: boolean): string;
  /** The epoch day `months` calendar months later, the day of the month cut to the month's last (31 Jan + 1 = 28/29 Feb). */
  addMonths(day: string, months: number): string;
  /** False for NaN and infinities. */
  isFinite(expr: string): string;
  /** a / b as a float, NULL where b is 0. */
  safeDivide(a: string, b: string): string;
  /** Every match of an RE2 pattern replaced. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** True when the whole text matches an RE2 pattern. */
  matchesAll(expr: string, pattern: string): string;
  /** The text in Unicode's composed form (NFC). */
  nfc(expr: string): string;
  /** Aggregate: the non-NULL value on the latest (`latest`) or earliest day; the days of a group must be distinct. */
  valueAtDay(value: string, day: string, latest: boolean): string;
  /**
   * Window: the greatest `value` of the rows before this one in `over` (PARTITION BY ... ORDER BY ..., rows that do
   * not tie), NULL for none; `value` must not decrease along that order where it is not NULL, so that the greatest
   * is the nearest one.
   */
  latestBefore(value: string, over: string): string;
  /**
   * A whole number known to fit 32 bits (a day, a customer's or a manager's number), kept in them where the engine
   * has such a type.
   */
  narrow(expr: string): string;
  /**
   * SUM of whole numbers (cents, counts) as a 64-bit integer, an error beyond it; with `over`, as a window function
   * (PARTITION BY ... ORDER BY ... and frame; '' for the whole relation, OVER ()).
   */
  sumInt(expr: string, over?: string): string;
  /** How many of `sorted` (whole numbers, ascending) are at or below `x`, a whole number that is not NULL. */
  countAtOrBelow(x: string, sorted: readonly number[]): string;
  /** A SELECT of `group` and the median of `value` per group, as `alias`, over the rows of `from` (a relation). */
  medianByGroup(from: string, group: string, value: string, alias: string): string;
  /** A SELECT of one row: the nearest-rank percentile `p` of `value` over `from`, as `alias` (NULL when empty). */
  nearestRank(from: string, value: string, p: number, alias: string): string;
  /** A SELECT of `group` and the nearest-rank percentile `p` of `value` per group, as `alias`. */
  nearestRankByGroup(from: string, group: string, value: string, p: number, alias: string): string;
  /**
   * A SELECT of every row of `from` as `partition`, `order`, the next row's `order` in its
   * partition (`nextAlias`, NULL for the last) and the median of `value` over the rows of its
   * `partition` up to it (in `order`, which must not tie), as `alias`: a running median.
   */
  runningMedian(from: string, partition: string, order: string, value: string, alias: string, nextAlias: string): string;
}

/** The code points of JavaScript's whitespace: what `\s` and String.prototype.trim match (ECMA-262 WhiteSpace and LineTerminator). */
export const JS_WHITESPACE_CODES: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** The same whitespace as an RE2 class. */
export const JS_WHITESPACE = '[\\t\\n\\v\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';

/** A whole number of months as SQL text: anything else would put text of any kind into the query. */
function wholeMonths(months: number): string {
  if (!Number.isSafeInteger(months)) throw new RangeError(`not a whole number of months: ${months}`);
  return String(months);
}

/** Shortest text that reads back as the same double. */
function floatText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/**
 * BigQuery Standard SQL. Pages followed (cloud.google.com/bigquery/docs/reference/standard-sql/...):
 * date_functions (DATE(timestamp, time_zone), UNIX_DATE, DATE_FROM_UNIX_DATE, EXTRACT),
 * mathematical_functions (SAFE_DIVIDE, IS_NAN, IS_INF, FLOOR), string_functions
 * (REGEXP_REPLACE, TRIM, LOWER), aggregate_functions (ARRAY_AGG with IGNORE NULLS,
 * ORDER BY and LIMIT), navigation_functions (PERCENTILE_CONT, PERCENTILE_DISC: analytic
 * only, hence DISTINCT / ANY_VALUE around them), lexical (literals and quoted names).
 */
export const bigQuery: Dialect = {
  name: 'bigquery',
  int64: 'INT64',
  float64: 'FLOAT64',
  exactInt: 'NUMERIC',
  string: 'STRING',
  table: (ref) => '`' + ref + '`',
  column: (name) => '`' + name + '`',
  // Quoted string literals take backslash escapes (lexical structure: "Escape sequences in string and bytes literals").
  text: (value) => "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r') + "'",
  // A literal with a decimal point or an exponent is a FLOAT64 literal.
  float: (value) => floatText(value),
  chars: (codes) =>
    "'" +
    codes.map((c) => (c < 0x10000 ? '\\u' + c.toString(16).padStart(4, '0') : '\\U' + c.toString(16).padStart(8, '0'))).join('') +
    "'",
  epochDay(expr, kind, timeZone) {
    if (kind === 'timestamp') return `UNIX_DATE(DATE(${expr}, ${bigQuery.text(timeZone)}))`;
    if (kind === 'datetime') return `UNIX_DATE(DATE(${expr}))`;
    return `UNIX_DATE(${expr})`;
  },
  dateOfEpochDay: (expr) => `DATE_FROM_UNIX_DATE(${expr})`,
  // query-syntax#with_clause: a non-recursive CTE is not materialized, it runs once per reference; nothing to add.
  cteAs: () => 'AS',
  // date_functions DATE_ADD: "If the resulting month has fewer days than the original date's day, then the
  // resulting date is the last date of that month" (src/core/repeatFunnel.ts monthsLater).
  addMonths: (day, months) => `UNIX_DATE(DATE_ADD(DATE_FROM_UNIX_DATE(${day}), INTERVAL ${wholeMonths(months)} MONTH))`,
  isFinite: (expr) => `NOT (IS_NAN(${expr}) OR IS_INF(${expr}))`,
  safeDivide: (a, b) => `SAFE_DIVIDE(${a}, ${b})`,
  // REGEXP_REPLACE replaces every match; a raw string keeps the RE2 escapes as written.
  replaceAll: (expr, pattern, replacement) => `REGEXP_REPLACE(${expr}, r'${pattern}', ${bigQuery.text(replacement)})`,
  matchesAll: (expr, pattern) => `REGEXP_CONTAINS(${expr}, r'^(?:${pattern})$')`,
  // string_functions NORMALIZE: "NFC" is the default mode, named for the reader.
  nfc: (expr) => `NORMALIZE(${expr}, NFC)`,
  valueAtDay: (value, day, latest) => `ARRAY_AGG(${value} IGNORE NULLS ORDER BY ${day}${latest ? ' DESC' : ''} LIMIT 1)[SAFE_OFFSET(0)]`,
  // window-function-calls: a ROWS frame ending one row before the current row.
  latestBefore: (value, over) => `MAX(${value}) OVER (${over} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`,
  // data-types#integer_types: INT64 is the only one.
  narrow: (expr) => expr,
  // aggregate_functions#sum: INT64 for INT64 input.
  sumInt: (expr, over) => `SUM(${expr})${over === undefined ? '' : ` OVER (${over})`}`,
  countAtOrBelow: leadingCount,
  medianByGroup: (from, group, value, alias) =>
    `SELECT DISTINCT ${group}, PERCENTILE_CONT(${value}, 0.5) OVER (PARTITION BY ${group}) AS ${alias} FROM ${from}`,
  // PERCENTILE_DISC: "the first sorted value whose cumulative distribution is greater than or equal to" p: the nearest rank.
  nearestRank: (from, value, p, alias) =>
    `SELECT ANY_VALUE(${alias}) AS ${alias} FROM (SELECT PERCENTILE_DISC(${value}, ${floatText(p)}) OVER () AS ${alias} FROM ${from})`,
  nearestRankByGroup: (from, group, value, p, alias) =>
    `SELECT DISTINCT ${group}, PERCENTILE_DISC(${value}, ${floatText(p)}) OVER (PARTITION BY ${group}) AS ${alias} FROM ${from}`,
  // PERCENTILE_CONT takes no ORDER BY or frame (navigation_functions), so each row gathers the values up to it
  // (aggregate_functions ARRAY_AGG as an analytic function; window_function_calls: ROWS frames) and takes their
  // median over UNNEST (arrays: UNNEST in a correlated subquery).
  runningMedian: (from, partition, order, value, alias, nextAlias) =>
    [
      `SELECT ${partition}, ${order}, LEAD(${order}) OVER (PARTITION BY ${partition} ORDER BY ${order}) AS ${nextAlias},`,
      `  (SELECT ANY_VALUE(m) FROM (SELECT PERCENTILE_CONT(v, 0.5) OVER () AS m FROM UNNEST(so_far) v)) AS ${alias}`,
      `FROM (SELECT *, ARRAY_AGG(${value}) OVER (PARTITION BY ${partition} ORDER BY ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS so_far FROM ${from}) running`,
    ].join('\n'),
};

/** DuckDB: the longest partition whose running median is taken over a list (duckDb.runningMedian). */
export const RUNNING_MEDIAN_LIST_ROWS = 64;

/**
 * DuckDB (duckdb.org/docs/stable/sql/...): functions/timestamptz (timezone(text,
 * timestamptz), with the ICU extension built into @duckdb/node-api), functions/date
 * (date - date is a BIGINT of days, date + integer), functions/numeric (isfinite, floor),
 * functions/regular_expressions (regexp_replace replaces the first match unless given
 * 'g'), functions/aggregates (arg_max, median, quantile_disc, FILTER), data_types/numeric
 * (a literal with a decimal point is a DECIMAL, so floats are cast from text).
 */
export const duckDb: Dialect = {
  name: 'duckdb',
  int64: 'BIGINT',
  float64: 'DOUBLE',
  exactInt: 'HUGEINT',
  string: 'VARCHAR',
  table: (ref) =>
    ref
      .split('.')
      .map((part) => duckDb.column(part))
      .join('.'),
  column: (name) => '"' + name.replace(/"/g, '""') + '"',
  text: (value) => "'" + value.replace(/'/g, "''") + "'",
  // 0.8 would be DECIMAL(2,1), and DECIMAL times BIGINT is exact decimal arithmetic, not the double the core multiplies by.
  float: (value) => `CAST('${floatText(value)}' AS DOUBLE)`,
  // String literals have no escapes: control characters come from chr().
  chars: (codes) => `(${codes.map((c) => `chr(${c})`).join(' || ')})`,
  epochDay(expr, kind, timeZone) {
    if (kind === 'timestamp') return duckDbInstantDay(expr, timeZone);
    if (kind === 'datetime') return `(CAST(${expr} AS DATE) - DATE '1970-01-01')`;
    return `(CAST(${expr} AS DATE) - DATE '1970-01-01')`;
  },
  dateOfEpochDay: (expr) => `(DATE '1970-01-01' + CAST(${expr} AS INTEGER))`,
  // sql/query_syntax/with: a CTE named more than once is materialized unless NOT MATERIALIZED (the whole orders, 1 s at 10M rows).
  cteAs: (inline) => (inline ? 'AS NOT MATERIALIZED' : 'AS'),
  // functions/date: date + interval is a TIMESTAMP; a month added to the 31st is the month's last day (functions/interval).
  addMonths: (day, months) => `(CAST(${duckDb.dateOfEpochDay(day)} + INTERVAL ${wholeMonths(months)} MONTH AS DATE) - DATE '1970-01-01')`,
  isFinite: (expr) => `isfinite(${expr})`,
  safeDivide: (a, b) => `(CAST(${a} AS DOUBLE) / NULLIF(${b}, 0))`,
  replaceAll: (expr, pattern, replacement) => `regexp_replace(${expr}, ${duckDb.text(pattern)}, ${duckDb.text(replacement)}, 'g')`,
  matchesAll: (expr, pattern) => `regexp_full_match(${expr}, ${duckDb.text(pattern)})`,
  // functions/text nfc_normalize: "Convert string to Unicode NFC normalized string".
  nfc: (expr) => `nfc_normalize(${expr})`,
  valueAtDay: (value, day, latest) => `${latest ? 'arg_max' : 'arg_min'}(${value}, ${day}) FILTER (WHERE ${value} IS NOT NULL)`,
  // functions/window_functions: lag(... IGNORE NULLS) is the nearest non-NULL value before, which here is the
  // greatest; it needs no segment tree over the frame as max does (2.8 s against 3.2 s for 5M events).
  latestBefore: (value, over) => `LAG(${value} IGNORE NULLS) OVER (${over})`,
  // data_types/numeric: INTEGER is 4 bytes, BIGINT 8; days and numbers of people narrowed where they are made halve
  // their width in every staged table that carries them (0.4 s of the steps at 10M rows). Arithmetic that could leave
  // 32 bits (a gap squared) widens first.
  narrow: (expr) => `CAST(${expr} AS INTEGER)`,
  // functions/aggregates: sum of integers is a HUGEINT (16 bytes); cast back, every step over the events halved its
  // sums' width, 1.2 s of the steps at 10M rows (and out of range is a conversion error, not a wrong figure).
  sumInt: (expr, over) => `CAST(SUM(${expr})${over === undefined ? '' : ` OVER (${over})`} AS BIGINT)`,
  // A whole number's count from a list of the counts between the first and the last value (functions/list: list[i]
  // is 1-based), where the nested comparisons were a third of the Managers masks' step; a wide span keeps them.
  countAtOrBelow: (x, sorted) => {
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (sorted.length < 2 || last - first > COUNT_LIST_SPAN) return leadingCount(x, sorted);
    const counts: number[] = [];
    for (let v = first, k = 0; v < last; v++) {
      while (sorted[k] <= v) k++;
      counts.push(k);
    }
    return `CASE WHEN (${x}) < ${first} THEN 0 WHEN (${x}) >= ${last} THEN ${sorted.length} ELSE [${counts.join(', ')}][(${x}) - ${first - 1}] END`;
  },
  medianByGroup: (from, group, value, alias) => `SELECT ${group}, median(${value}) AS ${alias} FROM ${from} GROUP BY ${group}`,
  nearestRank: (from, value, p, alias) => `SELECT quantile_disc(${value}, ${duckDb.float(p)}) AS ${alias} FROM ${from}`,
  nearestRankByGroup: (from, group, value, p, alias) =>
    `SELECT ${group}, quantile_disc(${value}, ${duckDb.float(p)}) AS ${alias} FROM ${from} GROUP BY ${group}`,
  // DuckDB's median over a frame (functions/window_functions) is a holistic window: 4.4 s for 4.7M rows, where max
  // takes 1.1 s. A partition of at most RUNNING_MEDIAN_LIST_ROWS rows is one list instead (functions/list: list_sort
  // of (order, value) structs, list_median of each prefix, unnest of the lists side by side), 2.8 s for the same
  // rows; the prefixes make it quadratic, so longer partitions keep the window.
  runningMedian: (from, partition, order, value, alias, nextAlias) => {
    const sized = `(SELECT * FROM ${from} JOIN (SELECT ${partition}, COUNT(*) AS running_rows FROM ${from} GROUP BY ${partition}) sz USING (${partition})) r`;
    const small = `running_rows <= ${RUNNING_MEDIAN_LIST_ROWS}`;
    return [
      `SELECT ${partition}, unnest(os) AS ${order}, unnest(os[2:] || [NULL]) AS ${nextAlias},`,
      `  unnest(list_transform(range(1, len(vs) + 1), k -> list_median(vs[1:k]))) AS ${alias}`,
      `FROM (SELECT ${partition}, list_transform(s, x -> x.o) AS os, list_transform(s, x -> x.v) AS vs`,
      `  FROM (SELECT ${partition}, list_sort(list(struct_pack(o := ${order}, v := ${value}))) AS s FROM ${sized} WHERE ${small} GROUP BY ${partition}) sorted) lists`,
      'UNION ALL',
      `SELECT ${partition}, ${order}, LEAD(${order}) OVER (PARTITION BY ${partition} ORDER BY ${order}) AS ${nextAlias},`,
      `  median(${value}) OVER (PARTITION BY ${partition} ORDER BY ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ${alias}`,
      `FROM ${sized} WHERE NOT (${small})`,
    ].join('\n');
  },
};

/** DuckDB's countAtOrBelow: the widest span (last - first value) given as a list of counts, some 8 KB of text. */
export const COUNT_LIST_SPAN = 2000;

/**
 * How many of `sorted` are at or below `x`: nested comparisons, a binary search of a handful of them per row rather
 * than one per value or a join to them. The same words in both dialects.
 */
function leadingCount(x: string, sorted: readonly number[]): string {
  const count = (lo: number, hi: number): string => {
    if (lo === hi) return String(lo);
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${sorted[mid]} <= ${x} THEN ${count(mid + 1, hi)} ELSE ${count(lo, mid)} END`;
  };
  return count(0, sorted.length);
}

/**
 * The day of an instant in the zone, in DuckDB. ICU's look-up per row was a third of the
 * step over the order rows, so it is asked only where the zone's offset decides the day:
 * an instant whose day is the same under the zone's least and greatest offset
 * (zoneOffsets.ts, 1970-2100) has that day; the hours near midnight, instants outside the
 * range and unknown zones take timezone(). Microseconds since the epoch are whole
 * numbers; `//` truncates, which is the floor here (only instants after 1970-01-02).
 */
function duckDbInstantDay(expr: string, timeZone: string): string {
  const icu = `(CAST(timezone(${duckDb.text(timeZone)}, CAST(${expr} AS TIMESTAMPTZ)) AS DATE) - DATE '1970-01-01')`;
  const range = zoneOffsetRange(timeZone);
  if (range === null || range.max - range.min >= 86_400) return icu;
  const us = `epoch_us(CAST(${expr} AS TIMESTAMPTZ))`;
  const day = (offset: number): string => `(${us} + ${offset * 1_000_000}) // 86400000000`;
  const inRange = `${us} >= ${ZONE_SCAN_FROM_MS * 1000} AND ${us} < ${ZONE_SCAN_TO_MS * 1000}`;
  return `CASE WHEN ${inRange} AND ${day(range.min)} = ${day(range.max)} THEN ${day(range.min)} ELSE ${icu} END`;
}

export const DIALECTS: Record<DialectName, Dialect> = { bigquery: bigQuery, duckdb: duckDb };

// Constructs built from the ones above: the same words in both dialects.

/** CAST(expr AS type). */
export function cast(expr: string, type: string): string {
  return `CAST(${expr} AS ${type})`;
}

/**
 * Math.round of a float as an INT64: halves go up (-2.5 is -2). floor(x) + (x - floor(x) >= 0.5): the
 * difference is exact for every double below 2^52, so this is Math.round, not FLOOR(x + 0.5)
 * (which rounds 0.49999999999999994 to 1).
 */
export function roundHalfUp(d: Dialect, expr: string): string {
  return cast(`FLOOR(${expr}) + CASE WHEN ${expr} - FLOOR(${expr}) >= ${d.float(0.5)} THEN 1 ELSE 0 END`, d.int64);
}

/** Whole cents of an amount, as src/core/money.ts toCents: Math.round(units * 100) of the double. */
export function cents(d: Dialect, amount: string): string {
  return roundHalfUp(d, `${amount} * 100`);
}

/** The period index of an epoch day, as src/core/calendar.ts periodIndex (weeks start on Monday). */
export function periodIndex(d: Dialect, day: string, unit: PeriodUnit): string {
  if (unit === 'week') return cast(`FLOOR((${day} + 3) / 7)`, d.int64);
  const date = d.dateOfEpochDay(day);
  if (unit === 'month') return `(EXTRACT(YEAR FROM ${date}) * 12 + EXTRACT(MONTH FROM ${date}) - 1)`;
  if (unit === 'quarter') return `(EXTRACT(YEAR FROM ${date}) * 4 + EXTRACT(QUARTER FROM ${date}) - 1)`;
  return `EXTRACT(YEAR FROM ${date})`;
}

/** Text trimmed of JavaScript whitespace (src/core/values.ts cellText); NULL when nothing is left. */
export function trimmedText(d: Dialect, text: string): string {
  const space = d.chars(JS_WHITESPACE_CODES);
  // Most cells start and end with a letter or a digit: the pattern runs only for those that do not.
  return (
    `CASE WHEN ${text} = '' THEN NULL WHEN STRPOS(${space}, LEFT(${text}, 1)) > 0 OR STRPOS(${space}, RIGHT(${text}, 1)) > 0 ` +
    `THEN NULLIF(${d.replaceAll(text, `^${JS_WHITESPACE}+|${JS_WHITESPACE}+$`, '')}, '') ELSE ${text} END`
  );
}

/**
 * The characters src/core/values.ts visibleText removes (Unicode's default-ignorable code
 * points and the control characters), as an RE2 class. Tab, line feed and carriage return
 * are left out: they are whitespace, which the folding makes one space, as the core does.
 * Written out because RE2 has no Default_Ignorable_Code_Point property; test/warehouse.sql
 * derives the list from the core's own pattern, so the two cannot drift apart.
 */
export const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0, 0x8],
  [0xb, 0xc],
  [0xe, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x61c, 0x61c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];

const hex = (c: number): string => `\\x{${c.toString(16).toUpperCase()}}`;
const INVISIBLE = '[' + INVISIBLE_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('') + ']';
// src/core/values.ts PLAIN: printable ASCII and basic Cyrillic have nothing to strip or compose.
const PLAIN = '[\\x{20}-\\x{7E}\\x{400}-\\x{482}\\x{48A}-\\x{4FF}]*';

/**
 * A name or contact as shown (src/core/orders.ts shownText): invisible characters removed,
 * the composed form, runs of whitespace one space, trimmed; NULL when nothing is left.
 * Plain text skips the removal and the composition, as in the core.
 */
export function shownText(d: Dialect, text: string): string {
  const cleaned = d.nfc(d.replaceAll(text, INVISIBLE, ''));
  const visible = `CASE WHEN ${d.matchesAll(text, PLAIN)} THEN ${text} ELSE ${cleaned} END`;
  return `NULLIF(TRIM(${d.replaceAll(visible, `${JS_WHITESPACE}+`, ' ')}, ' '), '')`;
}

/** A customer cell as shown: the one rule of names and contacts (shownText). */
export function shownCustomer(d: Dialect, text: string): string {
  return shownText(d, text);
}

/**
 * The matching key of a shown customer name: src/core/orders.ts customerKey (the shown
 * text in lower case). The one place the key rule lives in SQL.
 */
export function customerKey(_d: Dialect, shown: string): string {
  return `LOWER(${shown})`;
}
