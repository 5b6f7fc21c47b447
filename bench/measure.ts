/**
 * One size of the benchmark, run in its own process (bench/run.ts starts it with
 * --expose-gc) so that peak heap and RSS belong to that size alone. Prints one
 * JSON line: the median of each step and the memory peaks.
 *
 *   node --expose-gc --import tsx bench/measure.ts --rows 100000 --runs 5 [--rebuild | --functions]
 *
 * Without a flag: the floor, the custom functions, the summary and the reports.
 * --rebuild: the full rebuild on the local runtime, in a process of its own.
 * --functions: the floor and the custom functions only (BENCH_BUNDLE=file for another build).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { abcXyz, DEFAULT_ABC_XYZ } from '../src/core/abcXyz';
import { calendarFor } from '../src/core/calendar';
import { DEFAULT_CHURN, DEFAULT_LOST, lostCustomers, periodChurn } from '../src/core/churn';
import { detectColumns, type OrderField } from '../src/core/columns';
import { DEFAULT_BANDS, lifecycleMatrix, lifecycleSegments, SEGMENT_COUNT, segmentKey } from '../src/core/lifecycle';
import { seedLtv } from '../src/core/ltv';
import { managerMonths } from '../src/core/managerMonths';
import { type OrderSources, readOrders } from '../src/core/orders';
import { buildSummary } from '../src/core/summary';
import { localeRules } from '../src/core/values';
import type { ReportContext } from '../src/reports/context';
import { CacheStores, FakeCacheService } from '../local/cache';
import { benchCampaigns, CAMPAIGN_STEP, type CampaignWork, campaignWork, firstRunLog } from './campaignStep';
import { columnOf, type GeneratedOrders, generateOrders } from './generateOrders';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What one step measured. */
export interface StepResult {
  /** Section of the table: functions, core, reports, rebuild. */
  group: string;
  name: string;
  /** Median over the timed runs, ms; null when the step could not run. */
  ms: number | null;
  runs: number[];
  /** Median CPU time of the process over the same runs (all threads, GC helpers included), ms: with `ms` it shows how contended the machine was. */
  cpuMs?: number | null;
  /** CPU time of each timed run, ms (the minimum is the steadiest figure on a shared machine). */
  cpuRuns?: number[];
  /** Rows of output (or another count that shows the step did its work). */
  output: number;
  /** Why a step has no figure, or what it counted (service calls). */
  note?: string;
  serviceCalls?: number;
  /** Peak live heap during this step's runs, bytes. */
  peakHeap?: number;
  /** Service calls of the last rebuild per `Class.method`, to see which ones grow with the data. */
  byMethod?: Record<string, number>;
}

export interface SizeResult {
  rows: number;
  customers: number;
  runs: number;
  floorMs: number;
  steps: StepResult[];
  /** Peak live V8 heap during the measured steps (input included), bytes; see timeStep. */
  peakHeap: number;
  /** Largest resident set of the process (from the OS), bytes. */
  peakRss: number;
  /** Heap used by the generated input alone, after a full GC, bytes. */
  inputHeap: number;
  /** Peaks of the rebuild's own process (bench/run.ts fills this in). */
  rebuild?: { peakHeap: number; peakRss: number };
}

type Builder = (ctx: ReportContext, ...more: never[]) => unknown;
const SEGMENT_KEYS = Array.from({ length: SEGMENT_COUNT }, (_, i) => segmentKey(i));
/** The sidebar's reports, by the builder's export name; a segment list is made for each of the nine segments. */
const REPORTS: Record<string, (build: Builder, ctx: ReportContext) => unknown> = {
  buildSegmentMatrix: (build, ctx) => build(ctx),
  buildSegmentList: (build, ctx) => SEGMENT_KEYS.map((key) => (build as (c: ReportContext, k: string) => unknown)(ctx, key)),
  buildLifecycleMigration: (build, ctx) => build(ctx),
  buildAbcXyzMigration: (build, ctx) => build(ctx),
  buildLostCustomers: (build, ctx) => build(ctx),
  buildWhatIf: (build, ctx) => build(ctx),
  // Issue 13: the team's sheets.
  buildTrends: (build, ctx) => build(ctx),
  buildRepeatFunnel: (build, ctx) => build(ctx),
  buildKeyCustomers: (build, ctx) => build(ctx),
  buildManagers: (build, ctx) => build(ctx),
};

