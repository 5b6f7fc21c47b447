// Hostile input properties: every custom function of the built bundle, in each of its
// forms (order-row columns, the whole orders table, per customer or per row) and with
// arguments of any kind, called the way Sheets calls it: whatever the arguments hold,
// the cell gets either a table of plain values or one readable error. No cell is ever
// NaN, Infinity, undefined, null, an object or a stack trace, and every error starts
// with the function's name and names one of its arguments (docs/definitions.md,
// section 1: how input is read and what it may hold).
//
// Seeds are fixed so that CI is repeatable; fast-check prints the seed and the shrunk
// arguments of a failure. Run counts are kept small: the predictive fits are the cost.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelMessages } from '../src/i18n/messages/model';
import { cdnowPath } from './support/cdnow';
import { type BundleContext, loadBundle } from './support/loadBundle';

/** Rows of real orders under the fits: enough for 20 repeat buyers, few enough to fit in milliseconds. */
const FIT_ROWS = 300;

function fakeSpreadsheetApp(locale: string, timeZone: string) {
  return { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => locale, getSpreadsheetTimeZone: () => timeZone }) };
}

let en: BundleContext;
let ru: BundleContext;
beforeAll(() => {
  en = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('en_US', 'Europe/London') } });
  ru = loadBundle({ globals: { SpreadsheetApp: fakeSpreadsheetApp('ru_RU', 'Europe/Moscow') } });
});

/** The argument names of each function, in every form (src/main.js documents them). */
const ARGUMENTS: Record<string, readonly string[]> = {
  LIFECYCLE_SEGMENT: ['customers', 'dates', 'amounts', 'as_of', 'count_bands', 'recency_bands', 'language', 'purchases', 'last_purchase'],
  ABCXYZ: ['customers', 'dates', 'amounts', 'as_of', 'abc_bounds', 'xyz_bounds', 'xyz_basis', 'abc_basis', 'language', 'period_revenue'],
  LTV: ['customers', 'dates', 'amounts', 'as_of', 'margin', 'language', 'S', 'C', 'P', 't'],
  NPS: ['scores', 'respondents', 'dates', 'as_of', 'period', 'language'],
  CHURN_RATE: [
    'customers',
    'dates',
    'amounts',
    'as_of',
    'period_days',
    'lookback_days',
    'output',
    'lost_period_days',
    'language',
    'customers_at_start',
    'customers_lost',
  ],
  P_ALIVE: ['customers', 'dates', 'amounts', 'as_of', 'language', 'x', 't_x', 'T', 'model'],
  EXPECTED_PURCHASES: ['customers', 'dates', 'amounts', 'as_of', 'days', 'language', 'x', 't_x', 'T', 'model'],
  CLV: [
    'customers',
    'dates',
    'amounts',
    'as_of',
    'months',
    'monthly_discount_rate',
    'language',
    'x',
    't_x',
    'T',
    'average_amount',
    'model',
  ],
  CLV_MODEL: ['customers', 'dates', 'amounts', 'as_of', 'language'],
  SUGGEST_BANDS: ['customers', 'dates', 'amounts', 'as_of', 'language'],
  REPEAT_FUNNEL: ['customers', 'dates', 'amounts', 'as_of', 'language'],
};

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Messages about the order rows as a whole rather than one argument: a model that
 * cannot be fitted to the data, or too few repeat purchases to suggest bands
 * (src/i18n/messages/model.ts). Any of their texts, in any language, placeholders as wildcards.
 */
const DATA_MESSAGES: RegExp[] = (['en', 'ru', 'uk'] as const).flatMap((lang) =>
  Object.entries(modelMessages[lang])
    .filter(([key]) => key.startsWith('model.error.') || key.startsWith('model.bands.error.'))
    .map(
      ([, text]) =>
        new RegExp(
          '^' +
            text
              .split(/\{[^}]*\}/)
              .map(escape)
              .join('.*') +
            '$',
          's',
        ),
    ),
);

