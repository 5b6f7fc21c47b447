/**
 * The local warehouse: DuckDB (@duckdb/node-api, a devDependency, never in the
 * Apps Script bundle) over orders loaded from rows, a CSV or a Parquet file, running
 * the DuckDB rendering of src/sql's queries. What BigQuery is to the warehouse
 * edition, this is to the tests and the benchmark: same queries, another dialect.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBDateValue, DuckDBInstance, DuckDBTimestampTZValue, DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { duckDb } from '../src/sql/dialect';
import { type SchemaField } from '../src/sql/source';
import { type ResultRow } from '../src/sql/results';

/** Column types the loader writes: an instant, a civil date and time, a date, text, a whole number, a double. */
export type LocalColumnType = 'TIMESTAMPTZ' | 'TIMESTAMP' | 'DATE' | 'VARCHAR' | 'BIGINT' | 'DOUBLE';

export interface LocalColumn {
  name: string;
  type: LocalColumnType;
}

export interface QueryResult {
  rows: ResultRow[];
  /** Size of the rows as JSON text: what the query hands back, whatever the number of order rows behind it. */
  bytes: number;
  ms: number;
}

export interface WarehouseOptions {
  /** DuckDB's worker threads (default: DuckDB's own, the machine's cores). */
  threads?: number;
  /** DuckDB's memory limit, e.g. '8GB'. */
  memoryLimit?: string;
  /** A database file (spills and tables on disk); default in memory. */
  file?: string;
  /** Where DuckDB spills what does not fit in its memory limit. */
  tempDirectory?: string;
}

const MS_PER_DAY = 86_400_000;

export class LocalWarehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(options: WarehouseOptions = {}): Promise<LocalWarehouse> {
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(options.file ?? ':memory:', config);
    const connection = await instance.connect();
    // Instants are converted by name (timezone(...)); the session zone only shows them.
    await connection.run("SET TimeZone = 'UTC'");
    return new LocalWarehouse(instance, connection);
  }

  /**
   * A table of the given columns filled with rows: Dates (instants, or days for DATE
   * and wall times read in UTC for TIMESTAMP), numbers, text; null, undefined and ''
   * are NULL except in VARCHAR columns, where '' stays '' (as an empty text cell).
   */
  async loadRows(table: string, columns: readonly LocalColumn[], rows: readonly (readonly unknown[])[]): Promise<void> {
    const defs = columns.map((c) => `${duckDb.column(c.name)} ${c.type}`).join(', ');
    await this.connection.run(`CREATE OR REPLACE TABLE ${duckDb.table(table)} (${defs})`);
    const appender = await this.connection.createAppender(table);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      for (let c = 0; c < columns.length; c++) appendCell(appender, columns[c], row[c], table, r);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
  }

  /** A view named `table` over a Parquet or CSV file (a CSV's types are sniffed by DuckDB). */
  async loadFile(table: string, file: string): Promise<void> {
    if (!existsSync(file)) throw new Error(`no such file: ${file}`);
    const ext = path.extname(file).toLowerCase();
    const reader = ext === '.parquet' ? 'read_parquet' : ext === '.csv' ? 'read_csv_auto' : null;
    if (!reader) throw new Error(`${file}: give a .parquet or a .csv file`);
    await this.connection.run(`CREATE OR REPLACE VIEW ${duckDb.table(table)} AS SELECT * FROM ${reader}(${duckDb.text(file)})`);
  }

  /** The table's columns and types, as src/sql columnsFromSchema takes them. */
  async schema(table: string): Promise<SchemaField[]> {
    const { rows } = await this.query(`DESCRIBE ${duckDb.table(table)}`);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  /** Runs a query; whole numbers come back as numbers (exactly: they are counts, days and cents). */
  async query(sql: string): Promise<QueryResult> {
    const started = performance.now();
    const reader = await this.connection.runAndReadAll(sql);
    const raw = reader.getRowObjectsJS();
    const ms = performance.now() - started;
    const rows = raw.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? toNumber(v, k) : v;
      return out;
    });
    // Measured when asked for, once: writing the rows out as text is the benchmark's yardstick, not the query's work.
    let bytes: number | undefined;
    return {
      rows,
      ms,
      get bytes(): number {
        bytes ??= Buffer.byteLength(JSON.stringify(rows));
        return bytes;
      },
    };
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toNumber(v: bigint, column: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`column ${column}: ${v} is beyond 2^53, not exact as a number`);
  return n;
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function appendCell(appender: Appender, column: LocalColumn, value: unknown, table: string, row: number): void {
  if (value === null || value === undefined || (value === '' && column.type !== 'VARCHAR')) {
    appender.appendNull();
    return;
  }
  const bad = (): never => {
    throw new Error(`${table} row ${row + 1}, column ${column.name} (${column.type}): ${String(value)} cannot be stored`);
  };
  switch (column.type) {
    case 'TIMESTAMPTZ':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) bad();
      appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt((value as Date).getTime()) * 1000n));
      return;
    case 'TIMESTAMP':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) bad();
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt((value as Date).getTime()) * 1000n));
      return;
    case 'DATE':
      if (typeof value === 'number' && Number.isSafeInteger(value)) appender.appendDate(new DuckDBDateValue(value));
      else if (value instanceof Date && !Number.isNaN(value.getTime()))
        appender.appendDate(new DuckDBDateValue(Math.floor(value.getTime() / MS_PER_DAY)));
      else bad();
      return;
    case 'VARCHAR':
      appender.appendVarchar(typeof value === 'string' ? value : String(value));
      return;
    case 'BIGINT':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) bad();
      appender.appendBigInt(BigInt(value as number));
      return;
    case 'DOUBLE':
      if (typeof value !== 'number') bad();
      appender.appendDouble(value as number);
      return;
  }
}