/**
 * The six reports the target "all reports on 1,000,000 rows < 2 s" was set for (issue 5), before issue 13
 * added Trends, Repeat funnel, Key customers and Managers.
 */
export const ORIGINAL_REPORTS = [
  'buildSegmentMatrix',
  'buildSegmentList',
  'buildLifecycleMigration',
  'buildAbcXyzMigration',
  'buildLostCustomers',
  'buildWhatIf',
];
/** The step that times the original six together, read included. */
export const ORIGINAL_REPORTS_STEP = `the ${ORIGINAL_REPORTS.length} original reports, read included`;

/** The issue-13 reports, each of which must build in under 1.5 s on 1,000,000 rows from the orders already read. */
export const TEAM_REPORTS = ['buildTrends', 'buildRepeatFunnel', 'buildKeyCustomers'];

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});
let peakHeap = 0;

/**
 * Times one step: warm-up runs, then `runs` timed runs back to back, each
 * paying for the garbage the one before left (a full collection before every
 * run, tried first, left caches cold and the young generation shrunk: up to 3x
 * slower than the same code called repeatedly, and unlike either Sheets or a
 * sidebar). Peak live heap: what full collections during the timed runs left
 * (v8.GCProfiler reports the heap after each), and what a full collection after
 * the last run leaves while its result is still held. Garbage waiting for the
 * next collection is not counted: how much of it V8 lets pile up is its choice,
 * not the code's need.
 */
export function timeStep(
  group: string,
  name: string,
  runs: number,
  warmups: number,
  body: () => unknown,
  count: (result: unknown) => number,
): StepResult {
  gc(); // whatever came before (generating the input) is not this step's
  let result: unknown;
  for (let w = 0; w < warmups; w++) result = body();
  const times: number[] = [];
  const cpu: number[] = [];
  const profiler = new GCProfiler();
  profiler.start();
  for (let r = 0; r < runs; r++) {
    sink.result = result = undefined;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = body();
    times.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    sink.result = result;
  }
  let stepPeak = 0;
  for (const g of profiler.stop()?.statistics ?? []) {
    if (g.gcType === 'MarkSweepCompact') stepPeak = Math.max(stepPeak, g.afterGC.heapStatistics.usedHeapSize);
  }
  gc();
  stepPeak = Math.max(stepPeak, getHeapStatistics().used_heap_size);
  peakHeap = Math.max(peakHeap, stepPeak);
  return { group, name, ms: median(times), cpuMs: median(cpu), runs: times, cpuRuns: cpu, output: count(result), peakHeap: stepPeak };
}

/** Keeps each result alive until the next run, so that no step is optimised away. */
const sink: { result: unknown } = { result: undefined };

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const length = (r: unknown): number => (Array.isArray(r) ? r.length : 0);

/** The floor: one pass that only reads every date and amount of the table and sums them. */
function floorPass(rows: readonly (readonly unknown[])[]): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    sum += (row[0] as Date).getTime() / 86_400_000 + (row[3] as number);
  }
  return sum;
}

/** The spreadsheet the custom functions see; each form of the orders sets its own locale. */
const spreadsheetEnv = { locale: 'en_US', timeZone: 'Europe/Kyiv' };
let bundle: Record<string, (...args: unknown[]) => unknown> | null = null;

/**
 * The built bundle as Apps Script runs it: a top-level script in an ordinary global
 * scope. Not in a vm context: there every global lookup (Math, Map, Number...) goes
 * through an interceptor that Apps Script does not have, which made the same code
 * 2-3 times slower and the figures meaningless.
 */
