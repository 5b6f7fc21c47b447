// The warehouse source, parameters and results: every bad input is an error that names
// the field, column or value, in English, Russian and Ukrainian; the column mapping is
// found from a table's schema as the sheet's is from its header row; and src/sql stays a
// pure layer that the Apps Script bundle does not carry.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { DEFAULT_CHURN, DEFAULT_LOST } from '../src/core/churn';
import { UserError } from '../src/core/errors';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { bigQuery, duckDb } from '../src/sql/dialect';
import { needed, warehousePlan, warehouseQueries, type WarehouseParams } from '../src/sql/reports';
import { intOf, readLostRatio, readMatrix, readSource } from '../src/sql/results';
import { type WarehouseSource, checkSource, columnsFromSchema } from '../src/sql/source';
import { projectRoot } from './support/loadBundle';

const SOURCE: WarehouseSource = {
  from: { table: 'shop-data.sales.orders' },
  columns: { date: { name: 'order_time', kind: 'timestamp' }, customer: { name: 'client', kind: 'string' }, amount: { name: 'total' } },
  timeZone: 'Europe/Kyiv',
};
const PARAMS: WarehouseParams = {
  asOf: 20000,
  bands: DEFAULT_BANDS,
  abcXyz: DEFAULT_ABC_XYZ,
  churn: DEFAULT_CHURN,
  lost: DEFAULT_LOST,
  lostPeriod: { from: 19635, to: 20000 },
};

/** The error thrown, in the three languages. */
function messages(f: () => unknown): { en: string; ru: string; uk: string } {
  try {
    f();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { en: e.messageIn('en'), ru: e.messageIn('ru'), uk: e.messageIn('uk') };
  }
  throw new Error('no error thrown');
}

describe('a source names a table, a zone and the columns of date, customer and amount', () => {
  it('a table name that is not project.dataset.table or dataset.table is an error quoting it', () => {
    const m = messages(() => checkSource({ ...SOURCE, from: { table: 'orders; DROP TABLE x' } }));
    expect(m.en).toBe('table is "orders; DROP TABLE x", not a table name: use project.dataset.table or dataset.table');
    expect(m.ru).toContain('«orders; DROP TABLE x»');
    expect(m.uk).toContain('не є назвою таблиці');
    expect(() => checkSource({ ...SOURCE, from: { table: 'example.com:shop.sales.orders' } })).not.toThrow();
    expect(() => checkSource({ ...SOURCE, from: { table: 'sales.orders' } })).not.toThrow();
  });

  it('an unknown time zone is an error naming it', () => {
    const m = messages(() => checkSource({ ...SOURCE, timeZone: 'Europe/Kiev2' }));
    expect(m.en).toBe('time zone is "Europe/Kiev2", not a time zone name such as Europe/Kyiv or America/New_York');
    expect(m.ru).toContain('часовой пояс «Europe/Kiev2»');
    expect(m.uk).toContain('часовий пояс «Europe/Kiev2»');
  });

  it('a column name that is not a plain name is an error naming the field and the value', () => {
    const bad = { ...SOURCE, columns: { ...SOURCE.columns, amount: { name: 'total`); DROP' } } };
    expect(messages(() => checkSource(bad)).en).toBe(
      'amount column is "total`); DROP", not a column name (letters, digits and _, not starting with a digit)',
    );
  });

  it('an empty source query is an error', () => {
    expect(messages(() => checkSource({ ...SOURCE, from: { query: '  ' } })).en).toBe(
      'the source query is empty: give a SELECT over the orders',
    );
  });

  it('column names in any script are names', () => {
    const cyrillic = { ...SOURCE, columns: { ...SOURCE.columns, customer: { name: 'Клиент', kind: 'string' as const } } };
    expect(() => checkSource(cyrillic)).not.toThrow();
    expect(warehouseQueries(bigQuery, cyrillic, PARAMS).matrix).toContain('`Клиент`');
  });

  it('a query as the source is read as a subquery', () => {
    const sql = warehouseQueries(bigQuery, { ...SOURCE, from: { query: 'SELECT * FROM `p.d.orders` WHERE region = 1' } }, PARAMS).matrix;
    expect(sql).toContain('SELECT * FROM (\n    SELECT * FROM `p.d.orders` WHERE region = 1\n  )');
  });
});

