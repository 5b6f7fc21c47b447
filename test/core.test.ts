// The rules of docs/definitions.md, one describe per rule,
// checked on small hand-made orders tables read the way the add-on reads them.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { detectColumns, duplicateColumns } from '../src/core/columns';
import { type LocaleRules, MAX_AMOUNT, localeRules, parseAmount, parseDay, visibleText } from '../src/core/values';
import { type OrderSources, customerKey, readOrders } from '../src/core/orders';
import { readOrdersTable } from '../src/core/ordersTable';
import { dataInfoOf } from '../src/addon/ordersTable';
import { buildSummary, type CustomerSummary } from '../src/core/summary';
import { DEFAULT_BANDS, lifecycleMatrix, lifecycleSegments, segmentKey, segmentOf } from '../src/core/lifecycle';
import { DEFAULT_ABC_XYZ, abcClasses, abcXyz, checkAbcXyzOptions, xyzFromCv } from '../src/core/abcXyz';
import { DAYS_PER_MONTH, ltvFromParts, seedLtv } from '../src/core/ltv';
import { nps } from '../src/core/nps';
import { cdnowPath } from './support/cdnow';
import { repeatSalesShare } from '../src/core/repeatShare';
import { LOST_PERIOD_DAYS, lostCustomers, lostRatio, nearestRank, periodChurn } from '../src/core/churn';

const UTC = calendarFor('Etc/UTC');
const EN = localeRules('en_US');
const RU = localeRules('ru_RU');
const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
const ASOF = day(2024, 7, 1);
const REVENUE = { ...DEFAULT_ABC_XYZ, basis: 'revenue' as const };

/** A row of the orders tab: [date, customer, amount, orderId?, profit?]. */
type Row = readonly unknown[];

interface LoadOptions {
  asOf?: number;
  ids?: boolean;
  profit?: boolean;
  margin?: boolean;
  rules?: LocaleRules;
  firstRow?: number;
}

function read(rows: readonly Row[], o: LoadOptions = {}) {
  const src = (column: number, label: string) => ({ values: rows, column, label });
  const sources: OrderSources = { date: src(0, 'Date (A)'), customer: src(1, 'Customer (B)'), amount: src(2, 'Amount (C)') };
  if (o.ids) sources.orderId = src(3, 'Order (D)');
  if (o.profit) sources.profit = src(4, 'Profit (E)');
  if (o.margin) sources.margin = src(4, 'Margin (E)');
  return readOrders(sources, { calendar: UTC, rules: o.rules ?? EN, firstRow: o.firstRow ?? 2, asOf: o.asOf ?? ASOF });
}

function summarize(rows: readonly Row[], o: LoadOptions = {}): CustomerSummary {
  return buildSummary(read(rows, o).orders, { asOf: o.asOf ?? ASOF });
}

/** The summary row of a customer by key. */
function at(s: CustomerSummary, key: string): number {
  const i = s.key.indexOf(key);
  if (i < 0) throw new Error(`no customer ${key}`);
  return i;
}

