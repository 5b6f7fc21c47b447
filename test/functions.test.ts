// The built bundle, loaded the way Apps Script loads it, called with values shaped
// as Sheets passes them: 2D arrays, '' for blanks, Dates from inside and outside the context.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleContext, bundlePath, entryPointNames, jsdocAbove, loadBundle } from './support/loadBundle';

const FUNCTIONS = ['LIFECYCLE_SEGMENT', 'ABCXYZ', 'LTV', 'NPS', 'CHURN_RATE'];
let ctx: BundleContext;
beforeAll(() => {
  ctx = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('en_US', 'Europe/London') } });
});

function fakeSpreadsheetApp(locale: string, timeZone: string) {
  return { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => locale, getSpreadsheetTimeZone: () => timeZone }) };
}

const col = (values: unknown[]): unknown[][] => values.map((v) => [v]);
/** Midnight in London, as Sheets hands over a date cell of a London spreadsheet. */
const day = (iso: string): Date => new Date(`${iso}T00:00:00${Number(iso.slice(5, 7)) >= 4 && Number(iso.slice(5, 7)) <= 10 ? '+01:00' : 'Z'}`);
const innerDay = (iso: string): Date => vm.runInContext(`new Date(${day(iso).getTime()})`, ctx);
const iso = (d: unknown): string => (d as Date).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

// Anna buys four times, Bob twice (one order on a text date), Carl once; a blank trailing row as A2:A gives.
const customers = col(['Anna', 'Bob', 'anna ', 'Carl', 'Anna', 'Anna', 'Bob', '']);
const dates = () => col([day('2024-01-05'), innerDay('2024-02-01'), day('2024-03-01'), day('2024-06-01'), day('2024-09-01'), day('2024-12-01'), '2024-12-05', '']);
const amounts = col([100, 50, '1 234.50', 70, 10, 20, 30, '']);
const asOf = () => day('2024-12-31');

describe('every custom function is a documented top-level function of the bundle', () => {
  const code = readFileSync(bundlePath, 'utf8');
  it.each(FUNCTIONS)('%s has @customfunction JSDoc with params and an example directly above it', (name) => {
    const doc = jsdocAbove(code, name);
    expect(doc).toContain('@customfunction');
    expect(doc).toMatch(/@param \{[^}]+\} customers|@param \{[^}]+\} scores/);
    expect(doc).toMatch(new RegExp(`Example: =${name}\\(`));
    expect(typeof ctx[name]).toBe('function');
  });
  it('exports the five functions, and only UPPER_CASE entry points are custom functions', () => {
    const names = entryPointNames();
    expect(names).toEqual(expect.arrayContaining(FUNCTIONS));
    // Menu, sidebar and trigger handlers (camelCase) must never show up as formulas.
    for (const name of names) {
      const isCustom = (jsdocAbove(code, name) ?? '').includes('@customfunction');
      expect(isCustom, `${name}: @customfunction only on UPPER_CASE names`).toBe(/^[A-Z][A-Z0-9_]*$/.test(name));
    }
  });
});

describe('LIFECYCLE_SEGMENT', () => {
  it('spills a per-customer table with a header row from order rows', () => {
    const out = ctx.LIFECYCLE_SEGMENT(customers, dates(), amounts, asOf());
    expect(out[0]).toEqual(['Customer', 'Purchases', 'First purchase', 'Last purchase', 'Days since last purchase', 'Revenue', 'Segment']);
    expect(out.slice(1).map((r: unknown[]) => [r[0], r[1], iso(r[2]), iso(r[3]), r[4], r[5], r[6]])).toEqual([
      ['Anna', 4, '2024-01-05', '2024-12-01', 30, 1364.5, 'Regular Active'],
      ['Bob', 2, '2024-02-01', '2024-12-05', 26, 80, 'Prospective Active'],
      ['Carl', 1, '2024-06-01', '2024-06-01', 213, 70, 'New Lapsed'],
    ]);
  });
  it('gives one segment per row from purchases and last purchase per customer', () => {
    const out = ctx.LIFECYCLE_SEGMENT(col([1, 3, 5, '']), col([day('2024-12-01'), day('2024-10-01'), day('2024-05-01'), '']), asOf());
    expect(out).toEqual([['New Active'], ['Prospective Sleeping'], ['Regular Lapsed']]);
  });
  it('takes bands and a language', () => {
    const out = ctx.LIFECYCLE_SEGMENT(col([2, 3]), col([day('2024-12-01'), day('2024-12-01')]), asOf(), '3;5', '10;20', 'ru');
    expect(out).toEqual([['Новые Уснувшие'], ['Перспективные Уснувшие']]);
  });
  it('follows the spreadsheet locale for labels and dates', () => {
    const ru = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('ru_RU', 'Europe/Moscow') } });
    const out = ru.LIFECYCLE_SEGMENT(col(['Иван', 'Иван']), col(['05.03.2024', '06/03/2024']), col(['1 000,50', '2,5']), '31.12.2024');
    expect(out[0][0]).toBe('Клиент');
    expect(out[1].slice(0, 2)).toEqual(['Иван', 2]);
    expect(out[1][5]).toBeCloseTo(1003, 6);
    expect(out[1][6]).toBe('Перспективные Уснувшие');
  });
  it('skips the header row that a whole-column range brings', () => {
    const out = ctx.LIFECYCLE_SEGMENT(col(['Customer', 'Anna']), col(['Date', day('2024-12-01')]), col(['Amount', 5]), asOf());
    expect(out.length).toBe(2);
    expect(out[1][0]).toBe('Anna');
  });
});

