// Times each custom function of the built bundle on generated raw orders.
import { loadBundle } from '../test/support/loadBundle';
import { generateOrders } from './generateOrders';

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 7);
const ctx = loadBundle({ globals: { SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US', getSpreadsheetTimeZone: () => 'Etc/UTC' }) } } });
const o = generateOrders(rows, 1);
const scores = o.amounts.map((_, i) => [i % 11]);
const calls: Record<string, () => unknown> = {
  LIFECYCLE_SEGMENT: () => ctx.LIFECYCLE_SEGMENT(o.customers, o.dates, o.amounts, o.asOf),
  ABCXYZ: () => ctx.ABCXYZ(o.customers, o.dates, o.amounts, o.asOf),
  LTV: () => ctx.LTV(o.customers, o.dates, o.amounts, o.asOf, 0.25),
  NPS: () => ctx.NPS(o.customers, o.dates, scores, o.asOf),
  CHURN_RATE: () => ctx.CHURN_RATE(o.customers, o.dates, o.amounts, o.asOf),
};
console.log(`${rows} order rows, median of ${runs} runs after one warm-up (Node ${process.version})`);
for (const [name, call] of Object.entries(calls)) {
  call();
  const times: number[] = [];
  let size = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    size = (call() as unknown[]).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(18)} ${times[runs >> 1].toFixed(1).padStart(8)} ms   (${size} output rows)`);
}