/** An ISO date text `days` days before the as-of date. */
const ago = (days: number, asOf = ASOF): string => {
  const d = new Date((asOf - days) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

describe('values: dates are read as calendar days in the spreadsheet zone and locale', () => {
  const march5 = day(2024, 3, 5);

  it('reads Date objects, also ones made in another realm', () => {
    expect(parseDay(new Date(Date.UTC(2024, 2, 5)), UTC, EN)).toBe(march5);
    const foreign = vm.runInNewContext('new Date(Date.UTC(2024,2,5))');
    expect(foreign instanceof Date).toBe(false);
    expect(parseDay(foreign, UTC, EN)).toBe(march5);
  });

  it('reads date serial numbers (45356 is 2024-03-05)', () => {
    expect(parseDay(45356, UTC, EN)).toBe(march5);
  });

  it('reads text dates 2024-03-05 and 05.03.2024', () => {
    expect(parseDay('2024-03-05', UTC, EN)).toBe(march5);
    expect(parseDay('05.03.2024', UTC, RU)).toBe(march5);
    expect(parseDay('05.03.2024', UTC, EN)).toBe(march5);
  });

  it('reads ambiguous 05/03/2024 by the locale: 5 March in ru_RU, 3 May in en_US', () => {
    expect(parseDay('05/03/2024', UTC, RU)).toBe(march5);
    expect(parseDay('05/03/2024', UTC, EN)).toBe(day(2024, 5, 3));
  });

  it('gives NaN for an impossible date 32.13.2024', () => {
    expect(parseDay('32.13.2024', UTC, RU)).toBeNaN();
  });
});

describe('values: amounts in the usual spellings', () => {
  it.each([
    ['1 234,56', RU, 1234.56],
    ['1,234.56', EN, 1234.56],
    ['1\u00a0234,56 ₽', RU, 1234.56],
    ['$1,234.56', EN, 1234.56],
    ['€5', EN, 5],
    ['100 грн', RU, 100],
    ['-5', EN, -5],
    ['(120)', EN, -120],
  ] as const)('%s is %d', (text, rules, expected) => {
    expect(parseAmount(text, rules)).toBeCloseTo(expected, 10);
  });

  it('text that is not a number is NaN', () => {
    expect(parseAmount('abc', EN)).toBeNaN();
    expect(parseAmount('abc', RU)).toBeNaN();
  });
});

describe('values: amounts beyond ±10 trillion are unreadable, so that no figure overflows', () => {
  // docs/definitions.md, section 1: reading numbers in text, the limit.
  it('text too long to be a finite number is not a number (400 nines would be Infinity)', () => {
    expect(parseAmount('9'.repeat(400), EN)).toBeNaN();
    expect(parseAmount('-' + '9'.repeat(400), RU)).toBeNaN();
    expect(parseAmount(Infinity, EN)).toBeNaN();
  });

  it('a row whose amount is beyond ±MAX_AMOUNT is unreadable, with its reason; the limit itself reads', () => {
    const { report, orders } = read([
      ['2024-03-05', 'Acme', 1e308],
      ['2024-03-05', 'Beta', '9'.repeat(400)],
      ['2024-03-05', 'Gamma', -1.5e13],
      ['2024-03-05', 'Delta', MAX_AMOUNT],
      ['2024-03-05', 'Eve', -MAX_AMOUNT],
    ]);
    expect(report.issues).toEqual([
      { row: 2, field: 'amount', column: 'Amount (C)', value: 1e308, reason: 'outOfRange' },
      { row: 3, field: 'amount', column: 'Amount (C)', value: '9'.repeat(400), reason: 'notANumber' },
      { row: 4, field: 'amount', column: 'Amount (C)', value: -1.5e13, reason: 'outOfRange' },
    ]);
    expect(Array.from(orders.amount)).toEqual([1e13, -1e13]);
  });

  it('a profit, read or made from a margin, has the same limit', () => {
    const profit = read([['2024-03-05', 'Acme', 100, '', 1e14]], { profit: true });
    expect(profit.report.issues).toMatchObject([{ field: 'profit', reason: 'outOfRange', value: 1e14 }]);
    // A margin of 1e306 (1e308 read as a percent) times 100 would be 1e308 of profit.
    const margin = read([['2024-03-05', 'Acme', 100, '', 1e308]], { margin: true });
    expect(margin.report.issues).toMatchObject([{ field: 'margin', reason: 'outOfRange', value: 1e308 }]);
  });

  it('sums of amounts at the limit stay finite and exact to the cent', () => {
    const rows = Array.from({ length: 8 }, (_, i) => ['2024-03-05', `c${i}`, i % 2 ? MAX_AMOUNT : 0.01]);
    const s = summarize(rows);
    const total = Array.from(s.revenue).reduce((a, b) => a + Math.round(b * 100), 0);
    expect(total).toBe(4 * 1e15 + 4);
    expect(Number.isSafeInteger(total)).toBe(true);
  });
});

describe('customers: invisible characters and the Unicode form do not make a new customer', () => {
  it('a zero-width space, soft hyphen, BOM or bidi mark is ignored when matching, and dropped from the shown name', () => {
    const s = summarize([
      ['2024-03-05', 'Cust00', 10],
      ['2024-03-06', 'Cust00\u200b', 20],
      ['2024-03-07', '\ufeffCUST00', 30],
      ['2024-03-08', 'Cu\u00adst\u200d00\u200e', 40],
      ['2024-03-09', '\u200bZoë\u2060', 5],
    ]);
    expect(s.size).toBe(2);
    expect(s.revenue[at(s, 'cust00')]).toBe(100);
    expect(s.name[at(s, 'cust00')]).toBe('Cust00');
    expect(s.name[at(s, 'zoë')]).toBe('Zoë');
  });

  it('composed and decomposed letters are one customer (NFC), shown in the earliest spelling, composed', () => {
    const decomposed = 'Андрии\u0306';
    const s = summarize([
      ['2024-03-05', decomposed, 10],
      ['2024-03-06', 'Андрій'.replace('і', 'и'), 20],
    ]);
    expect(s.size).toBe(1);
    expect(s.name[0]).toBe('Андрий');
    expect(s.name[0]).toBe(s.name[0].normalize('NFC'));
  });

  it('a customer cell of only invisible characters is an empty customer', () => {
    const { report } = read([['2024-03-05', '\u200b\u200b', 10]]);
    expect(report.issues).toMatchObject([{ row: 2, field: 'customer', reason: 'emptyCustomer' }]);
  });

  it('plain ASCII and Cyrillic names take the fast path: the same string back, no copy', () => {
    for (const name of ['Cust00', 'ООО «Ромашка»'.replace(/[«»]/g, '"'), 'Ґанна Їжак']) expect(visibleText(name)).toBe(name);
    expect(customerKey(' Cust00\u200b ')).toBe(customerKey('cust00'));
  });

  it('managers and contacts lose invisible characters too', () => {
    const rows = [
      ['2024-03-05', 'Acme', 10, 'Olga\u200b', 'a@b.c\u200e'],
      ['2024-03-06', 'Beta', 10, 'Olga', 'x@y.z'],
    ];
    const src = (column: number, label: string) => ({ values: rows, column, label });
    const { orders } = readOrders(
      { date: src(0, 'A'), customer: src(1, 'B'), amount: src(2, 'C'), manager: src(3, 'D'), email: src(4, 'E') },
      { calendar: UTC, rules: EN, firstRow: 2 },
    );
    expect(orders.managerNames).toEqual(['Olga']);
    expect(orders.customers.email).toEqual(['a@b.c', 'x@y.z']);
  });
});

describe('columns: a second column of a field is reported, not silently ignored', () => {
  const headers = ['Date', 'Customer', 'Customer', 'Amount', 'Amount'];

  it('lists each unused column whose header names a field already given to another column', () => {
    expect(detectColumns(headers)).toEqual({ date: 0, customer: 1, amount: 3 });
    expect(duplicateColumns(headers)).toEqual([
      { column: 2, field: 'customer', used: 1 },
      { column: 4, field: 'amount', used: 3 },
    ]);
    // Different fields that share a word are no duplicates: "Customer e-mail" is the e-mail.
    expect(duplicateColumns(['Date', 'Customer', 'Customer e-mail', 'Amount'])).toEqual([]);
  });

  it('the read report and the sidebar data name them as "Amount (E)", and a mapped duplicate is no longer listed', () => {
    const values = [headers, ['2024-03-05', 'Acme', 'Beta', 10, 20]];
    const env = { calendar: UTC, rules: EN, lang: 'en' as const };
    const table = readOrdersTable({ sheetName: 'Orders', values }, null, env, ASOF);
    const info = dataInfoOf(['Orders'], table, 1, 'en');
    expect(info.duplicates).toEqual([
      { column: 'Customer (C)', field: 'customer', used: 'Customer (B)' },
      { column: 'Amount (E)', field: 'amount', used: 'Amount (D)' },
    ]);
    // The user maps the second Amount: it is read, and only the second Customer is still left out.
    const mapped = readOrdersTable({ sheetName: 'Orders', values }, { date: 0, customer: 1, amount: 4 }, env, ASOF);
    expect(mapped.read.orders.amount[0]).toBe(20);
    expect(dataInfoOf(['Orders'], mapped, 1, 'ru').duplicates).toEqual([
      { column: 'Customer (C)', field: 'customer', used: 'Customer (B)' },
    ]);
  });
});

describe('the read report: the rows below the header are the read, the unreadable and the blank ones', () => {
  it('counts every row below the header, blank rows included, so the three figures add up to it', () => {
    const values = [
      ['Date', 'Customer', 'Amount'],
      ['2024-03-05', 'Acme', 10],
      ['', '', ''],
      ['32.13.2024', 'Beta', 20],
      ['2024-03-06', 'Beta', 30],
    ];
    const env = { calendar: UTC, rules: EN, lang: 'en' as const };
    const info = dataInfoOf(['Orders'], readOrdersTable({ sheetName: 'Orders', values }, null, env, ASOF), 2, 'en');
    expect([info.rows, info.readRows, info.unreadableRows, info.blankRows]).toEqual([4, 2, 1, 1]);
    expect(info.rows).toBe(info.readRows + info.unreadableRows + info.blankRows);
  });
});

describe('columns: found by header name in English, Russian and Ukrainian', () => {
  it('English headers', () => {
    expect(detectColumns(['Order date', 'Customer', 'Amount', 'Manager', 'Order ID'])).toMatchObject({
      date: 0,
      customer: 1,
      amount: 2,
      manager: 3,
      orderId: 4,
    });
  });

  it('Russian headers', () => {
    expect(detectColumns(['Дата', 'Клиент', 'Сумма', 'Менеджер', '№ заказа'])).toMatchObject({
      date: 0,
      customer: 1,
      amount: 2,
      manager: 3,
      orderId: 4,
    });
  });

  it('Ukrainian headers, case and spaces do not matter', () => {
    expect(detectColumns([' дата ', 'КЛІЄНТ', 'Сума'])).toEqual({ date: 0, customer: 1, amount: 2 });
  });
});

describe('orders: unreadable rows are reported, blank rows skipped, rows on/after as-of counted', () => {
  const rows: Row[] = [
    ['2024-03-05', 'Acme', 100],
    ['32.13.2024', 'Acme', 100],
    ['', '', ''],
    ['2024-03-06', 'Beta', 'abc'],
    ['2024-03-07', '', 50],
    [ago(0), 'Acme', 10],
    [ago(-5), 'Beta', 10],
  ];

  it('reports each unreadable row with its row number, column label, value and reason', () => {
    const { report } = read(rows, { firstRow: 2 });
    expect(report.unreadableRows).toBe(3);
    expect(report.issues).toEqual([
      { row: 3, field: 'date', column: 'Date (A)', value: '32.13.2024', reason: 'notADate' },
      { row: 5, field: 'amount', column: 'Amount (C)', value: 'abc', reason: 'notANumber' },
      { row: 6, field: 'customer', column: 'Customer (B)', value: '', reason: 'emptyCustomer' },
    ]);
  });

  it('skips and counts blank rows', () => {
    const { report } = read(rows);
    expect(report.blankRows).toBe(1);
    expect(report.rows).toBe(6);
    expect(report.readRows).toBe(3);
  });

  it('counts rows dated on or after the as-of date and leaves them out of every figure', () => {
    const { report, orders } = read(rows);
    expect(report.afterAsOf).toBe(2);
    const s = buildSummary(orders, { asOf: ASOF });
    expect(s.size).toBe(1);
    expect(s.revenue[at(s, 'acme')]).toBe(100);
  });
});

describe('purchases: distinct order ids, else distinct customer-days', () => {
  it('rows sharing an order id are one purchase', () => {
    const s = summarize(
      [
        ['2024-03-05', 'Acme', 100, 'A1'],
        ['2024-03-05', 'Acme', 50, 'A1'],
        ['2024-03-05', 'Acme', 20, 'A2'],
        ['2024-04-01', 'Acme', 30, 'A3'],
      ],
      { ids: true },
    );
    const i = at(s, 'acme');
    expect(s.purchases[i]).toBe(3);
    expect(s.revenue[i]).toBe(200);
  });

  it('without an order id column, the same customer on the same day is one purchase', () => {
    const s = summarize([
      ['2024-03-05', 'Acme', 100],
      ['2024-03-05', 'Acme', 50],
      ['2024-03-06', 'Acme', 20],
      ['2024-03-05', 'Beta', 10],
    ]);
    expect(s.purchases[at(s, 'acme')]).toBe(2);
    expect(s.purchases[at(s, 'beta')]).toBe(1);
  });

  it('a zero-amount purchase still counts', () => {
    const s = summarize([
      ['2024-03-05', 'Acme', 0],
      ['2024-03-06', 'Acme', 10],
    ]);
    expect(s.purchases[at(s, 'acme')]).toBe(2);
    expect(s.revenue[at(s, 'acme')]).toBe(10);
  });

  it('a negative row is a return: it lowers the revenue of its order and is never a purchase', () => {
    const s = summarize(
      [
        ['2024-03-05', 'Acme', 100, 'A1'],
        ['2024-03-10', 'Acme', -30, 'A1'],
        ['2024-03-12', 'Acme', -20, 'R9'],
        ['2024-04-01', 'Beta', -40, 'B1'],
      ],
      { ids: true },
    );
    const i = at(s, 'acme');
    expect(s.purchases[i]).toBe(1);
    expect(s.revenue[i]).toBe(50);
    expect(s.lastPurchase[i]).toBe(day(2024, 3, 5));
    // Beta only returned goods: no purchase, so not a customer of the window.
    expect(s.key).not.toContain('beta');
    expect(s.returnsOnly).toEqual({ customers: 1, amount: -40 });
  });

  it('a return on a day of its own (no ids) is not a purchase', () => {
    const s = summarize([
      ['2024-03-05', 'Acme', 100],
      ['2024-03-09', 'Acme', -25],
    ]);
    expect(s.purchases[at(s, 'acme')]).toBe(1);
    expect(s.revenue[at(s, 'acme')]).toBe(75);
  });

  it('customers are matched trimmed and case-folded, shown as on their earliest row', () => {
    const s = summarize([
      ['2024-03-10', ' ACME ', 10],
      ['2024-03-05', 'Acme', 100],
      ['2024-03-20', 'acme', 1],
    ]);
    expect(s.size).toBe(1);
    const i = at(s, 'acme');
    expect(s.name[i]).toBe('Acme');
    expect(s.purchases[i]).toBe(3);
    expect(s.revenue[i]).toBe(111);
  });
});

describe('lifecycle: New 1 / Prospective 2-3 / Regular 4+; Active <=60, Sleeping 61-180, Lapsed >=181', () => {
  it('count bands at the default cut points', () => {
    expect(segmentOf(1, 0)).toBe(0);
    expect(segmentOf(2, 0)).toBe(3);
    expect(segmentOf(3, 0)).toBe(3);
    expect(segmentOf(4, 0)).toBe(6);
  });

  it('recency bands at the default cut points', () => {
    expect(segmentKey(segmentOf(1, 60))).toBe('new_active');
    expect(segmentKey(segmentOf(1, 61))).toBe('new_sleeping');
    expect(segmentKey(segmentOf(1, 180))).toBe('new_sleeping');
    expect(segmentKey(segmentOf(1, 181))).toBe('new_lapsed');
  });

  it('bought 2-3 months ago is Sleeping, 8 months ago is Lapsed (from the orders)', () => {
    const s = summarize([
      [ago(75), 'Two months', 10],
      [ago(243), 'Eight months', 10],
      [ago(300), 'Regular', 10],
      [ago(200), 'Regular', 10],
      [ago(100), 'Regular', 10],
      [ago(5), 'Regular', 10],
    ]);
    const seg = lifecycleSegments(s);
    expect(segmentKey(seg[at(s, 'two months')])).toBe('new_sleeping');
    expect(segmentKey(seg[at(s, 'eight months')])).toBe('new_lapsed');
    expect(segmentKey(seg[at(s, 'regular')])).toBe('regular_active');
  });

  it('all four cut points are parameters', () => {
    const bands = { prospectiveFrom: 3, regularFrom: 6, activeTo: 30, sleepingTo: 90 };
    expect(segmentKey(segmentOf(2, 30, bands))).toBe('new_active');
    expect(segmentKey(segmentOf(3, 31, bands))).toBe('prospective_sleeping');
    expect(segmentKey(segmentOf(5, 90, bands))).toBe('prospective_sleeping');
    expect(segmentKey(segmentOf(6, 91, bands))).toBe('regular_lapsed');
  });

  it('segment keys name count band then recency band', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(segmentKey)).toEqual([
      'new_active',
      'new_sleeping',
      'new_lapsed',
      'prospective_active',
      'prospective_sleeping',
      'prospective_lapsed',
      'regular_active',
      'regular_sleeping',
      'regular_lapsed',
    ]);
  });

  it('the matrix shows customers and revenue per cell with shares', () => {
    const s = summarize([
      [ago(10), 'a', 100],
      [ago(10), 'b', 100],
      [ago(100), 'c', 50],
      [ago(90), 'c', 50],
      [ago(400), 'd', 40],
      [ago(300), 'd', 20],
      [ago(250), 'd', 20],
      [ago(200), 'd', 20],
    ]);
    const m = lifecycleMatrix(s, lifecycleSegments(s));
    expect(m.customers).toEqual([2, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(m.revenue).toEqual([200, 0, 0, 0, 100, 0, 0, 0, 100]);
    expect(m.totalCustomers).toBe(4);
    expect(m.totalRevenue).toBe(400);
    expect(m.countShares).toEqual([0.5, 0.25, 0.25]);
    expect(m.activeShare).toBe(0.5);
  });
});

// Random small orders tables: day offsets before as-of, a few customers, integer cents.
const rowArb = fc.tuple(
  fc.integer({ min: 1, max: 500 }),
  fc.constantFrom('Acme', ' acme', 'Beta', 'GAMMA', 'gamma ', 'Delta', 'Eps'),
  fc.integer({ min: -5000, max: 50000 }).map((c) => c / 100),
  fc.integer({ min: 1, max: 12 }),
);
const tableArb = fc.array(rowArb, { minLength: 1, maxLength: 40 });
const toRows = (t: readonly [number, string, number, number][]): Row[] =>
  t.map(([d, c, a, o]) => [ago(d), c, a, `O${c.trim().toLowerCase()}${o}`]);

describe('lifecycle property: the nine segments partition the customers', () => {
  it('counts add up to the number of customers and revenue to the total', () => {
    fc.assert(
      fc.property(tableArb, fc.boolean(), (t, ids) => {
        const s = summarize(toRows(t), { ids });
        const seg = lifecycleSegments(s, DEFAULT_BANDS);
        const m = lifecycleMatrix(s, seg);
        expect(m.customers.reduce((x, y) => x + y, 0)).toBe(s.size);
        for (const v of seg) expect(v).toBeLessThan(9);
        const total = Array.from(s.revenue).reduce((x, y) => x + y, 0);
        expect(m.revenue.reduce((x, y) => x + y, 0)).toBeCloseTo(total, 6);
      }),
    );
  });
});

describe('ABC: sorted by revenue desc, ties by key; the crossing customer stays in the upper class', () => {
  it('the customer crossing 80% is A, the one crossing 95% is B', () => {
    // Shares above each: 0, 0.50, 0.85, 0.95, 0.98.
    const cls = abcClasses([50, 35, 10, 3, 2], ['a', 'b', 'c', 'd', 'e']);
    expect(Array.from(cls)).toEqual([0, 0, 1, 2, 2]);
  });

  it('ties are ranked by customer key ascending', () => {
    // x has 80%; m and n tie at 10%: m ranks first (share above 0.8 -> B), n next (0.9 -> C).
    expect(Array.from(abcClasses([80, 10, 10], ['x', 'n', 'm'], [0.8, 0.9]))).toEqual([0, 2, 1]);
    expect(Array.from(abcClasses([80, 10, 10], ['x', 'm', 'n'], [0.8, 0.9]))).toEqual([0, 1, 2]);
  });

  it('customers with zero or negative revenue are C', () => {
    expect(Array.from(abcClasses([100, 0, -5], ['a', 'b', 'c']))).toEqual([0, 2, 2]);
  });

  it('from the orders: net revenue after returns decides', () => {
    const s = summarize(
      [
        ['2024-03-01', 'Big', 900, '1'],
        ['2024-03-01', 'Mid', 100, '2'],
        ['2024-03-02', 'Gone', 50, '3'],
        ['2024-03-03', 'Gone', -50, '3'],
      ],
      { ids: true },
    );
    const { abc } = abcXyz(s);
    expect(abc[at(s, 'big')]).toBe(0);
    expect(abc[at(s, 'mid')]).toBe(1);
    expect(abc[at(s, 'gone')]).toBe(2);
  });

  it('property: classes run A, then B, then C down the ranking, and A+B+C revenue is all revenue', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 10000 }), { minLength: 1, maxLength: 30 }), (rev) => {
        const keys = rev.map((_, i) => `k${String(i).padStart(3, '0')}`);
        const cls = abcClasses(rev, keys);
        const idx = rev.map((_, i) => i).sort((a, b) => rev[b] - rev[a] || (keys[a] < keys[b] ? -1 : 1));
        for (let j = 1; j < idx.length; j++) expect(cls[idx[j]]).toBeGreaterThanOrEqual(cls[idx[j - 1]]);
        const byClass = [0, 0, 0];
        rev.forEach((r, i) => (byClass[cls[i]] += r));
        expect(byClass[0] + byClass[1] + byClass[2]).toBe(rev.reduce((x, y) => x + y, 0));
        const positive = rev.filter((r) => r > 0).reduce((x, y) => x + y, 0);
        if (positive > 0) expect(byClass[0]).toBeGreaterThanOrEqual(0.8 * positive);
      }),
    );
  });
});

