// End to end, the warehouse edition equals the in-sheet add-on: the same order rows
// as a CSV behind the BigQuery stand-in (the built dist-warehouse/Code.js in the local
// runtime, DuckDB running the queries) and as an orders tab (the standard
// dist/Code.js) give the same Lifecycle matrix, Lost customers, Managers, Repeat funnel,
// Key customers and segment list sheets, cell for cell, as displayed and as formulas; a plan typed into
// the Managers sheet survives a warehouse rebuild exactly as it survives an in-sheet one, and
// moves to the kept inputs when its month is no longer shown.
// Then the big-list switch at the cap: a lost list of n customers is
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
const built = new Map<string, Built>();
/** The reports every warehouse build writes, in order, before the segment lists. */
const REPORTS = ['matrix', 'lost', 'managers', 'funnel', 'keyCustomers'];

interface Built {
  values: unknown[][];
  display: string[][];
  formulas: string[][];
}

function csvText(rows: unknown[][]): string {
  const cell = (v: unknown): string =>
    v instanceof Date ? v.toISOString() : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);
  return [HEADER.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n');
}

const SOURCE = { projectId: 'shop-analytics', table: 'shop.orders', query: '', location: 'EU', columns: {} };

function sheetOf(rt: Runtime, name: string): Built {
  return { values: rt.readSheet(name), display: rt.readDisplay(name), formulas: rt.readFormulas(name) };
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
  for (const kind of REPORTS) {
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
  it('Lifecycle matrix, Lost customers, Managers, Repeat funnel, Key customers and the nine segment lists: values, display, formulas', async () => {
    const { rt, result } = await warehouseRun(50_000, true, [...SEGMENT_KEYS]);
    try {
      expect(result.sheetNames).toEqual(inSheet.sheetNames().slice(1));
      expect(result.sheetNames.slice(0, REPORTS.length)).toEqual([
        'Lifecycle matrix',
        'Lost customers',
        'Managers',
        'Repeat funnel',
        'Key customers',
      ]);
      [...REPORTS, ...SEGMENT_KEYS].forEach((key, k) => {
        const sheet = sheetOf(rt, result.sheetNames[k]);
        expect(sheet.values, key).toEqual(built.get(key)!.values);
        expect(sheet.display, key).toEqual(built.get(key)!.display);
        expect(sheet.formulas, key).toEqual(built.get(key)!.formulas);
      });
      // Not empty comparisons: most segments have customers.
      expect(SEGMENT_KEYS.filter((k) => built.get(k)!.values.length > 5).length).toBeGreaterThan(4);
      // Not an empty comparison: lost customers in the list, every manager on the Managers sheet, cohorts in the funnel.
      const { customers } = lostList(built.get('lost')!.values);
      expect(customers).toBeGreaterThan(3);
      expect(planRows(built.get('managers')!.values).map((r) => r.manager)).toEqual(expect.arrayContaining(MANAGERS.slice(0, 3)));
      expect(built.get('funnel')!.values.filter((r) => r[0] instanceof Date).length).toBeGreaterThan(12);
      // Key customers: a full top of 20 with P(alive) from the fitted model, and customers who left the top.
      const key = built.get('keyCustomers')!.values;
      const alive = key.filter((r) => typeof r[10] === 'number' && r[10] > 0 && r[10] <= 1 && typeof r[2] === 'string');
      const statuses = key.map((r) => r[12]);
      expect(alive.length).toBeGreaterThan(20);
      expect(statuses.filter((s) => s === 'kept' || s === 'entered').length).toBe(20);
      expect(statuses.filter((s) => s === 'left').length).toBeGreaterThan(0);
      expect(result.dataSourceSheets).toEqual([]);
      // The orders stayed in the warehouse: every job returned report-sized rows, never order rows. A list has at most
      // one row per customer; the Managers' jobs one per period slot (28) or week (at most 58) and manager (4).
      const jobs = [...rt.bigQuery!._jobs.values()];
      const shaped = (j: { fields: { name: string }[] }): string => j.fields.map((f) => f.name).join(',');
      for (const j of jobs) {
        const names = shaped(j);
        const bound = names.startsWith('slot,manager') ? 28 * 4 : names.startsWith('week,manager') ? 58 * 4 : 80;
        expect(j.rows.length, names).toBeLessThanOrEqual(bound);
      }
      // Five for the matrix and Lost customers, two each for the Managers and the funnel, three for Key customers, one a list.
      expect(jobs.length).toBe(12 + SEGMENT_KEYS.length);
    } finally {
      await rt.close();
    }
  });
});

/** The plan rows of a Managers sheet (1-based rows), one per manager, without the total. */
function planRows(values: unknown[][]): { row: number; manager: string }[] {
  const out: { row: number; manager: string }[] = [];
  values.forEach((r, i) => {
    if (r[1] === 'Plan' && r[0] !== 'Total') out.push({ row: i + 1, manager: String(r[0]) });
  });
  return out;
}

