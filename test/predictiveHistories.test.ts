// Issue 12, the warm path: the predictive functions take the customers' histories
// straight from the order rows (src/core/predictive/orderHistories.ts) instead of
// building the whole summary; every figure must be the summary's, bit for bit,
// and where only the summary is sure of them, the summary is used.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { type OrderRows, type OrderSources, readOrders } from '../src/core/orders';
import { historiesOf, type OrderHistories, orderHistories, summaryHistories } from '../src/core/predictive/orderHistories';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { CacheStores, FakeCacheService } from '../local/cache';
import { type BundleContext, loadBundle } from './support/loadBundle';
import { mulberry32 } from './support/simulateCustomers';

const EN = localeRules('en_US');
const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
const ASOF = day(2024, 7, 1);

/** A row of the orders tab: [date, customer, amount, order id, manager]. */
type Row = readonly unknown[];

function read(rows: readonly Row[], o: { timeZone?: string; ids?: boolean; managers?: boolean; asOf?: number } = {}): OrderRows {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = { date: src(0, 'Date (A)'), customer: src(1, 'Customer (B)'), amount: src(2, 'Amount (C)') };
  if (o.ids) sources.orderId = src(3, 'Order (D)');
  if (o.managers) sources.manager = src(4, 'Manager (E)');
  const { orders, report } = readOrders(sources, {
    calendar: calendarFor(o.timeZone ?? 'Etc/UTC'),
    rules: EN,
    firstRow: 1,
    asOf: o.asOf ?? ASOF,
  });
  expect(report.issues).toEqual([]);
  return orders;
}

/** The summary's way: buildSummary, then customerHistories. */
const viaSummary = (orders: OrderRows, asOf = ASOF): OrderHistories => summaryHistories(buildSummary(orders, { asOf }));

/** Every number compared with Object.is (so 0 and -0 differ), every text exactly. */
function expectSame(actual: OrderHistories, expected: OrderHistories): void {
  expect(actual.size).toBe(expected.size);
  for (const column of ['ref', 'purchases', 'firstPurchase', 'lastPurchase', 'revenue'] as const) {
    expect(Array.from(actual[column]), column).toEqual(Array.from(expected[column]));
    actual[column].forEach((v, i) => expect(Object.is(v, expected[column][i]), `${column} ${i}`).toBe(true));
  }
  expect(actual.name).toEqual(expected.name);
  expect(actual.manager).toEqual(expected.manager);
  actual.histories.forEach((h, i) => {
    for (const field of ['x', 'tx', 'T', 'monetary'] as const) {
      expect(
        Object.is(h[field], expected.histories[i][field]),
        `${field} of customer ${i}: ${h[field]} vs ${expected.histories[i][field]}`,
      ).toBe(true);
    }
  });
}

/** The rows' histories in one pass (which must not give up on them), and the same as the summary's. */
function fastAndSame(orders: OrderRows, asOf = ASOF): OrderHistories {
  const fast = orderHistories(orders, asOf);
  expect(fast).not.toBeNull();
  expectSame(fast as OrderHistories, viaSummary(orders, asOf));
  return fast as OrderHistories;
}

const iso = (d: number): string => calendarFor('Etc/UTC').dateOf(d).toISOString().slice(0, 10);

