// The built bundle, loaded the way Apps Script loads it, called with values shaped
// as Sheets passes them: 2D arrays, '' for blanks, Dates from inside and outside the context.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '../src/i18n/messages/errors';
import { type BundleContext, bundlePath, entryPointNames, jsdocAbove, loadBundle, projectRoot } from './support/loadBundle';

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
const day = (iso: string): Date =>
  new Date(`${iso}T00:00:00${Number(iso.slice(5, 7)) >= 4 && Number(iso.slice(5, 7)) <= 10 ? '+01:00' : 'Z'}`);
const innerDay = (iso: string): Date => vm.runInContext(`new Date(${day(iso).getTime()})`, ctx);
const iso = (d: unknown): string => (d as Date).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

// Anna buys four times, Bob twice (one order on a text date), Carl once; a blank trailing row as A2:A gives.
const customers = col(['Anna', 'Bob', 'anna ', 'Carl', 'Anna', 'Anna', 'Bob', '']);
const dates = () =>
  col([
    day('2024-01-05'),
    innerDay('2024-02-01'),
    day('2024-03-01'),
    day('2024-06-01'),
    day('2024-09-01'),
    day('2024-12-01'),
    '2024-12-05',
    '',
  ]);
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
    expect(out[0]).toEqual([
      'Customer',
      'Revenue',
      'Revenue share',
      'Cumulative share',
      'Purchases',
      'Gap variation (CV)',
      'ABC',
      'XYZ (purchase regularity)',
      'ABC/XYZ',
    ]);
    // Anna buys after 56, 184 and 91 days (CV 0.49): regular enough for X. Bob's one gap says nothing: Y.
    expect(out.slice(1).map((r: unknown[]) => [r[0], r[8]])).toEqual([
      ['Anna', 'AX'],
      ['Bob', 'BY'],
      ['Carl', 'CZ'],
    ]);
    expect(out[1][5]).toBeCloseTo(Math.sqrt(((56 - 331 / 3) ** 2 + (184 - 331 / 3) ** 2 + (91 - 331 / 3) ** 2) / 3) / (331 / 3), 12);
    expect(out[2][5]).toBe('');
    expect(out[3][3]).toBeCloseTo(1, 12);
  });
  it('xyz_basis: intervals by default, or revenue per week, month, quarter or year (the goods method)', () => {
    const monthly = ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '', 'month');
    expect(monthly[0][5]).toBe('Revenue variation (CV, by month)');
    expect(monthly[0][7]).toBe('XYZ (revenue by month)');
    // Anna's monthly revenue varies a lot (100, 0, 1234.5, 0 ... 20): Y by revenue, X by her rhythm.
    expect(monthly[1][8]).toBe('AY');
    expect(ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '', 'revenue')[1][8]).toBe('AY');
    expect(ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '', 'intervals')[1][8]).toBe('AX');
    expect(ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '0.1;0.25', 'month')[1][8]).toBe('AZ');
    expect(() => ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '0.1;0.25')).toThrow(/XYZ by purchase intervals takes one bound/);
    expect(() => ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '', 'daily')).toThrow(/ABCXYZ: xyz_basis is "daily"/);
  });
  it('classifies a per-customer table of revenue per month', () => {
    const out = ctx.ABCXYZ(col(['a', 'b', 'c']), [
      [100, 100, 100],
      [0, 0, 30],
      [5, 0, 10],
    ]);
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
    expect(out.slice(1).map((r: unknown[]) => r.slice(1))).toEqual([
      [2, 1, 0, 1, 0],
      [1, 1, 0, 0, 100],
      [3, 2, 0, 1, 100 / 3],
    ]);
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
  it('labels the period with its last day (as_of - 1) and its length, and gives the yearly lost ratio', () => {
    const out = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary');
    const byName = Object.fromEntries(out.slice(1).map((r: unknown[]) => [r[0], r[1]]));
    expect(iso(byName['Period start'])).toBe('2024-10-02');
    expect(iso(byName['Period end (last day)'])).toBe('2024-12-30');
    expect(byName['Period length, days']).toBe(90);
    expect(iso(byName['Lost ratio period start'])).toBe('2024-01-01');
    expect(iso(byName['Lost ratio period end (last day)'])).toBe('2024-12-30');
    expect(byName['Lost ratio period length, days']).toBe(365);
    // The year runs from 1 January 2024 and nobody had bought before it: nobody is at the start, the ratio is empty.
    expect(byName['Customers at the start (not lost)']).toBe(0);
    expect(byName['Lost ratio']).toBe('');
    expect(byName['Usual interval of one-time buyers, days']).toBe(90); // fewer than 10 second purchases
  });
  it('takes the lost ratio period as an argument; a language in its place (formulas written before) still works', () => {
    const out = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary', 300);
    const byName = Object.fromEntries(out.slice(1).map((r: unknown[]) => [r[0], r[1]]));
    expect(byName['Lost ratio period length, days']).toBe(300);
    expect(byName['Customers at the start (not lost)']).toBe(2); // Anna and Bob had bought by 6 March
    const ru = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary', 'ru');
    expect(ru[0][0]).toBe('Показатель');
    const ruLast = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary', 300, 'ru');
    expect(ruLast[0][0]).toBe('Показатель');
    expect(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 90, 180, 'summary', 0)).toThrow(
      'CHURN_RATE: lost_period_days is "0", not a whole number of days from 1 to 36500',
    );
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
    [
      'a text date that is no date',
      () => ctx.LIFECYCLE_SEGMENT(col(['a', 'b']), col(['2024-01-01', '32.13.2024']), '', asOf()),
      'LIFECYCLE_SEGMENT: dates row 2 is "32.13.2024", not a date',
    ],
    [
      'text in amounts',
      () => ctx.ABCXYZ(col(['a', 'b']), col([day('2024-01-01'), day('2024-01-02')]), col([1, 'abc']), asOf()),
      'ABCXYZ: amounts row 2 is "abc", not a number',
    ],
    [
      'ranges of different lengths',
      () => ctx.LTV(col(['a', 'b', 'c']), col([day('2024-01-01')]), col([1, 2, 3]), asOf()),
      'LTV: dates has 1 row but customers has 3; pass ranges over the same rows',
    ],
    ['a score outside 0-10', () => ctx.NPS(col([5, 11])), 'NPS: scores row 2 is "11", not a whole number from 0 to 10'],
    ['no scores', () => ctx.NPS(col(['', ''])), 'NPS: scores are empty'],
    ['empty input', () => ctx.CHURN_RATE(col(['']), col(['']), '', asOf()), 'CHURN_RATE: no orders'],
    [
      'a future as-of date',
      () => ctx.LIFECYCLE_SEGMENT(col(['a']), col([day('2024-01-01')]), 5, day('2099-01-01')),
      'LIFECYCLE_SEGMENT: as_of is "2099-01-01", a date in the future',
    ],
    ['no as-of date', () => ctx.ABCXYZ(col(['a']), col([day('2024-01-01')]), col([5]), ''), 'ABCXYZ: as_of is empty'],
    ['an unknown language', () => ctx.NPS(col([5]), '', '', '', '', 'fr'), 'NPS: language is "fr", not one of en, ru, uk'],
    [
      'bad bands',
      () => ctx.LIFECYCLE_SEGMENT(col([1]), col([day('2024-01-01')]), asOf(), '4;2'),
      'LIFECYCLE_SEGMENT: count_bands is "4;2"; give two whole numbers such as 2;4',
    ],
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

describe('errors are in the language of the call', () => {
  let ru: BundleContext;
  let uk: BundleContext;
  beforeAll(() => {
    ru = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('ru_RU', 'Europe/Moscow') } });
    uk = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('uk_UA', 'Europe/Kyiv') } });
  });
  const messageOf = (call: () => unknown): string => {
    try {
      call();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  const names = (n: number): unknown[][] => col(Array.from({ length: n }, (_, i) => `c${i}`));
  const texts = (n: number): unknown[][] => col(Array.from({ length: n }, (_, i) => `0${i + 1}.01.2024`));

  it('names a bad date row in the spreadsheet locale', () => {
    expect(messageOf(() => ru.LIFECYCLE_SEGMENT(col(['a', 'b']), col(['01.01.2024', '32.13.2024']), '', '31.12.2024'))).toBe(
      'LIFECYCLE_SEGMENT: dates, строка 2: "32.13.2024"; ожидается дата',
    );
    expect(messageOf(() => uk.LIFECYCLE_SEGMENT(col(['a', 'b']), col(['01.01.2024', '32.13.2024']), '', '31.12.2024'))).toBe(
      'LIFECYCLE_SEGMENT: dates, рядок 2: "32.13.2024"; очікується дата',
    );
    // A blank cell is "empty" in the language too.
    expect(messageOf(() => ru.LIFECYCLE_SEGMENT(col([2, 1]), col(['', '01.12.2024']), '31.12.2024'))).toBe(
      'LIFECYCLE_SEGMENT: last_purchase, строка 1: пусто; ожидается дата',
    );
  });

  it('counts rows of ranges of different lengths with the plural forms', () => {
    const lengths = (bundle: BundleContext, rows: number, more: number): string =>
      messageOf(() => bundle.LTV(names(rows), texts(more), '', '31.12.2024'));
    expect(lengths(ru, 1, 2)).toBe('LTV: в customers 1 строка, а в dates — 2; передайте диапазоны по одним и тем же строкам');
    expect(lengths(ru, 2, 5)).toBe('LTV: в customers 2 строки, а в dates — 5; передайте диапазоны по одним и тем же строкам');
    expect(lengths(ru, 5, 6)).toBe('LTV: в customers 5 строк, а в dates — 6; передайте диапазоны по одним и тем же строкам');
    expect(lengths(uk, 1, 2)).toBe('LTV: у customers 1 рядок, а в dates — 2; передайте діапазони по тих самих рядках');
    expect(lengths(uk, 2, 5)).toBe('LTV: у customers 2 рядки, а в dates — 5; передайте діапазони по тих самих рядках');
    expect(lengths(uk, 5, 6)).toBe('LTV: у customers 5 рядків, а в dates — 6; передайте діапазони по тих самих рядках');
    expect(lengths(ctx, 2, 5)).toBe('LTV: customers has 2 rows but dates has 5; pass ranges over the same rows');
  });

  it('follows the language argument over the locale', () => {
    expect(messageOf(() => ctx.NPS(col([5, 11]), '', '', '', '', 'uk'))).toBe(
      'NPS: scores, рядок 2: "11"; очікується ціле число від 0 до 10',
    );
    expect(messageOf(() => ru.NPS(col(['', '']), '', '', '', '', 'en'))).toBe(
      'NPS: scores are empty; NPS needs at least one score from 0 to 10',
    );
    expect(messageOf(() => ru.CHURN_RATE(col([3, 4]), col([1, 5])))).toBe(
      'CHURN_RATE: customers_lost, строка 2: 5 — больше, чем 4 клиента на начало',
    );
  });

  it('keeps a bad language argument in English, whatever the locale', () => {
    expect(messageOf(() => ru.NPS(col([5]), '', '', '', '', 'fr'))).toBe('NPS: language is "fr", not one of en, ru, uk');
    expect(messageOf(() => uk.LIFECYCLE_SEGMENT(col([1]), col(['01.01.2024']), '31.12.2024', '', '', 'de'))).toBe(
      'LIFECYCLE_SEGMENT: language is "de", not one of en, ru, uk',
    );
  });

  it('shows the errors of the option checks in the language of the call, naming the argument as typed', () => {
    expect(messageOf(() => ru.LIFECYCLE_SEGMENT(col([1]), col(['01.01.2024']), '31.12.2024', '4;2'))).toBe(
      'LIFECYCLE_SEGMENT: count_bands = "4;2"; укажите два целых числа, например 2;4 (Перспективные — от 2 покупок, Постоянные — от 4): первое 2 или больше, второе больше первого',
    );
    expect(messageOf(() => ctx.LIFECYCLE_SEGMENT(col([1]), col([day('2024-01-01')]), asOf(), '', '200;100', 'uk'))).toBe(
      'LIFECYCLE_SEGMENT: recency_bands = "200;100"; вкажіть два цілі числа днів, наприклад 60;180 (Активні — до 60 днів, Засинаючі — до 180): перше 0 або більше, друге більше за перше',
    );
    expect(messageOf(() => ctx.ABCXYZ(customers, dates(), amounts, asOf(), '', '0.3;0.1', '', 'ru'))).toBe(
      'ABCXYZ: xyz_bounds = "0.3;0.1"; укажите один или два возрастающих коэффициента вариации, например 0,5 или 0,1;0,25',
    );
    expect(messageOf(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 0, '', '', 'uk'))).toBe(
      'CHURN_RATE: period_days = "0"; очікується ціле число днів від 1 до 36500',
    );
    expect(messageOf(() => ru.LTV(customers, dates(), amounts, asOf(), -2))).toBe(
      'LTV: margin = "-2"; ожидается маржа от 0 до 100%, например 25%, 0,25 или 25',
    );
    expect(messageOf(() => ru.P_ALIVE(col(['a', 'a']), col(['01.01.2024', '01.02.2024']), col([5, 5]), '31.12.2024'))).toBe(
      'P_ALIVE: BG/NBD: в данных только 1 клиент; для обучения модели нужно не меньше 2 клиентов',
    );
    // English stays as it was.
    expect(messageOf(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 0))).toBe(
      'CHURN_RATE: period_days is "0", not a whole number of days from 1 to 36500',
    );
  });
});