function loadBundleHere(): Record<string, (...args: unknown[]) => unknown> {
  if (!bundle) {
    const spreadsheet = { getSpreadsheetLocale: () => spreadsheetEnv.locale, getSpreadsheetTimeZone: () => spreadsheetEnv.timeZone };
    (globalThis as Record<string, unknown>).SpreadsheetApp = { getActiveSpreadsheet: () => spreadsheet };
    // BENCH_BUNDLE: another build of the bundle, to compare without touching dist/.
    const file = process.env.BENCH_BUNDLE ?? path.join(root, 'dist', 'Code.js');
    vm.runInThisContext(readFileSync(file, 'utf8'), { filename: 'Code.js' });
    bundle = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  }
  return bundle;
}

/** The name suffix of a custom function called with the whole orders table (header row first). */
export const TABLE_FORM = '(whole table)';
/** The name suffix of a predictive function timed with its fits already in the document cache. */
export const WARM_CACHE = 'warm cache';
/** The custom functions that describe the orders as they are. */
export const DESCRIPTIVE = ['LIFECYCLE_SEGMENT', 'ABCXYZ', 'LTV', 'NPS', 'CHURN_RATE'] as const;
/** The predictive functions (issue 12); all but SUGGEST_BANDS fit a model, and only those use the cache. */
export const PREDICTIVE = ['P_ALIVE', 'EXPECTED_PURCHASES', 'CLV', 'CLV_MODEL', 'SUGGEST_BANDS'] as const;
export const FITTING: readonly string[] = ['P_ALIVE', 'EXPECTED_PURCHASES', 'CLV', 'CLV_MODEL'];

/** The function a step times, without its form and variant: "CLV (whole table), warm cache" -> "CLV". */
export function functionOf(step: string): string {
  return step.split(/[ ,]/)[0];
}

/**
 * Each custom function of the built bundle on the raw-order form: on one-column ranges as Sheets passes them,
 * and with the whole orders table as the first argument.
 */
function functionSteps(rows: number, runs: number, warmups: number, seed: number): StepResult[] {
  const fn = loadBundleHere();
  // Without CacheService every predictive call fits (as outside Sheets); the warm-cache steps put one in.
  const globals = globalThis as Record<string, unknown>;
  delete globals.CacheService;
  const steps: StepResult[] = [];
  // Each form in a call of its own, so that its input dies with the call: inside one loop body the values
  // pass's columns stayed reachable through the text pass and doubled that step's peak heap.
  for (const form of ['values', 'text'] as const) steps.push(...formSteps(fn, form, rows, runs, warmups, seed));
  gc();
  return steps;
}