/** Why a message fails the rule, or null: "FN: " first, an argument named, nothing of the machinery. */
function messageProblem(fn: string, message: string, columnLabels: readonly string[]): string | null {
  if (!message.startsWith(`${fn}: `)) return 'does not start with the function name';
  if (/\n\s+at |\[object |\bundefined\b|\bNaN\b|\bInfinity\b|\bnull\b/.test(message)) return 'shows machinery';
  const text = message.slice(fn.length + 2);
  const names = ARGUMENTS[fn];
  // A one-letter name (S, t, x) counts as a word between spaces (or at the start); longer ones as any word.
  const named =
    names.some((name) =>
      name.length === 1 ? new RegExp(`(^|\\s)${name}([ ,:]|$)`).test(text) : new RegExp(`(^|[^\\w])${name}($|[^\\w])`).test(text),
    ) ||
    columnLabels.some((label) => text.startsWith(label + ' ') || text.startsWith(label + ',')) ||
    DATA_MESSAGES.some((re) => re.test(text));
  return named ? null : 'names no argument';
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Why a result is no proper cell content, or null: text, finite numbers and real dates only, rectangular. */
function resultProblem(out: unknown): string | null {
  const cell = (v: unknown): string | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? null : `number ${v}`;
    if (typeof v === 'string') return /^(NaN|-?Infinity|undefined|null)$|\[object |\n\s+at /.test(v) ? `text ${JSON.stringify(v)}` : null;
    if (isDate(v)) return Number.isNaN((v as Date).getTime()) ? 'Invalid Date' : null;
    return `${v === null ? 'null' : typeof v} cell`;
  };
  if (!Array.isArray(out)) return cell(out);
  if (out.length === 0) return 'no rows';
  const width = (out[0] as unknown[]).length;
  for (const row of out) {
    if (!Array.isArray(row) || row.length === 0) return 'a row that is no array of cells';
    if (row.length !== width) return 'rows of different widths';
    for (const v of row) {
      const p = cell(v);
      if (p) return p;
    }
  }
  return null;
}

interface Outcome {
  ok: boolean;
  message?: string;
}

/** Calls the function and checks the rule; fails the property with what went wrong. */
function check(ctx: BundleContext, fn: string, args: unknown[], columnLabels: readonly string[] = []): Outcome {
  let out: unknown;
  try {
    out = ctx[fn](...args);
  } catch (e) {
    const message =
      e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e) ? String((e as Error).message) : String(e);
    const problem = messageProblem(fn, message, columnLabels);
    if (problem) throw new Error(`${fn} threw a message that ${problem}: ${JSON.stringify(message)}`, { cause: e });
    return { ok: false, message };
  }
  const problem = resultProblem(out);
  if (problem) throw new Error(`${fn} returned ${problem}: ${JSON.stringify(out)?.slice(0, 400)}`);
  return { ok: true };
}

// ---- Cells --------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const BASE = Date.UTC(2023, 0, 2);
/** A date cell of 2023-2024 as Sheets hands it over (from inside the script's realm or not). */
const dateCell = fc.tuple(fc.integer({ min: 0, max: 700 }), fc.boolean()).map(([d, inner]) => {
  const ms = BASE + d * DAY_MS;
  return inner ? (vm.runInContext(`new Date(${ms})`, en) as Date) : new Date(ms);
});
const EXTREME_DATES = [
  new Date(Date.UTC(1000, 0, 1)),
  new Date(Date.UTC(9999, 11, 31)),
  new Date(-8.64e15),
  new Date(Date.UTC(1899, 11, 30)),
];
const HUGE = [1e308, -1e308, Number.MAX_VALUE, 5e-324, 1e13, -1e13, 1e13 + 1, 2 ** 53, -0, 1e21, 1e-12];
const TEXTS = [
  '#N/A',
  '#REF!',
  '#DIV/0!',
  '#VALUE!',
  '#NAME?',
  '#NUM!',
  '#ERROR!',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '\u200b',
  'Cust00\u200b',
  '\ufeffCust00',
  '\u202eevil',
  'x'.repeat(5000),
  '9'.repeat(400),
  '-' + '9'.repeat(400),
  '1e999',
  '32.13.2024',
  '2024-02-30',
  '2024-03-05',
  '05.03.2024',
  '12/31/2024',
  '1 234,56',
  '(120)',
  '120-',
  '-1',
  '1e5',
  '150%',
  '-25%',
  '50%',
  '0%',
  '2;4',
  '4;2',
  '60;180',
  '1;100',
  '0.1;0.25',
  'summary',
  'customers',
  'month',
  'revenue',
  'en',
  'ru',
  'uk',
  'Customer',
  'Date',
  'Amount',
  '=1+1',
  '<b>x</b>',
];
/** Any cell value Sheets can pass, valid ones more often than not. */
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\u00a0') },
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 120 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: dateCell },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME_DATES) },
  { weight: 1, arbitrary: fc.integer({ min: 44900, max: 45600 }) }, // date serials of 2022-2024
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).filter((s) => !/^\s*(NaN|-?Infinity|undefined|null)\s*$/.test(s)) },
);
/** A mostly-valid customer, date and amount, so that many calls get through to the figures. */
const customerCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Anna', 'Bob', 'anna ', 'Cust00', 'Cust00\u200b', 'Ёж') },
  { weight: 1, arbitrary: anyCell },
);
const orderDate = fc.oneof({ weight: 6, arbitrary: dateCell }, { weight: 1, arbitrary: anyCell });
const amountCell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -50, max: 500 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e13, -1e13, 0.01, '1 234,56', '$5') },
  { weight: 1, arbitrary: anyCell },
);
/** An as-of date: mostly a past date, sometimes anything. */
const asOfArg = fc.oneof(
  { weight: 5, arbitrary: fc.constant(new Date(Date.UTC(2025, 0, 1))) },
  { weight: 1, arbitrary: dateCell },
  { weight: 1, arbitrary: anyCell },
);

