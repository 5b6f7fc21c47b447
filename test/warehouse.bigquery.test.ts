// The BigQuery adapter (src/gas/bigquery.ts) against the local stand-in
// (local/bigquery.ts), which answers in the REST API's shapes and fails with
// Google's error texts: paging, polling, the dry run, the typed rows and the
// message each failure gets, in English, Russian and Ukrainian.
// Shapes followed: cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query and
// .../jobs/getQueryResults (jobComplete, pageToken, rows of f/v text), the error
// reasons of cloud.google.com/bigquery/docs/error-messages, the data size rules of
// cloud.google.com/bigquery/pricing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BigQueryError, bigQueryError, type BigQueryHost, dryRun, readRows, runQuery, sqlDialect, tableSchema } from '../src/gas/bigquery';
import { FakeBigQuery, type BigQueryFault, floatText, restValue } from '../local/bigquery';
import { checkWarehouseSettings } from '../src/addon/warehouseRun';
import { tempDir } from './support/runtime';

/** Hand-made orders: 7 rows, one NULL manager, a name with a non-ASCII letter. */
const CSV = [
  'order_date,customer,amount,order_id,manager',
  '2024-01-05T10:00:00Z,Acme,100.5,1,Kate',
  '2024-01-05T11:00:00Z,Acme,20,2,Kate',
  '2024-02-01T09:30:00Z,Beta,35.25,3,',
  '2024-03-10T00:00:00Z,Gamma,-5,4,Oleg',
  '2024-03-11T00:00:00Z,Gamma,80,5,Oleg',
  '2024-04-01T00:00:00Z,Ёлка,12,6,Oleg',
  '2024-05-20T23:59:59Z,Beta,7,7,Kate',
].join('\n');

let bq: FakeBigQuery;
let host: BigQueryHost & { waits: number[] };
const JOB = { projectId: 'shop-analytics' };
const ALL = 'SELECT * FROM "shop"."orders" ORDER BY "order_id"';

beforeAll(() => {
  const file = path.join(tempDir('bq-'), 'orders.csv');
  writeFileSync(file, CSV);
  bq = new FakeBigQuery({ file, threads: 1 });
  const waits: number[] = [];
  host = { api: bq as never, sleep: (ms) => waits.push(ms), waits };
});
afterAll(async () => {
  await bq.close();
});

const reset = (): void => {
  bq._pendingPolls = 0;
  bq._pageBytes = 10 * 1024 * 1024;
  bq._calls.length = 0;
  host.waits.length = 0;
};

