/**
 * The local BigQuery stand-in: an object shaped like Apps Script's `BigQuery`
 * advanced service (BigQuery.Jobs.query, BigQuery.Jobs.getQueryResults,
 * BigQuery.Tables.get: the REST API v2 methods with the advanced service's
 * signatures, developers.google.com/apps-script/advanced/bigquery) over one CSV or
 * Parquet file, run by DuckDB (@duckdb/node-api).
 *
 * Answers are REST-shaped, as Google sends them:
 * - rows as `{f: [{v: "text"}]}` with every value text and a schema of BigQuery types
 *   (INTEGER, FLOAT, NUMERIC, STRING, BOOLEAN, DATE, DATETIME, TIMESTAMP as seconds since
 *   the epoch in the "1.7094528E9" form), NULL as null
 *   (cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults);
 * - pages of at most `maxResults` rows and at most 10 MB, with a `pageToken` while rows
 *   remain (same page: "the default page size is ... 10 MB");
 * - `jobComplete: false` with the jobReference for a job still running, as many answers
 *   as `pendingPolls` says (jobs.query: "If the query has not yet completed, jobComplete
 *   is false");
 * - a dry run (`dryRun: true`) answers `totalBytesProcessed` without running anything:
 *   the bytes of the table's columns the query names, by BigQuery's data size rules
 *   (8 bytes an INT64, FLOAT64, DATE, DATETIME or TIMESTAMP value, 16 a NUMERIC, 1 a BOOL,
 *   2 plus the UTF-8 length a STRING, 0 a NULL: cloud.google.com/bigquery/pricing, "Data
 *   size calculation"; BENCHMARKS.md uses the same rules);
 * - failures throw, as an advanced service call does, an exception with the message
 *   "API call to bigquery.<method> failed with error: <BigQuery's message>", the message
 *   texts of the reasons on cloud.google.com/bigquery/docs/error-messages (accessDenied,
 *   quotaExceeded, rateLimitExceeded, notFound, invalidQuery, responseTooLarge,
 *   backendError). Faults are injected with `fail(reason)`.
 *
 * One property Google's service does not have: `Dialect` is 'duckdb'. The add-on
 * builds its SQL in the dialect the service reports (src/gas/bigquery.ts sqlDialect:
 * BigQuery's when there is no such property, i.e. in Apps Script), so here it sends the
 * DuckDB rendering of the same queries. The stand-in proves the flow (jobs, pages,
 * polls, errors, the sheets written); the BigQuery text itself is proven by the golden
 * tests of src/sql (test/warehouse.sql.test.ts).
 *
 * Synchronous over asynchronous: the bundle calls the service synchronously, as Apps
 * Script does, while DuckDB's Node API only has promises. DuckDB runs in a worker thread
 * (local/bigqueryWorker.mjs); each call posts its request to the worker and blocks the
 * main thread in Atomics.wait on a SharedArrayBuffer until the worker has posted the
 * answer, which is then read with receiveMessageOnPort. Chosen over spawnSync of a
 * runner per call because the DuckDB instance (and the file's view) stays open across
 * calls, so a report run opens the file once; and over deasync-style event-loop pumping
 * because that re-enters the caller's code. The main thread does nothing while it waits,
 * which is what a synchronous Apps Script call does too.
 */
import path from 'node:path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { GasError, StandIn } from './boundary';

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';

/** Google's REST field schema. */
export interface RestField {
  name: string;
  type: string;
  mode: 'NULLABLE';
}

interface EngineAnswer {
  ok: boolean;
  message?: string;
  columns?: { name: string; type: string }[];
  rows?: unknown[][];
}

interface TableFacts {
  rows: number;
  columns: { name: string; type: string; values: number; textBytes: number }[];
}

