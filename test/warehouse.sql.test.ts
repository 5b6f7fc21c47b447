// The query builder's constructs, one describe per construct: the BigQuery text exactly
// (golden, after the GoogleSQL reference page named), and the DuckDB rendering run on
// DuckDB against the in-sheet code it stands for (src/core).
//
// BigQuery pages (https://cloud.google.com/bigquery/docs/reference/standard-sql/...):
//   date_functions, mathematical_functions, string_functions, navigation_functions,
//   aggregate_functions, lexical, conversion_functions.
// DuckDB pages (https://duckdb.org/docs/stable/sql/...):
//   functions/timestamptz, functions/date, functions/numeric, functions/regular_expressions,
//   functions/aggregates, functions/text, data_types/numeric.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor, daysFromCivil, periodIndex as corePeriodIndex, type PeriodUnit } from '../src/core/calendar';
import { median, nearestRank } from '../src/core/churn';
import { monthsLater } from '../src/core/repeatFunnel';
import { toCents } from '../src/core/money';
import { customerKey as coreCustomerKey, shownText as coreShownText } from '../src/core/orders';
import { cellText, visibleText } from '../src/core/values';
import { offsetSeconds, zoneOffsetRange } from '../src/sql/zoneOffsets';
import {
  INVISIBLE_RANGES,
  COUNT_LIST_SPAN,
  RUNNING_MEDIAN_LIST_ROWS,
  JS_WHITESPACE_CODES,
  bigQuery,
  cast,
  cents,
  customerKey,
  duckDb,
  periodIndex,
  roundHalfUp,
  shownCustomer,
  shownText,
  trimmedText,
} from '../src/sql/dialect';
import { orderNumber, withCtes } from '../src/sql/purchases';
import { LocalWarehouse } from '../local/warehouse';

let wh: LocalWarehouse;
beforeAll(async () => {
  wh = await LocalWarehouse.open({ threads: 1 });
});
afterAll(() => wh.close());

/** One value of a DuckDB expression over no table. */
async function duck(expr: string): Promise<unknown> {
  const { rows } = await wh.query(`SELECT ${expr} AS v`);
  return rows[0].v;
}

/** A DuckDB expression over a one-column table `t(x)` of the values, in their order. */
async function duckEach(values: readonly unknown[], type: string, expr: (x: string) => string): Promise<unknown[]> {
  const lit = (v: unknown): string =>
    v === null ? 'NULL' : typeof v === 'string' ? duckDb.text(v) : typeof v === 'number' ? duckDb.float(v) : String(v);
  const rows = values.map((v, i) => `(${i}, CAST(${lit(v)} AS ${type}))`).join(', ');
  const { rows: out } = await wh.query(`SELECT ${expr('x')} AS v FROM (VALUES ${rows}) t(i, x) ORDER BY i`);
  return out.map((r) => r.v);
}