describe('the column mapping from a table schema: the header rules of the sheet, then the types', () => {
  it('BigQuery types: TIMESTAMP, STRING, INT64, NUMERIC; Russian column names found as in a header row', () => {
    const columns = columnsFromSchema([
      { name: 'Дата_заказа', type: 'TIMESTAMP' },
      { name: 'Клиент', type: 'STRING' },
      { name: 'Сумма', type: 'NUMERIC' },
      { name: 'Номер_заказа', type: 'INT64' },
      { name: 'Менеджер', type: 'STRING' },
      { name: 'Email', type: 'STRING' },
    ]);
    expect(columns).toEqual({
      date: { name: 'Дата_заказа', kind: 'timestamp' },
      customer: { name: 'Клиент', kind: 'string' },
      amount: { name: 'Сумма' },
      orderId: { name: 'Номер_заказа', kind: 'integer' },
      manager: { name: 'Менеджер' },
      email: { name: 'Email' },
    });
  });

  it('DuckDB types: TIMESTAMP WITH TIME ZONE is an instant, TIMESTAMP a wall time, DECIMAL(12,2) a number', () => {
    const columns = columnsFromSchema(
      [
        { name: 'date', type: 'TIMESTAMP' },
        { name: 'customer_id', type: 'BIGINT' },
        { name: 'amount', type: 'DECIMAL(12,2)' },
      ],
      {},
      'duckdb',
    );
    expect(columns.date.kind).toBe('datetime');
    expect(columns.customer.kind).toBe('integer');
    expect(
      columnsFromSchema(
        [
          { name: 'day', type: 'TIMESTAMP WITH TIME ZONE' },
          { name: 'client', type: 'VARCHAR' },
          { name: 'sum', type: 'DOUBLE' },
        ],
        {},
        'duckdb',
      ).date.kind,
    ).toBe('timestamp');
  });

  it('a chosen column overrides the one found; a chosen name not in the table is an error', () => {
    const fields = [
      { name: 'created', type: 'DATE' },
      { name: 'shipped', type: 'DATE' },
      { name: 'client', type: 'STRING' },
      { name: 'amount', type: 'FLOAT64' },
    ];
    expect(columnsFromSchema(fields, { date: 'shipped' }).date).toEqual({ name: 'shipped', kind: 'date' });
    expect(messages(() => columnsFromSchema(fields, { date: 'delivered' })).en).toContain('date column is "delivered"');
  });

  it('a field missing, or of a type it cannot be, is an error naming the field, the column and its type', () => {
    expect(
      messages(() =>
        columnsFromSchema([
          { name: 'client', type: 'STRING' },
          { name: 'amount', type: 'FLOAT64' },
        ]),
      ).en,
    ).toBe('no column is mapped to the date field: the reports need date, customer and amount');
    const m = messages(() =>
      columnsFromSchema([
        { name: 'date', type: 'STRING' },
        { name: 'client', type: 'STRING' },
        { name: 'amount', type: 'FLOAT64' },
      ]),
    );
    expect(m.en).toBe('date column "date" is of type STRING; it must be TIMESTAMP, DATETIME or DATE');
    expect(m.ru).toBe('столбец «date» поля «date» имеет тип STRING; нужен TIMESTAMP, DATETIME or DATE');
    expect(
      messages(() =>
        columnsFromSchema([
          { name: 'date', type: 'DATE' },
          { name: 'client', type: 'STRING' },
          { name: 'amount', type: 'STRING' },
        ]),
      ).en,
    ).toContain('amount column "amount" is of type STRING');
  });
});

describe('report parameters are checked by the core, as the sheet checks them', () => {
  it('bands, XYZ bounds, churn lengths, the lost factor and the lost period', () => {
    expect(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, bands: { ...DEFAULT_BANDS, regularFrom: 2 } })).toThrow(UserError);
    expect(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, abcXyz: { ...DEFAULT_ABC_XYZ, xyzBounds: [0.1, 0.2] } })).toThrow(
      /XYZ|bound/i,
    );
    expect(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, churn: { periodDays: 0, lookbackDays: 180 } })).toThrow(UserError);
    expect(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, lost: { ...DEFAULT_LOST, factor: 0 } })).toThrow(UserError);
    expect(messages(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, lostPeriod: { from: 20000, to: 20000 } })).en).toBe(
      'the lost ratio period runs from day 20000 to day 20000: it must end after it starts',
    );
    expect(messages(() => warehouseQueries(bigQuery, SOURCE, { ...PARAMS, asOf: 20000.5 })).en).toBe(
      'asOf is 20000.5, not a whole day number',
    );
  });

  it('a segment outside 0..8 is an error naming it', () => {
    const q = warehouseQueries(duckDb, SOURCE, PARAMS);
    expect(messages(() => q.segmentList(9)).en).toBe('segment is 9, not a segment number from 0 (New Active) to 8 (Regular Lapsed)');
    expect(messages(() => q.segmentList(9)).uk).toContain('Постійні Сплячі');
  });
});