describe('returns: net revenue, but a return is no purchase and not part of the average repeat purchase', () => {
  it('a return line on a purchase day lowers that purchase; a day of returns only is no purchase; returns only: no customer', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 10)), 'Anna', 100],
      [iso(day(2024, 1, 10)), 'Anna', -30], // the same day: one purchase of 70
      [iso(day(2024, 2, 10)), 'Anna', -20], // a stand-alone return
      [iso(day(2024, 3, 10)), 'Anna', 50],
      [iso(day(2024, 4, 10)), 'Anna', 40.25],
      [iso(day(2024, 3, 1)), 'Bob', -15], // returns only: not a customer before as_of
    ];
    const h = fastAndSame(read(rows));
    expect(h.size).toBe(1);
    expect(h.purchases[0]).toBe(3);
    expect(h.revenue[0]).toBe(140.25);
    expect(h.histories[0]).toEqual({ x: 2, tx: 91, T: day(2024, 6, 30) - day(2024, 1, 10), monetary: 45.125 });
  });

  it('an order that opens with a return line on an earlier day is a purchase from its first real line', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 5)), 'Anna', -10, 'A-1'],
      [iso(day(2024, 1, 8)), 'Anna', 60, 'A-1'],
      [iso(day(2024, 1, 6)), 'Anna', 25, 'A-2'],
      [iso(day(2024, 2, 1)), 'Anna', 30, 'A-3'],
    ];
    const h = fastAndSame(read(rows, { ids: true }));
    expect(h.firstPurchase[0]).toBe(day(2024, 1, 6));
    expect(h.histories[0].monetary).toBe((50 + 30) / 2); // A-1 (net 50) and A-3 after the first purchase, A-2
  });

  it('a customer whose repeat purchases net below zero has an average repeat purchase of 0', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 5)), 'Anna', 10, 1],
      [iso(day(2024, 2, 5)), 'Anna', 0, 2],
      [iso(day(2024, 2, 5)), 'Anna', -40, 2],
    ];
    expect(fastAndSame(read(rows, { ids: true })).histories[0].monetary).toBe(0);
  });
});

describe('zero amounts are purchases; blank rows are not rows', () => {
  it('a day of 0.00 counts as a purchase; blank rows anywhere change nothing', () => {
    const rows: Row[] = [
      ['', '', ''],
      [iso(day(2024, 1, 5)), 'Anna', 0],
      ['', '', ''],
      [iso(day(2024, 3, 5)), 'Anna', 0],
      [iso(day(2024, 3, 9)), 'Bob', 12.5],
      ['', '', ''],
    ];
    const h = fastAndSame(read(rows));
    expect(Array.from(h.purchases)).toEqual([2, 1]);
    expect(h.histories[0]).toMatchObject({ x: 1, monetary: 0 });
  });
});

describe('rows on or after as_of are left out', () => {
  it('as the summary leaves them: a customer whose purchases are all after as_of is not listed', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 5)), 'Anna', 10],
      [iso(day(2024, 6, 30)), 'Anna', 20], // the last day before as_of counts
      [iso(day(2024, 7, 1)), 'Anna', 30],
      [iso(day(2024, 8, 1)), 'Bob', 30],
    ];
    const h = fastAndSame(read(rows));
    expect(h.size).toBe(1);
    expect(h.histories[0]).toEqual({ x: 1, tx: day(2024, 6, 30) - day(2024, 1, 5), T: day(2024, 6, 30) - day(2024, 1, 5), monetary: 20 });
    expect(fastAndSame(read(rows), day(2024, 12, 1)).size).toBe(2);
  });
});

describe('days are the spreadsheet time zone’s', () => {
  it.each(['Etc/UTC', 'Europe/Kyiv', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati'])('%s', (timeZone) => {
    // Instants near midnight UTC: the same instant is another day in another zone.
    const at = (d: number, hour: number): Date => new Date(d * 86_400_000 + hour * 3_600_000);
    const rows: Row[] = [];
    for (let i = 0; i < 60; i++) rows.push([at(day(2024, 1, 1) + 2 * i, i % 2 ? 23.5 : 0.5), `C${i % 7}`, (i % 5) * 10 - 5]);
    const orders = read(rows, { timeZone });
    fastAndSame(orders);
  });
});