describe('ABCXYZ', () => {
  it('ranks customers by revenue with shares and classes', () => {
    const out = ctx.ABCXYZ(customers, dates(), amounts, asOf());
    expect(out[0]).toEqual(['Customer', 'Revenue', 'Revenue share', 'Cumulative share', 'Purchases', 'Variation (CV)', 'ABC', 'XYZ', 'ABC/XYZ']);
    expect(out.slice(1).map((r: unknown[]) => [r[0], r[8]])).toEqual([['Anna', 'AY'], ['Bob', 'BY'], ['Carl', 'CZ']]);
    expect(out[3][3]).toBeCloseTo(1, 12);
  });
  it('classifies a per-customer table of revenue per month', () => {
    const out = ctx.ABCXYZ(col(['a', 'b', 'c']), [[100, 100, 100], [0, 0, 30], [5, 0, 10]]);
    expect(out).toEqual([['AX'], ['BZ'], ['CY']]);
  });
});

describe('LTV', () => {
  it('multiplies S x C x P x t per row', () => {
    expect(ctx.LTV(col([25000, 1000]), col([0.5, 2]), col([0.2, 0.1]), col([24, 12]))).toEqual([[60000], [2400]]);
  });
  it('spills a per-customer table with the base figure first', () => {
    const out = ctx.LTV(customers, dates(), amounts, asOf(), '25%');
    expect(out[1][0]).toBe('*');
    const anna = out.find((r: unknown[]) => r[0] === 'Anna');
    expect(anna[5]).toBeCloseTo(1364.5 / 4, 9);
    expect(anna[9]).toBeCloseTo(1364.5 * 0.25, 9);
  });
});

describe('NPS', () => {
  it('is % promoters minus % detractors of a score column, blanks skipped', () => {
    expect(ctx.NPS(col([10, 9, 8, 7, 6, 0, '']))).toBeCloseTo(0, 12);
    expect(ctx.NPS(col([10, 10, 9, 3]))).toBe(50);
  });
  it('tabulates by month with a total row', () => {
    const out = ctx.NPS(col(['a', 'b', 'c']), col([day('2024-01-10'), day('2024-01-20'), day('2024-02-01')]), col([10, 0, 9]), asOf());
    expect(out.slice(1).map((r: unknown[]) => r.slice(1))).toEqual([[2, 1, 0, 1, 0], [1, 1, 0, 0, 100], [3, 2, 0, 1, 100 / 3]]);
  });
});

describe('CHURN_RATE', () => {
  it('summarises period churn and lost customers', () => {
    const out = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary');
    const byName = Object.fromEntries(out.slice(1).map((r: unknown[]) => [r[0], r[1]]));
    expect(byName['Customers in base']).toBe(2);
    expect(byName['Churned']).toBe(1);
    expect(byName['Churn rate']).toBe(0.5);
  });
  it('lists customers with churn and lost flags by default', () => {
    const out = ctx.CHURN_RATE(customers, dates(), amounts, asOf());
    expect(out[0][0]).toBe('Customer');
    expect(out.length).toBe(4);
  });
  it('divides lost by customers at start per row', () => {
    expect(ctx.CHURN_RATE(col([10, 20]), col([1, 5]))).toEqual([[0.1], [0.25]]);
  });
});

describe('bad input gets a message naming function, argument, row and value', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['a text date that is no date', () => ctx.LIFECYCLE_SEGMENT(col(['a', 'b']), col(['2024-01-01', '32.13.2024']), '', asOf()), 'LIFECYCLE_SEGMENT: dates row 2 is "32.13.2024", not a date'],
    ['text in amounts', () => ctx.ABCXYZ(col(['a', 'b']), col([day('2024-01-01'), day('2024-01-02')]), col([1, 'abc']), asOf()), 'ABCXYZ: amounts row 2 is "abc", not a number'],
    ['ranges of different lengths', () => ctx.LTV(col(['a', 'b', 'c']), col([day('2024-01-01')]), col([1, 2, 3]), asOf()), 'LTV: dates has 1 rows but customers has 3; pass ranges over the same rows'],
    ['a score outside 0-10', () => ctx.NPS(col([5, 11])), 'NPS: scores row 2 is "11", not a whole number from 0 to 10'],
    ['no scores', () => ctx.NPS(col(['', ''])), 'NPS: scores are empty'],
    ['empty input', () => ctx.CHURN_RATE(col(['']), col(['']), '', asOf()), 'CHURN_RATE: no orders'],
    ['a future as-of date', () => ctx.LIFECYCLE_SEGMENT(col(['a']), col([day('2024-01-01')]), 5, day('2099-01-01')), 'LIFECYCLE_SEGMENT: as_of is "2099-01-01", a date in the future'],
    ['no as-of date', () => ctx.ABCXYZ(col(['a']), col([day('2024-01-01')]), col([5]), ''), 'ABCXYZ: as_of is empty'],
    ['an unknown language', () => ctx.NPS(col([5]), '', '', '', '', 'fr'), 'NPS: language is "fr", not one of en, ru, uk'],
    ['bad bands', () => ctx.LIFECYCLE_SEGMENT(col([1]), col([day('2024-01-01')]), asOf(), '4;2'), 'LIFECYCLE_SEGMENT: count bands must be two whole numbers'],
  ];
  it.each(cases)('%s', (_, call, message) => {
    expect(call).toThrowError(message);
    try {
      call();
    } catch (e) {
      expect((e as Error).message).not.toMatch(/\n\s+at /); // no stack trace in the cell
    }
  });
});
