/**
 * A few steps of the benchmark on their own, for a before/after of one change
 * without the whole run (bench/run.ts takes half an hour): the same generated
 * orders and the same timing as bench/measure.ts.
 *
 *   node --expose-gc --import tsx bench/focus.ts --rows 1000000 --runs 5 --steps summary,trends
 *
 * Steps: read (the orders table), summary (per-customer summary alone), trends (the Trends report from the orders
 * read), trends+summary (the Trends report with its summary). Prints one line per step: median, min and the runs, ms.
 */
import { parseArgs } from 'node:util';
import { calendarFor } from '../src/core/calendar';
import { readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import type { ReportContext } from '../src/reports/context';
import { buildTrends } from '../src/reports/trends';
import { generateOrders } from './generateOrders';
import { reportParams, tableSources, timeStep } from './measure';

const { values } = parseArgs({
  strict: true,
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    steps: { type: 'string', default: 'read,summary,trends,trends+summary' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const o = generateOrders(rows, { seed: Number(values.seed) });
const calendar = calendarFor(o.timeZone);
const rules = localeRules(o.locale);
const asOf = o.asOfDay;
const sources = tableSources(o.header, o.rows);
const read = () => readOrders(sources, { calendar, rules, firstRow: 2, asOf });
const { orders, report } = read();
const contextOf = (summary = buildSummary(orders, { asOf })): ReportContext => ({
  lang: 'en',
  locale: 'en_US',
  currency: null,
  orders,
  summary,
  asOf,
  dateOf: (d) => calendar.dateOf(d),
  params: reportParams(asOf),
  source: { sheetName: 'Orders', rows: report.rows, unreadableRows: report.unreadableRows },
});
const ctx = contextOf();
const warmups = rows <= 100_000 ? 3 : 1;
const steps: Record<string, () => unknown> = {
  read,
  // A fresh OrderRows each run, as in bench/measure.ts: a first summary pays for the row grouping.
  summary: () => buildSummary({ ...orders }, { asOf }),
  trends: () => buildTrends(ctx),
  'trends+summary': () => buildTrends(contextOf(buildSummary({ ...orders }, { asOf }))),
};
for (const name of values.steps.split(',')) {
  const body = steps[name];
  if (!body) throw new Error(`focus: no step "${name}"; steps: ${Object.keys(steps).join(', ')}`);
  const step = timeStep('focus', name, runs, warmups, body, () => 0);
  const ms = (v: number): string => v.toFixed(1);
  // CPU time beside the wall time: on a machine shared with other work, the wall time alone says little.
  console.log(
    `${name} at ${rows} rows: median ${ms(step.ms as number)} ms (CPU ${ms(step.cpuMs as number)} ms), min ${ms(Math.min(...step.runs))} ms; runs ${step.runs.map(ms).join(' ')}`,
  );
}