/** DuckDB in a worker thread, called synchronously (see the file's comment). */
export class DuckDbThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closing: Promise<number> | null = null;

  constructor(options: { file: string; table: string; threads?: number }) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./bigqueryWorker.mjs', import.meta.url), {
      workerData: {
        port: port2,
        signal: this.signal.buffer,
        file: path.resolve(options.file),
        table: options.table,
        threads: options.threads,
      },
      transferList: [port2],
    });
    // The worker must not keep the process alive once the runtime is done with it.
    this.worker.unref();
  }

  private request(message: object, timeoutMs = 30 * 60_000): EngineAnswer {
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(message);
    if (Atomics.wait(this.signal, 0, 0, timeoutMs) === 'timed-out')
      throw new Error(`local BigQuery: DuckDB gave no answer in ${timeoutMs} ms`);
    const received = receiveMessageOnPort(this.port);
    if (!received) throw new Error('local BigQuery: the DuckDB worker woke the caller without an answer');
    return received.message as EngineAnswer;
  }

  query(sql: string): { columns: { name: string; type: string }[]; rows: unknown[][] } {
    const a = this.request({ kind: 'query', sql });
    if (!a.ok) throw new EngineError(a.message ?? 'DuckDB failed');
    return { columns: a.columns ?? [], rows: a.rows ?? [] };
  }

  describe(): TableFacts {
    const a = this.request({ kind: 'describe' }) as EngineAnswer & TableFacts;
    if (!a.ok) throw new EngineError(a.message ?? 'DuckDB failed');
    return { rows: a.rows as unknown as number, columns: a.columns as TableFacts['columns'] };
  }

  /**
   * Asks the worker to close DuckDB, then lets the thread end by itself (see
   * local/bigqueryWorker.mjs, shut); terminate() is only the fallback for a worker
   * that gives no answer.
   */
  close(): Promise<number> {
    if (this.closing) return this.closing;
    let asked: boolean;
    try {
      asked = this.request({ kind: 'close' }, 60_000).ok;
    } catch {
      asked = false;
    }
    this.port.close();
    const worker = this.worker;
    this.closing = asked
      ? new Promise<number>((resolve) => {
          const fallback = setTimeout(() => void worker.terminate().then(resolve), 10_000);
          fallback.unref();
          worker.once('exit', (code) => {
            clearTimeout(fallback);
            resolve(code);
          });
        })
      : worker.terminate();
    return this.closing;
  }
}

/** DuckDB refused a query: what BigQuery calls invalidQuery. */
class EngineError extends Error {}

// ---------------------------------------------------------------- types and values

