/**
 * The BigQuery adapter of the warehouse edition: the only code that calls the
 * BigQuery advanced service (Apps Script's `BigQuery` global, REST API v2 with the
 * same objects and parameters: developers.google.com/apps-script/advanced/bigquery).
 *
 * - Queries: jobs.query, then jobs.getQueryResults while `jobComplete` is false
 *   (polled with a doubling wait up to a limit, as Google's own sample does) and
 *   while there is a `pageToken` (the rows come in pages of at most `maxResults`):
 *   cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query and .../getQueryResults.
 * - Dry run: jobs.query with dryRun true answers with `totalBytesProcessed`, what the
 *   query would scan (and bill), without running it.
 * - Rows: the REST API gives every cell as text in the `{f: [{v}]}` form; the schema
 *   says how to read it (INTEGER/INT64 digits, FLOAT "1.5" "NaN" "Infinity", NUMERIC
 *   decimal text, BOOLEAN "true", DATE "2024-03-01", TIMESTAMP seconds since the epoch
 *   as a float text). They become the ResultRow objects src/sql/results.ts reads.
 * - Errors: an advanced service call that fails throws an exception whose message is
 *   the API's error message, "API call to bigquery.jobs.query failed with error: " and
 *   BigQuery's own text (Access Denied: ..., Quota exceeded: ..., Not found: ...), and
 *   on V8 a `details` object with the ErrorProto `errors[].reason` when Google sends it.
 *   The reasons and their meaning: cloud.google.com/bigquery/docs/error-messages.
 *   Each is mapped to a message in the user's language that says what to do.
 */
import { UserError } from '../core/errors';
import { type Lang } from '../i18n/plural';
import { type WarehouseMessageKey, wt } from '../i18n/messages/warehouse';
import { type DialectName } from '../sql/dialect';
import { type ResultRow } from '../sql/results';
import { type SchemaField } from '../sql/source';

/** The part of the REST API the adapter uses (the advanced service's method signatures). */
export interface BigQueryApi {
  Jobs: {
    query(request: QueryRequest, projectId: string): QueryResponse;
    getQueryResults(projectId: string, jobId: string, optionalArgs?: GetQueryResultsArgs): QueryResponse;
  };
  Tables: {
    get(projectId: string, datasetId: string, tableId: string): { schema?: { fields?: FieldSchema[] } };
  };
}

export interface QueryRequest {
  query: string;
  useLegacySql: false;
  location?: string;
  maxResults?: number;
  timeoutMs?: number;
  dryRun?: boolean;
}

export interface GetQueryResultsArgs {
  pageToken?: string;
  maxResults?: number;
  timeoutMs?: number;
  location?: string;
}

export interface FieldSchema {
  name: string;
  type: string;
  mode?: string;
}

export interface QueryResponse {
  jobReference?: { projectId?: string; jobId?: string; location?: string };
  jobComplete?: boolean;
  schema?: { fields?: FieldSchema[] };
  rows?: { f: { v: unknown }[] }[];
  pageToken?: string;
  totalRows?: string;
  totalBytesProcessed?: string;
}

/** The service and a way to wait (Utilities.sleep in Apps Script; the clock's advance locally). */
export interface BigQueryHost {
  api: BigQueryApi;
  sleep(ms: number): void;
}

export interface JobOptions {
  /** The Google Cloud project that runs (and pays for) the jobs. */
  projectId: string;
  /** The dataset's location (US, EU, europe-west3 ...); the job runs there. */
  location?: string;
  /** Rows per page; BigQuery sends at most 10 MB a page whatever is asked. */
  pageRows?: number;
  /** How many times to ask whether an unfinished job is done before giving up. */
  pollLimit?: number;
  /** The first wait between polls, doubled each time up to `maxWaitMs`. */
  firstWaitMs?: number;
  maxWaitMs?: number;
}

export const DEFAULT_PAGE_ROWS = 20_000;
export const DEFAULT_POLL_LIMIT = 12;
const FIRST_WAIT_MS = 500;
const MAX_WAIT_MS = 8_000;
/** How long each call waits server-side for the job before answering jobComplete false. */
const SERVER_WAIT_MS = 10_000;

export interface QueryResult {
  rows: ResultRow[];
  fields: FieldSchema[];
  jobId: string;
  /** Calls of getQueryResults while the job ran, and for the further pages. */
  polls: number;
  pages: number;
  /** The waits between polls, in order (ms). */
  waits: number[];
}

/** The add-on's calls of the real service: the `BigQuery` global of a script that enables it. */
export function appsScriptBigQuery(): BigQueryHost {
  // Undefined unless the manifest enables the advanced service (the warehouse edition's does).
  if (typeof BigQuery === 'undefined' || !BigQuery)
    throw new BigQueryError('wh.err.other', { detail: 'the BigQuery advanced service is not enabled in this script' });
  return { api: BigQuery as unknown as BigQueryApi, sleep: (ms) => Utilities.sleep(ms) };
}