/** The custom-function steps over one form of the generated orders: typed values, or text as a ru_RU sheet holds it. */
function formSteps(
  fn: Record<string, (...args: unknown[]) => unknown>,
  form: 'values' | 'text',
  rows: number,
  runs: number,
  warmups: number,
  seed: number,
): StepResult[] {
  const globals = globalThis as Record<string, unknown>;
  const steps: StepResult[] = [];
  let o: GeneratedOrders | null = generateOrders(rows, { seed, form });
  spreadsheetEnv.locale = o.locale;
  spreadsheetEnv.timeZone = o.timeZone;
  const customers = columnOf(o, 'customer');
  const dates = columnOf(o, 'date');
  const amounts = columnOf(o, 'amount');
  const asOf = o.asOf;
  // The table form: the whole orders range with its header row, as Sheets passes `Orders!A1:E`.
  const table: unknown[][] = [o.header, ...o.rows];
  o = null; // only the columns and the table stay, as in a custom function call
  const scores = customers.map((_, i) => [(i * 7) % 11]);
  // The predictive functions on order columns and on the whole table; each refits unless its fit is in the cache.
  const predictive: Array<[string, () => unknown]> = [
    ['P_ALIVE', () => fn.P_ALIVE(customers, dates, amounts, asOf)],
    ['EXPECTED_PURCHASES', () => fn.EXPECTED_PURCHASES(customers, dates, amounts, asOf, 90)],
    ['CLV', () => fn.CLV(customers, dates, amounts, asOf, 12)],
    ['CLV_MODEL', () => fn.CLV_MODEL(customers, dates, amounts, asOf)],
    ['SUGGEST_BANDS', () => fn.SUGGEST_BANDS(customers, dates, amounts, asOf)],
    [`P_ALIVE ${TABLE_FORM}`, () => fn.P_ALIVE(table, asOf)],
    [`EXPECTED_PURCHASES ${TABLE_FORM}`, () => fn.EXPECTED_PURCHASES(table, asOf, 90)],
    [`CLV ${TABLE_FORM}`, () => fn.CLV(table, asOf, 12)],
    [`CLV_MODEL ${TABLE_FORM}`, () => fn.CLV_MODEL(table, asOf)],
    [`SUGGEST_BANDS ${TABLE_FORM}`, () => fn.SUGGEST_BANDS(table, asOf)],
  ];
  const calls: Array<[string, () => unknown]> =
    form === 'values'
      ? [
          ['LIFECYCLE_SEGMENT', () => fn.LIFECYCLE_SEGMENT(customers, dates, amounts, asOf)],
          ['ABCXYZ', () => fn.ABCXYZ(customers, dates, amounts, asOf)],
          ['LTV', () => fn.LTV(customers, dates, amounts, asOf, 0.25)],
          ['NPS', () => fn.NPS(customers, dates, scores, asOf)],
          ['CHURN_RATE', () => fn.CHURN_RATE(customers, dates, amounts, asOf)],
          // One definition of a purchase everywhere: the same functions over the whole table (order ids, managers).
          [`LIFECYCLE_SEGMENT ${TABLE_FORM}`, () => fn.LIFECYCLE_SEGMENT(table, asOf)],
          [`ABCXYZ ${TABLE_FORM}`, () => fn.ABCXYZ(table, asOf)],
          [`LTV ${TABLE_FORM}`, () => fn.LTV(table, asOf, 0.25)],
          [`CHURN_RATE ${TABLE_FORM}`, () => fn.CHURN_RATE(table, asOf)],
          [`CHURN_RATE summary ${TABLE_FORM}`, () => fn.CHURN_RATE(table, asOf, 90, 180, 'summary')],
          ...predictive,
          // Issue 13: the repeat-purchase funnel's cohort table, in both forms.
          ['REPEAT_FUNNEL', () => fn.REPEAT_FUNNEL(customers, dates, amounts, asOf)],
          [`REPEAT_FUNNEL ${TABLE_FORM}`, () => fn.REPEAT_FUNNEL(table, asOf)],
        ]
      : [['LIFECYCLE_SEGMENT, text dates and numbers (ru_RU)', () => fn.LIFECYCLE_SEGMENT(customers, dates, amounts, asOf)]];
  for (const [name, call] of calls) steps.push(timeStep('functions', name, runs, warmups, call, length));
  if (form === 'values') {
    // With a warm cache: the document cache (a stand-in: local/cache.ts) filled by the step's own first warm-up
    // call, as the first of several cells over the same orders fills it; each timed call then reads its fits.
    for (const [name, call] of predictive.filter(([n]) => FITTING.includes(functionOf(n)))) {
      const stores = new CacheStores(() => Date.now());
      globals.CacheService = new FakeCacheService(stores);
      try {
        const step = timeStep('functions', `${name}, ${WARM_CACHE}`, runs, Math.max(warmups, 1), call, length);
        steps.push({ ...step, note: `${stores.entries('document').size} fits in the cache` });
      } finally {
        delete globals.CacheService;
      }
    }
  }
  return steps;
}

