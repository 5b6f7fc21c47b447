// End to end, the warehouse edition equals the in-sheet add-on: the same order rows
// as a CSV behind the BigQuery stand-in (the built dist-warehouse/Code.js in the local
// runtime, DuckDB running the queries) and as an orders tab (the standard
// dist/Code.js) give the same Lifecycle matrix and Lost customers sheets, cell for cell
// and as displayed. Then the big-list switch at the cap: a lost list of n customers is
// written whole with a cap of n or n + 1, opens as a Connected Sheets sheet over its
// query with a cap of n - 1, and where Connected Sheets is unavailable the first n - 1
// rows are written with a note of how many more there are.
// `npm test` builds both editions first.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Runtime, createRuntime, projectRoot, tempDir } from './support/runtime';
import { mulberry32 } from './support/simulateCustomers';
import { main } from '../local/start';
import { SEGMENT_KEYS } from '../src/core/lifecycle';

const WAREHOUSE_BUNDLE = path.join(projectRoot, 'dist-warehouse', 'Code.js');
const TIME_ZONE = 'Europe/Kyiv';
const NOW = '2024-07-01T09:00:00Z';
const HEADER = ['order_date', 'customer', 'amount', 'order_id', 'manager'];
const MANAGERS = ['Kate Morgan', 'Олег Руденко', 'Марина Котова', ''];

/**
 * Hand-made orders (a seeded generator, figures not fixed in advance): 80 customers
 * with 1 to 7 orders over 2022-07 .. 2024-06 at any hour (so days fall on both sides of
 * midnight in Kyiv and across its DST changes), two lines to some orders, a return line
 * to one order in 12, a manager per customer (some none).
 */
function orders(): unknown[][] {
  const rand = mulberry32(16_2);
  const start = Date.UTC(2022, 6, 1);
  const span = Date.UTC(2024, 5, 30) - start;
  const rows: unknown[][] = [];
  let order = 1000;
  for (let c = 0; c < 80; c++) {
    const name = c % 9 === 0 ? `Клиент ${c}` : `Customer ${c}`;
    const manager = MANAGERS[c % MANAGERS.length];
    const count = 1 + Math.floor(rand() * rand() * 7);
    for (let k = 0; k < count; k++) {
      const at = new Date(start + Math.floor(rand() * span));
      const id = order++;
      const cents = 500 + Math.floor(rand() * 40_000);
      rows.push([at, name, cents / 100, id, manager]);
      if (rand() < 0.3) rows.push([at, name, Math.floor(rand() * 5000) / 100, id, manager]);
      if (rand() < 1 / 12) rows.push([new Date(at.getTime() + 86_400_000 * 3), name, -Math.floor(cents / 3) / 100, id, manager]);
    }
  }
  return rows;
}

const ROWS = orders();
let csv: string;
let inSheet: Runtime;
const built = new Map<string, { values: unknown[][]; display: string[][] }>();

