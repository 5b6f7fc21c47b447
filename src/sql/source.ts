/**
 * Where the orders are in the warehouse and which column holds which field: the
 * column mapping of the in-sheet add-on (src/core/columns.ts), with each column's
 * type, since a warehouse column is typed where a sheet cell is not.
 */
import { detectColumns } from '../core/columns';
import { type DateKind, type DialectName } from './dialect';
import { WarehouseError } from './messages';

/** A customer or order id column holds text or whole numbers (read as their digits, as a sheet shows them). */
export type IdKind = 'string' | 'integer';

export interface OrderColumns {
  date: { name: string; kind: DateKind };
  customer: { name: string; kind: IdKind };
  /** Any numeric type; read as a double, as Sheets hands over a number cell. */
  amount: { name: string };
  orderId?: { name: string; kind: IdKind };
  manager?: { name: string };
  email?: { name: string };
  phone?: { name: string };
  /** Profit money per row; when both are mapped, profit wins (as in the sheet). */
  profit?: { name: string };
  /** Margin per row: 0.25 or 25 both mean a quarter of the row's amount. */
  margin?: { name: string };
}

export type OptionalField = 'orderId' | 'manager' | 'email' | 'phone' | 'profit' | 'margin';

export interface WarehouseSource {
  /** A table (`project.dataset.table`, or `dataset.table` in the job's project), or a query that returns the order rows. */
  from: { table: string } | { query: string };
  columns: OrderColumns;
  /** The spreadsheet's time zone: instants are read as days there. */
  timeZone: string;
}