describe('XYZ by purchase regularity (the default): one purchase Z, two Y, three or more X when the CV of the gaps is at most 0.5', () => {
  /** A customer buying on these days after 2024-01-01, and their class and gap CV. */
  const classOf = (offsets: number[]): { xyz: number; cv: number } => {
    const start = day(2024, 1, 1);
    const rows: Row[] = offsets.map((o) => [new Date((start + o) * 86_400_000).toISOString().slice(0, 10), 'c', 100]);
    const s = summarize(rows, { asOf: day(2027, 1, 1) });
    const r = abcXyz(s);
    return { xyz: r.xyz[0], cv: r.cv[0] };
  };
  const gapsOf = (gaps: number[]): number[] => gaps.reduce((days, g) => [...days, days[days.length - 1] + g], [0]);
  const cvOf = (gaps: number[]): number => {
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    return Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length) / mean;
  };

  it('is the default basis, with one bound of 0.5', () => {
    expect(DEFAULT_ABC_XYZ).toMatchObject({ basis: 'intervals', xyzBounds: [0.5] });
  });

  it('a buyer every 61, 59, 62 and 60 days is X, whatever they spend', () => {
    const r = classOf(gapsOf([61, 59, 62, 60]));
    expect(r.cv).toBeCloseTo(cvOf([61, 59, 62, 60]), 12);
    expect(r.xyz).toBe(0);
  });

  it('a buyer every two months or every quarter like clockwork is X (the revenue method called both irregular)', () => {
    expect(classOf(gapsOf([61, 61, 61, 61, 61])).xyz).toBe(0);
    expect(classOf(gapsOf([91, 91, 91, 91])).xyz).toBe(0);
  });

  it('one purchase is Z; two purchases are Y (one gap says nothing about regularity)', () => {
    expect(classOf([0])).toMatchObject({ xyz: 2 });
    expect(classOf([0, 30]).xyz).toBe(1);
    expect(Number.isNaN(classOf([0, 30]).cv)).toBe(true);
  });

  it('gaps of 90, 90 and 360 days (CV 0.71) are Y; 90, 90, 90 and 200 days (CV 0.41) are X', () => {
    const y = classOf(gapsOf([90, 90, 360]));
    expect(y.cv).toBeCloseTo(0.7071, 4);
    expect(y.xyz).toBe(1);
    const x = classOf(gapsOf([90, 90, 90, 200]));
    expect(x.cv).toBeCloseTo(0.4054, 4);
    expect(x.xyz).toBe(0);
  });

  it('gaps are between purchase days: two orders on one day make no gap', () => {
    const start = day(2024, 1, 1);
    const iso = (o: number): string => new Date((start + o) * 86_400_000).toISOString().slice(0, 10);
    // Four purchases on three days: gaps 30 and 30, CV 0, X.
    const rows: Row[] = [
      [iso(0), 'c', 10, 'A'],
      [iso(0), 'c', 10, 'B'],
      [iso(30), 'c', 10, 'C'],
      [iso(60), 'c', 10, 'D'],
    ];
    const s = summarize(rows, { asOf: day(2025, 1, 1), ids: true });
    expect(s.purchases[0]).toBe(4);
    expect(abcXyz(s).cv[0]).toBe(0);
    expect(abcXyz(s).xyz[0]).toBe(0);
  });

  it('the bound is a parameter, and intervals take only one', () => {
    const gaps = gapsOf([90, 90, 90, 200]);
    expect(classOf(gaps).xyz).toBe(0);
    const start = day(2024, 1, 1);
    const rows: Row[] = gaps.map((o) => [new Date((start + o) * 86_400_000).toISOString().slice(0, 10), 'c', 100]);
    const s = summarize(rows, { asOf: day(2027, 1, 1) });
    expect(abcXyz(s, { ...DEFAULT_ABC_XYZ, xyzBounds: [0.4] }).xyz[0]).toBe(1);
    expect(() => checkAbcXyzOptions({ ...DEFAULT_ABC_XYZ, xyzBounds: [0.1, 0.25] })).toThrow(/one bound/);
    expect(checkAbcXyzOptions({ ...DEFAULT_ABC_XYZ, basis: 'revenue', xyzBounds: [0.1, 0.25] }).xyzBounds).toEqual([0.1, 0.25]);
  });
});