describe('epoch day of an instant in the spreadsheet time zone (BigQuery date_functions: DATE(timestamp, time_zone), UNIX_DATE; DuckDB timezone())', () => {
  it('BigQuery: UNIX_DATE(DATE(ts, zone)); DATETIME and DATE without a zone', () => {
    expect(bigQuery.epochDay('`t`', 'timestamp', 'Europe/Kyiv')).toBe("UNIX_DATE(DATE(`t`, 'Europe/Kyiv'))");
    expect(bigQuery.epochDay('`t`', 'datetime', 'Europe/Kyiv')).toBe('UNIX_DATE(DATE(`t`))');
    expect(bigQuery.epochDay('`t`', 'date', 'Europe/Kyiv')).toBe('UNIX_DATE(`t`)');
  });

  it('DuckDB: the day the in-sheet calendar gives, around every DST change of Kyiv and New York', async () => {
    // 23:30 and 00:30 local on the days the clocks move, and the instants of the moves.
    const instants = [
      '2024-03-30T21:30:00Z', // Kyiv 23:30 the night before spring forward
      '2024-03-31T00:59:59Z',
      '2024-03-31T01:00:00Z', // Kyiv 03:00 -> 04:00
      '2024-10-26T21:30:00Z', // Kyiv 00:30 (summer time)
      '2024-10-27T00:30:00Z', // Kyiv 03:30 summer, then 03:00 again
      '2024-10-27T21:59:59Z', // Kyiv 23:59:59 winter
      '2024-03-10T04:30:00Z', // New York 23:30 before spring forward
      '2024-03-10T07:00:00Z', // New York 03:00 EDT
      '2024-11-03T03:30:00Z', // New York 23:30 EDT
      '2024-11-03T05:30:00Z', // New York 01:30 EDT / EST
      '2024-11-04T04:59:59Z', // New York 23:59:59 EST
      '1969-12-31T23:30:00Z',
    ].map((s) => new Date(s));
    await wh.loadRows(
      'instants',
      [{ name: 't', type: 'TIMESTAMPTZ' }],
      instants.map((d) => [d]),
    );
    for (const zone of ['Europe/Kyiv', 'America/New_York', 'Etc/UTC']) {
      const { rows } = await wh.query(`SELECT ${duckDb.epochDay('t', 'timestamp', zone)} AS day FROM instants`);
      const calendar = calendarFor(zone);
      expect(rows.map((r) => r.day)).toEqual(instants.map((d) => calendar.dayOf(d)));
    }
  });

  it("DuckDB: the look-up is asked only near midnight, and the days equal ICU's everywhere (every 97 min 7 s, 1969-2041)", async () => {
    // Zones with DST, half- and quarter-hour offsets, a 30-minute DST, a dateline jump and Ramadan breaks.
    const zones = [
      'Europe/Kyiv',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Africa/Casablanca',
      'Etc/UTC',
    ];
    const icu = (zone: string): string => `(CAST(timezone(${duckDb.text(zone)}, t) AS DATE) - DATE '1970-01-01')`;
    for (const zone of zones) {
      const { rows } = await wh.query(
        [
          `SELECT COUNT(*) AS n, COUNT(*) FILTER (WHERE day <> icu_day) AS wrong, MIN(t) AS first, MAX(t) AS last FROM (`,
          `  SELECT t, ${duckDb.epochDay('t', 'timestamp', zone)} AS day, ${icu(zone)} AS icu_day`,
          `  FROM (SELECT TIMESTAMPTZ '1969-12-20 00:00:00+00' + to_seconds(i * 5827) AS t FROM range(390000) r(i))`,
          ')',
        ].join('\n'),
      );
      expect({ zone, wrong: rows[0].wrong }).toEqual({ zone, wrong: 0 });
      expect(rows[0].n).toBe(390000);
    }
    // Pacific/Apia moved across the dateline (offsets 25 h apart): every instant takes the look-up.
    expect(duckDb.epochDay('t', 'timestamp', 'Pacific/Apia')).not.toContain('epoch_us');
    expect(duckDb.epochDay('t', 'timestamp', 'Europe/Kyiv')).toContain('epoch_us');
  });

  it("DuckDB: a zone's least and greatest offset, 1970-2100 (Intl)", () => {
    expect(zoneOffsetRange('Europe/Kyiv')).toEqual({ min: 7200, max: 14400 });
    expect(zoneOffsetRange('Asia/Kathmandu')).toEqual({ min: 19800, max: 20700 });
    expect(zoneOffsetRange('Etc/UTC')).toEqual({ min: 0, max: 0 });
    expect(zoneOffsetRange('Nowhere/Atlantis')).toBeNull();
    expect(offsetSeconds('GMT')).toBe(0);
    expect(offsetSeconds('GMT-09:30')).toBe(-34200);
    expect(offsetSeconds('GMT+05:45')).toBe(20700);
    expect(() => offsetSeconds('UTC+1')).toThrow(/not an offset: UTC\+1/);
  });

  it('DuckDB: a DATE is its own epoch day, before 1970 too', async () => {
    expect(await duck(duckDb.epochDay("DATE '2024-03-05'", 'date', 'UTC'))).toBe(daysFromCivil(2024, 3, 5));
    expect(await duck(duckDb.epochDay("DATE '1900-02-28'", 'date', 'UTC'))).toBe(daysFromCivil(1900, 2, 28));
    expect(await duck(duckDb.epochDay("TIMESTAMP '2024-03-05 23:59:59'", 'datetime', 'UTC'))).toBe(daysFromCivil(2024, 3, 5));
  });
});

describe('period index of a day (BigQuery date_functions: DATE_FROM_UNIX_DATE, EXTRACT; mathematical_functions: FLOOR)', () => {
  it('BigQuery text per period', () => {
    expect(periodIndex(bigQuery, 'day', 'week')).toBe('CAST(FLOOR((day + 3) / 7) AS INT64)');
    expect(periodIndex(bigQuery, 'day', 'month')).toBe(
      '(EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(day)) * 12 + EXTRACT(MONTH FROM DATE_FROM_UNIX_DATE(day)) - 1)',
    );
    expect(periodIndex(bigQuery, 'day', 'quarter')).toBe(
      '(EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(day)) * 4 + EXTRACT(QUARTER FROM DATE_FROM_UNIX_DATE(day)) - 1)',
    );
    expect(periodIndex(bigQuery, 'day', 'year')).toBe('EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(day))');
  });

  it('DuckDB: the core periodIndex for every day of 1968-1970 and 2023-2025 (weeks start on Monday, floor before 1970)', async () => {
    const days: number[] = [];
    for (let d = daysFromCivil(1968, 12, 20); d <= daysFromCivil(1970, 1, 12); d++) days.push(d);
    for (let d = daysFromCivil(2023, 12, 1); d <= daysFromCivil(2025, 3, 3); d++) days.push(d);
    for (const unit of ['week', 'month', 'quarter', 'year'] as PeriodUnit[]) {
      const got = await duckEach(days, 'BIGINT', (x) => periodIndex(duckDb, x, unit));
      expect(got).toEqual(days.map((d) => corePeriodIndex(d, unit)));
    }
  });
});

