// Key customers from the warehouse (src/sql/keyCustomers.ts, DuckDB rendering) equal the
// in-sheet core's (src/core/keyCustomers.ts, docs/definitions.md: key customers) on the same
// rows: who is in each year's top and in which place, revenue in each year to the cent and
// its change, purchases in the last year, entered / kept / left, the last purchase and
// manager shown, how many customers make 80% of the year's revenue, and P(alive) from the
// model fitted on every customer's history (equal to the bit: fitted on the same histories
// in the same order). One describe per rule or data set.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { type OrderField } from '../src/core/columns';
import { type KeyCustomer, keyCustomers } from '../src/core/keyCustomers';
import { customerHistories } from '../src/core/predictive/index';
import { buildSummary } from '../src/core/summary';
import { aliveModel } from '../src/reports/keyCustomers';
import { bigQuery, duckDb } from '../src/sql/dialect';
import { readKeyCustomers, readKeyHistories } from '../src/sql/keyCustomers';
import { warehouseQueries } from '../src/sql/reports';
import { benchParams } from '../bench/warehouse';
import { columnsFromSchema, type WarehouseSource } from '../src/sql/source';
import { LocalWarehouse, type LocalColumn } from '../local/warehouse';
import { type KeyPeopleShown, keyLine, readSheetRows, type RowColumns } from '../local/warehouseCheck';
import { generateOrders } from '../bench/generateOrders';
import { cdnowPath } from './support/cdnow';

let wh: LocalWarehouse;
beforeAll(async () => {
  wh = await LocalWarehouse.open({ threads: 2 });
});
afterAll(() => wh.close());

type Row = readonly unknown[];
const TYPES: Record<string, LocalColumn['type']> = {
  date: 'TIMESTAMPTZ',
  customer: 'VARCHAR',
  amount: 'DOUBLE',
  orderId: 'VARCHAR',
  manager: 'VARCHAR',
};

/** Rows of Date, customer, amount and optionally order id and manager as a warehouse table of the same columns. */
async function load(
  table: string,
  rows: readonly Row[],
  columns: RowColumns,
  timeZone: string,
  integerIds = false,
): Promise<WarehouseSource> {
  const fields = Object.entries(columns) as [OrderField, number][];
  const local: LocalColumn[] = fields.map(([f]) => ({ name: f, type: f === 'orderId' && integerIds ? 'BIGINT' : TYPES[f] }));
  await wh.loadRows(
    table,
    local,
    rows.map((r) => fields.map(([f, c]) => (r[c] === '' ? null : f === 'orderId' && !integerIds ? String(r[c]) : r[c]))),
  );
  const mapped = columnsFromSchema(local, Object.fromEntries(fields.map(([f]) => [f, f])), 'duckdb');
  return { from: { table }, columns: mapped, timeZone };
}

/** What a line of the sheet shows of a key customer, with P(alive) where the model was fitted. */
function line(c: KeyCustomer, people: KeyPeopleShown, alive: number | null) {
  return { ...keyLine(c, people), alive };
}

/** Both sides' figures, as the sheet shows them. */
async function both(rows: readonly Row[], columns: RowColumns, source: WarehouseSource, asOf: number, top: number) {
  const { orders } = readSheetRows(rows, columns, { timeZone: source.timeZone, asOf });
  const summary = buildSummary(orders, { asOf });
  const sheetKey = keyCustomers(orders, summary, top);
  const histories = customerHistories(summary);
  const sheetModel = aliveModel('en', histories, (row) => histories[row]);

  const q = warehouseQueries(duckDb, source, { ...benchParams(asOf), keyCustomersTop: top });
  const run = async (sql: string) => (await wh.query(sql)).rows;
  const { key, people } = readKeyCustomers(await run(q.keyCustomers), await run(q.keyPareto), top, asOf);
  const whModel = aliveModel('en', readKeyHistories(await run(q.keyHistories), asOf), (row) => people.history[row]);

  const shown = (k: typeof key, p: Parameters<typeof line>[1], model: typeof sheetModel) => ({
    top: k.top,
    now: k.now,
    before: k.before,
    customersNow: k.customersNow,
    makeEightyPercent: k.makeEightyPercent,
    rows: k.rows.map((c) => line(c, p, model.alive ? model.alive(c.row) : null)),
    left: k.left.map((c) => line(c, p, model.alive ? model.alive(c.row) : null)),
    reason: model.reason,
  });
  return { sheet: shown(sheetKey, summary, sheetModel), warehouse: shown(key, people, whModel) };
}

const UTC = 'Etc/UTC';
const ASOF = daysFromCivil(2024, 7, 1);
/** Noon UTC of the day `days` before the as-of date. */
const ago = (days: number): Date => new Date((ASOF - days) * 86_400_000 + 43_200_000);
const COLS: RowColumns = { date: 0, customer: 1, amount: 2, orderId: 3, manager: 4 };