describe('XYZ basis revenue (the goods method): CV of monthly revenue from the first purchase to the month holding A-1, empty months as 0', () => {
  it('one purchase is Z whatever the variation', () => {
    const s = summarize([['2024-03-01', 'Once', 100]], { asOf: day(2024, 4, 1) });
    expect(abcXyz(s, REVENUE).xyz[0]).toBe(2);
  });

  it('three equal months ending the day before as-of: CV 0, X', () => {
    const rows: Row[] = [
      ['2024-01-10', 'c', 100],
      ['2024-02-10', 'c', 100],
      ['2024-03-10', 'c', 100],
    ];
    const s = summarize(rows, { asOf: day(2024, 4, 1) });
    const r = abcXyz(s, REVENUE);
    expect(r.cv[0]).toBe(0);
    expect(r.xyz[0]).toBe(0);
    // One day later, empty April counts: [100, 100, 100, 0], mean 75, sd sqrt(1875).
    const s2 = summarize(rows, { asOf: day(2024, 4, 2) });
    const r2 = abcXyz(s2, REVENUE);
    expect(r2.cv[0]).toBeCloseTo(Math.sqrt(1875) / 75, 12);
    expect(r2.xyz[0]).toBe(1);
  });

  it('hand-computed: Jan 100, Mar 200, as of 10 April -> [100, 0, 200, 0], CV = sqrt(6875)/75', () => {
    const s = summarize(
      [
        ['2024-01-15', 'c', 100],
        ['2024-03-20', 'c', 200],
      ],
      { asOf: day(2024, 4, 10) },
    );
    const r = abcXyz(s, REVENUE);
    expect(r.cv[0]).toBeCloseTo(Math.sqrt(6875) / 75, 12);
    expect(r.xyz[0]).toBe(1);
  });

  it('two bounds [0.1, 0.25]: X <= 0.1 < Y <= 0.25 < Z', () => {
    expect([0, 0.1, 0.11, 0.25, 0.26].map((cv) => xyzFromCv(cv, [0.1, 0.25]))).toEqual([0, 0, 1, 1, 2]);
    const asOf = day(2024, 3, 1);
    const opts = {
      abcBounds: [0.8, 0.95] as [number, number],
      basis: 'revenue' as const,
      xyzBounds: [0.1, 0.25],
      period: 'month' as const,
    };
    const s = summarize(
      [
        ['2024-01-05', 'x', 100],
        ['2024-02-05', 'x', 120], // [100, 120]: CV 10/110
        ['2024-01-05', 'y', 100],
        ['2024-02-05', 'y', 150], // [100, 150]: CV 0.2
        ['2024-01-05', 'z', 100],
        ['2024-02-05', 'z', 300], // [100, 300]: CV 0.5
      ],
      { asOf },
    );
    const r = abcXyz(s, opts);
    expect(r.cv[at(s, 'x')]).toBeCloseTo(10 / 110, 12);
    expect(r.cv[at(s, 'y')]).toBeCloseTo(0.2, 12);
    expect(r.cv[at(s, 'z')]).toBeCloseTo(0.5, 12);
    expect([r.xyz[at(s, 'x')], r.xyz[at(s, 'y')], r.xyz[at(s, 'z')]]).toEqual([0, 1, 2]);
  });
});