describe('months later, cut to the month end (BigQuery date_functions: DATE_ADD with INTERVAL n MONTH)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/date_functions#date_add: "If the resulting
  // month has fewer days than the original date's day, then the resulting date is the last date of that month."
  it('BigQuery text: through DATE_FROM_UNIX_DATE and back with UNIX_DATE', () => {
    expect(bigQuery.addMonths('first_purchase', 3)).toBe('UNIX_DATE(DATE_ADD(DATE_FROM_UNIX_DATE(first_purchase), INTERVAL 3 MONTH))');
    expect(() => bigQuery.addMonths('d', 1.5)).toThrow(/1.5/);
  });

  it('DuckDB: the core monthsLater for every day of 2023-2024 (leap February) and 1969, 1 to 12 months', async () => {
    const days: number[] = [];
    for (let d = daysFromCivil(2023, 1, 1); d <= daysFromCivil(2024, 12, 31); d++) days.push(d);
    for (let d = daysFromCivil(1969, 1, 25); d <= daysFromCivil(1969, 3, 5); d++) days.push(d);
    for (const n of [1, 2, 11, 12]) {
      const got = await duckEach(days, 'BIGINT', (x) => duckDb.addMonths(x, n));
      expect(got).toEqual(days.map((d) => monthsLater(d, n)));
    }
    expect(await duck(duckDb.addMonths(String(daysFromCivil(2024, 1, 31)), 1))).toBe(daysFromCivil(2024, 2, 29));
  });
});

describe('whole cents: Math.round of amount x 100, halves up (BigQuery mathematical_functions: FLOOR)', () => {
  it('BigQuery text: floor plus the rounding of the remainder, never ROUND (which rounds halves away from zero)', () => {
    expect(roundHalfUp(bigQuery, 'x')).toBe('CAST(FLOOR(x) + CASE WHEN x - FLOOR(x) >= 0.5 THEN 1 ELSE 0 END AS INT64)');
    expect(cents(bigQuery, 'amount')).toBe(
      'CAST(FLOOR(amount * 100) + CASE WHEN amount * 100 - FLOOR(amount * 100) >= 0.5 THEN 1 ELSE 0 END AS INT64)',
    );
  });

  it('DuckDB: the same cents as src/core/money.ts toCents, also at halves, negatives and float noise', async () => {
    const amounts = [0, 1.005, -1.005, 0.125, -0.125, 2.675, 1234.565, -0.005, 0.004999999999999999, 1e9 + 0.015, 36.16, -36.16, 0.1 + 0.2];
    expect(await duckEach(amounts, 'DOUBLE', (x) => cents(duckDb, x))).toEqual(amounts.map((a) => toCents(a) + 0)); // -0 cents are 0 cents
    // Math.round itself, on the halves and just below them.
    const values = [2.5, -2.5, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994, -1.5, 1.5, 4503599627370495.5];
    expect(await duckEach(values, 'DOUBLE', (x) => roundHalfUp(duckDb, x))).toEqual(values.map((v) => Math.round(v) + 0));
  });

  it('property: any amount of up to a billion with any decimals gives the core cents', async () => {
    const amounts = fc.sample(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { numRuns: 300, seed: 16 });
    expect(await duckEach(amounts, 'DOUBLE', (x) => cents(duckDb, x))).toEqual(amounts.map((a) => toCents(a) + 0));
  });
});

describe('float literals are the JavaScript double (BigQuery lexical: floating point literals; DuckDB data_types/numeric: a decimal point makes a DECIMAL)', () => {
  it('BigQuery writes the shortest round-trip digits, with a decimal point', () => {
    expect(bigQuery.float(0.8)).toBe('0.8');
    expect(bigQuery.float(1)).toBe('1.0');
    expect(bigQuery.float(4 / 3)).toBe('1.3333333333333333');
    expect(bigQuery.float(1e-9)).toBe('1e-9');
    expect(() => bigQuery.float(Infinity)).toThrow(/finite/);
  });

  it('DuckDB casts the text, so 4/3 x 3 and 0.8 x 5 multiply as doubles', async () => {
    expect(duckDb.float(0.8)).toBe("CAST('0.8' AS DOUBLE)");
    expect(await duck(`${duckDb.float(4 / 3)} * 3`)).toBe((4 / 3) * 3);
    expect(await duck(`${duckDb.float(0.1)} * 3`)).toBe(0.1 * 3);
    // The literal without the cast is a DECIMAL, exact: 0.1 * 3 would be 0.3, not the double the core compares with.
    expect(await duck('typeof(0.8)')).toBe('DECIMAL(2,1)');
  });
});