/** DuckDB's type of a result or table column as BigQuery names it in a REST schema. */
export function bigQueryType(duckType: string): string {
  const t = duckType.toUpperCase();
  if (/^(BIGINT|INTEGER|INT|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/.test(t)) return 'INTEGER';
  if (/^(DOUBLE|FLOAT|REAL)$/.test(t)) return 'FLOAT';
  if (t.startsWith('DECIMAL')) return 'NUMERIC';
  if (t === 'VARCHAR' || t === 'TEXT') return 'STRING';
  if (t === 'BOOLEAN') return 'BOOLEAN';
  if (t === 'DATE') return 'DATE';
  if (t === 'TIMESTAMP WITH TIME ZONE' || t === 'TIMESTAMPTZ') return 'TIMESTAMP';
  if (t.startsWith('TIMESTAMP')) return 'DATETIME';
  throw new Error(`local BigQuery: no BigQuery type for DuckDB's ${duckType}`);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A JS value of DuckDB as the REST API's text for the BigQuery type (null stays null). */
export function restValue(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'INTEGER':
      return typeof value === 'bigint' ? value.toString() : String(Math.trunc(Number(value)));
    case 'FLOAT':
    case 'NUMERIC':
      // String(x) spells NaN, Infinity and -Infinity as BigQuery does.
      return String(Number(value));
    case 'BOOLEAN':
      return value ? 'true' : 'false';
    case 'STRING':
      return String(value);
    case 'DATE': {
      const d = value as Date;
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    case 'DATETIME': {
      const d = value as Date;
      return `${restValue(d, 'DATE')}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    }
    case 'TIMESTAMP':
      return floatText((value as Date).getTime() / 1000);
    default:
      throw new Error(`local BigQuery: no REST text for type ${type}`);
  }
}

/** Seconds as BigQuery writes a TIMESTAMP cell: "1.7094528E9". */
export function floatText(x: number): string {
  if (x === 0) return '0.0';
  const [mantissa, exponent] = x.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Bytes of one value of a column by BigQuery's data size rules (STRING: 2 plus its UTF-8 bytes, added apart). */
const FIXED_BYTES: Readonly<Record<string, number>> = { INTEGER: 8, FLOAT: 8, DATE: 8, DATETIME: 8, TIMESTAMP: 8, NUMERIC: 16, BOOLEAN: 1 };

// ---------------------------------------------------------------- the service

/** BigQuery's error reasons the stand-in can be told to fail with. */
export type BigQueryFault =
  'accessDenied' | 'quotaExceeded' | 'rateLimitExceeded' | 'notFound' | 'invalidQuery' | 'responseTooLarge' | 'backendError';

interface Job {
  id: string;
  fields: RestField[];
  rows: { f: { v: string | null }[] }[];
  pending: number;
  bytes: number;
}

export interface BigQueryStandInOptions {
  /** The orders: a .csv or .parquet file. */
  file: string;
  /** The name it has in the warehouse, dataset.table; default shop.orders. */
  table?: string;
  /** DuckDB's threads; default DuckDB's own. */
  threads?: number;
}

/** What the service was asked, for tests: the method and its arguments. */
export interface BigQueryCall {
  method: string;
  args: unknown[];
}

export class FakeBigQuery extends StandIn {
  readonly _label = 'BigQuery';
  /** Not a property of Google's service: the SQL dialect the stand-in runs (see the file's comment). */
  readonly Dialect = 'duckdb';
  readonly Jobs: FakeJobs;
  readonly Tables: FakeTables;
  readonly _engine: DuckDbThread;
  readonly _table: string;
  /** Every call made, in order. */
  readonly _calls: BigQueryCall[] = [];
  /** How many answers of each new job say jobComplete false before it completes. */
  _pendingPolls = 0;
  /** Most bytes of rows in one page (BigQuery: 10 MB). */
  _pageBytes = 10 * 1024 * 1024;
  private readonly _faults: { reason: BigQueryFault; method: string | null; times: number }[] = [];
  private _facts: TableFacts | null = null;
  readonly _jobs = new Map<string, Job>();
  private _nextJob = 1;

  constructor(options: BigQueryStandInOptions) {
    super();
    this._table = options.table ?? 'shop.orders';
    if (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(this._table)) throw new Error(`local BigQuery: table ${this._table} is not dataset.table`);
    this._engine = new DuckDbThread({ file: options.file, table: this._table, threads: options.threads });
    this.Jobs = new FakeJobs(this);
    this.Tables = new FakeTables(this);
  }

  /** Make the next `times` calls (of `method`, e.g. 'jobs.query', or any) fail with BigQuery's error of that reason. */
  fail(reason: BigQueryFault, options: { method?: string; times?: number } = {}): void {
    this._faults.push({ reason, method: options.method ?? null, times: options.times ?? 1 });
  }

  close(): Promise<number> {
    return this._engine.close();
  }

  _facts_(): TableFacts {
    this._facts ??= this._engine.describe();
    return this._facts;
  }

  /** Throws as Apps Script does when the manifest lacks the scope (the runtime sets it). */
  _scopeCheck: ((method: string) => void) | null = null;

  _record(method: string, args: unknown[], projectId: string): void {
    this._scopeCheck?.(method);
    this._calls.push({ method, args: structuredClone(args) });
    const at = this._faults.findIndex((f) => f.times > 0 && (f.method === null || f.method === method));
    if (at < 0) return;
    const fault = this._faults[at];
    fault.times--;
    throw apiError(method, faultMessage(fault.reason, projectId, this._table));
  }

  _newJob(sql: string): Job {
    let answer;
    try {
      answer = this._engine.query(sql);
    } catch (e) {
      if (e instanceof EngineError) throw apiError('jobs.query', `Syntax error: ${e.message}`);
      throw e;
    }
    const fields: RestField[] = answer.columns.map((c) => ({ name: c.name, type: bigQueryType(c.type), mode: 'NULLABLE' }));
    const rows = answer.rows.map((row) => ({ f: row.map((v, i) => ({ v: restValue(v, fields[i].type) })) }));
    const id = `job_local_${this._nextJob++}`;
    const job: Job = { id, fields, rows, pending: this._pendingPolls, bytes: this._scanned(sql) };
    this._jobs.set(id, job);
    return job;
  }

  /** Bytes of the table's columns the query names (each once), by BigQuery's data size rules. */
  _scanned(sql: string): number {
    const facts = this._facts_();
    let bytes = 0;
    for (const c of facts.columns) {
      const quoted = [`"${c.name.replace(/"/g, '""')}"`, `\`${c.name}\``];
      if (!quoted.some((q) => sql.includes(q))) continue;
      const type = bigQueryType(c.type);
      bytes += type === 'STRING' ? 2 * c.values + c.textBytes : (FIXED_BYTES[type] ?? 8) * c.values;
    }
    return bytes;
  }

  _page(job: Job, projectId: string, offset: number, maxResults: number | undefined): Record<string, unknown> {
    const limit = maxResults === undefined ? Infinity : maxResults;
    const rows: Job['rows'] = [];
    let size = 0;
    for (let i = offset; i < job.rows.length && rows.length < limit; i++) {
      size += JSON.stringify(job.rows[i]).length;
      if (rows.length > 0 && size > this._pageBytes) break;
      rows.push(job.rows[i]);
    }
    const next = offset + rows.length;
    return {
      kind: 'bigquery#getQueryResultsResponse',
      jobReference: { projectId, jobId: job.id, location: 'US' },
      jobComplete: true,
      schema: { fields: job.fields },
      totalRows: String(job.rows.length),
      totalBytesProcessed: String(job.bytes),
      ...(rows.length > 0 ? { rows } : {}),
      ...(next < job.rows.length ? { pageToken: pageToken(job.id, next) } : {}),
    };
  }
}

function pageToken(jobId: string, offset: number): string {
  return globalThis.btoa(`${jobId}@${offset}`);
}