describe('LTV (seed): S x C x P x t per customer; the base from totals, so S x C x t is the average revenue per customer', () => {
  const rows: Row[] = [
    ['2024-01-01', 'a', 100, '', 30],
    ['2024-03-02', 'a', 300, '', 60], // 61 days after the first
    ['2024-02-01', 'b', 50, '', 10],
  ];

  it('parts per customer with P from the profit column', () => {
    const s = summarize(rows, { profit: true });
    const l = seedLtv(s);
    const a = at(s, 'a');
    const b = at(s, 'b');
    const tA = 61 / DAYS_PER_MONTH;
    expect(l.averageCheck[a]).toBe(200);
    expect(l.lifetimeMonths[a]).toBeCloseTo(tA, 12);
    expect(l.purchasesPerMonth[a]).toBeCloseTo(2 / tA, 12);
    expect(l.profitability[a]).toBeCloseTo(90 / 400, 12);
    expect(l.ltv[a]).toBeCloseTo(90, 9); // S x C x t = revenue, times P = profit
    expect(l.averageCheck[b]).toBe(50);
    expect(l.lifetimeMonths[b]).toBe(1); // at least one month
    expect(l.purchasesPerMonth[b]).toBe(1);
    expect(l.profitability[b]).toBeCloseTo(0.2, 12);

    // Totals, not means of ratios: S = 450 / 3, t = mean t, C = 3 / sum of t, P = 100 / 450.
    const sumT = tA + 1;
    const P = 100 / 450;
    expect(l.base.averageCheck).toBeCloseTo(450 / 3, 12);
    expect(l.base.lifetimeMonths).toBeCloseTo(sumT / 2, 12);
    expect(l.base.purchasesPerMonth).toBeCloseTo(3 / sumT, 12);
    expect(l.base.profitability).toBeCloseTo(P, 12);
    // S x C x t = 450 / 2, the average revenue per customer; LTV = that x P = 50, the average profit.
    expect(l.base.averageCheck * l.base.purchasesPerMonth * l.base.lifetimeMonths).toBeCloseTo(225, 9);
    expect(l.base.ltv).toBeCloseTo(50, 9);
  });

  it('on the CDNOW sample the base LTV with P = 1 is the mean revenue per customer, 103.5604 (before: means of ratios)', () => {
    const rows: Row[] = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/))
      .map((f) => [`${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)}`, f[1], Number(f[4])]);
    const s = summarize(rows, { asOf: day(1998, 7, 1) });
    expect(s.size).toBe(2357);
    const b = seedLtv(s).base;
    expect(b.ltv).toBeCloseTo(103.5604, 4);
    expect(b.ltv).toBeCloseTo(244091.94 / 2357, 9); // the sum of the sample's amounts, to the cent
  });

  it('property: S x C x t of the base is exactly the average revenue per customer', () => {
    fc.assert(
      fc.property(tableArb, (t) => {
        const s = summarize(toRows(t));
        fc.pre(s.size > 0);
        const b = seedLtv(s).base;
        const mean = s.revenue.reduce((a, r) => a + r, 0) / s.size;
        expect(b.averageCheck * b.purchasesPerMonth * b.lifetimeMonths).toBeCloseTo(mean, 6);
      }),
    );
  });

  it('a given margin replaces the profit column', () => {
    const s = summarize(rows, { profit: true });
    const l = seedLtv(s, 0.25);
    expect(l.base.profitability).toBe(0.25);
    expect(l.ltv[at(s, 'a')]).toBeCloseTo(100, 9);
  });

  it('P from a margin column (25% of each amount)', () => {
    const s = summarize(
      [
        ['2024-01-01', 'a', 100, '', '25%'],
        ['2024-03-02', 'a', 300, '', '25%'],
      ],
      { margin: true },
    );
    expect(seedLtv(s).base.profitability).toBeCloseTo(0.25, 12);
  });

  it('ltvFromParts multiplies the four parts', () => {
    expect(ltvFromParts(25000, 0.5, 0.2, 24)).toBeCloseTo(60000, 9);
  });
});

