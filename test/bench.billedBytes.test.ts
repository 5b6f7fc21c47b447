/**
 * bench/billedBytes.ts: what BigQuery on demand would bill for a statement, the columns it
 * reads at BigQuery's sizes ("data size calculation", cloud.google.com/bigquery/pricing:
 * 8 bytes per INT64 and FLOAT64, 1 per BOOL, 2 + the UTF-8 length per STRING).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnBytes, planScans, statementBytes, type ColumnBytes } from '../bench/billedBytes';
import { LocalWarehouse } from '../local/warehouse';

describe('the bytes BigQuery would bill for a statement', () => {
  let wh: LocalWarehouse;
  let dir: string;
  const tables = new Map<string, ColumnBytes>();

  beforeAll(async () => {
    wh = await LocalWarehouse.open();
    dir = mkdtempSync(path.join(os.tmpdir(), 'billed-'));
    // Three rows: a whole number, a text (one of them NULL), a flag and a double.
    await wh.run(
      "CREATE TEMP TABLE t AS SELECT * FROM (VALUES (1, 'ab', true, 1.5), (2, NULL, false, 2.5), (3, 'xyz', true, 0.5)) v(a, s, b, x)",
    );
    await wh.run(`COPY t TO '${path.join(dir, 'orders.parquet')}' (FORMAT parquet)`);
    await wh.loadFile('orders', path.join(dir, 'orders.parquet'));
    tables.set('t', await columnBytes(wh, 't'));
    tables.set('orders', await columnBytes(wh, 'orders'));
  });
  afterAll(() => {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sizes each column: 8 bytes a number, 1 a flag, 2 + UTF-8 length a text, a NULL at full size (the figure errs high)', () => {
    expect(Object.fromEntries(tables.get('t')!)).toEqual({ a: 24, s: 4 + 2 + 5, b: 3, x: 24 });
    expect(tables.get('orders')).toEqual(tables.get('t'));
  });

  it('bills the columns a statement reads, the filter columns too, not the others', async () => {
    expect((await statementBytes(wh, 'SELECT s, SUM(a) FROM t GROUP BY s', tables, 'orders')).total).toBe(11 + 24);
    // b only filters (DuckDB may drop a filter it proves always true; BigQuery reads the column anyway).
    expect((await statementBytes(wh, 'SELECT SUM(x) FROM t WHERE b', tables, 'orders')).total).toBe(24 + 3);
    expect((await statementBytes(wh, 'SELECT COUNT(*) FROM t WHERE a > 0', tables, 'orders')).total).toBe(24);
  });

  it('bills a scan that the statistics prove empty: BigQuery reads the columns all the same', async () => {
    // No NULL in a, no a above 100: DuckDB's own plan would leave these scans out.
    expect((await statementBytes(wh, 'SELECT COUNT(*) FROM t WHERE a IS NULL', tables, 'orders')).total).toBe(24);
    expect((await statementBytes(wh, 'SELECT COUNT(*) FROM orders WHERE a > 100 AND x IS NULL', tables, 'orders')).total).toBe(48);
    // A count of all rows reads no column; the blank-row count beside it reads the ones it tests.
    const counts = 'SELECT (SELECT COUNT(*) FROM orders) AS n, (SELECT COUNT(*) FROM orders WHERE a IS NULL AND trim(s) IS NULL) AS m';
    expect((await statementBytes(wh, counts, tables, 'orders')).total).toBe(24 + 11);
    // The setting is DuckDB's own again afterwards.
    const { rows } = await wh.query("SELECT current_setting('disabled_optimizers') AS d");
    expect(rows[0].d).toBe('');
  });

  it('bills a table once per time a statement reads it, and a temporary table of the plan like the file it came from', async () => {
    const twice = await statementBytes(wh, 'CREATE TEMP TABLE u AS\nSELECT a FROM t UNION ALL SELECT a FROM orders', tables, 'orders');
    expect(twice.total).toBe(48);
    expect(Object.fromEntries(twice.byTable)).toEqual({ t: 24, orders: 24 });
    const self = await statementBytes(wh, 'SELECT x FROM t UNION ALL SELECT x FROM t', tables, 'orders');
    expect(Object.fromEntries(self.byTable)).toEqual({ t: 48 });
  });

  it('refuses a statement that reads a table of unknown size, naming it', async () => {
    await wh.run('CREATE TEMP TABLE other AS SELECT 1 AS n');
    await expect(statementBytes(wh, 'SELECT n FROM other', tables, 'orders')).rejects.toThrow(/scans other whose size is not known/);
  });

  it('finds every scan in a plan, nested at any depth, with its projected columns as DuckDB writes them', () => {
    const plan = [
      {
        name: 'PROJECTION',
        children: [
          { name: 'SEQ_SCAN', extra_info: { Table: '"temp".main.line_groups', Projections: ['cid', 'day'], Filters: '(day < 20088)' } },
          {
            name: 'HASH_JOIN',
            children: [
              { name: 'READ_PARQUET', extra_info: { Function: 'READ_PARQUET', Projections: '', Filters: ['(a IS NULL)', '(x IS NULL)'] } },
            ],
          },
        ],
      },
    ];
    expect(planScans(plan, 'orders')).toEqual([
      { table: 'line_groups', columns: ['cid', 'day'], filters: ['(day < 20088)'] },
      { table: 'orders', columns: [], filters: ['(a IS NULL)', '(x IS NULL)'] },
    ]);
  });
});
