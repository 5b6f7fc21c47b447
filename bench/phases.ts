/**
 * Where a custom function's time goes, from src/ (a driver for profiling, not part of `npm run bench`):
 * the read and summary every raw-order function shares, then each function whole, min of N calls.
 *
 *   npx esbuild bench/phases.ts --bundle --platform=node --format=esm --outfile=/tmp/phases.mjs
 *   node --expose-gc /tmp/phases.mjs 200000 15
 */
import { parseArgs } from 'node:util';
import { CacheStores, FakeCacheService } from '../local/cache';
import { abcXyzFunction } from '../src/functions/abcXyzFunction';
import { callContext } from '../src/functions/args';
import { lifecycleSegment } from '../src/functions/lifecycleSegment';
import { ltvFunction } from '../src/functions/ltvFunction';
import { clvFunction, clvModelFunction, expectedPurchasesFunction, pAliveFunction } from '../src/functions/predictive';
import { ordersArgs } from '../src/functions/rawOrders';
import { columnOf, generateOrders } from './generateOrders';

const { positionals } = parseArgs({ allowPositionals: true, strict: true });
const [rowsArg = '200000', timesArg = '15'] = positionals;
const o = generateOrders(Number(rowsArg), { seed: 1 });
(globalThis as Record<string, unknown>).SpreadsheetApp = {
  getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => o.locale, getSpreadsheetTimeZone: () => o.timeZone }),
};
const customers = columnOf(o, 'customer');
const dates = columnOf(o, 'date');
const amounts = columnOf(o, 'amount');
const table: unknown[][] = [o.header, ...o.rows];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const calls: Array<[string, () => unknown]> = [
  ['read + summary (columns)', () => ordersArgs([customers, dates, amounts, o.asOf]).read(callContext('P_ALIVE', undefined))],
  ['read + summary (table)', () => ordersArgs([table, o.asOf]).read(callContext('P_ALIVE', undefined))],
  ['LIFECYCLE_SEGMENT', () => lifecycleSegment(customers, dates, amounts, o.asOf)],
  ['ABCXYZ', () => abcXyzFunction(customers, dates, amounts, o.asOf)],
  ['LTV (table)', () => ltvFunction(table, o.asOf, 0.25)],
  ['P_ALIVE warm', () => pAliveFunction(customers, dates, amounts, o.asOf)],
  ['EXPECTED_PURCHASES warm', () => expectedPurchasesFunction(customers, dates, amounts, o.asOf, 90)],
  ['CLV warm', () => clvFunction(customers, dates, amounts, o.asOf, 12)],
  ['CLV_MODEL warm', () => clvModelFunction(customers, dates, amounts, o.asOf)],
  ['CLV (table) warm', () => clvFunction(table, o.asOf, 12)],
];
(globalThis as Record<string, unknown>).CacheService = new FakeCacheService(new CacheStores(() => Date.now()));
for (const [name, call] of calls) {
  call();
  call();
  const times: number[] = [];
  gc();
  for (let i = 0; i < Number(timesArg); i++) {
    const t0 = performance.now();
    call();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(28)} min ${times[0].toFixed(1).padStart(6)}  median ${times[times.length >> 1].toFixed(1).padStart(6)} ms`);
}