describe('NPS = 100 x (promoters - detractors) / answers', () => {
  it('hand example', () => {
    const r = nps([10, 9, 9, 8, 7, 6, 0, 10]);
    expect(r).toEqual({ answers: 8, promoters: 4, passives: 2, detractors: 2, nps: 25 });
  });

  it('scores outside 0-10 or not whole numbers are errors', () => {
    expect(() => nps([5, 11])).toThrow();
    expect(() => nps([-1])).toThrow();
    expect(() => nps([7.5])).toThrow();
    expect(() => nps([NaN])).toThrow();
  });

  it('empty input is an error, not 0', () => {
    expect(() => nps([])).toThrow();
  });

  it('property: stays within -100..100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), (scores) => {
        const r = nps(scores);
        expect(r.nps).toBeGreaterThanOrEqual(-100);
        expect(r.nps).toBeLessThanOrEqual(100);
        expect(r.promoters + r.passives + r.detractors).toBe(scores.length);
      }),
    );
  });
});

describe('churn: period P = 90 days before A, base = buyers in the 180 days before P', () => {
  it('hand example; customers new in P are not in the base', () => {
    const s = summarize([
      [ago(200), 'u', 10],
      [ago(30), 'u', 10], // base, retained
      [ago(100), 'v', 10], // base, churned
      [ago(10), 'w', 10], // new in P
      [ago(300), 'x', 10], // before the look-back: not in base
      [ago(200), 'y', 10],
      [ago(150), 'y', 10], // base, churned
      [ago(270), 'z', 10], // first day of the look-back: base, churned
      [ago(91), 'q', 10],
      [ago(90), 'q', 10], // last day before P, first day of P: retained
    ]);
    const c = periodChurn(s);
    expect(c.periodStart).toBe(ASOF - 90);
    expect(c.baseStart).toBe(ASOF - 270);
    expect(c.base).toBe(5);
    expect(c.churned).toBe(3);
    expect(c.retained).toBe(2);
    expect(c.newInPeriod).toBe(1);
    expect(c.rate).toBeCloseTo(3 / 5, 12);
    expect(c.status[at(s, 'w')]).toBe(0);
    expect(c.status[at(s, 'x')]).toBe(0);
    expect(c.status[at(s, 'u')]).toBe(1);
    expect(c.status[at(s, 'v')]).toBe(2);
  });
});

