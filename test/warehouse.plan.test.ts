// The staged plan's shortcuts (issue 16, phase 3) against the in-sheet core on hand-made
// tables: the summary at the lost ratio's start (and at an earlier end) taken from the
// as-of summary's events, with the orders whose rows fall on both sides of that date made
// again from their rows; and the Managers sheet from per-customer bit masks, with a
// customer handed over between managers and one who has a manager only from a later row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { daysFromCivil } from '../src/core/calendar';
import { DEFAULT_CHURN, DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { duckDb } from '../src/sql/dialect';
import { type WarehouseParams, warehousePlan } from '../src/sql/reports';
import { type WarehouseSource } from '../src/sql/source';
import { LocalWarehouse } from '../local/warehouse';
import { compareOnRows, type RowColumns } from '../local/warehouseCheck';

let wh: LocalWarehouse;
beforeAll(async () => {
  wh = await LocalWarehouse.open({ threads: 1 });
});
afterAll(() => wh.close());

const AS_OF = daysFromCivil(2024, 7, 1);
const COLUMNS: RowColumns = { date: 0, customer: 1, amount: 2, orderId: 3, manager: 4 };
const SOURCE: WarehouseSource = {
  from: { table: 'plan_orders' },
  columns: {
    date: { name: 'order_time', kind: 'timestamp' },
    customer: { name: 'customer', kind: 'string' },
    amount: { name: 'amount' },
    orderId: { name: 'order_no', kind: 'string' },
    manager: { name: 'manager' },
  },
  timeZone: 'Etc/UTC',
};

function params(lostPeriod: { from: number; to: number }): WarehouseParams {
  return { asOf: AS_OF, bands: DEFAULT_BANDS, abcXyz: DEFAULT_ABC_XYZ, churn: DEFAULT_CHURN, lost: DEFAULT_LOST, lostPeriod };
}

const at = (iso: string): Date => new Date(`${iso}T12:00:00Z`);
const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** [date, customer, amount, order id, manager] rows; the same rows go to the sheet's reader and to DuckDB. */
async function load(rows: readonly (readonly unknown[])[]): Promise<void> {
  await wh.loadRows(
    'plan_orders',
    [
      { name: 'order_time', type: 'TIMESTAMPTZ' },
      { name: 'customer', type: 'VARCHAR' },
      { name: 'amount', type: 'DOUBLE' },
      { name: 'order_no', type: 'VARCHAR' },
      { name: 'manager', type: 'VARCHAR' },
    ],
    rows,
  );
}

async function expectEqual(rows: readonly (readonly unknown[])[], p: WarehouseParams): Promise<void> {
  for (const staged of [true, false]) {
    const r = await compareOnRows(wh, rows, COLUMNS, SOURCE, p, { staged });
    expect(r.differences).toEqual([]);
    expect(r.sheet.lostRatio.atStart + r.sheet.lostRatio.wonBack).toBeGreaterThan(0);
  }
}

describe('the lost ratio at its start from the as-of summary, orders across the start made again', () => {
  const start = AS_OF - 365;
  const end = AS_OF - 40;
  // Orders with one row before a date and one on or after it: at that date a return on its own, or a smaller purchase.
  const across = (date: number, id: string, who: string, before: number, after: number): unknown[][] => [
    [at(iso(date - 2)), who, before, id, 'Kate'],
    [at(iso(date + 3)), who, after, id, 'Kate'],
  ];
  const regular = (who: string, days: string[], manager: string): unknown[][] =>
    days.map((d, i) => [at(d), who, 100, `${who}-${i}`, manager]);
  const rows: unknown[][] = [
    ...regular('Ann', ['2023-01-10', '2023-03-01', '2023-05-01'], 'Kate'),
    // A return line before the start, the purchase line after: at the start Ann's last purchase is 1 May.
    ...across(start, 'ann-x', 'Ann', -20, 50),
    ...regular('Ben', ['2023-02-01', '2023-04-01'], 'Oleg'),
    // The purchase before the start, a return of part of it after: 100 then, 70 as of the as-of date.
    ...across(start, 'ben-x', 'Ben', 100, -30),
    ...regular('Cid', ['2022-12-01', '2023-02-01', '2023-04-01', '2024-05-01'], 'Oleg'),
    ...regular('Dee', ['2023-01-01', '2023-01-15'], 'Kate'),
    // Across the earlier end and an earlier start.
    ...regular('Eve', ['2023-08-01', '2023-10-01', '2024-01-10'], 'Kate'),
    ...across(end, 'eve-x', 'Eve', 40, -10),
    ...regular('Fay', ['2023-06-01', '2023-07-20'], 'Oleg'),
    ...across(AS_OF - 300, 'fay-x', 'Fay', -5, 60),
    // Not lost at the earlier start, lost at the earlier end, with part of their last order returned after it: the
    // yearly value lost at the end counts the order whole.
    ...regular('Gus', ['2023-07-01', '2023-08-01', '2023-09-01'], 'Oleg'),
    [at('2023-10-01'), 'Gus', 100, 'gus-x', 'Oleg'],
    [at(iso(end + 3)), 'Gus', -15, 'gus-x', 'Oleg'],
  ];

  it('the plan reads the start from the as-of events and makes only the straddling customers again', () => {
    const plan = warehousePlan(duckDb, SOURCE, params({ from: start, to: AS_OF }), { staged: true });
    const aLost = plan.setup.find((s) => s.startsWith('CREATE TEMP TABLE a_lost'));
    expect(aLost).toMatch(/a_straddling AS/);
    expect(aLost).toMatch(/FROM s_ranked w LEFT JOIN a_straddling x ON x.cid = w.cid/);
  });

  it('every figure equal with the period ending at the as-of date, staged and self-contained', async () => {
    await load(rows);
    await expectEqual(rows, params({ from: start, to: AS_OF }));
  });

  it('every figure equal with a period of its own, start and end both crossed by an order', async () => {
    await load(rows);
    const p = params({ from: AS_OF - 300, to: end });
    await expectEqual(rows, p);
    const r = await compareOnRows(wh, rows, COLUMNS, SOURCE, p, { staged: true });
    expect(r.warehouse.lostRatio.byManager.get('Oleg')?.lostYearlyValue).toBeGreaterThan(0);
  });
});

describe('the Managers sheet from bit masks: handed over, a manager only from a later row, no manager', () => {
  it('every figure equal, month by month', async () => {
    const rows: unknown[][] = [];
    // Every month from January 2022: Kim with Kate then Oleg from March 2024; Lev without a manager until 2023;
    // Max never with one; Nia lost a year and back.
    for (let m = 0; m < 30; m++) {
      const day = daysFromCivil(2022, 1, 5) + m * 30;
      if (day >= AS_OF) break;
      rows.push([at(iso(day)), 'Kim', 10 + m, `k${m}`, day < daysFromCivil(2024, 3, 1) ? 'Kate' : 'Oleg']);
      rows.push([at(iso(day + 2)), 'Lev', 5, `l${m}`, day < daysFromCivil(2023, 1, 1) ? '' : 'Ivan']);
      if (m % 3 === 0) rows.push([at(iso(day + 4)), 'Max', 7, `m${m}`, '']);
      if (m < 8 || m > 20) rows.push([at(iso(day + 6)), 'Nia', 9, `n${m}`, 'Kate']);
    }
    await load(rows);
    const r = await compareOnRows(wh, rows, COLUMNS, SOURCE, params({ from: AS_OF - 365, to: AS_OF }), { staged: true });
    expect(r.differences).toEqual([]);
    expect([...r.sheet.managers.managers].sort()).toEqual(['', 'Ivan', 'Kate', 'Oleg']);
  });
});
