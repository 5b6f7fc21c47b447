// The warehouse edition equals the in-sheet add-on: every figure of every phase-1
// warehouse report (source counts, the per-customer summary, the lifecycle matrix and
// repeat share, the nine segment lists, ABC/XYZ classes and counts on both XYZ bases,
// lost customers, the lost ratio per manager, period churn), computed by the DuckDB
// rendering of src/sql from the same rows, equals the in-sheet core's: counts, days,
// classes and money exactly, shares and CVs to 1e-12. One describe per data set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ABC_XYZ, type AbcXyzOptions } from '../src/core/abcXyz';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { DEFAULT_CHURN, DEFAULT_LOST } from '../src/core/churn';
import { detectColumns, type OrderField } from '../src/core/columns';
import { DEFAULT_BANDS, SEGMENT_KEYS } from '../src/core/lifecycle';
import { buildSummary } from '../src/core/summary';
import { type LocaleRules, localeRules, parseAmount, parseDay } from '../src/core/values';
import { buildSegmentList } from '../src/reports/segmentList';
import { type ReportContext } from '../src/reports/context';
import { duckDb } from '../src/sql/dialect';
import { type WarehouseParams, warehousePlan } from '../src/sql/reports';
import { readCustomers } from '../src/sql/results';
import { type OrderColumns, type WarehouseSource, columnsFromSchema } from '../src/sql/source';
import { LocalWarehouse, type LocalColumn } from '../local/warehouse';
import { compareOnRows, readSheetRows, type RowColumns } from '../local/warehouseCheck';
import { outward } from '../local/model';
import { readWorkbook } from '../local/workbook';
import { generateOrders } from '../bench/generateOrders';
import { mulberry32 } from './support/simulateCustomers';
import { SAMPLE_ORDERS } from './support/runtime';
import { cdnowPath } from './support/cdnow';
import { readFileSync } from 'node:fs';

let wh: LocalWarehouse;
beforeAll(async () => {
  wh = await LocalWarehouse.open({ threads: 2 });
});
afterAll(() => wh.close());

const REVENUE: AbcXyzOptions = { ...DEFAULT_ABC_XYZ, basis: 'revenue' };
const REVENUE_QUARTERS: AbcXyzOptions = { ...DEFAULT_ABC_XYZ, basis: 'revenue', period: 'quarter', xyzBounds: [0.5, 1] };

function paramsAt(asOf: number, abcXyz: AbcXyzOptions = DEFAULT_ABC_XYZ): WarehouseParams {
  return { asOf, bands: DEFAULT_BANDS, abcXyz, churn: DEFAULT_CHURN, lost: DEFAULT_LOST, lostPeriod: { from: asOf - 365, to: asOf } };
}

/** The warehouse table's column for each field of the sheet, and its type. */
const TYPES: Partial<Record<OrderField, LocalColumn['type']>> = {
  customer: 'VARCHAR',
  orderId: 'VARCHAR',
  manager: 'VARCHAR',
  email: 'VARCHAR',
  phone: 'VARCHAR',
  amount: 'DOUBLE',
  profit: 'DOUBLE',
  margin: 'DOUBLE',
};

/**
 * Sheet rows as a typed warehouse table: what an export of the same tab to BigQuery
 * holds. Date cells stay instants (TIMESTAMPTZ); a text date becomes the midnight of
 * its day in the zone; amounts typed as text become numbers; what the sheet cannot read
 * is NULL there.
 */