describe('lost customers: recency > median gap between purchase days x 4/3, from the history before the date', () => {
  it('S3: one who buys every 3 months is lost after 4 months or more without a purchase (90 days: lost from day 121)', () => {
    const rows = (last: number): Row[] => [
      [ago(last + 180), 'c', 10],
      [ago(last + 90), 'c', 10],
      [ago(last), 'c', 10],
    ];
    const at120 = lostCustomers(summarize(rows(120)));
    expect(at120.usualInterval[0]).toBe(90);
    expect(at120.lost[0]).toBe(0);
    const at121 = lostCustomers(summarize(rows(121)));
    expect(at121.lost[0]).toBe(1);
    expect(at121.lostCount).toBe(1);
  });

  it('losses in money: lost customers x their yearly value (revenue per year of active life, at least a year), to the cent', () => {
    const s = summarize([
      [ago(700), 'p', 100000],
      [ago(610), 'p', 100000],
      [ago(520), 'p', 150000], // lost, half a year of buying: 350,000 a year
      [ago(700), 'q', 100000],
      [ago(610), 'q', 100000],
      [ago(520), 'q', 150000], // the same
      [ago(1000), 'r', 100],
      [ago(1000 - 730), 'r', 100],
      [ago(10), 'r', 100], // still buying
    ]);
    const l = lostCustomers(s);
    expect(l.yearlyValue[at(s, 'p')]).toBe(350000);
    expect(l.yearlyValue[at(s, 'r')]).toBe(Math.round((300 / (990 / 365.25)) * 100) / 100);
    expect(l.lostCount).toBe(2);
    expect(l.lost[at(s, 'r')]).toBe(0);
    expect(l.lostYearlyValue).toBe(700000);
  });
});

describe("one-time buyers' usual interval: the base's time to a second purchase, its nearest-rank 80th percentile (fewer than 10: 90 days)", () => {
  /** `n` repeat buyers whose second purchase came 10, 20, ... days after their first. */
  const repeaters = (n: number): Row[] =>
    Array.from({ length: n }, (_, k) => [
      [ago(400), `r${k}`, 1],
      [ago(400 - 10 * (k + 1)), `r${k}`, 1],
    ]).flat();

  it('ten repeat buyers taking 10..100 days: the 80th percentile is the 8th of them, 80 days', () => {
    const rows = [...repeaters(10), [ago(80), 'once', 1], [ago(81), 'once later', 1]];
    const s = summarize(rows);
    const l = lostCustomers(s);
    expect(l.base).toEqual({ days: 80, customers: 10, fallback: false });
    expect(l.intervalIsGlobal[at(s, 'once')]).toBe(1);
    expect(l.usualInterval[at(s, 'once')]).toBe(80);
    // Lost after 80 x 4/3 = 106.7 days.
    const s106 = summarize([...repeaters(10), [ago(106), 'once', 1]]);
    expect(lostCustomers(s106).lost[at(s106, 'once')]).toBe(0);
    const s107 = summarize([...repeaters(10), [ago(107), 'once', 1]]);
    expect(lostCustomers(s107).lost[at(s107, 'once')]).toBe(1);
  });

  it('nearest rank: with 15 customers the 80th percentile is the 12th value', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 0.8)).toBe(12);
    expect(nearestRank([5, 7, 9], 0.8)).toBe(9);
    expect(nearestRank([4], 0.8)).toBe(4);
  });

  it('fewer than 10 customers with a second purchase: 90 days', () => {
    const s = summarize([...repeaters(9), [ago(100), 'once', 1]]);
    const l = lostCustomers(s);
    expect(l.base).toEqual({ days: 90, customers: 9, fallback: true });
    expect(l.usualInterval[at(s, 'once')]).toBe(90);
  });

  it('the second purchase day is a later day: two orders on the first day do not make a second purchase', () => {
    const rows: Row[] = [...repeaters(10), [ago(50), 'same day', 1, 'A'], [ago(50), 'same day', 1, 'B']];
    const s = summarize(
      rows.map((r) => (r.length === 3 ? [...r, ''] : r)),
      { ids: true },
    );
    const l = lostCustomers(s);
    expect(l.base.customers).toBe(10);
    expect(l.intervalIsGlobal[at(s, 'same day')]).toBe(1);
  });
});

describe('lost ratio for a period [D1, D2): of the customers not lost at D1, those lost at D2; won back: lost at D1, bought in the period', () => {
  // As of 2024-07-01, the period is the 365 days before. Each customer buys every 30 days before D1.
  const D1 = ASOF - 365;
  const everyMonth = (name: string, lastBeforeD1: number, extra: number[] = [], manager = ''): Row[] => [
    ...[90, 60, 30].map((back) => [new Date((D1 - lastBeforeD1 - back) * 86_400_000).toISOString().slice(0, 10), name, 10, '', manager]),
    [new Date((D1 - lastBeforeD1) * 86_400_000).toISOString().slice(0, 10), name, 10, '', manager],
    ...extra.map((d) => [new Date(d * 86_400_000).toISOString().slice(0, 10), name, 10, '', manager]),
  ];
  const rows: Row[] = [
    ...everyMonth('kept', 5, [D1 + 100, D1 + 340], 'Anna'), // active at D1, still buying at D2
    ...everyMonth('lost', 5, [D1 + 20], 'Anna'), // active at D1, silent since D1 + 20: lost at D2
    ...everyMonth('back', 200, [D1 + 330], 'Boris'), // lost at D1 (200 days), bought again: won back
    ...everyMonth('gone', 300, [], 'Boris'), // lost at D1 and still gone: neither
    [new Date((D1 + 50) * 86_400_000).toISOString().slice(0, 10), 'new', 10, '', 'Boris'], // new in the period: not at the start
  ];

  it('counts customers at the start, lost, the ratio and won back, per manager of the latest row', () => {
    const readWithManager = readOrders(
      {
        date: { values: rows, column: 0, label: 'Date (A)' },
        customer: { values: rows, column: 1, label: 'Customer (B)' },
        amount: { values: rows, column: 2, label: 'Amount (C)' },
        manager: { values: rows, column: 4, label: 'Manager (E)' },
      },
      { calendar: UTC, rules: EN, firstRow: 2, asOf: ASOF },
    );
    const r = lostRatio(readWithManager.orders, { from: D1, to: ASOF });
    expect(r).toMatchObject({ atStart: 2, lost: 1, ratio: 0.5, wonBack: 1 });
    expect(r.byManager.get('Anna')).toMatchObject({ atStart: 2, lost: 1, ratio: 0.5, wonBack: 0 });
    expect(r.byManager.get('Boris')).toMatchObject({ atStart: 0, lost: 0, wonBack: 1 });
    expect(Number.isNaN(r.byManager.get('Boris')!.ratio)).toBe(true);
    expect(r.lostYearlyValue).toBe(50); // 'lost' bought 50 over less than a year
  });

  it('the default period is the 365 days before the as-of date, a yearly rate', () => {
    expect(LOST_PERIOD_DAYS).toBe(365);
  });
});