describe('choice arguments take only their choices: prototype names are no choice', () => {
  const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
  const one = () => [col(['a', 'a']), col([day('2024-01-05'), day('2024-03-01')]), col([5, 6]), asOf()] as const;
  it.each(keys)('%s', (key) => {
    expect(() => ctx.NPS(col(['a']), col([day('2024-01-10')]), col([9]), asOf(), key)).toThrow(
      `NPS: period is "${key}", not one of week, month, quarter, year`,
    );
    expect(() => ctx.CHURN_RATE(...one(), '', '', key)).toThrow(`CHURN_RATE: output is "${key}", not one of customers, summary`);
    expect(() => ctx.ABCXYZ(...one(), '', '', key)).toThrow(`ABCXYZ: xyz_basis is "${key}", not one of intervals`);
    expect(() => ctx.LTV(...one(), '', key)).toThrow(`LTV: language is "${key}", not one of en, ru, uk`);
    expect(() => ctx.SUGGEST_BANDS(...one(), key)).toThrow(`SUGGEST_BANDS: language is "${key}", not one of en, ru, uk`);
  });
});

describe('the first row of the column form is a header only when it looks like one', () => {
  const names = col(['Anna', 'Bob']);
  it('a bad date in the first row is an error, as in any other row, not a header dropped', () => {
    expect(() => ctx.LIFECYCLE_SEGMENT(names, col(['32.13.2024', day('2024-12-01')]), '', asOf())).toThrow(
      'LIFECYCLE_SEGMENT: dates row 1 is "32.13.2024", not a date',
    );
    expect(() => ctx.LIFECYCLE_SEGMENT(names, col([day('2024-12-01'), '32.13.2024']), '', asOf())).toThrow(
      'LIFECYCLE_SEGMENT: dates row 2 is "32.13.2024", not a date',
    );
    // A bad amount under a good date is no header either, nor a word over no date.
    expect(() => ctx.ABCXYZ(names, col(['1e5', day('2024-12-01')]), col(['n/a', 5]), asOf())).toThrow(
      'ABCXYZ: dates row 1 is "1e5", not a date',
    );
    expect(() => ctx.LTV(names, col(['When', day('2024-12-01')]), '', asOf())).toThrow('LTV: dates row 1 is "When", not a date');
  });
  it('a row of known header names is skipped, with or without amounts', () => {
    expect(ctx.LIFECYCLE_SEGMENT(col(['Customer', 'Anna']), col(['Order date', day('2024-12-01')]), '', asOf()).length).toBe(2);
    expect(ctx.LIFECYCLE_SEGMENT(col(['Клиент', 'Anna']), col(['When', day('2024-12-01')]), '', asOf()).length).toBe(2);
    expect(ctx.LIFECYCLE_SEGMENT(col(['Who', 'Anna']), col(['When', day('2024-12-01')]), col(['Сумма', 5]), asOf()).length).toBe(2);
  });
  it('words over a date and a number are a header of other names', () => {
    const out = ctx.LIFECYCLE_SEGMENT(col(['Who', 'Anna']), col(['When', day('2024-12-01')]), col(['How much', 5]), asOf());
    expect(out.slice(1).map((r: unknown[]) => r[0])).toEqual(['Anna']);
  });
});

