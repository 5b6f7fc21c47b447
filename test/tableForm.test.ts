// One definition of a purchase everywhere: every function that takes order rows
// also takes the whole orders table with its header row, read exactly as the
// sidebar reads an orders tab (order ids, returns, managers, profit), so that a
// formula and a report count the same purchases. Through the built bundle.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdnowPath } from './support/cdnow';
import { type BundleContext, loadBundle } from './support/loadBundle';
import { sampleRuntime, type Runtime, toHost } from './support/runtime';

let ctx: BundleContext;
beforeAll(() => {
  ctx = loadBundle({
    globals: {
      SpreadsheetApp: {
        getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'Europe/London' }),
      },
    },
  });
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const asOf = (): Date => vm.runInContext(`new Date(${day('2024-12-31').getTime()})`, ctx);

// Two order lines of one order on one day, a return of that order, a second order the same day (another
// purchase), a manager per row and a profit column: what three columns cannot say.
const TABLE: unknown[][] = [
  ['Order date', 'Customer', 'Amount', 'Order ID', 'Manager', 'Profit', 'E-mail'],
  [day('2024-01-05'), 'Anna', 100, 'A-1', 'Olga', 30, 'anna@example.com'],
  [day('2024-01-05'), 'anna ', 50, 'A-1', 'Olga', 15, ''],
  [day('2024-01-20'), 'Anna', -20, 'A-1', 'Olga', -6, ''],
  [day('2024-01-05'), 'Anna', 80, 'A-2', 'Olga', 20, ''],
  [day('2024-03-01'), 'Anna', 200, 'A-3', 'Ivan', 50, ''],
  [day('2024-06-01'), 'Anna', 60, 'A-4', 'Ivan', 10, ''],
  [day('2024-09-01'), 'Bob', 40, 'B-1', '', 8, ''],
  [day('2024-12-01'), 'Bob', 40, 'B-2', '', 8, ''],
  [day('2024-07-01'), 'Carl', 70, 'C-1', 'Olga', 7, ''],
  ['', '', '', '', '', '', ''],
];