// Letters of any script, digits and _ (BigQuery's flexible column names allow more; these are safe in both dialects).
const COLUMN_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;
// Project ids may hold dashes, dots and a colon (domain-scoped "example.com:sales"); datasets and tables are names.
const TABLE_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9.:-]*[A-Za-z0-9]\.)?[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$|^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws a WarehouseError naming the field, column or value that is wrong; returns the source. */
export function checkSource(source: WarehouseSource): WarehouseSource {
  if ('table' in source.from) {
    if (!TABLE_NAME.test(source.from.table)) throw new WarehouseError('sql.badTable', { value: source.from.table });
  } else if (source.from.query.trim() === '') {
    throw new WarehouseError('sql.emptyQuery');
  }
  checkTimeZone(source.timeZone);
  for (const field of ['date', 'customer', 'amount'] as const) {
    if (!source.columns[field]) throw new WarehouseError('sql.missingColumn', { field });
  }
  for (const [field, column] of Object.entries(source.columns) as [string, { name: string } | undefined][]) {
    if (column && !COLUMN_NAME.test(column.name)) throw new WarehouseError('sql.badColumnName', { field, value: column.name });
  }
  return source;
}

/** An IANA time zone name, as Intl knows them (Apps Script's V8 has the same data). */
export function checkTimeZone(timeZone: string): string {
  let ok = timeZone.trim() !== '';
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new WarehouseError('sql.badTimeZone', { value: timeZone });
  return timeZone;
}

/** A column of a table's schema as BigQuery (tables.get: schema.fields) or DuckDB (DESCRIBE) names its type. */
export interface SchemaField {
  name: string;
  type: string;
}

// TIMESTAMP is an instant in BigQuery (DATETIME is the wall time) but a wall time in DuckDB (TIMESTAMPTZ is the instant).
const DATE_TYPES: Record<DialectName, Record<string, DateKind>> = {
  bigquery: { TIMESTAMP: 'timestamp', DATETIME: 'datetime', DATE: 'date' },
  duckdb: {
    'TIMESTAMP WITH TIME ZONE': 'timestamp',
    TIMESTAMPTZ: 'timestamp',
    TIMESTAMP: 'datetime',
    'TIMESTAMP WITHOUT TIME ZONE': 'datetime',
    DATETIME: 'datetime',
    DATE: 'date',
  },
};
const INTEGER_TYPES = new Set([
  'INT64',
  'INTEGER',
  'INT',
  'BIGINT',
  'SMALLINT',
  'TINYINT',
  'HUGEINT',
  'UBIGINT',
  'UINTEGER',
  'USMALLINT',
  'UTINYINT',
]);
const STRING_TYPES = new Set(['STRING', 'VARCHAR', 'TEXT']);
const NUMBER_TYPES = new Set(['FLOAT64', 'FLOAT', 'DOUBLE', 'REAL', 'NUMERIC', 'BIGNUMERIC', 'DECIMAL', ...INTEGER_TYPES]);

/** The base type name: DECIMAL(12,2) is DECIMAL, timestamp(6) is TIMESTAMP. */
function baseType(type: string): string {
  const upper = type.trim().toUpperCase();
  return upper.startsWith('TIMESTAMP') && upper.includes('TIME ZONE') ? upper : upper.replace(/\s*\(.*$/, '');
}

/**
 * The column mapping of a table from its schema: each field's column found from the
 * column names exactly as the sheet's header row is read (src/core/columns.ts), then
 * checked against its type as the dialect names types. `chosen` overrides a field's
 * column by name, as the sidebar's column choices do.
 */
export function columnsFromSchema(
  fields: readonly SchemaField[],
  chosen: Partial<Record<keyof OrderColumns, string>> = {},
  dialect: DialectName = 'bigquery',
): OrderColumns {
  const found = detectColumns(fields.map((f) => f.name));
  const field = (name: keyof OrderColumns): SchemaField | undefined => {
    const wanted = chosen[name];
    if (wanted !== undefined) return fields.find((f) => f.name === wanted) ?? badName(name, wanted);
    const index = found[name];
    return index === undefined ? undefined : fields[index];
  };
  const typeError = (name: string, f: SchemaField, expected: string): never => {
    throw new WarehouseError('sql.badColumnType', { field: name, column: f.name, type: f.type, expected });
  };
  const date = field('date');
  const customer = field('customer');
  const amount = field('amount');
  if (!date) throw new WarehouseError('sql.missingColumn', { field: 'date' });
  if (!customer) throw new WarehouseError('sql.missingColumn', { field: 'customer' });
  if (!amount) throw new WarehouseError('sql.missingColumn', { field: 'amount' });
  const dateKind =
    DATE_TYPES[dialect][baseType(date.type)] ??
    typeError('date', date, dialect === 'bigquery' ? 'TIMESTAMP, DATETIME or DATE' : 'TIMESTAMPTZ, TIMESTAMP or DATE');
  const idKind = (name: string, f: SchemaField): IdKind =>
    STRING_TYPES.has(baseType(f.type)) ? 'string' : INTEGER_TYPES.has(baseType(f.type)) ? 'integer' : typeError(name, f, 'STRING or INT64');
  const numeric = (name: string, f: SchemaField): { name: string } =>
    NUMBER_TYPES.has(baseType(f.type)) ? { name: f.name } : typeError(name, f, 'a number (INT64, NUMERIC or FLOAT64)');
  const text = (name: string, f: SchemaField): { name: string } =>
    STRING_TYPES.has(baseType(f.type)) || INTEGER_TYPES.has(baseType(f.type)) ? { name: f.name } : typeError(name, f, 'STRING');
  const columns: OrderColumns = {
    date: { name: date.name, kind: dateKind },
    customer: { name: customer.name, kind: idKind('customer', customer) },
    amount: numeric('amount', amount),
  };
  const orderId = field('orderId');
  if (orderId) columns.orderId = { name: orderId.name, kind: idKind('orderId', orderId) };
  for (const name of ['manager', 'email', 'phone'] as const) {
    const f = field(name);
    if (f) columns[name] = text(name, f);
  }
  for (const name of ['profit', 'margin'] as const) {
    const f = field(name);
    if (f) columns[name] = numeric(name, f);
  }
  return columns;
}

function badName(field: string, value: string): never {
  throw new WarehouseError('sql.badColumnName', { field, value });
}
