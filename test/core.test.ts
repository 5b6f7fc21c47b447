// The rules of docs/definitions.md, one describe per rule,
// checked on small hand-made orders tables read the way the add-on reads them.
import vm from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFor, daysFromCivil } from '../src/core/calendar';
import { detectColumns } from '../src/core/columns';
import { type LocaleRules, localeRules, parseAmount, parseDay } from '../src/core/values';
import { type OrderSources, readOrders } from '../src/core/orders';
import { buildSummary, type CustomerSummary } from '../src/core/summary';
import { DEFAULT_BANDS, lifecycleMatrix, lifecycleSegments, segmentKey, segmentOf } from '../src/core/lifecycle';
import { abcClasses, abcXyz, xyzFromCv } from '../src/core/abcXyz';
import { DAYS_PER_MONTH, ltvFromParts, seedLtv } from '../src/core/ltv';
import { nps } from '../src/core/nps';
import { lostCustomers, periodChurn } from '../src/core/churn';

const UTC = calendarFor('Etc/UTC');
const EN = localeRules('en_US');
const RU = localeRules('ru_RU');
const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
const ASOF = day(2024, 7, 1);

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

describe('XYZ: CV of monthly revenue from the first purchase to the month holding A-1, empty months as 0', () => {
  it('one purchase is Z whatever the variation', () => {
    const s = summarize([['2024-03-01', 'Once', 100]], { asOf: day(2024, 4, 1) });
    expect(abcXyz(s).xyz[0]).toBe(2);
  });

  it('three equal months ending the day before as-of: CV 0, X', () => {
    const rows: Row[] = [
      ['2024-01-10', 'c', 100],
      ['2024-02-10', 'c', 100],
      ['2024-03-10', 'c', 100],
    ];
    const s = summarize(rows, { asOf: day(2024, 4, 1) });
    const r = abcXyz(s);
    expect(r.cv[0]).toBe(0);
    expect(r.xyz[0]).toBe(0);
    // One day later, empty April counts: [100, 100, 100, 0], mean 75, sd sqrt(1875).
    const s2 = summarize(rows, { asOf: day(2024, 4, 2) });
    const r2 = abcXyz(s2);
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
    const r = abcXyz(s);
    expect(r.cv[0]).toBeCloseTo(Math.sqrt(6875) / 75, 12);
    expect(r.xyz[0]).toBe(1);
  });

  it('two bounds [0.1, 0.25]: X <= 0.1 < Y <= 0.25 < Z', () => {
    expect([0, 0.1, 0.11, 0.25, 0.26].map((cv) => xyzFromCv(cv, [0.1, 0.25]))).toEqual([0, 0, 1, 1, 2]);
    const asOf = day(2024, 3, 1);
    const opts = { abcBounds: [0.8, 0.95] as [number, number], xyzBounds: [0.1, 0.25], period: 'month' as const };
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

describe('LTV (seed): S x C x P x t per customer; base = mean S x mean C x P x mean t', () => {
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

    const meanS = (200 + 50) / 2;
    const meanC = (2 / tA + 1) / 2;
    const meanT = (tA + 1) / 2;
    const P = 100 / 450;
    expect(l.base.averageCheck).toBeCloseTo(meanS, 12);
    expect(l.base.purchasesPerMonth).toBeCloseTo(meanC, 12);
    expect(l.base.lifetimeMonths).toBeCloseTo(meanT, 12);
    expect(l.base.profitability).toBeCloseTo(P, 12);
    expect(l.base.ltv).toBeCloseTo(meanS * meanC * P * meanT, 9);
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

describe('lost customers: recency > median gap x 4/3; one-time buyers use the median over customers', () => {
  it('one who buys every 90 days is lost after 120 days', () => {
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

  it('one-time buyers use the median of the customers own intervals', () => {
    const base: Row[] = [
      [ago(100), 'a', 1],
      [ago(70), 'a', 1], // 30
      [ago(100), 'b', 1],
      [ago(40), 'b', 1], // 60
      [ago(100), 'c', 1],
      [ago(10), 'c', 1], // 90
    ];
    const s80 = summarize([...base, [ago(80), 'once', 1]]);
    const l80 = lostCustomers(s80);
    expect(l80.globalInterval).toBe(60);
    expect(l80.intervalIsGlobal[at(s80, 'once')]).toBe(1);
    expect(l80.usualInterval[at(s80, 'once')]).toBe(60);
    expect(l80.lost[at(s80, 'once')]).toBe(0);
    const s81 = summarize([...base, [ago(81), 'once', 1]]);
    expect(lostCustomers(s81).lost[at(s81, 'once')]).toBe(1);
  });

  it('losses in money: lost customers x their yearly value (revenue per year of active life, at least a year)', () => {
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
    expect(l.yearlyValue[at(s, 'r')]).toBeCloseTo(300 / (990 / 365.25), 9);
    expect(l.lostCount).toBe(2);
    expect(l.lost[at(s, 'r')]).toBe(0);
    expect(l.lostYearlyValue).toBe(700000);
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
      }),
    );
  });
});