async function loadSheetRows(
  table: string,
  rows: readonly (readonly unknown[])[],
  columns: RowColumns,
  timeZone: string,
  rules: LocaleRules,
  idKind: 'string' | 'integer' = 'string',
): Promise<WarehouseSource> {
  const calendar = calendarFor(timeZone);
  const fields = Object.entries(columns) as [OrderField, number][];
  const local: LocalColumn[] = fields.map(([field]) => ({
    name: field,
    type: field === 'date' ? 'TIMESTAMPTZ' : field === 'orderId' && idKind === 'integer' ? 'BIGINT' : (TYPES[field] as LocalColumn['type']),
  }));
  const typed = rows.map((row) =>
    fields.map(([field, c]) => {
      const v = row[c];
      if (v === '' || v === null || v === undefined) return null;
      if (field === 'date') {
        if (v instanceof Date) return v;
        const day = parseDay(v, calendar, rules);
        return Number.isNaN(day) ? null : calendar.dateOf(day);
      }
      if (field === 'amount' || field === 'profit' || field === 'margin') {
        const n = parseAmount(v, rules);
        return Number.isNaN(n) ? null : n;
      }
      if (field === 'orderId' && idKind === 'integer') return v;
      return typeof v === 'string' ? v : String(v);
    }),
  );
  await wh.loadRows(table, local, typed);
  const columnsOf: OrderColumns = columnsFromSchema(
    local.map((c) => ({ name: c.name, type: c.type })),
    Object.fromEntries(fields.map(([field]) => [field, field])),
    'duckdb',
  );
  return { from: { table }, columns: columnsOf, timeZone };
}

async function expectEqual(
  rows: readonly (readonly unknown[])[],
  columns: RowColumns,
  source: WarehouseSource,
  params: WarehouseParams,
  staged = true,
): Promise<void> {
  const r = await compareOnRows(wh, rows, columns, source, params, { staged });
  expect(r.differences).toEqual([]);
  // Not an empty comparison: the sheet has customers and the warehouse found them.
  expect(r.sheet.customers.size).toBeGreaterThan(0);
}

const UTC = 'Etc/UTC';
const EN = localeRules('en_US');
const ASOF = daysFromCivil(2024, 7, 1);
const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const ago = (days: number, asOf = ASOF): string => iso(asOf - days);

/** [date, customer, amount, orderId, manager, profit] rows of the boundary cases of test/core.test.ts and docs/definitions.md. */
type Row = readonly unknown[];
const ALL: RowColumns = { date: 0, customer: 1, amount: 2, orderId: 3, manager: 4 };

