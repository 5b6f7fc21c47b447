// The DuckDB side of the local BigQuery stand-in (local/bigquery.ts): a worker
// thread that owns the DuckDB instance and answers one request at a time. The main
// thread posts a request on `port`, then blocks in Atomics.wait on `signal`; this
// worker runs the (asynchronous) DuckDB call, posts the answer on the port and only
// then sets the signal and wakes it, so the main thread reads the answer with
// receiveMessageOnPort. Plain JavaScript: a worker starts outside the TypeScript
// loader that tests and `npm start` use.
import { workerData } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';

const { port, signal, file, table, threads } = workerData;
const flag = new Int32Array(signal);

const quote = (name) => '"' + String(name).replace(/"/g, '""') + '"';
const text = (value) => "'" + String(value).replace(/'/g, "''") + "'";

let instance = null;

async function open() {
  instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const parts = table.split('.');
  if (parts.length === 2) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(parts[0])}`);
  const reader = /\.parquet$/i.test(file) ? 'read_parquet' : 'read_csv_auto';
  await connection.run(`CREATE VIEW ${parts.map(quote).join('.')} AS SELECT * FROM ${reader}(${text(file)})`);
  return connection;
}

const ready = open();
// A file that cannot be opened is reported on the first request, not as an unhandled rejection that ends the worker.
ready.catch(() => {});

/** Rows as arrays of JS values (bigints, numbers, strings, Dates, booleans) with DuckDB's column names and types. */
async function query(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.columnNames().map((name, i) => ({ name, type: reader.columnType(i).toString() }));
  return { columns, rows: reader.getRowsJS() };
}

/** The table's columns and what BigQuery's data size rules need of each: values present and UTF-8 bytes of text (strlen counts bytes). */
async function describe(connection) {
  const { rows } = await query(connection, `DESCRIBE ${table.split('.').map(quote).join('.')}`);
  const columns = rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
  const parts = columns.map((c) =>
    /CHAR|TEXT|STRING/i.test(c.type)
      ? `COUNT(${quote(c.name)}) AS ${quote('n_' + c.name)}, COALESCE(SUM(strlen(${quote(c.name)})), 0) AS ${quote('b_' + c.name)}`
      : `COUNT(${quote(c.name)}) AS ${quote('n_' + c.name)}, 0 AS ${quote('b_' + c.name)}`,
  );
  const sizes = await query(connection, `SELECT COUNT(*) AS rows, ${parts.join(', ')} FROM ${table.split('.').map(quote).join('.')}`);
  const row = sizes.rows[0];
  return {
    rows: Number(row[0]),
    columns: columns.map((c, i) => ({ ...c, values: Number(row[1 + 2 * i]), textBytes: Number(row[2 + 2 * i]) })),
  };
}

/**
 * Closes DuckDB before the thread ends. Ending the thread with worker.terminate()
 * while DuckDB still holds the instance, or is still opening it, can abort the whole
 * process ("terminate called after throwing an instance of 'Napi::Error'"): the same
 * hazard better-sqlite3 reports for terminate() during a native call
 * (github.com/WiseLibs/better-sqlite3/issues/1507). So the owner asks, and the thread
 * ends by itself once the port is closed and nothing is left to run.
 */
async function shut() {
  const connection = await ready.catch(() => null);
  if (!connection) return;
  connection.closeSync();
  instance.closeSync();
}

port.on('message', async (request) => {
  let answer;
  try {
    if (request.kind === 'close') {
      await shut();
      port.postMessage({ ok: true });
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      port.close();
      return;
    }
    const connection = await ready;
    if (request.kind === 'query') answer = { ok: true, ...(await query(connection, request.sql)) };
    else if (request.kind === 'describe') answer = { ok: true, ...(await describe(connection)) };
    else answer = { ok: false, message: `unknown request ${request.kind}` };
  } catch (e) {
    answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