/** The report parameters every benchmark step builds with: the defaults, and the last two years to compare. */
export function reportParams(asOf: number): ReportContext['params'] {
  return {
    bands: DEFAULT_BANDS,
    abcXyz: DEFAULT_ABC_XYZ,
    comparison: { period1: { from: asOf - 730, to: asOf - 365 }, period2: { from: asOf - 365, to: asOf } },
    lost: DEFAULT_LOST,
    lostPeriod: { from: asOf - 365, to: asOf },
    actions: {},
    keyCustomersTop: 20,
  };
}

export function tableSources(header: readonly unknown[], rows: unknown[][]): OrderSources {
  const mapping = detectColumns(header);
  const sources: Partial<OrderSources> = {};
  for (const [field, column] of Object.entries(mapping) as Array<[OrderField, number]>) {
    sources[field] = { values: rows, column, label: `${header[column]} (${String.fromCharCode(65 + column)})` };
  }
  return sources as OrderSources;
}

/** The report builders of src/reports that exist so far, each as a call over a context. */
async function reportBuilders(): Promise<Map<string, (ctx: ReportContext) => unknown>> {
  const found = new Map<string, (ctx: ReportContext) => unknown>();
  const dir = path.join(root, 'src', 'reports');
  for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!file.endsWith('.ts')) continue;
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
    for (const [name, call] of Object.entries(REPORTS)) {
      const build = mod[name];
      if (typeof build === 'function') found.set(name, (ctx) => call(build as Builder, ctx));
    }
  }
  return found;
}