/** A range of `rows` x `cols` of a cell kind. */
const range = (cell: fc.Arbitrary<unknown>, rows: { min: number; max: number }, cols = { min: 1, max: 1 }) =>
  fc
    .tuple(fc.integer(rows), fc.integer(cols))
    .chain(([r, c]) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
/** An argument: left out, one value, or a range of any shape. */
const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: anyCell },
  { weight: 2, arbitrary: range(anyCell, { min: 0, max: 4 }, { min: 1, max: 3 }) },
);
/** An option argument: left out most often, a sensible or hostile value otherwise. */
const optionArg = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: anyArg },
);

/** Order-row columns of n rows, sometimes of different lengths or several columns wide. */
const columns = (maxRows: number) =>
  fc
    .integer({ min: 1, max: maxRows })
    .chain((n) =>
      fc.tuple(
        fc.oneof({ weight: 8, arbitrary: range(customerCell, { min: n, max: n }) }, { weight: 1, arbitrary: anyArg }),
        fc.oneof(
          { weight: 8, arbitrary: range(orderDate, { min: n, max: n }) },
          { weight: 1, arbitrary: range(orderDate, { min: 0, max: n + 2 }) },
        ),
        fc.oneof(
          { weight: 6, arbitrary: range(amountCell, { min: n, max: n }) },
          { weight: 2, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: anyArg },
        ),
      ),
    );