function tokenOffset(token: string, jobId: string): number | null {
  let text: string;
  try {
    text = globalThis.atob(token);
  } catch {
    return null;
  }
  const m = /^(.+)@(\d+)$/.exec(text);
  return m && m[1] === jobId ? Number(m[2]) : null;
}

/** An advanced service's exception: Google's message after Apps Script's prefix. */
function apiError(method: string, message: string): GasError {
  return new GasError(`API call to bigquery.${method} failed with error: ${message}`);
}

/** BigQuery's messages for each reason, as its error-messages page quotes them. */
function faultMessage(reason: BigQueryFault, projectId: string, table: string): string {
  switch (reason) {
    case 'accessDenied':
      return `Access Denied: Project ${projectId}: User does not have bigquery.jobs.create permission in project ${projectId}.`;
    case 'quotaExceeded':
      return 'Quota exceeded: Your project exceeded quota for free query bytes scanned. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas';
    case 'rateLimitExceeded':
      return 'Exceeded rate limits: too many concurrent queries for this project_and_region. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas';
    case 'notFound':
      return `Not found: Table ${projectId}:${table} was not found in location US`;
    case 'invalidQuery':
      return 'Syntax error: Unexpected end of script at [1:1]';
    case 'responseTooLarge':
      return 'Response too large to return. Consider specifying a destination table in your job configuration.';
    case 'backendError':
      return 'Backend error. Job aborted.';
  }
}

class FakeJobs extends StandIn {
  readonly _label = 'BigQuery.Jobs';
  constructor(private readonly _bq: FakeBigQuery) {
    super();
  }

  query(request: { query?: string; useLegacySql?: boolean; dryRun?: boolean; maxResults?: number }, projectId: string): unknown {
    const bq = this._bq;
    bq._record('jobs.query', [request, projectId], projectId);
    if (typeof request?.query !== 'string' || request.query.trim() === '')
      throw apiError('jobs.query', 'Required parameter is missing: query');
    // The REST default is legacy SQL: a request that does not say otherwise is read as such and fails on GoogleSQL text.
    if (request.useLegacySql !== false)
      throw apiError('jobs.query', 'Invalid table name: the query was read as legacy SQL (useLegacySql was not false)');
    if (request.dryRun === true) {
      // Nothing runs: the bytes the query would scan.
      return {
        kind: 'bigquery#queryResponse',
        jobReference: { projectId, location: 'US' },
        jobComplete: true,
        totalBytesProcessed: String(bq._scanned(request.query)),
        cacheHit: false,
      };
    }
    const job = bq._newJob(request.query);
    if (job.pending > 0) {
      job.pending--;
      return { kind: 'bigquery#queryResponse', jobReference: { projectId, jobId: job.id, location: 'US' }, jobComplete: false };
    }
    return { ...bq._page(job, projectId, 0, request.maxResults), kind: 'bigquery#queryResponse' };
  }

  getQueryResults(projectId: string, jobId: string, optionalArgs: { pageToken?: string; maxResults?: number } = {}): unknown {
    const bq = this._bq;
    bq._record('jobs.getQueryResults', [projectId, jobId, optionalArgs], projectId);
    const job = bq._jobs.get(jobId);
    if (!job) throw apiError('jobs.getQueryResults', `Not found: Job ${projectId}:US.${jobId}`);
    if (job.pending > 0) {
      job.pending--;
      return { kind: 'bigquery#getQueryResultsResponse', jobReference: { projectId, jobId, location: 'US' }, jobComplete: false };
    }
    let offset = 0;
    if (optionalArgs.pageToken !== undefined) {
      const at = tokenOffset(optionalArgs.pageToken, jobId);
      if (at === null) throw apiError('jobs.getQueryResults', `Invalid page token: ${optionalArgs.pageToken}`);
      offset = at;
    }
    return bq._page(job, projectId, offset, optionalArgs.maxResults);
  }
}

class FakeTables extends StandIn {
  readonly _label = 'BigQuery.Tables';
  constructor(private readonly _bq: FakeBigQuery) {
    super();
  }

  get(projectId: string, datasetId: string, tableId: string): unknown {
    const bq = this._bq;
    bq._record('tables.get', [projectId, datasetId, tableId], projectId);
    if (`${datasetId}.${tableId}` !== bq._table) throw apiError('tables.get', `Not found: Table ${projectId}:${datasetId}.${tableId}`);
    const facts = bq._facts_();
    return {
      kind: 'bigquery#table',
      tableReference: { projectId, datasetId, tableId },
      schema: { fields: facts.columns.map((c) => ({ name: c.name, type: bigQueryType(c.type), mode: 'NULLABLE' })) },
      numRows: String(facts.rows),
      type: 'TABLE',
      location: 'US',
    };
  }
}