/** The per-customer summary, the core steps, and every report of the sidebar, from the whole table in memory. */
async function coreSteps(o: GeneratedOrders, runs: number, warmups: number): Promise<StepResult[]> {
  const calendar = calendarFor(o.timeZone);
  const rules = localeRules(o.locale);
  const asOf = o.asOfDay;
  const sources = tableSources(o.header, o.rows);
  const read = () => readOrders(sources, { calendar, rules, firstRow: 2, asOf });
  const { orders } = read();
  const steps: StepResult[] = [];
  const size = (r: unknown): number => (r as { size: number }).size;

  steps.push(timeStep('core', 'read the orders table', runs, warmups, read, (r) => (r as ReturnType<typeof read>).orders.count));
  // A fresh OrderRows object each run: the summary keeps per-orders work (row grouping, key order) for later windows,
  // and a first summary must pay for it.
  steps.push(timeStep('core', 'per-customer summary alone', runs, warmups, () => buildSummary({ ...orders }, { asOf }), size));
  const fourSteps = (rows: typeof orders) => {
    const s = buildSummary(rows, { asOf });
    const segments = lifecycleSegments(s, DEFAULT_BANDS);
    const matrix = lifecycleMatrix(s, segments);
    return { s, matrix, classes: abcXyz(s, DEFAULT_ABC_XYZ) };
  };
  const customersOf = (r: unknown): number => (r as { s: { size: number } }).s.size;
  // From the orders as read, like a data frame already in memory; then with the reading of the sheet's values.
  steps.push(timeStep('core', 'summary + lifecycle + ABC + XYZ', runs, warmups, () => fourSteps({ ...orders }), customersOf));
  steps.push(timeStep('core', 'read + summary + lifecycle + ABC + XYZ', runs, warmups, () => fourSteps(read().orders), customersOf));
  // The Managers sheet's figures: one pass over the rows and one over the summary's events, from the summary as built.
  const summary = buildSummary({ ...orders }, { asOf });
  steps.push(
    timeStep(
      'core',
      'Managers: 25 months x managers (managerMonths)',
      runs,
      warmups,
      () => managerMonths(orders, summary, { activeTo: DEFAULT_BANDS.activeTo, lost: DEFAULT_LOST }),
      (r) => (r as ReturnType<typeof managerMonths>).managers.length,
    ),
  );

  const builders = await reportBuilders();
  const params = reportParams(asOf);
  const contextOf = (): ReportContext => {
    const r = read();
    return {
      lang: 'en',
      locale: 'en_US',
      currency: null,
      orders: r.orders,
      summary: buildSummary(r.orders, { asOf }),
      asOf,
      dateOf: (d) => calendar.dateOf(d),
      params,
      source: { sheetName: 'Заказы', rows: r.report.rows, unreadableRows: r.report.unreadableRows },
    };
  };
  const ctx = contextOf();
  for (const [name, build] of [...builders]) {
    try {
      build(ctx);
    } catch (e) {
      // A builder still being written must not sink the whole benchmark: show why it has no figure.
      steps.push({
        group: 'reports',
        name: `report ${name}`,
        ms: null,
        runs: [],
        output: 0,
        note: `failed: ${(e as Error).message.split('\n')[0]}`,
      });
      builders.delete(name);
      continue;
    }
    steps.push(timeStep('reports', `report ${name}`, runs, warmups, () => build(ctx), specRows));
  }
  const original = ORIGINAL_REPORTS.map((name) => builders.get(name));
  if (original.every((build) => build !== undefined)) {
    steps.push(
      timeStep(
        'reports',
        ORIGINAL_REPORTS_STEP,
        runs,
        warmups,
        () => {
          const c = contextOf();
          return original.map((build) => build(c));
        },
        specRows,
      ),
    );
  }
  // The campaigns' sheets (issue 14): a second run's worklists, results and log, from the summary as built.
  const campaigns = benchCampaigns(ctx);
  const previous = firstRunLog(ctx, campaigns);
  const work = timeStep(
    'reports',
    CAMPAIGN_STEP,
    runs,
    warmups,
    () => campaignWork(ctx, campaigns, previous),
    (r) => (r as CampaignWork).customers,
  );
  steps.push({ ...work, note: `${work.output.toLocaleString('en')} customers listed in ${campaigns.length} campaigns` });
  if (builders.size > 0) {
    steps.push(
      timeStep(
        'reports',
        `all ${builders.size} reports, read included`,
        runs,
        warmups,
        () => {
          const c = contextOf();
          return [...builders.values()].map((build) => build(c));
        },
        specRows,
      ),
    );
  } else {
    // The report builders (src/reports) are not there yet: time the core steps they stand on.
    steps.push(
      timeStep(
        'reports',
        'core steps of the reports, read included (report builders not yet available)',
        runs,
        warmups,
        () => {
          const c = contextOf();
          const s = c.summary;
          const segments = lifecycleSegments(s, DEFAULT_BANDS);
          return [
            s,
            lifecycleMatrix(s, segments),
            abcXyz(s, DEFAULT_ABC_XYZ),
            lostCustomers(s, DEFAULT_LOST),
            periodChurn(s, DEFAULT_CHURN),
            seedLtv(s),
          ];
        },
        (r) => size((r as unknown[])[0]),
      ),
    );
  }
  return steps;
}

/** Grid rows of the report sheets a builder made (one SheetSpec or several). */
function specRows(spec: unknown): number {
  if (Array.isArray(spec)) return spec.reduce((n: number, s) => n + specRows(s), 0);
  const cells = (spec as { cells?: unknown } | null)?.cells;
  return Array.isArray(cells) ? cells.length : 0;
}

/**
 * A full rebuild of all reports on the local runtime (local/runtime.ts: the bundle
 * in a vm with stand-ins for the Apps Script services), with the service calls it
 * made. The first rebuild creates the report sheets and is the warm-up; the timed
 * ones replace them, as a user's rebuild does.
 */