describe('safe division (BigQuery mathematical_functions: SAFE_DIVIDE)', () => {
  it('BigQuery: SAFE_DIVIDE; DuckDB: a float division by NULLIF', async () => {
    expect(bigQuery.safeDivide('a', 'b')).toBe('SAFE_DIVIDE(a, b)');
    expect(duckDb.safeDivide('a', 'b')).toBe('(CAST(a AS DOUBLE) / NULLIF(b, 0))');
    expect(await duck(duckDb.safeDivide('3', '0'))).toBeNull();
    expect(await duck(duckDb.safeDivide('3', '4'))).toBe(0.75);
  });
});

describe('finite numbers only (BigQuery mathematical_functions: IS_NAN, IS_INF)', () => {
  it('BigQuery text; DuckDB isfinite on NaN and infinities', async () => {
    expect(bigQuery.isFinite('amount')).toBe('NOT (IS_NAN(amount) OR IS_INF(amount))');
    expect(await duckEach(['NaN', 'Infinity', '-Infinity', '1.5'], 'DOUBLE', (x) => duckDb.isFinite(x))).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('string literals and names (BigQuery lexical: string literals and escape sequences, quoted identifiers)', () => {
  it('BigQuery escapes quotes and backslashes; DuckDB doubles quotes', async () => {
    expect(bigQuery.text("O'Brien \\ 1")).toBe("'O\\'Brien \\\\ 1'");
    expect(bigQuery.column('order date')).toBe('`order date`');
    expect(bigQuery.table('my-project.sales.orders')).toBe('`my-project.sales.orders`');
    expect(duckDb.text("O'Brien \\ 1")).toBe("'O''Brien \\ 1'");
    expect(await duck(duckDb.text("O'Brien \\ 1"))).toBe("O'Brien \\ 1");
    expect(duckDb.table('main.orders')).toBe('"main"."orders"');
  });

  it('characters by code point: BigQuery \\u escapes, DuckDB chr()', async () => {
    expect(bigQuery.chars([9, 0xa0, 0x3000])).toBe("'\\u0009\\u00a0\\u3000'");
    expect(duckDb.chars([9, 0xa0])).toBe('(chr(9) || chr(160))');
    expect(await duck(duckDb.chars(JS_WHITESPACE_CODES))).toBe(String.fromCodePoint(...JS_WHITESPACE_CODES));
    // The list is JavaScript's own whitespace: every code point \s matches below U+FFFF, and nothing else.
    const js: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (/\s/.test(String.fromCharCode(c))) js.push(c);
    expect(js).toEqual([...JS_WHITESPACE_CODES]);
  });
});

describe('customer names and keys (BigQuery string_functions: REGEXP_REPLACE, TRIM, LOWER; DuckDB regexp_replace needs g)', () => {
  const names = [
    'Anna',
    ' anna ',
    'ANNA',
    'Иванов  Иван',
    'Иванов\u00a0Иван',
    '\tOlga\u2003Petrova\u3000',
    'Ёлкин',
    'a\u200ab\u205fc\ufeff',
    '   ',
    '',
    'Müller GmbH',
    'line\nbreak',
  ];

  it('BigQuery text: invisible characters removed, NFC, whitespace of JavaScript folded, trimmed, lower case', () => {
    const ws = '[\\t\\n\\v\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
    const sql = shownCustomer(bigQuery, 'c');
    expect(sql).toMatch(/^NULLIF\(TRIM\(REGEXP_REPLACE\(CASE WHEN REGEXP_CONTAINS\(c, r'\^\(\?:\[/);
    expect(sql).toContain("THEN c ELSE NORMALIZE(REGEXP_REPLACE(c, r'[\\x{0}-\\x{8}");
    expect(sql.endsWith(`END, r'${ws}+', ' '), ' '), '')`)).toBe(true);
    expect(customerKey(bigQuery, 'shown')).toBe('LOWER(shown)');
    expect(duckDb.replaceAll('c', 'x+', ' ')).toBe("regexp_replace(c, 'x+', ' ', 'g')");
  });

  it('DuckDB: the name as the sheet shows it and the key it matches by (src/core/orders.ts customerKey)', async () => {
    const shown = await duckEach(names, 'VARCHAR', (x) => shownCustomer(duckDb, x));
    const expected = names.map((n) => {
      const s = coreShownText(n);
      return s === '' ? null : s;
    });
    expect(shown).toEqual(expected);
    const keys = await duckEach(names, 'VARCHAR', (x) => customerKey(duckDb, shownCustomer(duckDb, x)));
    expect(keys).toEqual(expected.map((s) => (s === null ? null : coreCustomerKey(s))));
  });

  it('the invisible characters are exactly those the core removes (derived from src/core/values.ts visibleText)', () => {
    const derived: [number, number][] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (visibleText(String.fromCodePoint(c)) !== '') continue;
      const last = derived[derived.length - 1];
      if (last && last[1] === c - 1) last[1] = c;
      else derived.push([c, c]);
    }
    expect(INVISIBLE_RANGES).toEqual(derived);
  });

  it('DuckDB: a zero-width space, a soft hyphen, a BOM, bidi marks and the decomposed form make no new name', async () => {
    const texts = [
      'Cust00\u200b',
      '\ufeffOlga\tIvanova',
      '\u0418\u0306\u043e\u0441\u0438\u0444',
      'Kate\u00ad',
      '\u200eOleg\u200f',
      '\u200b\u200c',
      'e\u0301cole  \u2060Paris',
      'a\u0001b\u007fc',
      'flag\u{e0067}\u{e0062}',
      'Hangul\u3164filler',
      'plain Cyrillic Ёлкин',
    ];
    const got = await duckEach(texts, 'VARCHAR', (x) => shownText(duckDb, x));
    expect(got).toEqual(texts.map((t) => (coreShownText(t) === '' ? null : coreShownText(t))));
    expect(got[2]).toBe('\u0419\u043e\u0441\u0438\u0444');
  });

  it('DuckDB: an order id is a number when it spells one as JavaScript prints it (src/core/orders.ts orderKey)', async () => {
    const ids = [
      '0',
      '9',
      '10',
      '-5',
      '007',
      '-0',
      '1.50',
      '0.25',
      '1e3',
      '12.5',
      '0.000001',
      '0.0000001',
      ' 1',
      'A-2',
      '9007199254740991',
      '9007199254740993',
      '123456789012.345',
      '1234567890123.456',
    ];
    const got = await duckEach(ids, 'VARCHAR', (x) => orderNumber(duckDb, x));
    expect(got.slice(0, -1)).toEqual(ids.slice(0, -1).map((id) => (String(Number(id)) === id ? Number(id) : null)));
    // The documented limit: a decimal of more than 15 digits is text here, though the sheet may read it as a number.
    expect(String(Number(ids[ids.length - 1]))).toBe(ids[ids.length - 1]);
    expect(got[got.length - 1]).toBeNull();
  });

  it('DuckDB: managers, contacts and order ids trimmed as cellText trims them, inner spacing kept', async () => {
    const texts = ['Kate', ' Kate\u00a0', 'Kate  Morgan', '\u3000', '', '№ 100\t', 'x'];
    const got = await duckEach(texts, 'VARCHAR', (x) => trimmedText(duckDb, x));
    expect(got).toEqual(texts.map((t) => (cellText(t) === '' ? null : cellText(t))));
    expect(trimmedText(bigQuery, 'm')).toContain("REGEXP_REPLACE(m, r'^[");
    expect(trimmedText(bigQuery, 'm')).toContain("STRPOS('\\u0009\\u000a");
  });
});

describe('the value on the latest (or earliest) day (BigQuery aggregate_functions: ARRAY_AGG with IGNORE NULLS, ORDER BY, LIMIT)', () => {
  it('BigQuery text; DuckDB arg_max / arg_min with a filter', async () => {
    expect(bigQuery.valueAtDay('manager', 'day', true)).toBe('ARRAY_AGG(manager IGNORE NULLS ORDER BY day DESC LIMIT 1)[SAFE_OFFSET(0)]');
    expect(bigQuery.valueAtDay('name', 'day', false)).toBe('ARRAY_AGG(name IGNORE NULLS ORDER BY day LIMIT 1)[SAFE_OFFSET(0)]');
    const { rows } = await wh.query(
      `SELECT ${duckDb.valueAtDay('v', 'd', true)} AS latest, ${duckDb.valueAtDay('v', 'd', false)} AS earliest FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) t(d, v)`,
    );
    expect(rows[0]).toEqual({ latest: 'b', earliest: 'a' });
  });
});

describe('the latest value before a row (BigQuery window-function-calls: MAX over a ROWS frame ending 1 PRECEDING)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls (ROWS frames),
  // https://duckdb.org/docs/stable/sql/functions/window_functions (lag with IGNORE NULLS).
  it('BigQuery text: max over the rows before; DuckDB: lag ignoring NULLs, the same where the values ascend', async () => {
    expect(bigQuery.latestBefore('purchase_day', 'PARTITION BY cid ORDER BY day, k')).toBe(
      'MAX(purchase_day) OVER (PARTITION BY cid ORDER BY day, k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)',
    );
    // Per group, values that ascend along n with NULLs among them (returns, in the events), in no order as rows.
    const groups = fc.sample(fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }), { minLength: 1, maxLength: 9 }), {
      numRuns: 60,
      seed: 11,
    });
    const ascending = groups.map((g) => {
      let at = 0;
      return g.map((step) => (step === null ? null : (at += step)));
    });
    const values = ascending
      .flatMap((g, i) => g.map((v, n) => `(${i}, ${n}, ${v ?? 'NULL'})`))
      .reverse()
      .join(', ');
    const over = 'PARTITION BY g ORDER BY n';
    const { rows } = await wh.query(
      `SELECT g, n, ${duckDb.latestBefore('v', over)} AS got, MAX(v) OVER (${over} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS greatest FROM (VALUES ${values}) t(g, n, v) ORDER BY g, n`,
    );
    const expected = ascending.flatMap((g) => g.map((_, n) => g.slice(0, n).reduce<number | null>((m, v) => (v === null ? m : v), null)));
    expect(rows.map((r) => (r.got === null ? null : Number(r.got)))).toEqual(expected);
    expect(rows.map((r) => (r.greatest === null ? null : Number(r.greatest)))).toEqual(expected);
    expect(expected.filter((v) => v === null).length).toBeGreaterThan(groups.length);
  });
});

describe('whole numbers known to fit 32 bits (BigQuery data-types: INT64 is its only integer type)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/data-types#integer_types
  it('BigQuery: as it is; DuckDB: an INTEGER, and an error, not a wrong figure, for one that does not fit', async () => {
    expect(bigQuery.narrow('ROW_NUMBER() OVER (ORDER BY k)')).toBe('ROW_NUMBER() OVER (ORDER BY k)');
    const { rows } = await wh.query(
      `SELECT ${duckDb.narrow('x')} AS n, typeof(${duckDb.narrow('x')}) AS type FROM (VALUES (CAST(-25567 AS BIGINT))) t(x)`,
    );
    expect(rows[0]).toEqual({ n: -25567, type: 'INTEGER' });
    await expect(wh.query(`SELECT ${duckDb.narrow('x')} AS n FROM (VALUES (CAST(2147483648 AS BIGINT))) t(x)`)).rejects.toThrow(
      /out of range/i,
    );
  });
});

describe('sums of whole cents and counts (BigQuery aggregate_functions#sum: INT64 for INT64 input)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#sum
  it('BigQuery text: SUM, as an aggregate and over a window', () => {
    expect(bigQuery.sumInt('cents')).toBe('SUM(cents)');
    expect(bigQuery.sumInt('x', 'PARTITION BY g ORDER BY n')).toBe('SUM(x) OVER (PARTITION BY g ORDER BY n)');
  });

  it('DuckDB: a BIGINT, not the HUGEINT of sum(); beyond 64 bits an error, not a wrong figure', async () => {
    const { rows } = await wh.query(
      `SELECT ${duckDb.sumInt('x')} AS total, typeof(${duckDb.sumInt('x')}) AS type, typeof(SUM(x)) AS plain FROM (VALUES (4503599627370497), (-2), (7)) t(x)`,
    );
    expect(rows[0]).toEqual({ total: 4503599627370502, type: 'BIGINT', plain: 'HUGEINT' });
    const running = await wh.query(
      `SELECT n, ${duckDb.sumInt('x', 'ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW')} AS so_far FROM (VALUES (1, 5), (2, -1), (3, 10)) t(n, x) ORDER BY n`,
    );
    expect(running.rows.map((r) => r.so_far)).toEqual([5, 4, 14]);
    await expect(wh.query(`SELECT ${duckDb.sumInt('x')} AS total FROM (VALUES (9223372036854775807), (1)) t(x)`)).rejects.toThrow(
      /out of range/i,
    );
  });
});

describe('how many boundaries are at or before a day (nested CASE comparisons; DuckDB: a list of the counts)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/conditional_expressions#case
  it('BigQuery text: a binary search of CASE comparisons', () => {
    expect(bigQuery.countAtOrBelow('day', [10, 20, 30])).toBe(
      'CASE WHEN 20 <= day THEN CASE WHEN 30 <= day THEN 3 ELSE 2 END ELSE CASE WHEN 10 <= day THEN 1 ELSE 0 END END',
    );
  });

  it(`DuckDB: the count for days before, between, on and after the values, as a list and (over ${COUNT_LIST_SPAN} days) as comparisons`, async () => {
    const lists = [[19327, 19358, 19389, 19722, 19723, 20088], [5, 5, 9], [100], [0, 1, 2, 3], [-40, 7, COUNT_LIST_SPAN + 30]];
    for (const sorted of lists) {
      const xs = [...new Set(sorted.flatMap((v) => [v - 1, v, v + 1]).concat([sorted[0] - 500, sorted[sorted.length - 1] + 500]))];
      const { rows } = await wh.query(
        `SELECT x, ${duckDb.countAtOrBelow('x + 0', sorted)} AS n FROM (VALUES ${xs.map((x) => `(${x})`).join(', ')}) t(x) ORDER BY x`,
      );
      expect(rows.map((r) => [Number(r.x), Number(r.n)])).toEqual(
        [...xs].sort((a, b) => a - b).map((x) => [x, sorted.filter((v) => v <= x).length]),
      );
    }
    expect(duckDb.countAtOrBelow('x', lists[0])).toContain('][');
    expect(duckDb.countAtOrBelow('x', lists[4])).not.toContain('][');
  });
});

describe('median per group (BigQuery navigation_functions: PERCENTILE_CONT is analytic only)', () => {
  it('BigQuery: PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY ...) with DISTINCT; DuckDB: median() per group', () => {
    expect(bigQuery.medianByGroup('gaps', 'cid', 'gap', 'm')).toBe(
      'SELECT DISTINCT cid, PERCENTILE_CONT(gap, 0.5) OVER (PARTITION BY cid) AS m FROM gaps',
    );
    expect(duckDb.medianByGroup('gaps', 'cid', 'gap', 'm')).toBe('SELECT cid, median(gap) AS m FROM gaps GROUP BY cid');
  });

  it('BigQuery: groups of two columns (the funnel: is_total, manager) partition by both', () => {
    expect(bigQuery.medianByGroup('funnel_days', 'is_total, manager', 'days', 'median_days')).toBe(
      'SELECT DISTINCT is_total, manager, PERCENTILE_CONT(days, 0.5) OVER (PARTITION BY is_total, manager) AS median_days FROM funnel_days',
    );
  });

  it('DuckDB: the core median (middle value, or the mean of the two middle ones) for any gaps', async () => {
    const groups = fc.sample(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 9 }), { numRuns: 60, seed: 7 });
    const values = groups.flatMap((g, i) => g.map((v) => `(${i}, ${v})`)).join(', ');
    const { rows } = await wh.query(`${duckDb.medianByGroup(`(VALUES ${values}) t(g, x)`, 'g', 'x', 'm')} ORDER BY g`);
    expect(rows.map((r) => r.m)).toEqual(groups.map((g) => median(g)));
  });
});