const HEADERS = ['Date', 'Customer', 'Amount', 'Order ID', 'Manager', 'Profit', 'Margin', 'E-mail', 'Customer', 'Amount'];
const LETTERS = 'ABCDEFGHIJ';
/** A whole orders table: a header row of 2-10 known names (duplicates too) over hostile rows. */
const table = (maxRows: number) =>
  fc.integer({ min: 2, max: HEADERS.length }).chain((width) =>
    fc
      .tuple(
        fc.shuffledSubarray(HEADERS.slice(0, width), { minLength: width, maxLength: width }),
        fc.array(fc.tuple(orderDate, customerCell, amountCell, fc.array(anyCell, { minLength: width, maxLength: width })), {
          minLength: 0,
          maxLength: maxRows,
        }),
      )
      .map(([headers, rows]) => {
        // Date and customer where their headers fell, the amount under the first "Amount", anything elsewhere.
        const at = (name: string): number => headers.indexOf(name);
        const body = rows.map(([d, c, a, rest]) =>
          rest.map((v, i) => (i === at('Date') ? d : i === at('Customer') ? c : i === at('Amount') ? a : v)),
        );
        const labels = headers.map((h, i) => `${h} (${LETTERS[i]})`);
        return { values: [headers, ...body], labels };
      }),
  );

// ---- Properties ---------------------------------------------------------------------------------

interface Form {
  name: string;
  runs: number;
  args: fc.Arbitrary<{ args: unknown[]; labels?: string[] }>;
}

const withOptions = (count: number) => fc.array(optionArg, { minLength: count, maxLength: count });
const columnForm = (options: number, maxRows: number): fc.Arbitrary<{ args: unknown[] }> =>
  fc.tuple(columns(maxRows), asOfArg, withOptions(options)).map(([[c, d, a], asOf, opts]) => ({ args: [c, d, a, asOf, ...opts] }));
const tableForm = (options: number, maxRows: number): fc.Arbitrary<{ args: unknown[]; labels: string[] }> =>
  fc.tuple(table(maxRows), asOfArg, withOptions(options)).map(([t, asOf, opts]) => ({ args: [t.values, asOf, ...opts], labels: t.labels }));
const anyForm = (count: number): fc.Arbitrary<{ args: unknown[] }> =>
  fc.array(anyArg, { minLength: 0, maxLength: count }).map((args) => ({ args }));

const numbersColumn = (cell: fc.Arbitrary<unknown>, n: number) =>
  range(fc.oneof({ weight: 5, arbitrary: cell }, { weight: 1, arbitrary: anyCell }), { min: n, max: n });
/** x, t_x, T per row: mostly a consistent history, sometimes anything. */
const histories = (n: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 })).map(([x, a, b]) => {
      const T = Math.max(a, b);
      return [x, x === 0 ? 0 : Math.min(a, b), T];
    }),
    { minLength: n, maxLength: n },
  );
const historyArgs = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc
    .tuple(
      histories(n),
      fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyCell }), {
        minLength: 3,
        maxLength: 3,
      }),
    )
    // Now and then one column's first cell is anything.
    .map(([rows, spoil]) => [0, 1, 2].map((k) => rows.map((r, i) => [i === 0 && spoil[k] !== undefined ? spoil[k] : r[k]]))),
);
const MODEL_4 = [[0.24], [4.4 * 7], [0.79], [2.4]];
const MODEL_7 = [...MODEL_4, [6.25], [3.74], [15.44]];
const modelArg = fc.oneof(
  { weight: 4, arbitrary: fc.constant(MODEL_4) },
  { weight: 4, arbitrary: fc.constant(MODEL_7) },
  { weight: 1, arbitrary: range(fc.oneof(fc.constantFrom(...HUGE), anyCell), { min: 1, max: 8 }) },
  // At the edges of what a model may hold (src/functions/predictive.ts): the formulas must stay finite there.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(1e-7, 1, 1000), fc.array(fc.constantFrom(1e-7, 1, 1e13), { minLength: 6, maxLength: 6 }), fc.boolean())
      .map(([r, rest, spend]) => [r, ...rest.slice(0, spend ? 6 : 3)].map((v) => [v])),
  },
  { weight: 1, arbitrary: anyArg },
);