describe('rows come back typed from the REST text, in pages', () => {
  it('reads every row of a query in one page, by the schema', () => {
    reset();
    const r = runQuery(host, ALL, JOB);
    expect(r.pages).toBe(1);
    expect(r.rows).toHaveLength(7);
    expect(r.fields.map((f) => [f.name, f.type])).toEqual([
      ['order_date', 'TIMESTAMP'],
      ['customer', 'STRING'],
      ['amount', 'FLOAT'],
      ['order_id', 'INTEGER'],
      ['manager', 'STRING'],
    ]);
    expect({ ...r.rows[0] }).toEqual({
      order_date: new Date('2024-01-05T10:00:00Z'),
      customer: 'Acme',
      amount: 100.5,
      order_id: 1,
      manager: 'Kate',
    });
    expect(r.rows[2].manager).toBeNull();
    expect(r.rows[5].customer).toBe('Ёлка');
  });

  it('follows pageToken with getQueryResults until the last page (maxResults rows a page)', () => {
    reset();
    const r = runQuery(host, ALL, { ...JOB, pageRows: 3 });
    expect(r.pages).toBe(3);
    expect(r.rows.map((x) => x.order_id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const methods = bq._calls.map((c) => c.method);
    expect(methods).toEqual(['jobs.query', 'jobs.getQueryResults', 'jobs.getQueryResults']);
    // Each further page asks for its token and the page size.
    const [, , third] = bq._calls;
    expect((third.args[2] as { pageToken?: string; maxResults?: number }).maxResults).toBe(3);
    expect(typeof (third.args[2] as { pageToken?: string }).pageToken).toBe('string');
  });

  it('pages by size too: a page stops at BigQuery’s byte limit whatever maxResults says', () => {
    reset();
    bq._pageBytes = 200;
    const r = runQuery(host, ALL, { ...JOB, pageRows: 100 });
    expect(r.rows.map((x) => x.order_id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.pages).toBeGreaterThan(1);
  });

  it('a page token of another job is refused as Google refuses it', () => {
    reset();
    const first = bq.Jobs.query({ query: ALL, useLegacySql: false, maxResults: 2 }, JOB.projectId) as { pageToken: string };
    const other = bq.Jobs.query({ query: ALL, useLegacySql: false, maxResults: 2 }, JOB.projectId) as { jobReference: { jobId: string } };
    expect(() => bq.Jobs.getQueryResults(JOB.projectId, other.jobReference.jobId, { pageToken: first.pageToken })).toThrow(
      /failed with error: Invalid page token/,
    );
  });
});

describe('a job that is still running is polled with a doubling wait, up to a limit', () => {
  it('waits 500, 1000, 2000 ms while jobComplete is false, then reads the rows', () => {
    reset();
    bq._pendingPolls = 3;
    const r = runQuery(host, ALL, JOB);
    expect(r.rows).toHaveLength(7);
    expect(host.waits).toEqual([500, 1000, 2000]);
    expect(r.polls).toBe(3);
    expect(bq._calls.map((c) => c.method)).toEqual(['jobs.query', 'jobs.getQueryResults', 'jobs.getQueryResults', 'jobs.getQueryResults']);
  });

  it('caps the wait at maxWaitMs', () => {
    reset();
    bq._pendingPolls = 5;
    runQuery(host, ALL, { ...JOB, maxWaitMs: 1500 });
    expect(host.waits).toEqual([500, 1000, 1500, 1500, 1500]);
  });

  it('gives up after pollLimit checks with a timeout message naming the job, in each language', () => {
    reset();
    bq._pendingPolls = 10;
    let error: unknown;
    try {
      runQuery(host, ALL, { ...JOB, pollLimit: 4 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BigQueryError);
    const e = error as BigQueryError;
    expect(host.waits).toEqual([500, 1000, 2000, 4000]);
    expect(e.message).toMatch(/^The BigQuery job job_local_\d+ did not finish after 4 checks over 7.5 s/);
    expect(e.messageIn('ru')).toMatch(/^Задание BigQuery job_local_\d+ не завершилось после 4 проверок за 7.5 с/);
    expect(e.messageIn('uk')).toMatch(/^Завдання BigQuery job_local_\d+ не завершилося після 4 перевірок за 7.5 с/);
  });
});

describe('a dry run gives the bytes the query would scan, by BigQuery’s data size rules', () => {
  it('counts the named columns only: 8 bytes a FLOAT, 2 plus the UTF-8 bytes a STRING, nothing for NULL', () => {
    reset();
    // customer: Acme x2, Beta x2, Gamma x2, Ёлка (8 UTF-8 bytes): 7 values.
    const customerBytes = 2 * 7 + (4 + 4 + 4 + 4 + 5 + 5 + 8);
    const amountBytes = 8 * 7;
    expect(dryRun(host, 'SELECT "customer", SUM("amount") FROM "shop"."orders" GROUP BY 1', JOB)).toBe(customerBytes + amountBytes);
    // manager: 6 values (one NULL), Kate x3, Oleg x3.
    expect(dryRun(host, 'SELECT COUNT("manager") FROM "shop"."orders"', JOB)).toBe(2 * 6 + 4 * 6);
    // Nothing ran: no job was made.
    expect(bq._calls.every((c) => (c.args[0] as { dryRun?: boolean }).dryRun === true)).toBe(true);
  });

  it('reads the table’s schema with Tables.get, in BigQuery’s type names', () => {
    reset();
    expect(tableSchema(host, 'shop.orders', JOB)).toEqual([
      { name: 'order_date', type: 'TIMESTAMP' },
      { name: 'customer', type: 'STRING' },
      { name: 'amount', type: 'FLOAT' },
      { name: 'order_id', type: 'INTEGER' },
      { name: 'manager', type: 'STRING' },
    ]);
    expect(bq._calls[0]).toEqual({ method: 'tables.get', args: ['shop-analytics', 'shop', 'orders'] });
  });

  it('the stand-in says it runs DuckDB; Google’s service (no Dialect property) gets BigQuery SQL', () => {
    expect(sqlDialect(host)).toBe('duckdb');
    expect(sqlDialect({ api: { Jobs: bq.Jobs, Tables: bq.Tables } as never, sleep: () => {} })).toBe('bigquery');
  });
});

describe('failures: each of Google’s error reasons becomes a message that says what to do', () => {
  const CASES: [BigQueryFault, RegExp, RegExp, RegExp][] = [
    [
      'accessDenied',
      /^BigQuery refused access \(Access Denied: Project shop-analytics: User does not have bigquery\.jobs\.create permission/,
      /BigQuery отказал в доступе/,
      /BigQuery відмовив у доступі/,
    ],
    ['quotaExceeded', /^BigQuery quota reached \(Quota exceeded: /, /Исчерпана квота BigQuery/, /Вичерпано квоту BigQuery/],
    ['rateLimitExceeded', /^BigQuery quota reached \(Exceeded rate limits: /, /Исчерпана квота BigQuery/, /Вичерпано квоту BigQuery/],
    ['notFound', /^BigQuery did not find Not found: Table shop-analytics:shop\.orders/, /BigQuery не нашёл/, /BigQuery не знайшов/],
    [
      'invalidQuery',
      /^BigQuery could not run the query: Syntax error: /,
      /BigQuery не смог выполнить запрос/,
      /BigQuery не зміг виконати запит/,
    ],
    ['responseTooLarge', /^The answer of BigQuery is too large/, /Ответ BigQuery слишком велик/, /Відповідь BigQuery завелика/],
    ['backendError', /^BigQuery had a passing failure \(Backend error/, /Временный сбой BigQuery/, /Тимчасовий збій BigQuery/],
  ];

  it.each(CASES)('%s', (reason, en, ru, uk) => {
    reset();
    bq.fail(reason);
    let error: unknown;
    try {
      runQuery(host, ALL, JOB);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BigQueryError);
    const e = error as BigQueryError;
    expect(e.message).toMatch(en);
    expect(e.messageIn('ru')).toMatch(ru);
    expect(e.messageIn('uk')).toMatch(uk);
    // The prefix Apps Script puts before Google's text is not shown.
    expect(e.message).not.toContain('API call to');
  });

  it('a fault on a later page fails the query with its message', () => {
    reset();
    bq.fail('backendError', { method: 'jobs.getQueryResults' });
    expect(() => runQuery(host, ALL, { ...JOB, pageRows: 2 })).toThrow(/^BigQuery had a passing failure/);
  });

  it('DuckDB refusing the SQL is an invalid query, with the engine’s reason', () => {
    reset();
    expect(() => runQuery(host, 'SELECT nope FROM "shop"."orders"', JOB)).toThrow(
      /^BigQuery could not run the query: Syntax error: .*nope/,
    );
  });

  it('a request left in legacy SQL is refused (the REST default is legacy SQL)', () => {
    expect(() => bq.Jobs.query({ query: ALL }, JOB.projectId)).toThrow(/read as legacy SQL/);
  });

  it('reads the reason from the exception’s details when Google sends it, whatever the text', () => {
    const e = Object.assign(new Error('API call to bigquery.jobs.query failed with error: Something odd'), {
      details: { code: 403, errors: [{ reason: 'quotaExceeded' }] },
    });
    expect(bigQueryError(e, { project: 'p', location: 'EU' }).kind).toBe('wh.err.quota');
    expect(
      bigQueryError(new Error('GoogleJsonResponseException: API call to bigquery.tables.get failed with error: Not found: Dataset p:x'), {
        project: 'p',
        location: 'EU',
      }).message,
    ).toBe('BigQuery did not find Not found: Dataset p:x. Check the project, the dataset.table name and the location (EU).');
    expect(bigQueryError(new Error('Something else entirely'), { project: 'p', location: 'EU' }).message).toBe(
      'BigQuery failed: Something else entirely',
    );
  });
});

describe('the REST text of each type, and back', () => {
  it('writes values as BigQuery does: TIMESTAMP as float seconds, FLOAT with NaN and the infinities', () => {
    expect(restValue(new Date('2024-03-04T00:00:00Z'), 'TIMESTAMP')).toBe('1.7095104E9');
    expect(floatText(0)).toBe('0.0');
    expect(floatText(1.5)).toBe('1.5E0');
    expect(restValue(123456789012345678n, 'INTEGER')).toBe('123456789012345678');
    expect(restValue(NaN, 'FLOAT')).toBe('NaN');
    expect(restValue(-Infinity, 'FLOAT')).toBe('-Infinity');
    expect(restValue(true, 'BOOLEAN')).toBe('true');
    expect(restValue(new Date('2024-02-29T00:00:00Z'), 'DATE')).toBe('2024-02-29');
    expect(restValue(new Date('2024-02-29T13:04:05Z'), 'DATETIME')).toBe('2024-02-29T13:04:05');
    expect(restValue(null, 'STRING')).toBeNull();
  });

  it('reads them back: exact integers as numbers, beyond 2^53 as their digits, dates as epoch days', () => {
    const fields = ['INTEGER', 'INTEGER', 'FLOAT', 'FLOAT', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'NUMERIC', 'STRING'].map((type, i) => ({
      name: `c${i}`,
      type,
    }));
    const [row] = readRows(fields, [
      { f: ['42', '9007199254740993', 'NaN', 'Infinity', 'false', '1970-01-11', '1.7095104E9', '0.1', null].map((v) => ({ v })) },
    ]);
    expect({ ...row }).toEqual({
      c0: 42,
      c1: '9007199254740993',
      c2: NaN,
      c3: Infinity,
      c4: false,
      c5: 10,
      c6: new Date('2024-03-04T00:00:00Z'),
      c7: 0.1,
      c8: null,
    });
  });

  it('refuses a type the reports cannot read, naming the column', () => {
    expect(() => readRows([{ name: 'tags', type: 'STRING', mode: 'REPEATED' }], [])).toThrow(
      'BigQuery returned a value of type REPEATED STRING in column tags, which the reports cannot read',
    );
    expect(() => readRows([{ name: 'where', type: 'GEOGRAPHY' }], [])).toThrow(/type GEOGRAPHY in column where/);
  });
});

describe('the data source from the sidebar is checked, each bad field named with its value', () => {
  it('needs a project and a table or a query; the list limit is a whole number', () => {
    expect(() => checkWarehouseSettings({ table: 'shop.orders' }, 'en')).toThrow(
      'Give the Google Cloud project that runs (and pays for) the queries.',
    );
    expect(() => checkWarehouseSettings({ projectId: 'p' }, 'ru')).toThrow(
      'Укажите таблицу заказов как dataset.table (или project.dataset.table) либо запрос.',
    );
    expect(() => checkWarehouseSettings({ projectId: 'p', table: 'd.t', listCap: 'lots' }, 'uk')).toThrow(
      'Межа великих списків «lots»: вкажіть ціле число від 1 до 1000000.',
    );
    expect(() => checkWarehouseSettings({ projectId: 'p', table: 'd.t', listCap: 0 }, 'en')).toThrow('The big-list limit is "0"');
  });

  it('keeps only the known fields of the column choices, trimmed; the default limit is 50,000', () => {
    const s = checkWarehouseSettings(
      { projectId: ' p ', table: 'd.t', query: 'SELECT 1', columns: { date: ' order_time ', __proto__: 'x', nonsense: 'y', amount: '' } },
      'en',
    );
    expect(s).toEqual({ projectId: 'p', table: 'd.t', query: '', location: '', columns: { date: 'order_time' }, listCap: 50_000 });
  });
});

describe('the stand-in closes DuckDB before its thread ends, never ending it mid-call', () => {
  // Ending a worker thread with terminate() while a native library still holds or is
  // opening its handles can abort the whole process; close() asks first, so the
  // thread ends by itself (exit code 0), where terminate() would give 1.
  const file = (): string => {
    const f = path.join(tempDir('bq-close-'), 'orders.csv');
    writeFileSync(f, CSV);
    return f;
  };

  it('right after opening, before DuckDB has finished opening the file', async () => {
    const early = new FakeBigQuery({ file: file(), threads: 1 });
    expect(await early.close()).toBe(0);
  });

  it('after a query, and a second close gives the same answer', async () => {
    const used = new FakeBigQuery({ file: file(), threads: 1 });
    expect(used._engine.query('SELECT COUNT(*) AS n FROM "shop"."orders"').rows).toEqual([[7n]]);
    expect(await used.close()).toBe(0);
    expect(await used.close()).toBe(0);
  });

  it('with a file DuckDB cannot open', async () => {
    const missing = new FakeBigQuery({ file: path.join(tempDir('bq-close-'), 'missing.csv'), threads: 1 });
    expect(await missing.close()).toBe(0);
  });
});