describe('nearest-rank percentile (BigQuery navigation_functions: PERCENTILE_DISC)', () => {
  it('BigQuery: PERCENTILE_DISC over the whole set, one row; DuckDB: quantile_disc', () => {
    expect(bigQuery.nearestRank('first_gaps', 'first_gap', 0.8, 'nearest')).toBe(
      'SELECT ANY_VALUE(nearest) AS nearest FROM (SELECT PERCENTILE_DISC(first_gap, 0.8) OVER () AS nearest FROM first_gaps)',
    );
    expect(duckDb.nearestRank('first_gaps', 'first_gap', 0.8, 'nearest')).toBe(
      "SELECT quantile_disc(first_gap, CAST('0.8' AS DOUBLE)) AS nearest FROM first_gaps",
    );
  });

  it('DuckDB: the core nearestRank (the smallest value with at least p of the values at or below it)', async () => {
    const sets = fc.sample(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 40 }), { numRuns: 80, seed: 11 });
    for (const p of [0.8, 0.5, 0.95]) {
      const got: unknown[] = [];
      for (const set of sets) {
        const { rows } = await wh.query(duckDb.nearestRank(`(VALUES ${set.map((v) => `(${v})`).join(', ')}) t(x)`, 'x', p, 'r'));
        got.push(rows[0].r);
      }
      expect(got).toEqual(
        sets.map((s) =>
          nearestRank(
            [...s].sort((a, b) => a - b),
            p,
          ),
        ),
      );
    }
    const { rows } = await wh.query(duckDb.nearestRank('(SELECT 1 AS x WHERE false) t', 'x', 0.8, 'r'));
    expect(rows).toEqual([{ r: null }]);
  });
});