describe('the two years, their tops and the 80% line, on hand-made rows', () => {
  it('window edges, ties in key order, a revenue of zero or below, a return of an order from the year before', async () => {
    const rows: Row[] = [
      // Window edges: 365 days before is the last year's first day, 366 the year before's last; 730 its first, 731 out.
      [ago(365), 'edge 365', 50, 'e1', 'Kate'],
      [ago(366), 'edge 366', 50, 'e2', 'Kate'],
      [ago(730), 'edge 730', 60, 'e3', 'Oleg'],
      [ago(731), 'edge 731', 70, 'e4', 'Oleg'],
      [ago(1), 'edge 1', 5, 'e5', ''],
      // Equal revenue: places in key order (b before c), whatever the rows' order.
      [ago(10), 'tie c', 40, 't1', 'Kate'],
      [ago(20), 'tie b', 40, 't2', 'Oleg'],
      // Bought in the year, then returned it all or more: in the window, not ranked, revenue counted.
      [ago(100), 'zero', 30, 'z1', 'Kate'],
      [ago(90), 'zero', -30, 'z1', 'Kate'],
      [ago(500), 'below', 80, 'b1', 'Oleg'],
      [ago(100), 'below', 10, 'b2', 'Oleg'],
      [ago(99), 'below', -25, 'b2', 'Oleg'],
      // A return in the last year of an order of the year before: its order's revenue, in the year of each row.
      [ago(400), 'late return', 100, 'r1', 'Kate'],
      [ago(300), 'late return', -40, 'r1', 'Kate'],
      [ago(200), 'late return', 15, 'r2', 'Ann'],
      // An order across the start of the year before (740 and 700 days before): only its later row is in that year.
      [ago(740), 'old straddle', 90, 's1', 'Ann'],
      [ago(700), 'old straddle', 35, 's1', 'Ann'],
      [ago(10), 'old straddle', 5, 's2', 'Ann'],
      // A return before the start of the year before, of an order bought in it: the order is a purchase in it.
      [ago(735), 'early return', -20, 'x1', 'Kate'],
      [ago(720), 'early return', 60, 'x1', 'Kate'],
    ];
    const source = await load('key_edges', rows, COLS, UTC);
    for (const top of [20, 50]) {
      const { sheet, warehouse } = await both(rows, COLS, source, ASOF, top);
      expect(warehouse).toEqual(sheet);
      expect(sheet.rows.length).toBeGreaterThan(3);
      expect(sheet.left.length).toBeGreaterThan(0);
    }
  });

  it('the 80% line at exactly 80%: 40 + 40 of 100 is 80%, so the third is not counted', async () => {
    const rows: Row[] = [
      [ago(10), 'a', 40, '1', ''],
      [ago(10), 'b', 40, '2', ''],
      [ago(10), 'c', 20, '3', ''],
    ];
    const source = await load('key_eighty', rows, COLS, UTC);
    const { sheet, warehouse } = await both(rows, COLS, source, ASOF, 20);
    expect(warehouse).toEqual(sheet);
    expect(warehouse.makeEightyPercent).toBe(2);
    expect(warehouse.customersNow).toBe(3);
  });

  it('a top of 20 of more customers: the 21st is out, and who fell out of last year top is left', async () => {
    const rows: Row[] = [];
    for (let c = 0; c < 30; c++) {
      // Last year: customer c has 100 + c; the year before: 200 - c (the order reverses).
      rows.push([ago(50 + c), `cust ${String(c).padStart(2, '0')}`, 100 + c, `n${c}`, c % 2 ? 'Kate' : 'Oleg']);
      rows.push([ago(400 + c), `cust ${String(c).padStart(2, '0')}`, 200 - c, `b${c}`, c % 2 ? 'Kate' : 'Oleg']);
    }
    const source = await load('key_top', rows, COLS, UTC);
    const { sheet, warehouse } = await both(rows, COLS, source, ASOF, 20);
    expect(warehouse).toEqual(sheet);
    expect(warehouse.rows).toHaveLength(20);
    expect(warehouse.rows[0].name).toBe('cust 29');
    expect(warehouse.left.map((l) => l.name)).toEqual(Array.from({ length: 10 }, (_, k) => `cust ${String(k).padStart(2, '0')}`));
  });
});