const BOUNDARY_CASES: { name: string; rows: Row[]; asOf?: number; columns?: RowColumns }[] = [
  {
    name: 'unreadable, blank and on-or-after-as-of rows',
    rows: [
      ['2024-03-05', 'Acme', 100],
      ['32.13.2024', 'Acme', 100],
      ['', '', ''],
      ['2024-03-06', 'Beta', 'abc'],
      ['2024-03-07', '', 50],
      [ago(0), 'Acme', 10],
      [ago(-5), 'Beta', 10],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'order ids: lines of one order, two orders on one day, returns of an order and on their own',
    rows: [
      ['2024-03-05', 'Acme', 100, 'A1'],
      ['2024-03-05', 'Acme', 50, 'A1'],
      ['2024-03-05', 'Acme', 20, 'A2'],
      ['2024-03-10', 'Acme', -30, 'A1'],
      ['2024-03-12', 'Acme', -20, 'R9'],
      ['2024-04-01', 'Acme', 30, 'A3'],
      ['2024-04-01', 'Beta', -40, 'B1'],
      ['2024-04-03', 'Gamma', -10, 'G1'],
      ['2024-04-05', 'Gamma', 15, 'G1'],
      ['2024-04-05', 'Gamma', 0, 'G2'],
    ],
    columns: { date: 0, customer: 1, amount: 2, orderId: 3 },
  },
  {
    name: 'definitions section 2: Anna with returns, Bob only returns (with and without ids)',
    asOf: daysFromCivil(2024, 5, 1),
    rows: [
      ['2024-03-01', 'Anna', 100, 'A-1001'],
      ['2024-03-01', 'Anna', 50, 'A-1001'],
      ['2024-03-01', 'Anna', 80, 'A-1002'],
      ['2024-03-10', 'Anna', -30, 'A-1001'],
      ['2024-03-15', 'Anna', -20, 'R-7'],
      ['2024-04-02', 'Anna', 0, 'A-1003'],
      ['2024-03-05', 'Bob', -40, 'R-8'],
    ],
    columns: { date: 0, customer: 1, amount: 2, orderId: 3 },
  },
  {
    name: 'definitions section 2 without the id column: customer-days, returns on days of their own',
    asOf: daysFromCivil(2024, 5, 1),
    rows: [
      ['2024-03-01', 'Anna', 100],
      ['2024-03-01', 'Anna', 50],
      ['2024-03-01', 'Anna', 80],
      ['2024-03-10', 'Anna', -30],
      ['2024-03-15', 'Anna', -20],
      ['2024-04-02', 'Anna', 0],
      ['2024-03-05', 'Bob', -40],
      ['2024-03-09', 'Eva', 100],
      ['2024-02-01', 'Eva', -10],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'customers matched trimmed and case-folded, shown as on their earliest row (ties A-Z)',
    rows: [
      ['2024-03-10', ' ACME ', 10],
      ['2024-03-05', 'Acme', 100],
      ['2024-03-05', 'acme', 5],
      ['2024-03-20', 'acme', 1],
      ['2024-03-20', 'Ivan  Petrov', 1],
      ['2024-03-21', 'ivan\u00a0petrov', 1],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'several orders on the first day: ids that spell numbers by value (9 before 10), then the others as text',
    rows: [
      ['2024-03-01', 'nine', 50, '10', ''],
      ['2024-03-01', 'nine', 5, '9', ''],
      ['2024-04-01', 'nine', 5, '11', ''],
      ['2024-03-01', 'text', 70, 'A-2', ''],
      ['2024-03-01', 'text', 7, '1.50', ''],
      ['2024-03-01', 'text', 3, '0.25', ''],
      ['2024-05-01', 'text', 7, 'A-3', ''],
      ['2024-03-01', 'zeros', 8, '007', ''],
      ['2024-03-01', 'zeros', 80, '8', ''],
      ['2024-03-01', 'zeros', 9, '-0', ''],
      ['2024-05-01', 'zeros', 8, '12', ''],
      ['2024-03-01', 'big', 1, '9007199254740993', ''],
      ['2024-03-01', 'big', 2, '9007199254740991', ''],
      ['2024-05-01', 'big', 2, '1e3', ''],
    ],
  },
  {
    name: 'invisible characters, a tab and the decomposed form make no new customer, manager or contact',
    rows: [
      // A zero-width space pasted from a web page, a soft hyphen, a BOM, a tab between words.
      ['2024-03-01', 'Cust00\u200b', 10, '', 'Kate\u00ad', 'a@x.example\u200b', '+1 555\u200b'],
      ['2024-03-02', 'cust00', 20, '', 'Kate', 'a@x.example', ''],
      ['2024-03-03', '\ufeffOlga\tIvanova', 30, '', '\u200eOleg', '', ''],
      ['2024-04-03', 'olga ivanova', 30, '', 'Oleg', '', '+1 555 0100\u2060'],
      // й (й) typed as и + combining breve; NFC makes it one customer.
      ['2024-03-04', '\u0418\u0306\u043e\u0441\u0438\u0444', 5, '', 'Kate', '', ''],
      ['2024-05-04', '\u0419\u043e\u0441\u0438\u0444', 5, '', 'Kate\u200b', 'j@x.example', ''],
      // Only invisible characters: as blank as an empty cell.
      ['2024-03-05', '\u200b\u200c', 7, '', 'Kate', '', ''],
    ],
    columns: { date: 0, customer: 1, amount: 2, orderId: 3, manager: 4, email: 5, phone: 6 },
  },
  {
    name: 'definitions section 3: segments, repeat share (Anna, Bob, Carl) and every band edge',
    asOf: daysFromCivil(2024, 12, 31),
    rows: [
      ['2024-01-05', 'Anna', 100],
      ['2024-02-01', 'Bob', 50],
      ['2024-03-01', 'anna', 1234.5],
      ['2024-06-01', 'Carl', 70],
      ['2024-09-01', 'Anna', 10],
      ['2024-12-01', 'Anna', 20],
      ['2024-12-05', 'Bob', 30],
      ...[60, 61, 180, 181].map((d) => [ago(d, daysFromCivil(2024, 12, 31)), `edge ${d}`, 10]),
      ...[1, 2, 3, 4].flatMap((n) => Array.from({ length: n }, (_, k) => [ago(10 + 20 * k, daysFromCivil(2024, 12, 31)), `count ${n}`, 5])),
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'money to the cent: 1.20, 0.10 + 0.20 and 0.30; 180.80 in five rows and in three',
    rows: [
      ['2024-01-01', 'a', 1.2],
      ['2024-01-01', 'b', 0.1],
      ['2024-01-02', 'b', 0.2],
      ['2024-01-01', 'c', 0.3],
      ...[1, 2, 3, 4, 5].map((d) => [`2024-01-0${d}`, 'e five', 36.16]),
      ['2024-01-01', 'd three', 60.1],
      ['2024-01-02', 'd three', 60.1],
      ['2024-01-03', 'd three', 60.6],
      ['2024-01-04', 'f', 0],
      ['2024-01-05', 'g', -5],
      ['2024-01-06', 'g', 2],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'XYZ gaps: 61/59/62/60 (X), 90/90/360 (Y), 90/90/90/200 (X), two orders on one day (no gap)',
    rows: [
      ...[0, 61, 120, 182, 242].map((d) => [iso(ASOF - 400 + d), 'clockwork', 10, '']),
      ...[0, 90, 180, 540].map((d) => [iso(ASOF - 600 + d), 'irregular', 10, '']),
      ...[0, 90, 180, 270, 470].map((d) => [iso(ASOF - 600 + d), 'mostly', 10, '']),
      [ago(50), 'same day', 1, 'A'],
      [ago(50), 'same day', 1, 'B'],
      [ago(20), 'same day', 1, 'C'],
    ],
    columns: { date: 0, customer: 1, amount: 2, orderId: 3 },
  },
  {
    // Their squares leave 32 bits: DuckDB keeps days in them, and squares a gap as a 64-bit number.
    name: 'XYZ gaps of 134 and 133 years',
    rows: [
      ['1890-01-01', 'a lifetime apart', 5],
      ['2024-01-01', 'a lifetime apart', 5],
      ['2157-01-01', 'a lifetime apart', 5],
      ['2157-06-01', 'a neighbour', 5],
    ],
    asOf: daysFromCivil(2158, 1, 1),
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'XYZ by revenue: Jan 100, Mar 200 as of 10 April; one purchase; a mean that is not positive',
    asOf: daysFromCivil(2024, 4, 10),
    rows: [
      ['2024-01-15', 'p', 100],
      ['2024-03-15', 'p', 200],
      ['2024-02-01', 'once', 50],
      ['2024-01-02', 'down', 10],
      ['2024-01-20', 'down', 0],
      ['2024-03-01', 'down', -40],
      ['2024-04-02', 'last month', 5],
      ['2024-04-03', 'last month', 5],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'period churn: the base window, P and customers new in P, at their first and last days',
    rows: [
      [ago(200), 'u', 10],
      [ago(30), 'u', 10],
      [ago(100), 'v', 10],
      [ago(10), 'w', 10],
      [ago(300), 'x', 10],
      [ago(200), 'y', 10],
      [ago(150), 'y', 10],
      [ago(270), 'z', 10],
      [ago(91), 'q', 10],
      [ago(90), 'q', 10],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: "lost customers: 120 and 121 days at a 90-day rhythm, yearly values, the base's interval from ten repeat buyers",
    rows: [
      [ago(300), 'c120', 10],
      [ago(210), 'c120', 10],
      [ago(120), 'c120', 10],
      [ago(301), 'c121', 10],
      [ago(211), 'c121', 10],
      [ago(121), 'c121', 10],
      [ago(700), 'p', 100000],
      [ago(610), 'p', 100000],
      [ago(520), 'p', 150000],
      [ago(1000), 'r', 100],
      [ago(270), 'r', 100],
      [ago(10), 'r', 100],
      ...Array.from({ length: 10 }, (_, k) => [
        [ago(400), `r${k}`, 1],
        [ago(400 - 10 * (k + 1)), `r${k}`, 1],
      ]).flat(),
      [ago(106), 'once 106', 1],
      [ago(107), 'once 107', 1],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'fewer than ten second purchases: the 90-day fallback',
    rows: [
      ...Array.from({ length: 9 }, (_, k) => [
        [ago(400), `r${k}`, 1],
        [ago(400 - 10 * (k + 1)), `r${k}`, 1],
      ]).flat(),
      [ago(100), 'once', 1],
    ],
    columns: { date: 0, customer: 1, amount: 2 },
  },
  {
    name: 'definitions section 7: the lost ratio with won back, per manager of the latest row (Ann, Ben, Cid, Dee, Eve)',
    asOf: daysFromCivil(2025, 1, 1),
    rows: [
      ...['2023-10-01', '2023-11-01', '2023-12-01', '2024-03-01', '2024-11-15'].map((d) => [d, 'Ann', 100, '', 'Kate']),
      ...['2023-10-01', '2023-11-01', '2023-12-01', '2024-01-20'].map((d) => [d, 'Ben', 100, '', 'Kate']),
      ...['2023-03-01', '2023-04-01', '2023-05-01', '2024-09-01'].map((d) => [d, 'Cid', 100, '', 'Oleg']),
      ['2023-12-15', 'Dee', 250, '', 'Oleg'],
      ['2024-05-01', 'Eve', 80, '', 'Oleg'],
      // Handed over: Olga's before March, Ivan's after; two managers on one day: A-Z.
      ['2023-06-01', 'Fay', 10, '', 'Olga'],
      ['2023-07-01', 'Fay', 10, '', 'Olga'],
      ['2024-03-01', 'Fay', 10, '', 'Ivan'],
      ['2024-03-01', 'Fay', 10, '', 'Anton'],
      ['2023-05-01', 'Gus', 10, '', ''],
    ],
    columns: ALL,
  },
  {
    name: 'profit and margin columns: profit summed in cents, margins above 1 read as percents',
    rows: [
      ['2024-01-01', 'a', 100, '', '', 25],
      ['2024-02-01', 'a', 200, '', '', 0.1],
      ['2024-02-01', 'b', 33.33, '', '', ''],
      ['2024-03-01', 'b', 10, '', '', -50],
    ],
    columns: { date: 0, customer: 1, amount: 2, margin: 5 },
  },
];

describe('boundary cases of the in-sheet tests and docs/definitions.md: every figure equal', () => {
  it.each(BOUNDARY_CASES)('$name', async ({ rows, asOf, columns }) => {
    const at = asOf ?? ASOF;
    const cols = columns ?? ALL;
    const source = await loadSheetRows('boundary', rows, cols, UTC, EN);
    // The staged plan (temporary tables) and the self-contained queries, on both XYZ bases.
    await expectEqual(rows, cols, source, paramsAt(at), true);
    await expectEqual(rows, cols, source, paramsAt(at, REVENUE), false);
    await expectEqual(rows, cols, source, paramsAt(at, REVENUE_QUARTERS), true);
    // A lost ratio period that ends before the as-of date has a summary of its own at its end.
    await expectEqual(rows, cols, source, { ...paramsAt(at), lostPeriod: { from: at - 300, to: at - 40 } }, true);
  });

  it('the comparison sees a difference: one cent more in the warehouse is a different revenue', async () => {
    const rows: Row[] = [
      ['2024-01-01', 'a', 1.2],
      ['2024-02-01', 'b', 0.3],
    ];
    const cols = { date: 0, customer: 1, amount: 2 };
    const source = await loadSheetRows('boundary', rows, cols, UTC, EN);
    await wh.run(`UPDATE boundary SET amount = 0.31 WHERE customer = 'b'`);
    const r = await compareOnRows(wh, rows, cols, source, paramsAt(ASOF));
    expect(r.differences).toContain('customer b revenue: sheet 0.3, warehouse 0.31');
    // ... and a different line of the Key customers sheet (b's revenue in the last year).
    expect(r.differences.filter((d) => d.startsWith('Key customers: rows'))).toHaveLength(1);
  });
});

/** The funnel's edges: 31 January + 1 month is 29 February 2024; two orders on one day are two purchases. */
const FUNNEL_ROWS: Row[] = [
  ['2024-01-31', 'A', 10, '1', 'Kate'],
  ['2024-02-29', 'A', 10, '2', 'Kate'],
  ['2024-05-05', 'A', 10, '3', 'Kate'],
  ['2024-01-31', 'B', 10, '4', 'Kate'],
  ['2024-03-01', 'B', 10, '5', 'Kate'],
  ['2024-01-15', 'C', 10, '6', 'Oleg'],
  ['2024-01-15', 'C', 10, '7', 'Oleg'],
  ['2024-01-10', 'D', 10, '8', ''],
  ['2022-03-01', 'E', 10, '9', ''],
  ['2022-06-01', 'E', 10, '10', ''],
];

describe('the repeat-purchase funnel (src/core/repeatFunnel.ts): cohorts, months later cut to the month end, conversions per manager', () => {
  it('hand-counted figures from the warehouse, equal to the sheet', async () => {
    const source = await loadSheetRows('funnel', FUNNEL_ROWS, ALL, UTC, EN);
    const r = await compareOnRows(wh, FUNNEL_ROWS, ALL, source, paramsAt(ASOF));
    expect(r.differences).toEqual([]);
    const f = r.warehouse.funnel;
    // 24 cohorts, July 2022 .. June 2024: E's cohort (March 2022) is older than the ones shown.
    expect(f.cohorts).toHaveLength(24);
    expect(f.cohorts[0].month).toBe(2022 * 12 + 6);
    expect(f.cohorts.reduce((a, c) => a + c.customers, 0)).toBe(4);
    const january = f.cohorts.find((c) => c.month === 2024 * 12)!;
    expect(january.customers).toBe(4);
    expect(january.repeated).toBe(3);
    // A (29 Feb) and C (same day) within a month; B's 1 March is past 29 February; D never came back.
    expect(january.within).toEqual([2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    // Column n is known once the month n + 1 after January has begun: up to n = 5 as of 1 July.
    expect(january.share).toEqual([0.5, 0.75, 0.75, 0.75, 0.75, null, null, null, null, null, null, null]);
    expect(f.total.atLeast).toEqual([5, 4, 1, 0]);
    expect(f.total.rates).toEqual([4 / 5, 1 / 4, 0]);
    // Days to a second purchase: 0 (C), 29 (A), 30 (B), 92 (E).
    expect(f.total.medianDaysToSecond).toBe(29.5);
    expect(f.managers.map((m) => [m.manager, m.atLeast, m.medianDaysToSecond])).toEqual([
      ['Kate', [2, 2, 1, 0], 29.5],
      ['Oleg', [1, 1, 0, 0], 0],
      ['', [2, 1, 0, 0], 92],
    ]);
  });

  it('the comparison sees a funnel difference: a second purchase a day later leaves the first month', async () => {
    const source = await loadSheetRows('funnel', FUNNEL_ROWS, ALL, UTC, EN);
    await wh.run(`UPDATE funnel SET date = date + INTERVAL 1 DAY WHERE orderId = '2'`);
    const r = await compareOnRows(wh, FUNNEL_ROWS, ALL, source, paramsAt(ASOF));
    expect(r.differences).toContain(`funnel cohort ${2024 * 12} within 1: sheet 2, warehouse 1`);
  });
});

/** A manager handed over (B: Oleg, then Kate), a customer lost and won back, a return before a first purchase. */
const MANAGER_ROWS: Row[] = [
  ['2024-05-10', 'A', 100, '1', 'Kate'],
  ['2024-06-05', 'A', 50, '2', 'Kate'],
  ['2023-06-10', 'B', 200, '3', 'Oleg'],
  ['2024-06-20', 'B', 30, '4', 'Kate'],
  ['2023-07-15', 'C', 10, '5', 'Oleg'],
  ['2024-06-01', 'D', -5, '6', ''],
  ['2024-06-02', 'D', 20, '7', ''],
];

describe('the Managers sheet (src/core/managerMonths.ts): per manager per month, the manager at the period end', () => {
  it('hand-counted figures of June 2024 and the 12 months from the warehouse, equal to the sheet', async () => {
    const source = await loadSheetRows('managers', MANAGER_ROWS, ALL, UTC, EN);
    const r = await compareOnRows(wh, MANAGER_ROWS, ALL, source, paramsAt(ASOF));
    expect(r.differences).toEqual([]);
    const m = r.warehouse.managers;
    // Most revenue in the 12 full months first (Oleg: B's 200 of June 2023 and C's 10), no manager last.
    expect(m.managers).toEqual(['Oleg', 'Kate', '']);
    expect(m.months[12]).toBe(2024 * 12 + 5);
    expect(m.currentPartial).toBe(false);
    const june = m.figures[12].map((f) => [
      f.revenue,
      f.repeatRevenue,
      f.purchases,
      f.customers,
      f.newCustomers,
      f.active,
      f.atStart,
      f.lost,
      f.wonBack,
    ]);
    expect(june).toEqual([
      [0, 0, 0, 0, 0, 0, 0, 0, 0], // Oleg: C was lost long before June and did not come back
      [80, 80, 2, 2, 0, 2, 1, 0, 1], // Kate: A's and B's second purchases; A at the start, B won back
      [15, 0, 1, 1, 1, 1, 0, 0, 0], // none: D's return (-5) before D's first purchase (20)
      [95, 80, 3, 3, 1, 3, 1, 0, 1],
    ]);
    expect(m.twelveMonths.map((f) => [f.revenue, f.newCustomers])).toEqual([
      [210, 2],
      [100, 1],
      [0, 0],
      [310, 3],
    ]);
    // Six purchases in the shown months (June 2023 .. June 2024), weeks from Monday 29 May 2023.
    expect(m.weeks[0].start).toBe(daysFromCivil(2023, 5, 29));
    expect(m.weeks.reduce((a, w) => a + w.purchases[3], 0)).toBe(6);
  });

  it("the comparison sees a Managers difference: another manager on B's last row moves June's revenue", async () => {
    const source = await loadSheetRows('managers', MANAGER_ROWS, ALL, UTC, EN);
    await wh.run(`UPDATE managers SET manager = 'Oleg' WHERE orderId = '4'`);
    const r = await compareOnRows(wh, MANAGER_ROWS, ALL, source, paramsAt(ASOF));
    expect(r.differences).toContain(`Managers: month ${2024 * 12 + 5} Kate revenue: sheet 80, warehouse 50`);
  });
});

describe('the bundled sample (examples/sample-orders.xlsx): every figure equal, and the same segment list sheet', () => {
  it('as of the day after its last order and as of 1 January 2026, in its own zone', async () => {
    const timeZone = 'Europe/London';
    const book = await readWorkbook(SAMPLE_ORDERS, { locale: 'en_US', timeZone });
    const sheet = book.sheets.find((s) => s.name === 'Orders');
    if (!sheet) throw new Error('no Orders sheet in the sample');
    // Rows are sparse (the blank rows are holes): every row and cell read as Sheets hands them over.
    let width = 0;
    for (let r = 0; r < sheet.cells.length; r++) width = Math.max(width, sheet.cells[r]?.length ?? 0);
    const values = Array.from({ length: sheet.cells.length }, (_, r) =>
      Array.from({ length: width }, (_, c) => {
        const cell = sheet.cells[r]?.[c];
        return cell ? outward(cell.v, timeZone) : '';
      }),
    );
    const [header, ...rows] = values;
    const columns = detectColumns(header) as RowColumns;
    expect(Object.keys(columns).sort()).toEqual(['amount', 'customer', 'date', 'email', 'manager', 'orderId', 'phone']);
    const source = await loadSheetRows('sample', rows, columns, timeZone, EN);
    const { report, orders } = readSheetRows(rows, columns, { timeZone, asOf: 0 });
    expect(report.unreadableRows).toBe(2);
    for (const asOf of [report.lastDay + 1, daysFromCivil(2026, 1, 1)]) {
      await expectEqual(rows, columns, source, paramsAt(asOf));
      await expectEqual(rows, columns, source, paramsAt(asOf, REVENUE));
    }

    // The seam: the warehouse's list rows, as a summary, make the same sheet with the same builder.
    const asOf = report.lastDay + 1;
    const plan = warehousePlan(duckDb, source, paramsAt(asOf));
    const calendar = calendarFor(timeZone);
    const inSheet = buildSummary(orders, { asOf });
    for (const key of ['regular_active', 'new_lapsed']) {
      const listRows = (await wh.query(plan.queries.segmentList(SEGMENT_KEYS.indexOf(key)))).rows;
      const ctx = (summary: typeof inSheet): ReportContext => ({
        lang: 'ru',
        locale: 'ru_RU',
        currency: null,
        orders,
        summary,
        asOf,
        dateOf: (day) => calendar.dateOf(day),
        params: {
          bands: DEFAULT_BANDS,
          abcXyz: DEFAULT_ABC_XYZ,
          comparison: { period1: { from: asOf - 730, to: asOf - 365 }, period2: { from: asOf - 365, to: asOf } },
          lost: DEFAULT_LOST,
          lostPeriod: { from: asOf - 365, to: asOf },
          actions: {},
        },
        source: { sheetName: 'Orders', rows: report.readRows, unreadableRows: report.unreadableRows },
      });
      const fromSheet = buildSegmentList(ctx(inSheet), key);
      const fromWarehouse = buildSegmentList(ctx(readCustomers(listRows, asOf)), key);
      expect(listRows.length).toBeGreaterThan(0);
      expect(JSON.stringify(fromWarehouse)).toBe(JSON.stringify(fromSheet));
    }
  });
});

describe('CDNOW (test/data/cdnow): every figure equal, customer-days as purchases', () => {
  it('as of 1997-10-01 and 1998-07-01', async () => {
    // master_id sample_id date cds dollars
    const rows = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [, id, date, , amount] = line.trim().split(/\s+/);
        return [`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`, id, Number(amount)];
      });
    expect(rows.length).toBe(6919);
    const columns = { date: 0, customer: 1, amount: 2 };
    const source = await loadSheetRows('cdnow', rows, columns, UTC, EN);
    for (const asOf of [daysFromCivil(1997, 10, 1), daysFromCivil(1998, 7, 1)]) {
      await expectEqual(rows, columns, source, paramsAt(asOf));
      await expectEqual(rows, columns, source, paramsAt(asOf, REVENUE_QUARTERS));
    }
  });
});

describe('generated orders (bench/generateOrders.ts, 20,000 rows) at any hour, across daylight saving changes: every figure equal', () => {
  it.each(['Europe/Kyiv', 'America/New_York', 'Etc/UTC'])('in %s', async (timeZone) => {
    const g = generateOrders(20_000, { timeZone, seed: 16 });
    // Orders at any moment of their day, not at midnight: 00:30 and 23:30 on the days the clocks move decide the day.
    const calendar = calendarFor(timeZone);
    const random = mulberry32(5);
    const rows = g.rows.map((row) => {
      const start = row[0] as Date;
      const day = calendar.dayOf(start);
      const end = calendar.dateOf(day + 1).getTime();
      return [new Date(start.getTime() + Math.floor(random() * (end - start.getTime()))), ...row.slice(1)];
    });
    const columns = { date: 0, orderId: 1, customer: 2, amount: 3, manager: 4 };
    const source = await loadSheetRows('generated', rows, columns, timeZone, EN, 'integer');
    await expectEqual(rows, columns, source, paramsAt(g.asOfDay));
    await expectEqual(rows, columns, source, paramsAt(g.asOfDay - 200, REVENUE));
    await expectEqual(rows, columns, source, { ...paramsAt(g.asOfDay), lostPeriod: { from: g.asOfDay - 500, to: g.asOfDay - 100 } });
  });
});