describe('money is exact to the cent: equal spend ties exactly, whatever the rows', () => {
  it('$180.80 in five rows and in three rows tie, and the tie goes by customer key', () => {
    const s = summarize([
      ['2024-01-01', 'b five', 36.16],
      ['2024-01-02', 'b five', 36.16],
      ['2024-01-03', 'b five', 36.16],
      ['2024-01-04', 'b five', 36.16],
      ['2024-01-05', 'b five', 36.16],
      ['2024-01-01', 'a three', 60.1],
      ['2024-01-02', 'a three', 60.1],
      ['2024-01-03', 'a three', 60.6],
    ]);
    expect(36.16 * 5).not.toBe(180.8); // as floating-point numbers they would not tie
    expect(s.revenue[at(s, 'b five')]).toBe(180.8);
    expect(s.revenue[at(s, 'a three')]).toBe(180.8);
  });

  it('1.20 against 0.10 + 0.20 and 0.30: the cut at 80% is exact, so the class follows the key, not float noise', () => {
    // Total 1.80; "a" 1.20 is A (nothing above). "b" (0.10 + 0.20) and "c" (0.30) tie at 0.30 and rank by key:
    // above "b" is exactly 1.20 / 1.80 = 66.7%: A; above "c" 1.50 / 1.80 = 83.3%: B.
    const s = summarize([
      ['2024-01-01', 'a', 1.2],
      ['2024-01-01', 'b', 0.1],
      ['2024-01-02', 'b', 0.2],
      ['2024-01-01', 'c', 0.3],
    ]);
    expect(s.revenue[at(s, 'b')]).toBe(s.revenue[at(s, 'c')]);
    const abc = abcClasses(s.revenue, s.key);
    expect([abc[at(s, 'a')], abc[at(s, 'b')], abc[at(s, 'c')]]).toEqual([0, 0, 1]);
    // The split on the later key: as floats, 0.10 + 0.20 = 0.30000000000000004 would rank "c" above "b" and swap
    // their classes; in cents they tie and "b" still comes first.
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    const swapped = summarize([
      ['2024-01-01', 'a', 1.2],
      ['2024-01-01', 'b', 0.3],
      ['2024-01-01', 'c', 0.1],
      ['2024-01-02', 'c', 0.2],
    ]);
    const abc2 = abcClasses(swapped.revenue, swapped.key);
    expect([abc2[at(swapped, 'a')], abc2[at(swapped, 'b')], abc2[at(swapped, 'c')]]).toEqual([0, 0, 1]);
  });

  it('property: splitting an amount across more rows, or shuffling the rows, changes no rank or class', () => {
    const cents = fc.integer({ min: 1, max: 500000 });
    const customer = fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd', 'e'), total: cents, parts: fc.integer({ min: 1, max: 7 }) });
    fc.assert(
      fc.property(fc.array(customer, { minLength: 2, maxLength: 5 }), fc.integer(), (list, seed) => {
        // One row per customer, then the same totals split into `parts` rows of cents that add up exactly.
        const unique = [...new Map(list.map((c) => [c.name, c])).values()];
        const whole: Row[] = unique.map((c) => ['2024-01-01', c.name, c.total / 100]);
        const split: Row[] = unique.flatMap((c) => {
          const each = Math.floor(c.total / c.parts);
          return Array.from({ length: c.parts }, (_, k) => ['2024-01-01', c.name, (k === 0 ? c.total - each * (c.parts - 1) : each) / 100]);
        });
        let x = seed;
        const shuffled = split
          .map((r) => [r, (x = (x * 1103515245 + 12345) % 2 ** 31)] as const)
          .sort((p, q) => p[1] - q[1])
          .map(([r]) => r);
        const s1 = summarize(whole);
        const s2 = summarize(shuffled);
        expect(Array.from(s2.revenue)).toEqual(Array.from(s1.revenue));
        expect(Array.from(abcClasses(s2.revenue, s2.key))).toEqual(Array.from(abcClasses(s1.revenue, s1.key)));
      }),
    );
  });
});

describe('property: the order of rows in the tab changes nothing', () => {
  it('segments, ABC/XYZ classes, purchases and revenue are the same after shuffling', () => {
    const withPermutation = tableArb.chain((t) =>
      fc.tuple(fc.constant(t), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: t.length, maxLength: t.length })),
    );
    fc.assert(
      fc.property(withPermutation, fc.boolean(), ([t, keys], ids) => {
        const shuffled = t
          .map((r, i) => [r, keys[i]] as const)
          .sort((a, b) => a[1] - b[1])
          .map(([r]) => r);
        const s1 = summarize(toRows(t), { ids });
        const s2 = summarize(toRows(shuffled), { ids });
        expect(s2.key).toEqual(s1.key);
        expect(s2.name).toEqual(s1.name);
        expect(Array.from(s2.purchases)).toEqual(Array.from(s1.purchases));
        for (let i = 0; i < s1.size; i++) expect(Math.abs(s2.revenue[i] - s1.revenue[i])).toBeLessThanOrEqual(1e-9);
        expect(Array.from(lifecycleSegments(s2))).toEqual(Array.from(lifecycleSegments(s1)));
        const r1 = abcXyz(s1);
        const r2 = abcXyz(s2);
        expect(Array.from(r2.abc)).toEqual(Array.from(r1.abc));
        expect(Array.from(r2.xyz)).toEqual(Array.from(r1.xyz));
        // Which order of the first day is the first purchase goes by order id, not by row order.
        expect(repeatSalesShare(s2).firstRevenue).toBe(repeatSalesShare(s1).firstRevenue);
      }),
    );
  });

  it('two orders on the first day: the first purchase is the lower order id, wherever its rows are in the tab', () => {
    const rows: Row[] = [
      ['2024-01-10', 'anna', 100, 'A-2'],
      ['2024-01-10', 'anna', 50, 'A-1'],
      ['2024-01-10', 'bob', 70, 1002],
      ['2024-01-10', 'bob', 30, '1001'], // the text "1001" is the order 1001, a number: before 1002
      ['2024-01-10', 'carl', 20, ''], // no id: the customer-day comes before the orders with one
      ['2024-01-10', 'carl', 80, 'C-1'],
    ];
    for (const order of [rows, [...rows].reverse()]) {
      const share = repeatSalesShare(summarize(order, { ids: true }));
      expect(share.firstRevenue).toBe(50 + 30 + 20);
      expect(share.repeatRevenue).toBe(100 + 70 + 80);
    }
  });
});