describe('no cell is ever NaN or Infinity: numbers beyond the limits are errors naming argument, row and value', () => {
  it('amounts beyond ±10 trillion (1e308, 400 nines) are unreadable rows', () => {
    const two = col([day('2024-01-05'), day('2024-02-05')]);
    expect(() => ctx.ABCXYZ(col(['a', 'b']), two, col([5, 1e308]), asOf())).toThrow(
      'ABCXYZ: amounts row 2 is "1e+308", not an amount from -10,000,000,000,000 to 10,000,000,000,000',
    );
    expect(() => ctx.LIFECYCLE_SEGMENT(col(['a', 'b']), two, col(['9'.repeat(400), 5]), asOf())).toThrow(
      /^LIFECYCLE_SEGMENT: amounts row 1 is "9{37}\.\.\.", not a number$/,
    );
    expect(() => ctx.CLV(col(['a', 'a', 'b', 'b']), [...two, ...two], col([1e308, 1, 2, 3]), asOf())).toThrow(
      'CLV: amounts row 1 is "1e+308", not an amount',
    );
    // At the limit every figure stays a finite number.
    const out = ctx.ABCXYZ(col(['a', 'b']), two, col([1e13, 1e13]), asOf());
    expect(out.slice(1).map((r: unknown[]) => r.slice(1, 4))).toEqual([
      [1e13, 0.5, 0.5],
      [1e13, 0.5, 1],
    ]);
  });
  it('LTV parts out of range: S an amount, C purchases a month, t months', () => {
    expect(() => ctx.LTV(1e308, 1e308, 0.2, 24)).toThrow('LTV: S row 1 is "1e+308", not an amount from 0 to 10,000,000,000,000');
    expect(() => ctx.LTV(100, 1e308, 0.2, 24)).toThrow('LTV: C row 1 is "1e+308", not a number of purchases a month from 0 to 1,000,000');
    expect(() => ctx.LTV(100, 1, 0.2, 1e308)).toThrow('LTV: t row 1 is "1e+308", not a number of months from 0 to 1200');
  });
  it('day counts beyond 100 years: period_days, lookback_days, lost_period_days', () => {
    expect(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 1e308, '', 'summary')).toThrow(
      'CHURN_RATE: period_days is "1e+308", not a whole number of days from 1 to 36500',
    );
    expect(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), '', 36501)).toThrow(
      'CHURN_RATE: lookback_days is "36501", not a whole number of days from 1 to 36500',
    );
    expect(() => ctx.CHURN_RATE(customers, dates(), amounts, asOf(), '', '', 'summary', '50%')).toThrow(
      'CHURN_RATE: lost_period_days is "50%", not a whole number of days from 1 to 36500',
    );
    const summary = ctx.CHURN_RATE(customers, dates(), amounts, asOf(), 36500, 36500, 'summary', 36500);
    expect(summary.flat().every((v: unknown) => typeof v !== 'number' || Number.isFinite(v))).toBe(true);
  });
});

