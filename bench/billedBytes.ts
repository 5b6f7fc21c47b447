/**
 * What BigQuery on demand would bill for each statement of a staged plan, estimated on
 * DuckDB after the plan has run: the columns each statement reads, of the orders and of
 * the temporary tables the earlier steps made, at BigQuery's sizes (8 bytes per INT64,
 * FLOAT64, DATE and TIMESTAMP value, 1 per BOOL, 2 + the UTF-8 length per STRING: "data
 * size calculation", cloud.google.com/bigquery/pricing). On demand, a query is billed for
 * the bytes it processes from the tables it reads (same page), a session's temporary tables
 * among them (cloud.google.com/bigquery/docs/sessions-intro: "no additional costs for using
 * sessions", storage aside); a CTE is no table, so a self-contained query pays for the
 * orders only.
 *
 * The columns come from DuckDB's plan (EXPLAIN (FORMAT JSON): every scan, with the table,
 * the columns it hands on and the filters pushed into it). The plan is made without DuckDB's
 * statistics propagation (duckdb.org/docs/stable/configuration/overview: disabled_optimizers):
 * with it, DuckDB drops a filter, or a whole scan, that the table's statistics prove always
 * true or always false (the count of blank rows, where no date is missing), and BigQuery
 * would still read those columns. A NULL is counted at the type's full size, so the figure
 * errs high; it is DuckDB's rendering that is planned, and where BigQuery's differs (the
 * running median reads its rows once there, four times here) it errs high as well.
 */
import { duckDb } from '../src/sql/dialect';
import { type LocalWarehouse } from '../local/warehouse';

/** Bytes per column of one table or view, at BigQuery's sizes. */
export type ColumnBytes = ReadonlyMap<string, number>;

export async function columnBytes(wh: LocalWarehouse, relation: string): Promise<ColumnBytes> {
  const columns = (await wh.query(`DESCRIBE ${duckDb.table(relation)}`)).rows;
  const sums = columns.map((c) => {
    const name = duckDb.column(String(c.column_name));
    const type = String(c.column_type);
    const size = type === 'VARCHAR' ? `2 + COALESCE(strlen(${name}), 0)` : type === 'BOOLEAN' ? '1' : '8';
    return `COALESCE(SUM(${size}), 0) AS ${name}`;
  });
  const row = (await wh.query(`SELECT ${sums.join(', ')} FROM ${duckDb.table(relation)}`)).rows[0];
  return new Map(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

interface PlanNode {
  name: string;
  children?: PlanNode[];
  extra_info?: { Table?: string; Function?: string; Projections?: string | string[]; Filters?: string | string[] };
}

/** A scan of a plan: its table, the columns it hands on, and the text of the filters pushed into it. */
export interface PlanScan {
  table: string;
  columns: string[];
  filters: string[];
}

const list = (value: string | string[] | undefined): string[] =>
  (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter((v) => v !== '');

/** Every scan of a plan, at any depth (a file read, READ_PARQUET or READ_CSV, is of `fileRelation`). */
export function planScans(nodes: readonly PlanNode[], fileRelation: string): PlanScan[] {
  const out: PlanScan[] = [];
  const walk = (node: PlanNode): void => {
    const info = node.extra_info ?? {};
    const scan = { columns: list(info.Projections), filters: list(info.Filters) };
    // "temp".main.name or main.name
    if (node.name === 'SEQ_SCAN' || node.name === 'TABLE_SCAN') out.push({ table: String(info.Table ?? '').replace(/^.*\./, ''), ...scan });
    else if (node.name === 'READ_PARQUET' || node.name === 'READ_CSV' || node.name === 'READ_CSV_AUTO')
      out.push({ table: fileRelation, ...scan });
    for (const child of node.children ?? []) walk(child);
  };
  for (const node of nodes) walk(node);
  return out;
}

/** The bytes one statement (a SELECT, or the SELECT of a CREATE TEMP TABLE ... AS) reads, by table. */
export async function statementBytes(
  wh: LocalWarehouse,
  sql: string,
  tables: ReadonlyMap<string, ColumnBytes>,
  fileRelation: string,
): Promise<{ total: number; byTable: Map<string, number> }> {
  const select = sql.replace(/^CREATE TEMP TABLE \w+ AS\n/, '');
  await wh.run("SET disabled_optimizers = 'statistics_propagation'");
  let explained: Record<string, unknown>;
  try {
    explained = (await wh.query(`EXPLAIN (FORMAT JSON) ${select}`)).rows[0];
  } finally {
    await wh.run('RESET disabled_optimizers');
  }
  const scans = planScans(JSON.parse(String(explained.explain_value)) as PlanNode[], fileRelation);
  const byTable = new Map<string, number>();
  let total = 0;
  for (const scan of scans) {
    const sizes = tables.get(scan.table);
    if (!sizes) throw new Error(`statement scans ${scan.table || 'a relation'} whose size is not known: ${select.slice(0, 80)}`);
    // The columns it hands on, and those its filters read (names in the filters' text).
    const words = new Set(scan.filters.join(' ').match(/\w+/g) ?? []);
    const read = new Set([...scan.columns, ...[...sizes.keys()].filter((c) => words.has(c))]);
    const bytes = [...read].reduce((a, c) => a + (sizes.get(c) ?? 0), 0);
    byTable.set(scan.table, (byTable.get(scan.table) ?? 0) + bytes);
    total += bytes;
  }
  return { total, byTable };
}