describe('nearest-rank percentile per group (BigQuery navigation_functions: PERCENTILE_DISC OVER (PARTITION BY))', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_disc
  it('BigQuery: PERCENTILE_DISC partitioned by the group, DISTINCT; DuckDB: quantile_disc per group', () => {
    expect(bigQuery.nearestRankByGroup('mm_base_gaps', 'b', 'first_gap', 0.8, 'nearest')).toBe(
      'SELECT DISTINCT b, PERCENTILE_DISC(first_gap, 0.8) OVER (PARTITION BY b) AS nearest FROM mm_base_gaps',
    );
    expect(duckDb.nearestRankByGroup('mm_base_gaps', 'b', 'first_gap', 0.8, 'nearest')).toBe(
      "SELECT b, quantile_disc(first_gap, CAST('0.8' AS DOUBLE)) AS nearest FROM mm_base_gaps GROUP BY b",
    );
  });

  it('DuckDB: the core nearestRank of each group', async () => {
    const groups = fc.sample(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }), { numRuns: 40, seed: 13 });
    const values = groups.flatMap((g, i) => g.map((v) => `(${i}, ${v})`)).join(', ');
    const { rows } = await wh.query(`${duckDb.nearestRankByGroup(`(VALUES ${values}) t(g, x)`, 'g', 'x', 0.8, 'r')} ORDER BY g`);
    expect(rows.map((r) => r.r)).toEqual(
      groups.map((g) =>
        nearestRank(
          [...g].sort((a, b) => a - b),
          0.8,
        ),
      ),
    );
  });
});