describe('LTV margins are from 0 to 100%, read the same in every form', () => {
  const one = () => [col(['a']), col([day('2024-01-05')]), col([100]), asOf()] as const;
  const baseLtv = (margin: unknown): unknown => ctx.LTV(...one(), margin)[1][9];
  it('25%, 0.25 and 25 are a quarter; 100% is the revenue; a percent typed is never divided twice', () => {
    expect([baseLtv('25%'), baseLtv(0.25), baseLtv(25), baseLtv('100%'), baseLtv('0.5%')]).toEqual([25, 25, 25, 100, 0.5]);
  });
  it.each(['150%', '101%', '-25%', -0.25, 101, 1e308, 'x'])('margin %s is an error naming it as typed', (margin) => {
    expect(() => baseLtv(margin)).toThrow(/^LTV: margin is ".+", not (a margin from 0 to 100%, such as 25%, 0.25 or 25|a number)$/);
  });
  it('the per-row P takes 20%, 0.2 and 20; a P above 100% or negative is an error, and so are negative S, C and t', () => {
    expect(ctx.LTV(col([1000, 1000, 1000]), 1, col(['20%', 0.2, 20]), 12)).toEqual([[2400], [2400], [2400]]);
    // A bare number above 1 is a percent, as for the margin argument: 1.5 is 1.5%.
    expect(ctx.LTV(1000, 1, 1.5, 12)[0][0]).toBeCloseTo(180, 9);
    expect(() => ctx.LTV(1000, 1, 150, 12)).toThrow('LTV: P row 1 is "150", not a margin from 0 to 100%');
    expect(() => ctx.LTV(1000, 1, '150%', 12)).toThrow('LTV: P row 1 is "150%", not a margin from 0 to 100%');
    expect(() => ctx.LTV(col([1000, 1000]), 1, col([0.2, -0.25]), 12)).toThrow('LTV: P row 2 is "-0.25", not a margin');
    expect(() => ctx.LTV(-100, 1, 0.2, 12)).toThrow('LTV: S row 1 is "-100", not an amount from 0');
    expect(() => ctx.LTV(100, -1, 0.2, 12)).toThrow('LTV: C row 1 is "-1", not a number of purchases a month');
    expect(() => ctx.LTV(100, 1, 0.2, col([12, -3]))).toThrow('LTV: t row 2 is "-3", not a number of months');
  });
});