describe('the first purchase when two fall on one day: the one the summary meets first', () => {
  it('rows without an order id, then order ids: numbers by value, before text', () => {
    const first = day(2024, 1, 5);
    const later = iso(day(2024, 2, 5));
    // Four purchases on the first day, of different amounts, in an order the sheet does not sort.
    const rows: Row[] = [
      [iso(first), 'Anna', 40, 'B-7'],
      [iso(first), 'Anna', 30, 12],
      [iso(first), 'Anna', 20, 9],
      [iso(first), 'Anna', 10, ''],
      [later, 'Anna', 100, 'Z'],
      [iso(first), 'Bob', 40, 'B-7x'],
      [iso(first), 'Bob', 30, 12.5],
      [iso(first), 'Bob', 20, 'A'],
      [later, 'Bob', 100, 'Zx'],
    ];
    const h = fastAndSame(read(rows, { ids: true }));
    expect(h.histories[0].monetary).toBe((40 + 30 + 20 + 100) / 4); // the blank-id purchase (10) is the first
    expect(h.histories[1].monetary).toBe((40 + 20 + 100) / 3); // order 12.5 (30) is the first
  });

  it('an order whose first line (a return) came earlier is met first, whatever its id', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 1)), 'Anna', -5, 20],
      [iso(day(2024, 1, 5)), 'Anna', 55, 20],
      [iso(day(2024, 1, 5)), 'Anna', 30, 10],
      [iso(day(2024, 2, 5)), 'Anna', 100, 30],
    ];
    const h = fastAndSame(read(rows, { ids: true }));
    expect(h.firstPurchase[0]).toBe(day(2024, 1, 5));
    expect(h.histories[0].monetary).toBe((30 + 100) / 2); // order 20 (net 50) is the first purchase
  });
});

describe('the manager: of the latest row with one, on one day the first name A-Z', () => {
  it('whatever the rows’ order', () => {
    const rows: Row[] = [
      [iso(day(2024, 1, 5)), 'Anna', 10, 1, 'Olga'],
      [iso(day(2024, 3, 5)), 'Anna', 10, 2, 'Petr'],
      [iso(day(2024, 3, 5)), 'Anna', 10, 3, 'Ivan'],
      [iso(day(2024, 4, 5)), 'Anna', 10, 4, ''],
      [iso(day(2024, 2, 5)), 'Bob', 10, 5, ''],
      [iso(day(2024, 5, 5)), 'Cleo', -10, 6, 'Zoe'], // a later return row names the manager too
      [iso(day(2024, 1, 5)), 'Cleo', 10, 7, 'Ann'],
    ];
    const h = fastAndSame(read(rows, { ids: true, managers: true }));
    expect(h.manager).toEqual(['Ivan', '', 'Zoe']);
  });
});