describe('running median (BigQuery: ARRAY_AGG OVER a ROWS frame, then PERCENTILE_CONT over UNNEST; DuckDB: a list per short partition, median OVER a frame for long ones)', () => {
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#percentile_cont (no frame),
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#array_agg (as a window function),
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls (ROWS frames; LEAD in navigation_functions).
  it('BigQuery text: the values up to each row, their median in a correlated subquery, the next row by LEAD', () => {
    expect(bigQuery.runningMedian('gaps', 'cid', 'day', 'gap', 'median_gap', 'next_day')).toBe(
      [
        'SELECT cid, day, LEAD(day) OVER (PARTITION BY cid ORDER BY day) AS next_day,',
        '  (SELECT ANY_VALUE(m) FROM (SELECT PERCENTILE_CONT(v, 0.5) OVER () AS m FROM UNNEST(so_far) v)) AS median_gap',
        'FROM (SELECT *, ARRAY_AGG(gap) OVER (PARTITION BY cid ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS so_far FROM gaps) running',
      ].join('\n'),
    );
  });

  it(`DuckDB: the core median of the first n values and the next row, for every n of every group, up to ${RUNNING_MEDIAN_LIST_ROWS} rows and beyond`, async () => {
    // Short groups take the lists, the longer ones (up to 3 x the limit) the window; the rows come in no order.
    const short = fc.sample(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }), { numRuns: 40, seed: 17 });
    const long = fc.sample(
      fc.array(fc.integer({ min: 1, max: 400 }), { minLength: RUNNING_MEDIAN_LIST_ROWS, maxLength: 3 * RUNNING_MEDIAN_LIST_ROWS }),
      {
        numRuns: 4,
        seed: 5,
      },
    );
    // Exactly at the limit (lists) and one over it (the window).
    const edge = (n: number): number[] => Array.from({ length: n }, (_, i) => (i * 37) % 101);
    const groups = [...short, ...long, edge(RUNNING_MEDIAN_LIST_ROWS), edge(RUNNING_MEDIAN_LIST_ROWS + 1)];
    const values = groups
      .flatMap((g, i) => g.map((v, j) => `(${i}, ${j * 3}, ${v})`))
      .reverse()
      .join(', ');
    const { rows } = await wh.query(`${duckDb.runningMedian(`(VALUES ${values}) t(g, n, x)`, 'g', 'n', 'x', 'm', 'next_n')} ORDER BY g, n`);
    expect(rows.map((r) => [r.g, r.n, r.next_n, r.m])).toEqual(
      groups.flatMap((g, i) => g.map((_, j) => [i, j * 3, j + 1 < g.length ? (j + 1) * 3 : null, median(g.slice(0, j + 1))])),
    );
    expect(groups.filter((g) => g.length > RUNNING_MEDIAN_LIST_ROWS).length).toBeGreaterThan(1);
  });
});