describe('the whole orders table as the first argument: order ids, returns, managers and profit as in the reports', () => {
  it('LIFECYCLE_SEGMENT(table, as_of): purchases are order ids, with the manager of the latest row', () => {
    const out = ctx.LIFECYCLE_SEGMENT(TABLE, asOf());
    expect(out[0]).toEqual([
      'Customer',
      'Manager',
      'Purchases',
      'First purchase',
      'Last purchase',
      'Days since last purchase',
      'Revenue',
      'Segment',
    ]);
    const rows = toHost<unknown[][]>(out.slice(1)).map((r) => [r[0], r[1], r[2], r[6], r[7]]);
    expect(rows).toEqual([
      // A-1 (100 + 50 - 20) and A-2 on 5 Jan are two purchases; the column form would count one customer-day.
      ['Anna', 'Ivan', 4, 470, 'Regular Lapsed'],
      ['Bob', '', 2, 80, 'Prospective Active'],
      ['Carl', 'Olga', 1, 70, 'New Lapsed'],
    ]);
    // The same rows as three columns: one purchase per customer-day, no manager.
    const cols = (c: number): unknown[][] => TABLE.slice(1).map((r) => [r[c]]);
    const byColumns = ctx.LIFECYCLE_SEGMENT(cols(1), cols(0), cols(2), asOf());
    expect(byColumns[0]).not.toContain('Manager');
    expect(byColumns[1][1]).toBe(3);
  });

  it('takes the options after as_of, language last', () => {
    const out = ctx.LIFECYCLE_SEGMENT(TABLE, asOf(), '2;3', '200;300', 'ru');
    expect(out[0][0]).toBe('Клиент');
    expect(out[0][1]).toBe('Менеджер');
    expect(out[1][7]).toBe('Постоянные Засыпающие'); // 4 purchases, 213 days: Regular from 3, Sleeping up to 300
  });

  it('ABCXYZ(table, as_of): classes with the manager; the basis is named in the header', () => {
    const out = ctx.ABCXYZ(TABLE, asOf());
    expect(out[0]).toEqual([
      'Customer',
      'Manager',
      'Revenue',
      'Revenue share',
      'Cumulative share',
      'Purchases',
      'Gap variation (CV)',
      'ABC',
      'XYZ (purchase regularity)',
      'ABC/XYZ',
    ]);
    // Anna buys on 5 Jan (two orders), 1 Mar and 1 Jun: gaps 56 and 92, CV 0.24, X. Bob has one gap: Y.
    expect(out.slice(1).map((r: unknown[]) => [r[0], r[1], r[2], r[9]])).toEqual([
      ['Anna', 'Ivan', 470, 'AX'],
      ['Bob', '', 80, 'AY'],
      ['Carl', 'Olga', 70, 'BZ'],
    ]);
    const byRevenue = ctx.ABCXYZ(TABLE, asOf(), '', '', 'quarter');
    expect(byRevenue[0][6]).toBe('Revenue variation (CV, by quarter)');
    expect(byRevenue[0][8]).toBe('XYZ (revenue by quarter)');
  });

  it('LTV(table, as_of): P from the profit column; a margin still replaces it', () => {
    const out = ctx.LTV(TABLE, asOf());
    expect(out[0].slice(0, 2)).toEqual(['Customer', 'Manager']);
    const anna = out.find((r: unknown[]) => r[0] === 'Anna');
    expect(anna[8]).toBeCloseTo(119 / 470, 12); // profit 30 + 15 - 6 + 20 + 50 + 10 over revenue 470
    expect(anna[10]).toBeCloseTo(119, 9); // S x C x t = revenue, x P = profit
    const withMargin = ctx.LTV(TABLE, asOf(), 0.5);
    expect(withMargin.find((r: unknown[]) => r[0] === 'Anna')[8]).toBe(0.5);
  });

  it('CHURN_RATE(table, as_of, ...): the summary over the table', () => {
    const out = toHost<unknown[][]>(ctx.CHURN_RATE(TABLE, asOf(), 90, 180, 'summary'));
    const m = Object.fromEntries(out.map((r) => [r[0], r[1]]));
    expect(m['Customers in base']).toBe(3); // Anna (1 June), Carl (1 July) and Bob (1 September) bought in the 180 days before the period
    expect(m['Period end (last day)']).toEqual(day('2024-12-30'));
    // With a manager column, the lost ratio per manager, each customer under the manager of their latest order
    // before the period's end. Over the 200 days from 14 June only Anna had bought before (under Ivan since
    // March), was not lost on 14 June (13 days after her last purchase) and was lost by the end.
    const year = toHost<unknown[][]>(ctx.CHURN_RATE(TABLE, asOf(), 90, 180, 'summary', 200));
    const top = year.findIndex((r) => r[0] === 'Manager');
    expect(year[top]).toEqual([
      'Manager',
      'Customers at the start (not lost)',
      'Of them lost at the end',
      'Lost ratio',
      'Won back (lost at the start, bought again)',
      'Lost revenue a year',
    ]);
    expect(year.slice(top + 1)).toEqual([['Ivan', 1, 1, 1, 0, 470]]);
    expect(year.every((r) => r.length === 6)).toBe(true);
    expect(out.findIndex((r) => r[0] === 'Manager')).toBe(out.length - 1); // nobody bought before 1 January: no rows
  });

  it('the predictive functions and SUGGEST_BANDS take the table too', () => {
    // The CDNOW sample as an orders table: a date, the customer, the amount, with a header row.
    const rows: unknown[][] = [['Date', 'Customer', 'Amount']];
    for (const line of readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8').split(/\r?\n/)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5) continue;
      rows.push([day(`${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)}`), f[1], Number(f[4])]);
    }
    const asOfCdnow = vm.runInContext(`new Date(${day('1997-10-01').getTime()})`, ctx);
    const alive = ctx.P_ALIVE(rows, asOfCdnow);
    expect(alive[0].slice(0, 2)).toEqual(['Customer', 'Purchases']); // no manager column in these orders
    const byColumns = ctx.P_ALIVE(
      rows.slice(1).map((r) => [r[1]]),
      rows.slice(1).map((r) => [r[0]]),
      '',
      asOfCdnow,
    );
    expect(toHost(alive)).toEqual(toHost(byColumns));
    const expected = ctx.EXPECTED_PURCHASES(rows, asOfCdnow, 30);
    expect(expected[0]).toContain('Expected purchases, next 30 days');
    expect(ctx.CLV_MODEL(rows, asOfCdnow)[1][0]).toBe('r');
    expect(ctx.CLV(rows, asOfCdnow, 12)[0]).toContain('CLV, next 12 months');
    expect(ctx.SUGGEST_BANDS(rows, asOfCdnow)[0][0]).toBe('Bound');
  });

  it('a bad row names its column as the header and letter, and the row within the table', () => {
    const bad = [...TABLE.slice(0, 3), ['32.13.2024', 'Dan', 10, 'D-1', '', 1, '']];
    expect(() => ctx.LIFECYCLE_SEGMENT(bad, asOf())).toThrow('LIFECYCLE_SEGMENT: Order date (A) row 4 is "32.13.2024", not a date');
  });

  it('an amount or profit beyond ±10 trillion is an unreadable row over the table too, named by header and letter', () => {
    const big = [...TABLE.slice(0, 3), [day('2024-02-01'), 'Dan', 1e308, 'D-1', '', 1, '']];
    expect(() => ctx.ABCXYZ(big, asOf())).toThrow(
      'ABCXYZ: Amount (C) row 4 is "1e+308", not an amount from -10,000,000,000,000 to 10,000,000,000,000',
    );
    const profit = [...TABLE.slice(0, 3), [day('2024-02-01'), 'Dan', 10, 'D-1', '', '9'.repeat(20), '']];
    expect(() => ctx.LTV(profit, asOf())).toThrow('LTV: Profit (F) row 4 is "99999999999999999999", not an amount');
  });

  it('a second column of a field is not read: the first of the same header is', () => {
    const twice = [
      ['Date', 'Customer', 'Customer', 'Amount', 'Amount'],
      [day('2024-01-05'), 'Anna', 'Bob', 10, 20],
    ];
    const out = toHost<unknown[][]>(ctx.LIFECYCLE_SEGMENT(twice, asOf()));
    expect(out.slice(1).map((r) => [r[0], r[5]])).toEqual([['Anna', 10]]);
  });

  it('a range of several columns without its header row says what is missing', () => {
    expect(() => ctx.LIFECYCLE_SEGMENT(TABLE.slice(1, 4), asOf())).toThrow(
      'LIFECYCLE_SEGMENT: customers has 7 columns; give one column of customers, or the whole orders table with its header row (Date, Customer, Amount ...)',
    );
  });
});