describe('rows by date in either direction, or by customer: one pass; anything else: the summary', () => {
  const rows: Row[] = [];
  for (let i = 0; i < 300; i++) rows.push([iso(day(2023, 1, 1) + ((i * 37) % 500)), `C${i % 23}`, ((i * 13) % 17) - 3]);
  const byDate = [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  it('newest last, newest first, and by customer then date', () => {
    fastAndSame(read(byDate));
    fastAndSame(read([...byDate].reverse()));
    fastAndSame(read([...byDate].sort((a, b) => String(a[1]).localeCompare(String(b[1])))));
  });

  it('a customer’s row dated between two of their earlier rows’ days: the summary’s figures', () => {
    const orders = read(rows);
    expect(orderHistories(orders, ASOF)).toBeNull();
    expectSame(historiesOf(orders, ASOF), viaSummary(orders));
  });

  it('an order id under two customers: the summary’s figures', () => {
    const shared: Row[] = [
      [iso(day(2024, 1, 5)), 'Anna', 10, 77],
      [iso(day(2024, 1, 6)), 'Bob', 10, 77],
      [iso(day(2024, 2, 6)), 'Bob', 15, 78],
    ];
    const orders = read(shared, { ids: true });
    expect(orderHistories(orders, ASOF)).toBeNull();
    expectSame(historiesOf(orders, ASOF), viaSummary(orders));
  });

  it('amounts whose cents could pass 2^52 in all, or an order id NaN: the summary’s figures', () => {
    // The largest amount a row may hold is about 1e15 cents: four of them stay below 2^52 (4.5e15), five do not.
    const huge: Row[] = [];
    for (let i = 0; i < 5; i++)
      huge.push([iso(day(2024, 1, 1) + 7 * i), `C${i % 2}`, i === 2 ? -9_999_999_999_999.99 : 9_999_999_999_999.99]);
    fastAndSame(read(huge.slice(0, 4)));
    const big = read(huge);
    expect(orderHistories(big, ASOF)).toBeNull();
    expectSame(historiesOf(big, ASOF), viaSummary(big));
    const nan = read([...huge.slice(0, 2).map((r) => [...r, 'NaN']), [iso(day(2024, 3, 1)), 'C0', 5, 'x']], { ids: true });
    expect(orderHistories(nan, ASOF)).toBeNull();
    expectSame(historiesOf(nan, ASOF), viaSummary(nan));
  });
});

describe('any table: the histories are the summary’s (property)', () => {
  const row = fc.record({
    day: fc.integer({ min: 0, max: 60 }),
    customer: fc.constantFrom('Anna', 'anna ', 'Bob', 'Cleo', 'Dan', 'Eve'),
    amount: fc.oneof(
      fc.constant(0),
      fc.constant(-0),
      fc.integer({ min: -5000, max: 20000 }).map((c) => c / 100),
    ),
    order: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 12 }), fc.constantFrom('A', 'B', 'a', '7', 'Z-1')),
    manager: fc.constantFrom('', 'Olga', 'Ivan', 'ivan'),
  });
  const table = fc.array(row, { minLength: 1, maxLength: 40 });
  const toRows = (t: { day: number; customer: string; amount: number; order: unknown; manager: string }[], ownOrders: boolean): Row[] =>
    t.map((r) => [
      iso(day(2024, 4, 1) + r.day),
      r.customer,
      r.amount,
      ownOrders && r.order !== '' ? `${r.customer.trim()}-${String(r.order)}` : r.order,
      r.manager,
    ]);

  it('in any row order, with and without order ids and managers (the summary where one pass cannot be sure)', () => {
    fc.assert(
      fc.property(table, fc.boolean(), fc.boolean(), (t, ids, managers) => {
        const orders = read(toRows(t, false), { ids, managers });
        const fast = orderHistories(orders, ASOF);
        const full = viaSummary(orders);
        if (fast) expectSame(fast, full);
        expectSame(historiesOf(orders, ASOF), full);
      }),
      { numRuns: 400 },
    );
  });

  it('by date, order ids of one customer each: always one pass, the same figures', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (t, managers) => {
        const sorted = [...t].sort((a, b) => a.day - b.day);
        fastAndSame(read(toRows(sorted, true), { ids: true, managers }));
        fastAndSame(read(toRows(sorted, false), { managers }));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the predictive functions give the same cells by one pass as by the summary (the built bundle)', () => {
  let ctx: BundleContext;
  const spreadsheet = { getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'Europe/Kyiv' };
  beforeAll(() => {
    ctx = loadBundle({ globals: { SpreadsheetApp: { getActiveSpreadsheet: () => spreadsheet } } });
  });

  // Orders by date (one pass), and the same rows shuffled (a customer's rows out of date order: the summary).
  // Customers who buy at their own pace and stop at some point, as BG/NBD assumes: the fit converges.
  const random = mulberry32(12);
  const header = ['Date', 'Order', 'Customer', 'Amount', 'Manager'];
  const rows: unknown[][] = [];
  let order = 5000;
  for (let c = 0; c < 300; c++) {
    const gap = 10 + random() * 120;
    const dropout = 0.05 + random() * 0.4;
    const manager = ['Olga', 'Ivan', 'Petr', ''][c % 4];
    // Each customer's own spend level (log-normal-ish), so that the spend model has something to fit.
    const level = 30 * Math.exp(random() + random() + random() - 1.5);
    for (let d = Math.floor(random() * 600); d < 700; d += 1 + Math.floor(-Math.log(1 - random()) * gap)) {
      order++;
      for (let l = 1 + Math.floor(random() * 3); l > 0; l--) {
        const amount =
          random() < 0.05
            ? -Math.round(random() * level * 50) / 100
            : random() < 0.03
              ? 0
              : Math.round(level * (50 + random() * 100)) / 100;
        rows.push([iso(day(2022, 7, 1) + d), random() < 0.1 ? '' : order, `Customer ${c}`, amount, manager]);
      }
      if (random() < dropout) break;
    }
  }
  rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const shuffled = [...rows];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const asOf = iso(day(2024, 6, 1));
  const col = (t: unknown[][], c: number): unknown[][] => t.map((r) => [r[c]]);

  it('the test’s two tables take the two ways', () => {
    const calendar = calendarFor('Europe/Kyiv');
    const sources = (t: unknown[][]): OrderSources => ({
      date: { values: t, column: 0, label: 'Date' },
      orderId: { values: t, column: 1, label: 'Order' },
      customer: { values: t, column: 2, label: 'Customer' },
      amount: { values: t, column: 3, label: 'Amount' },
    });
    const asOfDay = day(2024, 6, 1);
    const opts = { calendar, rules: EN, firstRow: 2, asOf: asOfDay };
    const { orderId, ...withoutIds } = sources(rows);
    expect(orderId).toBeDefined();
    expect(orderHistories(readOrders(sources(rows), opts).orders, asOfDay)).not.toBeNull();
    expect(orderHistories(readOrders(withoutIds, opts).orders, asOfDay)).not.toBeNull();
    expect(orderHistories(readOrders(sources(shuffled), opts).orders, asOfDay)).toBeNull();
    const { orderId: shuffledIds, ...shuffledWithoutIds } = sources(shuffled);
    expect(shuffledIds).toBeDefined();
    expect(orderHistories(readOrders(shuffledWithoutIds, opts).orders, asOfDay)).toBeNull();
  });

  it.each([
    ['P_ALIVE', []],
    ['EXPECTED_PURCHASES', [30]],
    ['CLV', [6, 0.02]],
    ['CLV_MODEL', []],
  ])('%s, on columns and on the whole table', (name, options) => {
    const onColumns = (t: unknown[][]) => ctx[name](col(t, 2), col(t, 0), col(t, 3), asOf, ...options);
    const onTable = (t: unknown[][]) => ctx[name]([header, ...t], asOf, ...options);
    const byPass = onColumns(rows);
    expect(byPass.length).toBeGreaterThan(10);
    expect(JSON.stringify(byPass)).toBe(JSON.stringify(onColumns(shuffled)));
    expect(JSON.stringify(onTable(rows))).toBe(JSON.stringify(onTable(shuffled)));
  });

  it('with a warm cache, a cell over other orders or other arguments never takes another cell’s result', () => {
    // One document cache for every cell below, each compared with the same cell fitted without a cache.
    const stores = new CacheStores(() => Date.UTC(2026, 0, 5));
    const warm = loadBundle({
      globals: { SpreadsheetApp: { getActiveSpreadsheet: () => spreadsheet }, CacheService: new FakeCacheService(stores) },
    });
    // Half the customers (quicker), and the latest purchase of one of them, a one-line order: moving it a day moves t_x.
    const few = rows.filter((r) => Number(String(r[2]).split(' ')[1]) < 150);
    const lines = new Map<unknown, number>();
    for (const r of few) lines.set(r[1], (lines.get(r[1]) ?? 0) + 1);
    let middle = few.length - 1;
    const isLast = (i: number) => !few.slice(i + 1).some((r) => r[2] === few[i][2]);
    while (
      lines.get(few[middle][1]) !== 1 ||
      few[middle][1] === '' ||
      (few[middle][3] as number) <= 0 ||
      (few[middle][0] as string) >= iso(day(2024, 5, 1)) ||
      !isLast(middle)
    )
      middle--;
    const changed = (i: number, column: number, value: unknown): unknown[][] =>
      few.map((r, k) => (k === i ? r.map((v, c) => (c === column ? value : v)) : r));
    const tables: Array<[string, unknown[][], string]> = [
      ['as read', few, asOf],
      ['one amount a cent more', changed(middle, 3, (few[middle][3] as number) + 0.01), asOf],
      [
        'one date a day later',
        changed(middle, 0, iso(day(2022, 7, 1) + 1 + (Date.parse(few[middle][0] as string) / 86_400_000 - day(2022, 7, 1)))),
        asOf,
      ],
      ['one customer renamed', changed(middle, 2, 'Someone else'), asOf],
      ['as_of a day earlier', few, iso(day(2024, 5, 31))],
      ['rows after as_of added', [...few, [iso(day(2024, 6, 2)), 1, 'Customer 1', 50, 'Olga']], asOf],
    ];
    // Every argument on the orders as read; the two that read most (P_ALIVE: BG/NBD; CLV: both fits) on every change.
    const calls: Array<[string, unknown[]]> = [
      ['P_ALIVE', []],
      ['EXPECTED_PURCHASES', [30]],
      ['EXPECTED_PURCHASES', [31]],
      ['CLV', [6, 0.02]],
      ['CLV', [7, 0.02]],
      ['CLV', [6, 0.03]],
      ['CLV_MODEL', []],
    ];
    const cells = new Map<string, string>();
    for (const [what, t, at] of tables) {
      for (const [name, options] of what === 'as read' ? calls : calls.filter(([, o]) => o.length === 0 || o[0] === 6)) {
        if (name === 'EXPECTED_PURCHASES' || (name === 'CLV_MODEL' && what !== 'as read')) continue;
        const cold = JSON.stringify(ctx[name]([header, ...t], at, ...options));
        expect(JSON.stringify(warm[name]([header, ...t], at, ...options)), `${name}(${options.join(', ')}) on ${what}`).toBe(cold);
        cells.set(`${name}(${options.join(', ')}) on ${what}`, cold);
      }
    }
    for (const [name, options] of calls.filter(([n]) => n === 'EXPECTED_PURCHASES' || n === 'CLV_MODEL')) {
      const cold = JSON.stringify(ctx[name]([header, ...few], asOf, ...options));
      expect(JSON.stringify(warm[name]([header, ...few], asOf, ...options))).toBe(cold);
      cells.set(`${name}(${options.join(', ')}) on as read`, cold);
    }
    // The comparisons could fail: every change but rows after as_of changed the cells (P_ALIVE reads no amounts).
    const asRead = (call: string) => cells.get(`${call} on as read`);
    for (const [what] of tables.slice(1, -1)) {
      expect(cells.get(`CLV(6, 0.02) on ${what}`), what).not.toBe(asRead('CLV(6, 0.02)'));
      if (what !== 'one amount a cent more') expect(cells.get(`P_ALIVE() on ${what}`), what).not.toBe(asRead('P_ALIVE()'));
    }
    expect(cells.get('CLV(6, 0.02) on rows after as_of added')).toBe(asRead('CLV(6, 0.02)'));
    expect(new Set([asRead('CLV(6, 0.02)'), asRead('CLV(7, 0.02)'), asRead('CLV(6, 0.03)')]).size).toBe(3);
    expect(asRead('EXPECTED_PURCHASES(30)')).not.toBe(asRead('EXPECTED_PURCHASES(31)'));
    expect(stores.entries('document').size).toBeGreaterThan(4);
  });
});