/**
 * The SQL dialect to write for this service: BigQuery's. The local stand-in
 * (local/bigquery.ts) runs DuckDB and says so in a `Dialect` property that Google's
 * service does not have.
 */
export function sqlDialect(host: BigQueryHost): DialectName {
  return (host.api as { Dialect?: unknown }).Dialect === 'duckdb' ? 'duckdb' : 'bigquery';
}

/** Runs a query to the end: polls until the job is complete, then reads every page; the rows as ResultRows. */
export function runQuery(host: BigQueryHost, sql: string, options: JobOptions): QueryResult {
  const pageRows = options.pageRows ?? DEFAULT_PAGE_ROWS;
  const pollLimit = options.pollLimit ?? DEFAULT_POLL_LIMIT;
  const context = errorContext(options);
  let response = call(context, () =>
    host.api.Jobs.query(
      { query: sql, useLegacySql: false, maxResults: pageRows, timeoutMs: SERVER_WAIT_MS, ...location(options) },
      options.projectId,
    ),
  );
  const jobId = response.jobReference?.jobId ?? '';
  let polls = 0;
  const waits: number[] = [];
  let wait = options.firstWaitMs ?? FIRST_WAIT_MS;
  while (response.jobComplete !== true) {
    if (polls >= pollLimit) {
      const seconds = waits.reduce((a, b) => a + b, 0) / 1000;
      throw new BigQueryError('wh.err.timeout', { job: jobId, polls, seconds, ...context });
    }
    host.sleep(wait);
    waits.push(wait);
    wait = Math.min(wait * 2, options.maxWaitMs ?? MAX_WAIT_MS);
    polls++;
    response = call(context, () =>
      host.api.Jobs.getQueryResults(options.projectId, jobId, { maxResults: pageRows, timeoutMs: SERVER_WAIT_MS, ...location(options) }),
    );
  }
  const fields = response.schema?.fields ?? [];
  const rows: ResultRow[] = readRows(fields, response.rows ?? []);
  let pages = 1;
  while (response.pageToken) {
    const pageToken = response.pageToken;
    response = call(context, () =>
      host.api.Jobs.getQueryResults(options.projectId, jobId, { pageToken, maxResults: pageRows, ...location(options) }),
    );
    polls++;
    pages++;
    for (const row of readRows(fields, response.rows ?? [])) rows.push(row);
  }
  return { rows, fields, jobId, polls, pages, waits };
}

/** What the query would scan, in bytes, without running it (the bytes BigQuery bills on demand). */
export function dryRun(host: BigQueryHost, sql: string, options: JobOptions): number {
  const context = errorContext(options);
  const response = call(context, () =>
    host.api.Jobs.query({ query: sql, useLegacySql: false, dryRun: true, ...location(options) }, options.projectId),
  );
  const bytes = Number(response.totalBytesProcessed ?? NaN);
  if (!Number.isFinite(bytes)) throw new BigQueryError('wh.err.other', { detail: 'the dry run gave no totalBytesProcessed', ...context });
  return bytes;
}

/** A table's columns and their types (tables.get: schema.fields), as src/sql columnsFromSchema takes them. */
export function tableSchema(host: BigQueryHost, table: string, options: JobOptions): SchemaField[] {
  const parts = table.split('.');
  const [projectId, datasetId, tableId] = parts.length === 3 ? parts : [options.projectId, parts[0], parts[1]];
  const context = errorContext(options);
  const t = call(context, () => host.api.Tables.get(projectId, datasetId, tableId));
  return (t.schema?.fields ?? []).map((f) => ({ name: f.name, type: f.type }));
}

function location(options: JobOptions): { location?: string } {
  return options.location ? { location: options.location } : {};
}

function errorContext(options: JobOptions): { project: string; location: string } {
  return { project: options.projectId, location: options.location ?? 'US' };
}

// ---------------------------------------------------------------- rows

/**
 * REST rows (`f`/`v`, every value text) as objects by column name, read by the schema:
 * integers as numbers while exact (else the digits, which the readers refuse by name),
 * floats with NaN and the infinities, booleans, dates as epoch days, timestamps as Dates.
 */
export function readRows(fields: readonly FieldSchema[], rows: readonly { f: { v: unknown }[] }[]): ResultRow[] {
  const readers = fields.map((f) => cellReader(f));
  return rows.map((row) => {
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (let c = 0; c < fields.length; c++) out[fields[c].name] = readers[c](row.f[c]?.v ?? null);
    return out;
  });
}