describe('a CTE read again where named (BigQuery query-syntax: WITH clause, non-recursive CTEs are not materialized; DuckDB query_syntax/with: NOT MATERIALIZED)', () => {
  const ctes = [
    { name: 'order_source', sql: 'SELECT * FROM t', inline: true },
    { name: 'groups', sql: 'SELECT 1 AS g' },
  ];
  it('BigQuery: plain AS for both; DuckDB: NOT MATERIALIZED only for the orders', () => {
    expect(withCtes(bigQuery, ctes, 'SELECT 1')).toBe(
      'WITH\norder_source AS (\n  SELECT * FROM t\n),\ngroups AS (\n  SELECT 1 AS g\n)\nSELECT 1',
    );
    expect(withCtes(duckDb, ctes, 'SELECT 1')).toBe(
      'WITH\norder_source AS NOT MATERIALIZED (\n  SELECT * FROM t\n),\ngroups AS (\n  SELECT 1 AS g\n)\nSELECT 1',
    );
  });

  it('DuckDB: named twice, read twice, the same rows each time', async () => {
    await wh.loadRows('cte_rows', [{ name: 'v', type: 'BIGINT' }], [[1], [2], [3]]);
    const sql = withCtes(
      duckDb,
      [{ name: 'order_source', sql: 'SELECT * FROM cte_rows', inline: true }],
      'SELECT (SELECT COUNT(*) FROM order_source) AS n, (SELECT SUM(v) FROM order_source WHERE v > 1) AS s',
    );
    const { rows } = await wh.query(sql);
    expect(rows[0]).toEqual({ n: 3, s: 5 });
  });
});

describe('casts (BigQuery conversion_functions: CAST; type names INT64, FLOAT64, NUMERIC, STRING)', () => {
  it('the type names of each dialect', () => {
    expect(cast('x', bigQuery.int64)).toBe('CAST(x AS INT64)');
    expect([bigQuery.float64, bigQuery.exactInt, bigQuery.string]).toEqual(['FLOAT64', 'NUMERIC', 'STRING']);
    expect([duckDb.int64, duckDb.float64, duckDb.exactInt, duckDb.string]).toEqual(['BIGINT', 'DOUBLE', 'HUGEINT', 'VARCHAR']);
  });
});