// Descriptive functions: cheap, more runs; predictive ones fit a model per call: few rows, fewer runs.
const FORMS: Record<string, Form[]> = {
  LIFECYCLE_SEGMENT: [
    { name: 'order columns', runs: 150, args: columnForm(3, 8) },
    { name: 'whole table', runs: 100, args: tableForm(3, 8) },
    {
      name: 'per customer',
      runs: 100,
      args: fc
        .integer({ min: 1, max: 5 })
        .chain((n) =>
          fc
            .tuple(numbersColumn(fc.integer({ min: 1, max: 9 }), n), numbersColumn(dateCell, n), asOfArg, withOptions(3))
            .map(([p, last, asOf, opts]) => ({ args: [p, last, asOf, ...opts] })),
        ),
    },
    { name: 'anything', runs: 100, args: anyForm(7) },
  ],
  ABCXYZ: [
    { name: 'order columns', runs: 150, args: columnForm(4, 8) },
    { name: 'whole table', runs: 100, args: tableForm(4, 8) },
    {
      name: 'per customer',
      runs: 100,
      args: fc
        .integer({ min: 1, max: 5 })
        .chain((n) =>
          fc
            .tuple(range(customerCell, { min: n, max: n }), range(amountCell, { min: n, max: n + 1 }, { min: 2, max: 5 }), withOptions(2))
            .map(([c, revenue, [abc, xyz]]) => ({ args: [c, revenue, undefined, undefined, abc, xyz] })),
        ),
    },
    { name: 'anything', runs: 100, args: anyForm(8) },
  ],
  LTV: [
    { name: 'order columns', runs: 150, args: columnForm(2, 8) },
    { name: 'whole table', runs: 100, args: tableForm(2, 8) },
    {
      name: 'per row',
      runs: 150,
      args: fc
        .integer({ min: 1, max: 4 })
        .chain((n) =>
          fc
            .array(fc.oneof(numbersColumn(fc.double({ min: 0, max: 1e6, noNaN: true }), n), anyArg), { minLength: 4, maxLength: 4 })
            .map((parts) => ({ args: parts })),
        ),
    },
    { name: 'anything', runs: 100, args: anyForm(6) },
  ],
  NPS: [
    { name: 'scores', runs: 100, args: fc.oneof(numbersColumn(fc.integer({ min: 0, max: 10 }), 6), anyArg).map((s) => ({ args: [s] })) },
    {
      name: 'per period',
      runs: 100,
      args: fc
        .integer({ min: 1, max: 6 })
        .chain((n) =>
          fc
            .tuple(
              range(customerCell, { min: n, max: n }),
              numbersColumn(dateCell, n),
              numbersColumn(fc.integer({ min: 0, max: 10 }), n),
              asOfArg,
              withOptions(2),
            )
            .map(([who, when, what, asOf, opts]) => ({ args: [who, when, what, asOf, ...opts] })),
        ),
    },
    { name: 'anything', runs: 100, args: anyForm(6) },
  ],
  CHURN_RATE: [
    { name: 'order columns', runs: 150, args: columnForm(5, 8) },
    { name: 'whole table', runs: 100, args: tableForm(5, 8) },
    {
      name: 'per row',
      runs: 100,
      args: fc
        .integer({ min: 1, max: 5 })
        .chain((n) =>
          fc
            .tuple(numbersColumn(fc.integer({ min: 0, max: 50 }), n), numbersColumn(fc.integer({ min: 0, max: 50 }), n))
            .map(([b, l]) => ({ args: [b, l] })),
        ),
    },
    { name: 'anything', runs: 100, args: anyForm(9) },
  ],
  // Issue 13: the repeat-purchase funnel's cohort table.
  REPEAT_FUNNEL: [
    { name: 'order columns', runs: 100, args: columnForm(1, 8) },
    { name: 'whole table', runs: 80, args: tableForm(1, 8) },
    { name: 'anything', runs: 60, args: anyForm(5) },
  ],
};

/**
 * Orders enough for the models (BG/NBD wants 20 repeat buyers): 32 customers with 1-4
 * purchases of varying amounts, then up to three cells made hostile, in the column form or
 * as the whole table. With none spoiled the fit runs, and its figures are checked too.
 */