describe('messages name the argument, the row within the range and the value as typed', () => {
  it('ABCXYZ per customer: the row and column of a bad revenue cell', () => {
    expect(() =>
      ctx.ABCXYZ(col(['a', 'b']), [
        [1, 2],
        ['x', 3],
      ]),
    ).toThrow('ABCXYZ: period_revenue row 2, column 1 is "x", not a number');
    expect(() =>
      ctx.ABCXYZ(col(['a', 'b']), [
        [1, 2],
        [3, 1e14],
      ]),
    ).toThrow('ABCXYZ: period_revenue row 2, column 2 is "100000000000000", not an amount');
  });
  it('CHURN_RATE per row: a negative count is named, not taken for missing orders', () => {
    expect(() => ctx.CHURN_RATE(col([10]), col(['-1']))).toThrow(
      'CHURN_RATE: customers_lost row 1 is "-1", not a whole number of customers',
    );
    expect(() => ctx.CHURN_RATE(col(['-3']), col([1]))).toThrow('CHURN_RATE: customers_at_start row 1 is "-3"');
  });
  it('abc_bounds as typed, not as read', () => {
    expect(() => ctx.ABCXYZ(customers, dates(), amounts, asOf(), '1;100')).toThrow(
      'ABCXYZ: abc_bounds is "1;100"; give two cumulative shares A and B with 0 < A < B <= 100%',
    );
    expect(() => ctx.ABCXYZ(customers, dates(), amounts, asOf(), [[0.9, '150%']])).toThrow('ABCXYZ: abc_bounds is "0.9;150%"');
    // 80, 80% and 0.8 are the same bound; a percent typed is not divided twice.
    const classes = (bounds: unknown) => ctx.ABCXYZ(customers, dates(), amounts, asOf(), bounds).map((r: unknown[]) => r[6]);
    expect(classes('80;95')).toEqual(classes('80%;95%'));
    expect(classes('80%;95%')).toEqual(classes([[0.8, 0.95]]));
  });
  it('a margin of 1e308 is quoted as given, not as read', () => {
    expect(() => ctx.LTV(customers, dates(), amounts, asOf(), 1e308)).toThrow('LTV: margin is "1e+308", not a margin');
  });
  it('option arguments are quoted as typed', () => {
    expect(() => ctx.EXPECTED_PURCHASES(customers, dates(), amounts, asOf(), '0%')).toThrow(
      'EXPECTED_PURCHASES: days is "0%", not a number of days from 1 to 36500',
    );
    expect(() => ctx.CLV(customers, dates(), amounts, asOf(), '50%')).toThrow('CLV: months is "50%", not a whole number of months');
  });
});

