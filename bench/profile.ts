/**
 * A profiling harness for `node --cpu-prof`: one step called repeatedly on
 * generated orders, from src/ (same realm, readable names in the profile).
 *
 *   npx esbuild bench/profile.ts --bundle --platform=node --format=esm --outfile=/tmp/profile.mjs
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/profile.mjs LIFECYCLE_SEGMENT 100000 20
 *
 * Steps: LIFECYCLE_SEGMENT, ABCXYZ, LTV, NPS, CHURN_RATE (custom functions),
 * P_ALIVE, EXPECTED_PURCHASES, CLV, CLV_MODEL (with a warm document cache: local/cache.ts),
 * READ, SUMMARY, FOUR (summary + lifecycle + ABC + XYZ), REPORTS (every report builder).
 */
import { parseArgs } from 'node:util';
import { abcXyz } from '../src/core/abcXyz';
import { calendarFor } from '../src/core/calendar';
import { detectColumns, type OrderField } from '../src/core/columns';
import { lifecycleMatrix, lifecycleSegments, SEGMENT_COUNT, segmentKey } from '../src/core/lifecycle';
import { type OrderSources, readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import { abcXyzFunction } from '../src/functions/abcXyzFunction';
import { churnRate } from '../src/functions/churnRate';
import { lifecycleSegment } from '../src/functions/lifecycleSegment';
import { ltvFunction } from '../src/functions/ltvFunction';
import { npsFunction } from '../src/functions/npsFunction';
import { clvFunction, clvModelFunction, expectedPurchasesFunction, pAliveFunction } from '../src/functions/predictive';
import { CacheStores, FakeCacheService } from '../local/cache';
import type { ReportContext } from '../src/reports/context';
import { buildAbcXyzMigration } from '../src/reports/abcXyzMigration';
import { buildLifecycleMigration } from '../src/reports/lifecycleMigration';
import { buildLostCustomers } from '../src/reports/lostCustomers';
import { buildSegmentList } from '../src/reports/segmentList';
import { buildSegmentMatrix } from '../src/reports/segmentMatrix';
import { buildWhatIf } from '../src/reports/whatIf';
import { columnOf, generateOrders } from './generateOrders';
import { reportParams } from './measure';

// node --import tsx bench/profile.ts [FUNCTION] [ROWS] [TIMES] [values|text]
const { positionals } = parseArgs({ allowPositionals: true, strict: true });
const [name = 'LIFECYCLE_SEGMENT', rowsArg = '100000', timesArg = '20', form = 'values'] = positionals;
const o = generateOrders(Number(rowsArg), { form: form === 'text' ? 'text' : 'values' });
(globalThis as Record<string, unknown>).SpreadsheetApp = {
  getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => o.locale, getSpreadsheetTimeZone: () => o.timeZone }),
};
const functionCall = (): Record<string, () => unknown> => {
  const customers = columnOf(o, 'customer');
  const dates = columnOf(o, 'date');
  const amounts = columnOf(o, 'amount');
  const scores = customers.map((_, i) => [(i * 7) % 11]);
  return {
    LIFECYCLE_SEGMENT: () => lifecycleSegment(customers, dates, amounts, o.asOf),
    ABCXYZ: () => abcXyzFunction(customers, dates, amounts, o.asOf),
    LTV: () => ltvFunction(customers, dates, amounts, o.asOf, 0.25),
    NPS: () => npsFunction(customers, dates, scores, o.asOf),
    CHURN_RATE: () => churnRate(customers, dates, amounts, o.asOf),
    // The predictive functions with a warm document cache (the first call fills it): what is left is reading and scoring.
    P_ALIVE: () => pAliveFunction(customers, dates, amounts, o.asOf),
    EXPECTED_PURCHASES: () => expectedPurchasesFunction(customers, dates, amounts, o.asOf, 90),
    CLV: () => clvFunction(customers, dates, amounts, o.asOf, 12),
    CLV_MODEL: () => clvModelFunction(customers, dates, amounts, o.asOf),
  };
};
const calendar = calendarFor(o.timeZone);
const mapping = detectColumns(o.header);
const sources = Object.fromEntries(
  Object.entries(mapping).map(([f, c]) => [f, { values: o.rows, column: c, label: f }]),
) as unknown as OrderSources;
const read = () => readOrders(sources, { calendar, rules: localeRules(o.locale), firstRow: 2, asOf: o.asOfDay });
const asOf = o.asOfDay;
const context = (): ReportContext => {
  const r = read();
  return {
    lang: 'en',
    locale: o.locale,
    currency: null,
    orders: r.orders,
    summary: buildSummary(r.orders, { asOf }),
    asOf,
    dateOf: (d) => calendar.dateOf(d),
    params: reportParams(asOf),
    source: { sheetName: 'Orders', rows: r.report.rows, unreadableRows: 0 },
  };
};
void (null as unknown as OrderField);
const orders = ['READ', 'SUMMARY', 'FOUR'].includes(name) ? read().orders : null;
const steps: Record<string, () => unknown> = {
  READ: read,
  SUMMARY: () => buildSummary({ ...orders! }, { asOf }), // a fresh OrderRows: the per-orders index is rebuilt
  FOUR: () => {
    const s = buildSummary({ ...orders! }, { asOf });
    return [lifecycleMatrix(s, lifecycleSegments(s)), abcXyz(s)];
  },
  REPORTS: () => {
    const c = context();
    return [
      buildSegmentMatrix(c),
      ...Array.from({ length: SEGMENT_COUNT }, (_, k) => buildSegmentList(c, segmentKey(k))),
      buildLifecycleMigration(c),
      buildAbcXyzMigration(c),
      buildLostCustomers(c),
      buildWhatIf(c),
    ];
  },
};
const call = steps[name] ?? functionCall()[name];
(globalThis as Record<string, unknown>).CacheService = new FakeCacheService(new CacheStores(() => Date.now()));
call(); // fills the cache: the timed calls are warm
const times: number[] = [];
const gc = process.env.PROFILE_GC ? (globalThis as { gc?: () => void }).gc : undefined; // PROFILE_GC=1 with --expose-gc: a full collection before each call, as the bench does
for (let i = 0; i < Number(timesArg); i++) {
  gc?.();
  const t0 = performance.now();
  call();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`${name} ${rowsArg} rows: median ${times[times.length >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms`);