const rarely = fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyArg });
/** The first rows of the bundled CDNOW sample (customer, date, amount): real buying that the models fit. */
const CDNOW_ROWS: unknown[][] = readFileSync(cdnowPath('CDNOW_sample.txt'), 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim().split(/\s+/))
  .filter((f) => f.length >= 5)
  .slice(0, FIT_ROWS)
  .map((f) => [f[1], new Date(Date.UTC(Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)) - 1, Number(f[2].slice(6, 8)))), Number(f[4])]);
const fittable = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 }), fc.oneof(anyCell, fc.constantFrom(1e13, 0.01, -1e13, 1e308))), { maxLength: 3 })
  .map((spoil) => {
    const rows = CDNOW_ROWS.map((r) => [...r]);
    for (const [at, col, value] of spoil) rows[at % rows.length][col] = value;
    return rows;
  });
const fittableForm = (options: number): fc.Arbitrary<{ args: unknown[]; labels?: string[] }> =>
  fc.tuple(fittable, fc.boolean(), fc.array(rarely, { minLength: options, maxLength: options })).map(([rows, asTable, opts]) => {
    const asOf = new Date(Date.UTC(2025, 0, 1));
    return asTable
      ? { args: [[['Customer', 'Date', 'Amount'], ...rows], asOf, ...opts], labels: ['Customer (A)', 'Date (B)', 'Amount (C)'] }
      : { args: [rows.map((r) => [r[0]]), rows.map((r) => [r[1]]), rows.map((r) => [r[2]]), asOf, ...opts] };
  });

const historyForm = (extra: (rows: unknown[][][]) => fc.Arbitrary<unknown[]>): fc.Arbitrary<{ args: unknown[] }> =>
  historyArgs.chain((cols) => extra(cols).map((args) => ({ args })));
const PREDICTIVE: Record<string, Form[]> = {
  P_ALIVE: [
    { name: 'orders enough to fit', runs: 30, args: fittableForm(1) },
    { name: 'order columns', runs: 25, args: columnForm(1, 6) },
    { name: 'whole table', runs: 20, args: tableForm(1, 6) },
    { name: 'per row', runs: 60, args: historyForm((c) => fc.tuple(modelArg, optionArg).map(([m, l]) => [...c, m, l])) },
    { name: 'anything', runs: 40, args: anyForm(5) },
  ],
  EXPECTED_PURCHASES: [
    { name: 'orders enough to fit', runs: 30, args: fittableForm(2) },
    { name: 'order columns', runs: 25, args: columnForm(2, 6) },
    { name: 'whole table', runs: 20, args: tableForm(2, 6) },
    { name: 'per row', runs: 60, args: historyForm((c) => fc.tuple(modelArg, optionArg, optionArg).map(([m, d, l]) => [...c, m, d, l])) },
    { name: 'anything', runs: 40, args: anyForm(6) },
  ],
  CLV: [
    { name: 'orders enough to fit', runs: 30, args: fittableForm(3) },
    { name: 'order columns', runs: 25, args: columnForm(3, 6) },
    { name: 'whole table', runs: 20, args: tableForm(3, 6) },
    {
      name: 'per row',
      runs: 60,
      args: historyForm((c) =>
        fc
          .tuple(numbersColumn(fc.double({ min: 0, max: 1e4, noNaN: true }), c[0].length), modelArg, optionArg, optionArg)
          .map(([avg, m, months, rate]) => [...c, avg, m, months, rate]),
      ),
    },
    { name: 'anything', runs: 40, args: anyForm(7) },
  ],
  CLV_MODEL: [
    { name: 'orders enough to fit', runs: 30, args: fittableForm(1) },
    { name: 'order columns', runs: 25, args: columnForm(1, 6) },
    { name: 'whole table', runs: 20, args: tableForm(1, 6) },
    { name: 'anything', runs: 40, args: anyForm(5) },
  ],
  SUGGEST_BANDS: [
    { name: 'orders enough to fit', runs: 30, args: fittableForm(1) },
    { name: 'order columns', runs: 40, args: columnForm(1, 8) },
    { name: 'whole table', runs: 30, args: tableForm(1, 8) },
    { name: 'anything', runs: 40, args: anyForm(5) },
  ],
};