describe('the Managers plan typed into the sheet survives a warehouse rebuild exactly as an in-sheet one', () => {
  /** Types three plans into the Managers sheet as the user would (a number, a constant formula, a decimal); returns the plan rows. */
  function typePlans(rt: Runtime, name: string): { row: number; manager: string }[] {
    const plans = planRows(rt.readSheet(name));
    const sheet = rt.spreadsheet.getSheetByName(name)!;
    sheet.getRange(plans[0].row, 3).setValue('123456');
    sheet.getRange(plans[1].row, 14).setValue('=1000*2');
    sheet.getRange(plans[2].row, 15).setValue('777.5');
    return plans;
  }

  it('the same typed plans in both sheets after the rebuild, the same fact / plan, the same stored layout', async () => {
    const own = await createRuntime({ workbook: { 'shop.orders': [HEADER, ...ROWS] }, timeZone: TIME_ZONE, now: NOW });
    const { rt } = await warehouseRun(50_000);
    try {
      own.callJson('sidebarBuild', { kind: 'managers' });
      const plans = typePlans(own, 'Managers');
      expect(typePlans(rt, 'Managers')).toEqual(plans);
      own.callJson('sidebarBuild', { kind: 'managers' });
      rt.callJson('warehouseBuild', { ...SOURCE, listCap: 50_000 }, []);
      const inSheetAfter = sheetOf(own, 'Managers');
      const warehouseAfter = sheetOf(rt, 'Managers');
      expect(warehouseAfter.values).toEqual(inSheetAfter.values);
      expect(warehouseAfter.display).toEqual(inSheetAfter.display);
      expect(warehouseAfter.formulas).toEqual(inSheetAfter.formulas);
      // Kept, not rebuilt from the data: the typed number, the constant formula as a formula, the decimal.
      expect(warehouseAfter.values[plans[0].row - 1][2]).toBe(123456);
      expect(warehouseAfter.formulas[plans[1].row - 1][13]).toBe('=1000*2');
      expect(warehouseAfter.values[plans[1].row - 1][13]).toBe(2000);
      expect(warehouseAfter.values[plans[2].row - 1][14]).toBe(777.5);
      // Not what the builder would put there: a fresh warehouse build has other plans in those cells.
      const fresh = built.get('managers')!.values;
      expect(fresh[plans[0].row - 1][2]).not.toBe(123456);
      expect(fresh[plans[1].row - 1][13]).not.toBe(2000);
      const layout = (r: Runtime): unknown =>
        r.book.sheets.find((x) => x.name === 'Managers')!.metadata.find((m) => m.key === 'repeatSales.inputs')?.value;
      expect(layout(rt)).toBeDefined();
      expect(layout(rt)).toEqual(layout(own));

      // As of a month earlier June 2024 is no longer shown: its typed plan moves to the kept inputs, in both alike.
      for (const r of [own, rt]) {
        const { settings } = r.callJson('sidebarLoad') as { settings: Record<string, unknown> };
        expect(r.callJson('sidebarSaveSettings', { ...settings, asOf: '2024-06-01' })).toMatchObject({ errors: {} });
      }
      own.callJson('sidebarBuild', { kind: 'managers' });
      rt.callJson('warehouseBuild', { ...SOURCE, listCap: 50_000 }, []);
      const inSheetLater = sheetOf(own, 'Managers');
      const warehouseLater = sheetOf(rt, 'Managers');
      expect(warehouseLater.values).toEqual(inSheetLater.values);
      expect(warehouseLater.formulas).toEqual(inSheetLater.formulas);
      const kept = warehouseLater.values.findIndex((r) => r[0] === 'Kept inputs');
      expect(kept).toBeGreaterThan(0);
      expect(warehouseLater.values.slice(kept + 3).find((r) => r[1] === 777.5)?.[0]).toBe(`Plan: ${plans[2].manager}, Jun 2024`);
      // The other plans are for months still shown: in their managers' cells, one column to the right.
      const later = planRows(warehouseLater.values);
      const rowOf = (manager: string): number => later.find((p) => p.manager === manager)!.row;
      expect(warehouseLater.values[rowOf(plans[0].manager) - 1][3]).toBe(123456);
      expect(warehouseLater.formulas[rowOf(plans[1].manager) - 1][14]).toBe('=1000*2');
    } finally {
      await own.close();
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
    expect(lines.find((l) => l.startsWith('warehouseDryRun: '))).toMatch(/The reports will scan [\d.]+ KB in BigQuery \(12 queries\)/);
    // The new report queries' bytes are in the dry run, each named.
    for (const name of ['managerMonths', 'managerWeeks', 'funnelCohorts', 'funnelConversions', 'keyCustomers', 'keyPareto', 'keyHistories'])
      expect(
        lines.find((l) => l.startsWith(`  ${name}: `)),
        name,
      ).toMatch(/^ {2}\w+: [\d,]+ bytes$/);
    expect(lines).toContain('  reports: Lifecycle matrix, Lost customers, Managers, Repeat funnel, Key customers');
    for (const [key, name] of [
      ['lost', 'Lost customers'],
      ['managers', 'Managers'],
      ['funnel', 'Repeat funnel'],
      ['keyCustomers', 'Key customers'],
    ])
      expect(r.runtime!.readSheet(name), name).toEqual(built.get(key)!.values);
  });
});