describe('customers are matched without invisible characters, in one Unicode form', () => {
  it('"Cust00" and "Cust00" with a zero-width space are one customer, shown as first written', () => {
    const out = ctx.LIFECYCLE_SEGMENT(
      col(['Cust00', 'Cust00\u200b', '\ufeffcust00 ']),
      col([day('2024-01-05'), day('2024-02-05'), day('2024-03-05')]),
      '',
      asOf(),
    );
    expect(out.slice(1).map((r: unknown[]) => [r[0], r[1]])).toEqual([['Cust00', 3]]);
  });
  it('the first spelling is shown without its invisible characters', () => {
    const out = ctx.LIFECYCLE_SEGMENT(col(['\u200bCust00\u200b', 'Cust00']), col([day('2024-01-05'), day('2024-02-05')]), '', asOf());
    expect(out.slice(1).map((r: unknown[]) => r[0])).toEqual(['Cust00']);
  });
});

describe('the error catalogue', () => {
  const sourceFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)(?::[^}]*)?\}/g)].map((m) => m[1]))].sort();

  it('has no key that no code uses', () => {
    const src = join(projectRoot, 'src');
    const code = sourceFiles(src)
      .filter((f) => !f.endsWith(join('i18n', 'messages', 'errors.ts')))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(errorMessages.en).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('gives every language the same placeholders and Russian and Ukrainian three plural forms', () => {
    for (const lang of ['ru', 'uk'] as const) {
      for (const [key, english] of Object.entries(errorMessages.en)) {
        const text = errorMessages[lang][key as keyof typeof errorMessages.en];
        expect([key, lang, placeholders(text)]).toEqual([key, lang, placeholders(english)]);
        for (const [, forms] of text.matchAll(/\{\w+:([^}]*)\}/g)) expect([key, lang, forms.split('|').length]).toEqual([key, lang, 3]);
      }
    }
  });
});
