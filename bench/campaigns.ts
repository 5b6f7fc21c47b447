/**
 * The "worklists + results" step alone, at one size (the whole bench takes half an hour):
 *
 *   node --expose-gc --import tsx bench/campaigns.ts --rows 1000000 --runs 3
 *
 * Prints the median time and what was built; the same step runs in `npm run bench`.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor } from '../src/core/calendar';
import { DEFAULT_LOST } from '../src/core/churn';
import { DEFAULT_BANDS } from '../src/core/lifecycle';
import { readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import type { ReportContext } from '../src/reports/context';
import { benchCampaigns, campaignWork, firstRunLog } from './campaignStep';
import { generateOrders } from './generateOrders';
import { median, tableSources } from './measure';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);
const o = generateOrders(rows);
const calendar = calendarFor(o.timeZone);
const asOf = o.asOfDay;
const { orders, report } = readOrders(tableSources(o.header, o.rows), { calendar, rules: localeRules(o.locale), firstRow: 2, asOf });
const ctx: ReportContext = {
  lang: 'en',
  locale: 'en_US',
  currency: null,
  orders,
  summary: buildSummary(orders, { asOf }),
  asOf,
  dateOf: (d) => calendar.dateOf(d),
  params: {
    bands: DEFAULT_BANDS,
    abcXyz: DEFAULT_ABC_XYZ,
    comparison: { period1: { from: asOf - 730, to: asOf - 365 }, period2: { from: asOf - 365, to: asOf } },
    lost: DEFAULT_LOST,
    lostPeriod: { from: asOf - 365, to: asOf },
    actions: {},
  },
  source: { sheetName: 'Orders', rows: report.rows, unreadableRows: report.unreadableRows },
};
const campaigns = benchCampaigns(ctx);
const previous = firstRunLog(ctx, campaigns);
const times: number[] = [];
const cpu: number[] = [];
let last = campaignWork(ctx, campaigns, previous); // warm-up
for (let r = 0; r < runs; r++) {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  last = campaignWork(ctx, campaigns, previous);
  times.push(performance.now() - t0);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1000);
}
const cells = last.specs.reduce((n, s) => n + s.cells.length, 0);
console.log(
  `worklists + results at ${rows.toLocaleString('en')} order rows: ${ctx.summary.size.toLocaleString('en')} customers, ` +
    `${last.customers.toLocaleString('en')} listed (${last.listed.toLocaleString('en')} listings) in ${campaigns.length} campaigns, ${last.specs.length} sheets (${cells.toLocaleString('en')} rows), ` +
    `log ${last.logRows.length.toLocaleString('en')} rows, ${last.logRows.reduce((n, r) => n + r.cells[2].length, 0).toLocaleString('en')} characters; median of ${runs}: ${Math.round(median(times))} ms, ` +
    `min ${Math.round(Math.min(...times))} ms (${times.map((t) => Math.round(t)).join(', ')}); ` +
    `CPU median ${Math.round(median(cpu))} ms, min ${Math.round(Math.min(...cpu))} ms; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
);