/** Cases run and how they ended, per function and form (printed once, for the record). */
const tally: string[] = [];

function suite(groups: Record<string, Form[]>, seed: number): void {
  for (const [fn, forms] of Object.entries(groups)) {
    describe(fn, () => {
      it.each(forms.map((f) => [f.name, f] as const))('%s', (_, form) => {
        let ok = 0;
        let errors = 0;
        fc.assert(
          fc.property(form.args, fc.boolean(), ({ args, labels }, inRussian) => {
            const outcome = check(inRussian ? ru : en, fn, args, labels);
            if (outcome.ok) ok++;
            else errors++;
          }),
          { numRuns: form.runs, seed: seed + fn.length * 31 + form.name.length },
        );
        tally.push(`${fn} (${form.name}): ${form.runs} cases, ${ok} tables, ${errors} errors`);
        expect(ok + errors).toBeGreaterThanOrEqual(form.runs);
      });
    });
  }
}

describe('hostile input: a table of plain values or one error naming the function and an argument', () => {
  suite(FORMS, 20261201);
  suite(PREDICTIVE, 20261202);
  it('ran every form (the tally)', () => {
    const runs = [...Object.values(FORMS), ...Object.values(PREDICTIVE)].flat().reduce((sum, f) => sum + f.runs, 0);
    console.log(`hostile inputs: ${runs} cases\n${tally.join('\n')}`);
    expect(tally.length).toBe([...Object.values(FORMS), ...Object.values(PREDICTIVE)].flat().length);
  });
});

describe('the checks themselves catch what they are for', () => {
  // A property that cannot fail is a defect: these are the failures it must report.
  it('refuses NaN, Infinity, undefined, null, objects, ragged rows and Invalid Date', () => {
    expect(resultProblem([[1, NaN]])).toBe('number NaN');
    expect(resultProblem([[Infinity]])).toBe('number Infinity');
    expect(resultProblem([['a', undefined]])).toBe('undefined cell');
    expect(resultProblem([[null]])).toBe('null cell');
    expect(resultProblem([[{}]])).toBe('object cell');
    expect(resultProblem([['[object Object]']])).toMatch(/^text/);
    expect(resultProblem([[1, 2], [3]])).toBe('rows of different widths');
    expect(resultProblem([[new Date(NaN)]])).toBe('Invalid Date');
    expect(resultProblem([['x', 1, new Date(0)]])).toBeNull();
  });
  it('refuses messages without the function, with a stack or a value that is no value, or naming no argument', () => {
    expect(messageProblem('LTV', 'Cannot read properties of undefined', [])).toBe('does not start with the function name');
    expect(messageProblem('LTV', 'LTV: x\n    at foo (Code.js:1:2)', [])).toBe('shows machinery');
    expect(messageProblem('LTV', 'LTV: margin is "NaN"', [])).toBe('shows machinery');
    expect(messageProblem('LTV', "LTV: Cannot read properties of null (reading 'length')", [])).toBe('shows machinery');
    expect(messageProblem('LTV', 'LTV: something went wrong', [])).toBe('names no argument');
    expect(messageProblem('LTV', 'LTV: tomato row 1 is "x"', [])).toBe('names no argument');
    expect(messageProblem('LTV', 'LTV: S row 1 is "-1", not an amount', [])).toBeNull();
    expect(messageProblem('LTV', 'LTV: Amount (C) row 2 is "x", not a number', ['Amount (C)'])).toBeNull();
    expect(
      messageProblem('P_ALIVE', 'P_ALIVE: BG/NBD: only 1 customer was given; at least 2 customers are needed to fit the model', []),
    ).toBeNull();
  });
});
