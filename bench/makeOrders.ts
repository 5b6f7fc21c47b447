/**
 * `npm run make:orders -- --rows 10000000 out/orders10m.parquet`: generated order rows
 * as a Parquet file, made by DuckDB with the warehouse benchmark's generator
 * (bench/warehouse.ts generatorSql: two lines per order, orders at any hour over three
 * years, one line in 40 a return, a manager per customer). Its columns are order_time
 * (TIMESTAMPTZ), order_no, customer, amount and manager; read it with
 * `npm start -- --warehouse FILE --columns date=order_time,orderId=order_no`.
 *
 * Flags: --rows N (default 10,000,000)  --customers N (default 200,000)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LocalWarehouse } from '../local/warehouse';
import { generatorSql } from './warehouse';

export async function makeOrders(argv: string[]): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rows: { type: 'string', default: '10000000' }, customers: { type: 'string', default: '200000' } },
  });
  const whole = (name: string, v: string): number => {
    const n = Number(v.replace(/[_,]/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`make:orders: --${name} is ${v}, not a whole number of 1 or more`);
    return n;
  };
  const rows = whole('rows', values.rows);
  const customers = whole('customers', values.customers);
  if (positionals.length !== 1) throw new Error('make:orders: give the output file, e.g. out/orders10m.parquet');
  const file = path.resolve(positionals[0]);
  if (path.extname(file).toLowerCase() !== '.parquet') throw new Error(`make:orders: ${positionals[0]} is not a .parquet file`);
  mkdirSync(path.dirname(file), { recursive: true });
  const wh = await LocalWarehouse.open();
  try {
    const started = performance.now();
    await wh.run(generatorSql(rows, customers, file));
    console.log(
      `make:orders: ${rows.toLocaleString('en')} rows, ${customers.toLocaleString('en')} customers -> ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    wh.close();
  }
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  makeOrders(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