async function rebuildSteps(rows: number, runs: number, seed: number): Promise<StepResult[]> {
  const name = 'full rebuild on the local runtime (rebuildAllReports)';
  const file = path.join(root, 'local', 'runtime.ts');
  if (!existsSync(file))
    return [{ group: 'rebuild', name, ms: null, runs: [], output: 0, note: 'not yet available (no local/runtime.ts)' }];
  const { createRuntime } = (await import(pathToFileURL(file).href)) as typeof import('../local/runtime');
  let o: GeneratedOrders | null = generateOrders(rows, { seed });
  const runtime = await createRuntime({
    workbook: { Заказы: [o.header, ...o.rows] },
    locale: o.locale,
    timeZone: o.timeZone,
    now: new Date(o.asOf.getTime() + 12 * 3_600_000), // noon of the as-of day: today in the spreadsheet
    bundle: process.env.BENCH_BUNDLE,
  });
  o = null; // the workbook holds its own copy
  // rebuildAllReports shows a failure in a dialog and returns its text: a rebuild that alerts did not rebuild.
  const failure = (): string | null => (runtime.ui.alerts.length > 0 ? runtime.ui.alerts[runtime.ui.alerts.length - 1].prompt : null);
  const warmUp = runtime.call<string>('rebuildAllReports'); // the warm-up, which also creates the report sheets
  if (failure())
    return [{ group: 'rebuild', name, ms: null, runs: [], output: 0, note: `failed: ${String(failure() ?? warmUp).slice(0, 160)}` }];
  gc();
  let calls = -1;
  let sheets = 0;
  let said = '';
  const step = timeStep(
    'rebuild',
    name,
    runs,
    0,
    () => {
      runtime.calls.reset();
      const message = runtime.call<string>('rebuildAllReports');
      if (failure()) throw new Error(`rebuild failed after a successful one: ${failure()}`);
      const total = runtime.calls.total;
      // Every rebuild of the same data must make the same calls; a difference is a finding, not noise.
      if (calls >= 0 && total !== calls) throw new Error(`rebuild made ${total} service calls, an earlier one ${calls}`);
      calls = total;
      sheets = runtime.sheetNames().length - 1;
      said = message;
      return message;
    },
    () => sheets,
  );
  return [
    {
      ...step,
      serviceCalls: calls,
      byMethod: runtime.calls.snapshot().byMethod,
      note: `${calls} service calls, ${sheets} report sheets; "${said}"`,
    },
  ];
}

/**
 * Which process measures what: the rebuild holds a whole workbook model, so its memory is kept apart;
 * 'functions' is the floor and the custom functions alone (a before/after of one change without the reports).
 */
export type Part = 'main' | 'rebuild' | 'functions';

export async function measureSize(rows: number, runs: number, part: Part = 'main', seed = 1): Promise<SizeResult> {
  const warmups = rows <= 100_000 ? 3 : 1;
  if (part === 'rebuild') {
    const steps = await rebuildSteps(rows, runs, seed);
    return { rows, customers: 0, runs, floorMs: NaN, steps, peakHeap, peakRss: process.resourceUsage().maxRSS * 1024, inputHeap: 0 };
  }
  const steps = functionSteps(rows, runs, warmups, seed);
  let o: GeneratedOrders | null = generateOrders(rows, { seed });
  const functionsOnly = part === 'functions';
  gc();
  const inputHeap = process.memoryUsage().heapUsed;
  const table = o.rows;
  const floor = timeStep(
    'floor',
    'floor: read every date and amount, sum them',
    runs,
    Math.max(warmups, 3),
    () => floorPass(table),
    () => rows,
  );
  steps.unshift(floor);
  if (!functionsOnly) steps.push(...(await coreSteps(o, runs, warmups)));
  const customers = o.customers;
  o = null;
  return { rows, customers, runs, floorMs: floor.ms as number, steps, peakHeap, peakRss: process.resourceUsage().maxRSS * 1024, inputHeap };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run by bench/run.ts, one process per size: --rows N --runs N [--seed N] [--rebuild | --functions]
  const { values } = parseArgs({
    strict: true,
    options: {
      rows: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      rebuild: { type: 'boolean', default: false },
      functions: { type: 'boolean', default: false },
    },
  });
  const part: Part = values.rebuild ? 'rebuild' : values.functions ? 'functions' : 'main';
  const result = await measureSize(Number(values.rows), Number(values.runs), part, Number(values.seed));
  process.stdout.write(JSON.stringify(result) + '\n');
}
