// The benchmark's smoke variant (10,000 rows, one run), so that `npm run bench` never
// rots: it must still run end to end and produce every row of its table with a figure.
// The full benchmark (up to 2 million rows) is `npm run bench` and never runs here.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_REPORTS_STEP, type SizeResult } from '../bench/measure';
import { markdown, parseArgs, predictiveTargets, table, targets } from '../bench/run';
import { generateOrders } from '../bench/generateOrders';
import { type WarehouseScaleResult } from '../bench/warehouse';
import { WAREHOUSE_END, WAREHOUSE_START, replaceWarehouseSection, warehouseMarkdown, warehouseTarget } from '../bench/warehouseReport';

const root = path.resolve(__dirname, '..');

describe('the benchmark generator', () => {
  it('makes exactly the rows asked for, the same for the same seed, dated before the as-of date', () => {
    const a = generateOrders(5_000, { seed: 7 });
    const b = generateOrders(5_000, { seed: 7 });
    expect(a.rows).toHaveLength(5_000);
    expect(a.rows).toEqual(b.rows);
    expect(a.rows.every((r) => r[0] instanceof Date && r[0].getTime() < a.asOf.getTime())).toBe(true);
  });

  it('has heavy-tailed customers, returns, repeated order lines, and Cyrillic and Latin names', () => {
    const { rows, customers } = generateOrders(20_000, { seed: 3 });
    const perCustomer = new Map<string, number>();
    for (const r of rows)
      perCustomer.set(
        String(r[2]).trim().toLowerCase().replace(/\s+/g, ' '),
        (perCustomer.get(String(r[2]).trim().toLowerCase().replace(/\s+/g, ' ')) ?? 0) + 1,
      );
    const counts = [...perCustomer.values()].sort((x, y) => x - y);
    expect(perCustomer.size).toBe(customers);
    expect(counts[counts.length - 1]).toBeGreaterThan(20 * counts[counts.length >> 1]); // the busiest customer dwarfs the median one
    expect(rows.some((r) => (r[3] as number) < 0)).toBe(true);
    const lines = new Map<unknown, number>();
    for (const r of rows) lines.set(r[1], (lines.get(r[1]) ?? 0) + 1);
    expect([...lines.values()].some((n) => n > 1)).toBe(true);
    expect(rows.some((r) => /[а-яіїє]/i.test(String(r[2])))).toBe(true);
    expect(rows.some((r) => /^[a-z]/i.test(String(r[2]).trim()))).toBe(true);
  });

  it('has a text form with text dates and text numbers, as a careless export holds them', () => {
    const { rows, locale } = generateOrders(1_000, { seed: 1, form: 'text' });
    expect(locale).toBe('ru_RU');
    expect(rows.every((r) => typeof r[0] === 'string' && typeof r[3] === 'string')).toBe(true);
    expect(rows.some((r) => /^\d{2}\.\d{2}\.\d{4}$/.test(r[0] as string))).toBe(true);
    expect(rows.some((r) => /\d,\d{2}/.test(r[3] as string))).toBe(true);
  });
});