describe('on the bundled sample, every customer’s purchases, revenue, segment and class are the reports’', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await sampleRuntime({ now: '2026-11-23T12:00:00Z' });
  });

  it('LIFECYCLE_SEGMENT and ABCXYZ on the Orders tab match the segment lists and the lost customers sheet', () => {
    // The sample has unreadable rows on purpose: a formula stops at one (the reports skip them), so leave them out.
    let table = rt.readSheet('Orders');
    const asOfDate = new Date('2026-11-23T00:00:00Z');
    let segments: unknown[][] = [];
    // Called as Sheets calls a custom function: the cells' own values (Dates, numbers, text), not JSON.
    for (let tries = 0; tries < 10; tries++) {
      try {
        segments = toHost<unknown[][]>(ctx.LIFECYCLE_SEGMENT(table, asOfDate));
        break;
      } catch (e) {
        const row = Number(/ row (\d+) /.exec((e as Error).message)?.[1]);
        expect(row, (e as Error).message).toBeGreaterThan(1);
        table = table.filter((_, r) => r !== row - 1);
      }
    }
    const head = segments[0] as string[];
    const byName = new Map(segments.slice(1).map((r) => [r[0], r]));
    // Every segment's list, built from the sidebar.
    const state = rt.callJson('sidebarLoad') as { segments: { key: string; label: string; customers: number }[] };
    let listed = 0;
    for (const s of state.segments.filter((x) => x.customers > 0)) {
      rt.callJson('sidebarBuild', { kind: 'segmentList', segment: s.key });
      const sheet = rt.readSheet(s.label);
      const top = sheet.findIndex((r) => r[0] === 'Customer');
      for (const row of sheet.slice(top + 1).filter((r) => r[0] !== '')) {
        const mine = byName.get(row[0]);
        expect(mine, String(row[0])).toBeDefined();
        expect(mine![head.indexOf('Segment')]).toBe(s.label);
        expect(mine![head.indexOf('Purchases')]).toBe(row[1]);
        expect(mine![head.indexOf('Revenue')]).toBe(row[5]);
        expect(mine![head.indexOf('Manager')]).toBe(row[6] === '(no manager)' ? '' : row[6]);
        listed++;
      }
    }
    expect(listed).toBe(segments.length - 1);

    rt.callJson('sidebarBuild', { kind: 'lost' });
    const lost = rt.readSheet('Lost customers');
    const classes = toHost<unknown[][]>(ctx.ABCXYZ(table, asOfDate));
    const classOf = new Map(classes.slice(1).map((r) => [r[0], r[9]]));
    const top = lost.findIndex((r) => r[0] === 'Customer' && r[1] === 'Manager');
    const rows = lost.slice(top + 1).filter((r) => r[0] !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(classOf.get(row[0]), String(row[0])).toBe(row[7]);
  });
});