function cellReader(field: FieldSchema): (v: unknown) => unknown {
  if (field.mode === 'REPEATED') return bad(field);
  const bool = (v: string): boolean => v === 'true';
  switch (field.type.toUpperCase()) {
    case 'INTEGER':
    case 'INT64':
      return nullable((v) => {
        const n = Number(v);
        return Number.isSafeInteger(n) ? n : v;
      });
    case 'FLOAT':
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return nullable((v) => Number(v));
    case 'BOOLEAN':
    case 'BOOL':
      return nullable(bool);
    case 'STRING':
      return nullable((v) => v);
    case 'DATE':
      return nullable((v) => Date.parse(`${v}T00:00:00Z`) / 86_400_000);
    case 'TIMESTAMP':
      return nullable((v) => new Date(Math.round(Number(v) * 1000)));
    default:
      return bad(field);
  }
}

function nullable(read: (v: string) => unknown): (v: unknown) => unknown {
  return (v) => (v === null || v === undefined ? null : read(String(v)));
}

function bad(field: FieldSchema): never {
  throw new BigQueryError('wh.err.badResult', {
    type: field.mode === 'REPEATED' ? `REPEATED ${field.type}` : field.type,
    column: field.name,
  });
}

// ---------------------------------------------------------------- errors

/** A BigQuery failure as the user should read it, in their language. */
export class BigQueryError extends UserError {
  readonly kind: WarehouseMessageKey;
  readonly detail: Record<string, string | number>;

  constructor(kind: WarehouseMessageKey, detail: Record<string, string | number>) {
    super(wt('en', kind, detail));
    this.name = 'BigQueryError';
    this.kind = kind;
    this.detail = detail;
  }

  override messageIn(lang: Lang): string {
    return wt(lang, this.kind, this.detail);
  }
}

/** BigQuery's ErrorProto reasons (error-messages page) and the message each one gets. */
const BY_REASON: Readonly<Record<string, WarehouseMessageKey>> = {
  accessDenied: 'wh.err.accessDenied',
  billingNotEnabled: 'wh.err.accessDenied',
  quotaExceeded: 'wh.err.quota',
  rateLimitExceeded: 'wh.err.quota',
  notFound: 'wh.err.notFound',
  invalidQuery: 'wh.err.invalidQuery',
  invalid: 'wh.err.invalidQuery',
  responseTooLarge: 'wh.err.tooLarge',
  backendError: 'wh.err.backend',
  internalError: 'wh.err.backend',
  timeout: 'wh.err.timeout',
  jobBackendError: 'wh.err.backend',
};

/**
 * The same, from the text when no reason came with it: BigQuery's messages start with
 * what went wrong ("Access Denied: Project p: ...", "Quota exceeded: ...", "Not found:
 * Table p:d.t ...", "Syntax error: ... at [1:8]"), so only the start is read.
 */
const BY_TEXT: readonly [RegExp, WarehouseMessageKey][] = [
  [/^(?:Access Denied|Permission denied|Billing has not been enabled)\b/i, 'wh.err.accessDenied'],
  [/^(?:Quota exceeded|Exceeded rate limits)\b/i, 'wh.err.quota'],
  [/^Not found\b/i, 'wh.err.notFound'],
  [/^Response too large\b/i, 'wh.err.tooLarge'],
  [
    /^(?:Syntax error|Unrecognized name|No matching signature|Invalid query|Function not found|Table-valued function not found)\b/i,
    'wh.err.invalidQuery',
  ],
  [/^(?:Backend error|Internal error|An internal error occurred)\b/i, 'wh.err.backend'],
];

const PREFIX = /^(?:GoogleJsonResponseException: )?API call to bigquery\.[\w.]+ failed with error: /;

/** Any exception of an advanced service call as a BigQueryError naming what failed. */
export function bigQueryError(e: unknown, context: { project: string; location: string }): BigQueryError {
  if (e instanceof BigQueryError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const detail = message.replace(PREFIX, '').trim();
  const reasons = reasonsOf(e);
  const kind =
    reasons.map((r) => BY_REASON[r]).find((k) => k !== undefined) ?? BY_TEXT.find(([re]) => re.test(detail))?.[1] ?? 'wh.err.other';
  return new BigQueryError(kind, { detail, job: '', polls: 0, seconds: 0, ...context });
}

function reasonsOf(e: unknown): string[] {
  const details = (e as { details?: { errors?: { reason?: unknown }[] } } | null)?.details;
  const errors = Array.isArray(details?.errors) ? details.errors : [];
  return errors.map((x) => String(x?.reason ?? ''));
}

function call<T>(context: { project: string; location: string }, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw bigQueryError(e, context);
  }
}