describe('results: BigQuery returns every cell as text, DuckDB numbers; both read the same', () => {
  it('counts and cents as text or numbers', () => {
    const asText = readMatrix([{ segment: '0', customers: '2', revenue_cents: '1050', first_cents: '1000' }]);
    const asNumbers = readMatrix([{ segment: 0, customers: 2n, revenue_cents: 1050, first_cents: 1000 }]);
    expect(asText).toEqual(asNumbers);
    expect(asText.matrix.revenue[0]).toBe(10.5);
    expect(asText.repeat.repeatRevenue).toBe(0.5);
  });

  it('a missing column or a cell that is not a number is an error naming the column and the value', () => {
    expect(messages(() => readSource([{ all_rows: 1 }])).en).toBe('the warehouse result has no column blank_rows');
    expect(messages(() => intOf({ base: 'x1' }, 'base')).en).toBe('the warehouse returned x1 in column base, not a number');
    expect(messages(() => intOf({ base: 1.5 }, 'base')).ru).toBe('хранилище вернуло 1.5 в столбце base, а не число');
  });

  it('the lost ratio total is the sum of the managers, its ratio NaN with nobody at the start', () => {
    const r = readLostRatio(
      [
        { manager: 'Kate', at_start: 2, lost: 1, won_back: 0, lost_yearly_cents: 40000 },
        { manager: 'Oleg', at_start: 0, lost: 0, won_back: 1, lost_yearly_cents: 0 },
      ],
      { from: 1, to: 2 },
    );
    expect(r).toMatchObject({ atStart: 2, lost: 1, ratio: 0.5, wonBack: 1, lostYearlyValue: 400 });
    expect(Number.isNaN(r.byManager.get('Oleg')!.ratio)).toBe(true);
  });
});

describe('staged plans: the shared steps as temporary tables, the report queries over them', () => {
  it('each table once, in order, made from the steps it needs; the queries do not define them again', () => {
    const withManager = { ...SOURCE, columns: { ...SOURCE.columns, manager: { name: 'seller' } } };
    const plan = warehousePlan(bigQuery, withManager, PARAMS, { staged: true });
    const made = plan.setup.map((s) => /^CREATE TEMP TABLE (\w+) AS/.exec(s)?.[1]);
    expect(made).toEqual([
      'manager_names',
      'manager_ranks',
      'raw_groups',
      'customer_names',
      'customer_ids',
      'customer_dictionary',
      'line_groups',
      's_ranked',
      's_totals',
      's_manager_spans',
      's_manager_days',
      's_customers',
      's_base',
      's_facts',
      'contacts',
      'mm_runs',
      'mm_masks',
      'mm_day_flows',
      'a_lost',
      'key_windows',
    ]);
    // Without a manager column there is no manager dictionary (nor the names by their place A-Z).
    expect(warehousePlan(bigQuery, SOURCE, PARAMS, { staged: true }).setup[0]).toMatch(/^CREATE TEMP TABLE raw_groups/);
    // Only the first two steps read the orders: the distinct manager cells (one column), then the groups of rows.
    expect(plan.setup.filter((s) => s.includes('`shop-data.sales.orders`'))).toHaveLength(2);
    expect(plan.setup[0]).toMatch(/SELECT DISTINCT CAST\(`\w+` AS STRING\) AS raw_manager FROM order_source/);
    expect(plan.queries.matrix).toBe(
      'SELECT segment, COUNT(*) AS customers, SUM(revenue_cents) AS revenue_cents, SUM(first_cents) AS first_cents\nFROM s_facts\nGROUP BY segment\nORDER BY segment',
    );
    expect(plan.teardown[0]).toBe('DROP TABLE IF EXISTS key_windows');
  });

  it('a CTE is needed when its name is a word of the statement, not a part of one', () => {
    const ctes = [
      { name: 's_base', sql: 'SELECT 1' },
      { name: 's_base_rank', sql: 'SELECT 2' },
      { name: 'x', sql: 'SELECT * FROM s_base_rank' },
    ];
    expect(needed(ctes, 'SELECT * FROM x').map((c) => c.name)).toEqual(['s_base_rank', 'x']);
  });
});

describe('layers: src/sql is pure (core and i18n only) and the Apps Script bundle carries none of it', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({
      cwd: projectRoot,
      overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
    });
  });
  const rulesFor = async (file: string, text: string): Promise<string[]> => {
    const [result] = await eslint.lintText(text, { filePath: path.join(projectRoot, file) });
    return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
  };

  it.each([
    ['src/sql/dialect.ts', '../gas/writeSheet'],
    ['src/sql/reports.ts', '../reports/layout'],
    ['src/sql/source.ts', '../../local/warehouse'],
    ['src/core/summary.ts', '../sql/reports'],
  ])('%s may not import %s', async (file, imported) => {
    expect(await rulesFor(file, `import * as m from '${imported}';\nexport const used = m;\n`)).toContain('import-x/no-restricted-paths');
  });

  it('Node under src/sql is an error', async () => {
    expect(await rulesFor('src/sql/source.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toContain(
      'import-x/no-nodejs-modules',
    );
  });

  it('the built bundle has no warehouse query and no DuckDB', () => {
    const bundle = path.join(projectRoot, 'dist', 'Code.js');
    if (!existsSync(bundle)) throw new Error('dist/Code.js is missing: npm run build first');
    const code = readFileSync(bundle, 'utf8');
    expect(code).not.toMatch(/duckdb|PERCENTILE_DISC|UNIX_DATE/i);
  });
});