describe('generated orders (bench/generateOrders.ts, 20,000 rows) in zones with daylight saving: the model fitted and P(alive) equal', () => {
  it.each(['Europe/Kyiv', 'America/New_York'])('in %s', async (timeZone) => {
    const g = generateOrders(20_000, { timeZone, seed: 17 });
    const columns: RowColumns = { date: 0, orderId: 1, customer: 2, amount: 3, manager: 4 };
    const source = await load('key_generated', g.rows, columns, timeZone, true);
    for (const [asOf, top] of [
      [g.asOfDay, 20],
      [g.asOfDay - 200, 50],
    ]) {
      const { sheet, warehouse } = await both(g.rows, columns, source, asOf, top);
      expect(warehouse).toEqual(sheet);
      expect(sheet.reason).toBeNull();
      expect(sheet.rows).toHaveLength(top);
    }
    // The rows' zone decides the day: the calendar of the generated orders is the one read.
    expect(calendarFor(timeZone).dayOf(g.rows[0][0] as Date)).toBeGreaterThan(0);
  });
});

describe('CDNOW (test/data/cdnow): customer-days as purchases, top 50', () => {
  it('as of 1998-01-01 and 1998-07-01', async () => {
    const rows = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [, id, date, , amount] = l.trim().split(/\s+/);
        return [new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00Z`), id, Number(amount)];
      });
    const columns: RowColumns = { date: 0, customer: 1, amount: 2 };
    const source = await load('key_cdnow', rows, columns, UTC);
    for (const asOf of [daysFromCivil(1998, 1, 1), daysFromCivil(1998, 7, 1)]) {
      const { sheet, warehouse } = await both(rows, columns, source, asOf, 50);
      expect(warehouse).toEqual(sheet);
      expect(sheet.rows).toHaveLength(50);
    }
  });
});

describe('the comparison sees a difference', () => {
  it('one cent more for a customer of the top in the warehouse is a different revenue', async () => {
    const rows: Row[] = [
      [ago(10), 'a', 40, '1', ''],
      [ago(10), 'b', 30, '2', ''],
    ];
    const source = await load('key_cent', rows, COLS, UTC);
    await wh.run(`UPDATE key_cent SET amount = 30.01 WHERE customer = 'b'`);
    const { sheet, warehouse } = await both(rows, COLS, source, ASOF, 20);
    expect(warehouse.rows[1].revenueNow).toBe(30.01);
    expect(sheet.rows[1].revenueNow).toBe(30);
  });
});

describe('the BigQuery text of the ranks and the 80% line (golden)', () => {
  const source: WarehouseSource = {
    from: { table: 'shop.orders' },
    columns: columnsFromSchema(
      [
        { name: 'date', type: 'TIMESTAMP' },
        { name: 'customer', type: 'STRING' },
        { name: 'amount', type: 'FLOAT64' },
      ],
      {},
      'bigquery',
    ),
    timeZone: UTC,
  };
  const all = warehouseQueries(bigQuery, source, { ...benchParams(ASOF), keyCustomersTop: 20 });
  const q = { customers: all.keyCustomers, pareto: all.keyPareto };

  // ROW_NUMBER over the whole window, largest revenue first, ties by the key order:
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/numbering_functions#row_number
  it('each year ranked by ROW_NUMBER, the years from the as-of events, cut at their starts only where an order spans one', () => {
    expect(q.customers).toContain(
      ['key_now AS (', '  SELECT cid, revenue_cents,', '    ROW_NUMBER() OVER (ORDER BY revenue_cents DESC, cid) AS place'].join('\n'),
    );
    expect(q.customers).toContain(
      `WHERE (first_day < ${ASOF - 365} AND last_day >= ${ASOF - 365}) OR (first_day < ${ASOF - 730} AND last_day >= ${ASOF - 730})`,
    );
    expect(q.customers).toContain(`WHERE day >= ${ASOF - 730} AND day < ${ASOF} AND cid IN (SELECT cid FROM key_straddling)`);
    expect(q.customers).toContain(`  WHERE e.first_day >= ${ASOF - 730} AND x.cid IS NULL`);
  });

  // The revenue above each customer: a ROWS frame up to the row before, and the whole window's total:
  // https://cloud.google.com/bigquery/docs/reference/standard-sql/window-function-calls
  it('the 80% line in whole cents, without a float', () => {
    expect(q.pareto).toContain(
      [
        'SELECT COUNT(*) AS customers_now,',
        '  COALESCE(SUM(CASE WHEN COALESCE(above, 0) * 5 < total * 4 THEN 1 ELSE 0 END), 0) AS make_eighty',
        'FROM (',
        '  SELECT SUM(revenue_cents) OVER (ORDER BY place ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS above,',
        '    SUM(revenue_cents) OVER () AS total',
        '  FROM key_now',
        ') running',
      ].join('\n'),
    );
    // Only what the line needs: no second window, no names.
    expect(q.pareto).not.toContain('kb_');
    expect(q.pareto).not.toContain('contacts');
  });
});