describe('npm run bench, smoke variant (10,000 rows, one run)', () => {
  it('runs end to end and gives every row of the table a finite figure', () => {
    const run = spawnSync(
      process.execPath,
      // The warehouse section too, on 20,000 generated rows in DuckDB.
      [
        '--import',
        'tsx',
        path.join(root, 'bench', 'run.ts'),
        '--sizes',
        '10000',
        '--runs',
        '1',
        '--no-write',
        '--json',
        '--warehouse-rows',
        '20000',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as SizeResult[];
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r.rows).toBe(10_000);
    expect(r.customers).toBeGreaterThan(500);
    expect(Number.isFinite(r.floorMs) && r.floorMs > 0).toBe(true);
    for (const name of [
      'LIFECYCLE_SEGMENT',
      'ABCXYZ',
      'LTV',
      'NPS',
      'CHURN_RATE',
      'per-customer summary alone',
      'summary + lifecycle + ABC + XYZ',
      // Issue 12: the predictive functions in both forms, without the cache and with a warm one.
      ...['P_ALIVE', 'EXPECTED_PURCHASES', 'CLV', 'CLV_MODEL', 'SUGGEST_BANDS'].flatMap((f) => [f, `${f} (whole table)`]),
      ...['P_ALIVE', 'EXPECTED_PURCHASES', 'CLV', 'CLV_MODEL'].flatMap((f) => [`${f}, warm cache`, `${f} (whole table), warm cache`]),
    ]) {
      expect(r.steps.map((s) => s.name)).toContain(name);
    }
    expect(r.steps.some((s) => s.group === 'reports')).toBe(true);
    expect(r.steps.some((s) => s.group === 'rebuild')).toBe(true);
    for (const step of r.steps) {
      // A step without a figure must say why; every figure is a finite time of a step that made output.
      if (step.ms === null) expect(step.note, step.name).toBeTruthy();
      else {
        expect(Number.isFinite(step.ms) && step.ms >= 0, step.name).toBe(true);
        expect(step.output, step.name).toBeGreaterThan(0);
      }
    }
    expect(r.peakHeap).toBeGreaterThan(0);
    expect(r.peakRss).toBeGreaterThan(0);
    // The printed table has every step, the memory rows and a column per size, with no empty cell.
    const rows = table(results);
    expect(rows).toHaveLength(1 + r.steps.length + 5);
    for (const row of rows.slice(1)) {
      expect(row).toHaveLength(2);
      expect(row[1], row[0]).not.toBe('');
      expect(row[1], row[0]).not.toMatch(/NaN|undefined|Infinity/);
    }
    expect(markdown(results, parseArgs([]), { before: [0, 0, 0], after: [0, 0, 0] }, '')).toContain('| LIFECYCLE_SEGMENT |');
    expect(targets(results).length).toBeGreaterThan(0);
    expect(run.stdout).toContain('warehouse (issue 16): all reports on 10M rows in under 20 s: not measured (no 10M run)');
    expect(run.stderr).toMatch(/\| Managers per month \| \d+\.\d\d \|/);
    // Every statement's bill was estimated from its plan (bench/billedBytes.ts), the orders read at least once.
    expect(run.stderr).toMatch(/BigQuery would bill the staged plan \d+\.\d\d GiB: \d+\.\d\d GiB of the orders' columns/);
  }, 180_000);
});

describe('bench flags', () => {
  it('reads sizes and runs, and refuses what is not a size', () => {
    expect(parseArgs(['--sizes', '10000,100_000', '--runs', '1', '--no-write'])).toMatchObject({
      sizes: [10_000, 100_000],
      runs: 1,
      out: null,
    });
    expect(parseArgs([]).sizes).toEqual([10_000, 100_000, 200_000, 1_000_000, 2_000_000]);
    expect(() => parseArgs(['--sizes', 'ten'])).toThrow(/--sizes/);
  });

  it('runs the warehouse at 10M and 50M rows unless told other sizes or none', () => {
    expect(parseArgs([]).warehouseRows).toEqual([10_000_000, 50_000_000]);
    expect(parseArgs(['--warehouse-rows', 'none']).warehouseRows).toEqual([]);
    expect(parseArgs(['--warehouse-rows', '1_000_000', '--warehouse-only']).warehouseOnly).toBe(true);
    expect(() => parseArgs(['--warehouse-rows', '10M'])).toThrow(
      /--warehouse-rows needs whole numbers of rows \(1000 or more\) or none, got 10M/,
    );
  });
});

describe("issue 16's warehouse section: each step per size, all of them, the 20 s target at 10M rows", () => {
  const result = (rows: number, allMs: number): WarehouseScaleResult => ({
    rows,
    customers: 200_000,
    steps: [
      { report: 'setup: raw_groups', ms: allMs - 3000, cpuMs: 2 * (allMs - 3000), bytes: 0, rows: 0, billed: 0.75 * 2 ** 30 },
      { report: 'matrix', ms: 1000, cpuMs: 1500, bytes: 252, rows: 3, billed: 0.25 * 2 ** 30 },
      { report: 'Key customers: the P(alive) fit (Node, not a query)', ms: 2000, cpuMs: 2000, bytes: 0, rows: 0, billed: 0 },
    ],
    allMs,
    allCpuMs: 2 * allMs,
    fitMs: 2000,
    fitCpuMs: 2000,
    peakRss: 3 * 2 ** 30,
    scannedBytes: 0.65 * 2 ** 30,
    billedOrdersBytes: 0.75 * 2 ** 30,
    billedTempBytes: 0.25 * 2 ** 30,
    reportQueries: 16,
    loadAfter: [1, 0.5, 0.2],
  });

  it('met under 20 s of wall time, missed at 20 s or more; a row per step, a column group per size', () => {
    const met = warehouseMarkdown([result(10_000_000, 19_000), result(50_000_000, 70_000)], 'test machine', '2026-12-01 22:00');
    expect(met).toContain('| matrix | 1.00 | 1.50 | 252 | 0.25 | 1.00 | 1.50 | 252 | 0.25 |');
    // A step that is not a query bills nothing: its cell is empty, not 0.00.
    expect(met).toContain('| Key customers: the P(alive) fit (Node, not a query) | 2.00 | 2.00 | 0 |  | 2.00 | 2.00 | 0 |  |');
    expect(met).toContain('| **all of them** | **19.00** | 38.00 |  |  | **70.00** | 140.00 |  |  |');
    expect(met).toContain('| **all but the P(alive) fit (DuckDB only)** | **17.00** | 36.00 |  |  | **68.00** | 138.00 |  |  |');
    expect(met).toContain('| **what BigQuery would bill for all of them** |  |  |  | **1.00** |  |  |  | **1.00** |');
    expect(met).toContain('19.00 s wall (17.00 s of it DuckDB, 2.00 s the P(alive) fit in Node), 38.00 s CPU: met.');
    // $6.25 per TiB: 1 GiB is $0.0061; 16 self-contained queries read the orders' 0.65 GiB once each.
    expect(met).toContain(
      "BigQuery at 10M rows, at $6.25/TiB on demand: the staged plan 1.00 GiB, $0.0061: the orders' columns 0.75 GiB " +
        '(all five once: 0.65 GiB) and the temporary tables 0.25 GiB. 16 self-contained queries read only the orders, once each: 10.40 GiB, $0.0635.',
    );
    expect(warehouseTarget([result(10_000_000, 20_000)]).met).toBe(false);
    expect(warehouseTarget([result(50_000_000, 1_000)]).met).toBeNull();
  });

  it('rewrites its own section only, or adds it before the notes', () => {
    const section = warehouseMarkdown([result(10_000_000, 19_000)], 'm', 'now');
    const doc = `head\n${WAREHOUSE_START}\nold figures\n${WAREHOUSE_END}\n<!-- notes -->\nkept`;
    expect(replaceWarehouseSection(doc, section, '<!-- notes -->')).toBe(`head\n${section}\n<!-- notes -->\nkept`);
    expect(replaceWarehouseSection('head\n<!-- notes -->\nkept', section, '<!-- notes -->')).toBe(
      `head\n${section}\n\n<!-- notes -->\nkept`,
    );
  });
});

describe("issue 12's targets at 200,000 rows", () => {
  const step = (name: string, ms: number): SizeResult['steps'][number] => ({ group: 'functions', name, ms, runs: [ms], output: 1 });
  const at200k = (steps: SizeResult['steps']): SizeResult => ({
    rows: 200_000,
    customers: 1,
    runs: 1,
    floorMs: 1,
    steps,
    peakHeap: 0,
    peakRss: 0,
    inputHeap: 0,
  });
  const descriptive = [
    step('LIFECYCLE_SEGMENT', 120),
    step('LTV', 130),
    step('LTV (whole table)', 160),
    step('CHURN_RATE summary (whole table)', 900),
  ];

  it('fitting every call: met when each predictive function of either form is under 2 s', () => {
    const [cold] = predictiveTargets(at200k([...descriptive, step('P_ALIVE', 1900), step('CLV (whole table)', 300)]));
    expect(cold.met).toBe(true);
    expect(cold.measured).toBe('P_ALIVE 1900, CLV (whole table) 300 ms');
    expect(predictiveTargets(at200k([step('SUGGEST_BANDS (whole table)', 2100)]))[0].met).toBe(false);
  });

  it('with a warm cache: each under the slowest descriptive function of its own form (a variant like "summary" does not count)', () => {
    const warm = (columns: number, table: number) =>
      predictiveTargets(
        at200k([...descriptive, step('P_ALIVE, warm cache', columns), step('P_ALIVE (whole table), warm cache', table)]),
      )[1];
    expect(warm(129, 159).met).toBe(true);
    expect(warm(131, 159).met).toBe(false); // columns: LTV 130 is the slowest
    expect(warm(129, 161).met).toBe(false); // table: LTV (whole table) 160, not CHURN_RATE summary's 900
    expect(warm(129, 159).measured).toContain('slowest descriptive: LTV 130, LTV (whole table) 160 ms');
  });

  it('is not measured without a 200,000-row size', () => {
    expect(predictiveTargets(undefined).map((t) => t.met)).toEqual([null, null]);
  });
});

describe("issue 5's report target at 1,000,000 rows", () => {
  const report = (name: string, ms: number): SizeResult['steps'][number] => ({ group: 'reports', name, ms, runs: [ms], output: 1 });
  const at1m = (steps: SizeResult['steps']): SizeResult[] => [
    { rows: 1_000_000, customers: 1, runs: 1, floorMs: 500, steps, peakHeap: 0, peakRss: 0, inputHeap: 0 },
  ];
  const lines = (steps: SizeResult['steps']) => targets(at1m(steps)).filter((t) => /reports?\b.*1,000,000/.test(t.target));

  it('names the six reports it was set for and judges their time alone; all ten are shown beside it, without a target', () => {
    const [six, all] = lines([report(ORIGINAL_REPORTS_STEP, 1900), report('all 10 reports, read included', 4100)]);
    expect(six.target).toContain('SegmentMatrix, SegmentList, LifecycleMigration, AbcXyzMigration, LostCustomers, WhatIf');
    expect(six.measured).toBe('1900 ms, 4x the floor (500 ms)');
    expect(six.met).toBe(true);
    expect(all.target).toMatch(/^all 10 reports, read included on 1,000,000 rows \(no target/);
    expect(all.measured).toBe('4100 ms, 8x the floor (500 ms)');
    expect([all.met, all.status]).toEqual([null, 'no target']);
  });

  it('is missed when the six take 2 s or more, whatever the ten take; not measured without their step', () => {
    expect(lines([report(ORIGINAL_REPORTS_STEP, 2000), report('all 10 reports, read included', 1)])[0].met).toBe(false);
    expect(lines([report('all 10 reports, read included', 4100)])[0]).toMatchObject({ measured: 'not measured', met: null });
  });
});