function csvText(rows: unknown[][]): string {
  const cell = (v: unknown): string =>
    v instanceof Date ? v.toISOString() : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);
  return [HEADER.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

const SOURCE = { projectId: 'shop-analytics', table: 'shop.orders', query: '', location: 'EU', columns: {} };

function sheetOf(rt: Runtime, name: string): { values: unknown[][]; display: string[][] } {
  return { values: rt.readSheet(name), display: rt.readDisplay(name) };
}

async function warehouseRun(
  listCap: number,
  connectedSheets = true,
  segments: string[] = [],
): Promise<{ rt: Runtime; result: { sheetNames: string[]; dataSourceSheets: string[] } }> {
  const rt = await createRuntime({
    bundle: WAREHOUSE_BUNDLE,
    timeZone: TIME_ZONE,
    now: NOW,
    warehouse: { file: csv, threads: 1, connectedSheets },
  });
  const result = rt.callJson('warehouseBuild', { ...SOURCE, listCap }, segments) as { sheetNames: string[]; dataSourceSheets: string[] };
  return { rt, result };
}

beforeAll(async () => {
  csv = path.join(tempDir('wh-e2e-'), 'orders.csv');
  writeFileSync(csv, csvText(ROWS));
  inSheet = await createRuntime({ workbook: { 'shop.orders': [HEADER, ...ROWS] }, timeZone: TIME_ZONE, now: NOW });
  for (const kind of ['matrix', 'lost']) {
    const r = inSheet.callJson('sidebarBuild', { kind }) as { sheetName: string };
    built.set(kind, sheetOf(inSheet, r.sheetName));
  }
  for (const segment of SEGMENT_KEYS) {
    const r = inSheet.callJson('sidebarBuild', { kind: 'segmentList', segment }) as { sheetName: string };
    built.set(segment, sheetOf(inSheet, r.sheetName));
  }
});

afterAll(async () => {
  await inSheet?.close();
});

/** The lost list in the in-sheet sheet: the row of its title (1-based index into values) and its customers. */
function lostList(values: unknown[][]): { title: number; customers: number } {
  const title = values.findIndex((r) => typeof r[0] === 'string' && /^Lost as of the as-of date \(\d+\)/.test(r[0]));
  expect(title).toBeGreaterThan(0);
  return { title, customers: Number(/\((\d+)\)/.exec(String(values[title][0]))![1]) };
}

describe('the warehouse build equals the in-sheet build, cell for cell', () => {
  it('Lifecycle matrix, Lost customers and the nine segment lists, values and display, with the lists under the cap', async () => {
    const { rt, result } = await warehouseRun(50_000, true, [...SEGMENT_KEYS]);
    try {
      expect(result.sheetNames).toEqual(inSheet.sheetNames().slice(1));
      SEGMENT_KEYS.forEach((segment, k) => {
        const list = sheetOf(rt, result.sheetNames[2 + k]);
        expect(list.values, segment).toEqual(built.get(segment)!.values);
        expect(list.display, segment).toEqual(built.get(segment)!.display);
      });
      // Not empty comparisons: most segments have customers.
      expect(SEGMENT_KEYS.filter((k) => built.get(k)!.values.length > 5).length).toBeGreaterThan(4);
      const matrix = sheetOf(rt, result.sheetNames[0]);
      const lost = sheetOf(rt, result.sheetNames[1]);
      expect(matrix.values).toEqual(built.get('matrix')!.values);
      expect(matrix.display).toEqual(built.get('matrix')!.display);
      expect(lost.values).toEqual(built.get('lost')!.values);
      expect(lost.display).toEqual(built.get('lost')!.display);
      // Not an empty comparison: customers in the matrix, lost customers in the list.
      const { customers } = lostList(lost.values);
      expect(customers).toBeGreaterThan(3);
      expect(result.dataSourceSheets).toEqual([]);
      // The orders stayed in the warehouse: every job returned report-sized rows, never the 100+ order rows.
      const jobs = rt.bigQuery!._jobs;
      expect([...jobs.values()].every((j) => j.rows.length <= customers + 10)).toBe(true);
    } finally {
      await rt.close();
    }
  });
});

describe('a list longer than the cap opens in Connected Sheets', () => {
  let n = 0;
  beforeAll(() => {
    n = lostList(built.get('lost')!.values).customers;
  });

  it.each([
    ['n + 1', 1],
    ['n', 0],
  ])('with a cap of %s the whole list is written', async (_label, extra) => {
    const { rt, result } = await warehouseRun(n + extra);
    try {
      expect(result.dataSourceSheets).toEqual([]);
      expect(rt.connectedSheets!.sheets).toEqual([]);
      expect(rt.readSheet(result.sheetNames[1])).toEqual(built.get('lost')!.values);
    } finally {
      await rt.close();
    }
  });

  it('with a cap of n - 1 the list opens as a data source sheet over its query, sorted by priority', async () => {
    const { rt, result } = await warehouseRun(n - 1);
    try {
      const name = 'Lost customers (all)';
      expect(result.dataSourceSheets).toEqual([name]);
      const [sheet] = rt.connectedSheets!.sheets;
      expect(sheet.name).toBe(name);
      expect(rt.sheetNames()).toContain(name);
      expect(sheet.projectId).toBe('shop-analytics');
      expect(sheet.rawQuery).toMatch(/WHERE f\.lost\s+ORDER BY f\.priority, f\.yearly_cents DESC, f\.cid$/);
      // The Lost customers sheet keeps its figures and says where the list is; no list rows.
      const values = rt.readSheet(result.sheetNames[1]);
      const before = built.get('lost')!.values;
      const { title } = lostList(before);
      expect(values.slice(0, title + 1)).toEqual(before.slice(0, title + 1));
      expect(values[title + 1][0]).toBe(
        `This list has ${n} customers, more than the limit of ${n - 1}: it opened as the Connected Sheets sheet "${name}", most worth returning first.`,
      );
      expect(values.length).toBe(title + 3); // the note, then the table's header without rows
    } finally {
      await rt.close();
    }
  });

  it('without Connected Sheets the first n - 1 rows are written, with how many more and how to get them', async () => {
    const { rt, result } = await warehouseRun(n - 1, false);
    try {
      expect(result.dataSourceSheets).toEqual([]);
      expect(rt.connectedSheets!.sheets).toEqual([]);
      const values = rt.readSheet(result.sheetNames[1]);
      const before = built.get('lost')!.values;
      const { title } = lostList(before);
      expect(values.slice(0, title + 1)).toEqual(before.slice(0, title + 1));
      expect(String(values[title + 1][0])).toMatch(
        new RegExp(`^This list has ${n} customers; the sheet shows the first ${n - 1}, .* so the other 1 are not here`),
      );
      expect(String(values[title + 2][0])).toMatch(/^Query: WITH\s/);
      // The header and the first n - 1 customers, as the in-sheet list has them.
      expect(values.slice(title + 3)).toEqual(before.slice(title + 1, title + 1 + n));
      // Only n - 1 rows came back from the list's job.
      const sizes = [...rt.bigQuery!._jobs.values()].map((j) => j.rows.length);
      expect(sizes).toContain(n - 1);
      expect(sizes).not.toContain(n);
    } finally {
      await rt.close();
    }
  });
});

describe('npm start -- --warehouse FILE', () => {
  it('runs the warehouse edition over the file: a dry run, then every warehouse report, written to --out', async () => {
    const out = path.join(tempDir('wh-start-'), 'report.xlsx');
    const lines: string[] = [];
    const io = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`error: ${l}`) };
    const r = await main(['--warehouse', csv, '--no-serve', '--out', out, '--tz', TIME_ZONE, '--now', NOW], io);
    expect(r.exitCode).toBe(0);
    expect(r.out).toBe(out);
    expect(lines.find((l) => l.startsWith('warehouseDryRun: '))).toMatch(/The reports will scan [\d.]+ KB in BigQuery \(5 queries\)/);
    expect(lines).toContain('  reports: Lifecycle matrix, Lost customers');
    expect(r.runtime!.readSheet('Lost customers')).toEqual(built.get('lost')!.values);
  });
});
