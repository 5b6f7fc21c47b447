// Inputs on report sheets survive a rebuild (issue 13, item 1; docs/definitions.md: inputs on
// report sheets). Through the local runtime: the user types into the built sheet with the
// stand-in's Range.setValue (strings typed as in the Sheets UI), the report is rebuilt, and the
// values are read back. Then the rules of src/reports/inputs.ts on their own: what counts as typed,
// formulas, the kept-inputs block.
import { beforeAll, describe, expect, it } from 'vitest';
import { type FakeSheet } from '../local/spreadsheet';
import { applyInputs, type Carried, inputBox, keyText, parseLayout, refersToCells, typedInputs } from '../src/reports/inputs';
import type { SheetSpec } from '../src/reports/sheetSpec';
import { type Runtime, startRuntime } from './support/runtime';

const INPUTS_KEY = 'repeatSales.inputs';
const WHAT_IF = 'What-if';

const ORDERS: unknown[][] = [
  ['Date', 'Customer', 'Amount', 'Manager'],
  ['2026-01-05', 'Anna', 100, 'Olga'],
  ['2026-03-01', 'Anna', 200, 'Olga'],
  ['2026-06-01', 'Anna', 300, 'Olga'],
  ['2026-09-01', 'Anna', 150, 'Olga'],
  ['2026-02-10', 'Boris', 50, 'Ivan'],
  ['2026-08-01', 'Boris', 60, 'Ivan'],
  ['2026-10-20', 'Carl', 70, 'Ivan'],
];

/** The 1-based row of the first cell in column A that equals `label`. */
function rowOf(rt: Runtime, sheet: string, label: string): number {
  const i = rt.readSheet(sheet).findIndex((r) => r[0] === label);
  if (i < 0) throw new Error(`no row "${label}" in ${sheet}`);
  return i + 1;
}

const sheetOf = (rt: Runtime, name: string): FakeSheet => rt.spreadsheet.getSheetByName(name) as unknown as FakeSheet;

/** Types into a cell as the user would: the stand-in reads a string as the Sheets UI does. */
function type(rt: Runtime, sheet: string, row: number, col: number, text: unknown): void {
  sheetOf(rt, sheet).getRange(row, col).setValue(text);
}

const cell = (rt: Runtime, sheet: string, row: number, col: number): unknown => rt.readSheet(sheet)[row - 1][col - 1];

async function whatIfRuntime(orders: unknown[][] = ORDERS): Promise<Runtime> {
  const rt = await startRuntime({ Orders: orders }, { now: '2026-11-23T09:00Z' });
  rt.call('sidebarBuild', { kind: 'whatIf' });
  return rt;
}

describe('the what-if keeps what the user typed across rebuilds', () => {
  let rt: Runtime;
  let check: number;
  let margin: number;
  let sales: number;
  let customers: number;
  let target: number;

  beforeAll(async () => {
    rt = await whatIfRuntime();
    check = rowOf(rt, WHAT_IF, 'Average check (one purchase)');
    margin = rowOf(rt, WHAT_IF, 'Margin before selling costs, % of the sale');
    sales = rowOf(rt, WHAT_IF, 'Number of sales (N)');
    customers = rowOf(rt, WHAT_IF, 'Customers');
    target = rowOf(rt, WHAT_IF, 'Target share of Regular customers');
  });

  it('a typed number, a typed percent and a constant formula come back after a rebuild', () => {
    expect(cell(rt, WHAT_IF, check, 2)).not.toBe(70_000);
    type(rt, WHAT_IF, check, 2, '70000');
    type(rt, WHAT_IF, target, 2, '35%');
    type(rt, WHAT_IF, margin, 2, '=1/4');
    rt.call('sidebarBuild', { kind: 'whatIf' });
    expect(cell(rt, WHAT_IF, check, 2)).toBe(70_000);
    expect(cell(rt, WHAT_IF, target, 2)).toBe(0.35);
    expect(rt.readFormulas(WHAT_IF)[margin - 1][1]).toBe('=1/4');
    expect(cell(rt, WHAT_IF, margin, 2)).toBe(0.25);
    // The Source column says whose value it is.
    expect(cell(rt, WHAT_IF, check, 3)).toBe('your value (kept across rebuilds)');
    expect(cell(rt, WHAT_IF, customers, 3)).toBe('from the data');
    // The results are live over the kept inputs: a sale's margin is ROUND(70,000 x 25%, 2).
    expect(cell(rt, WHAT_IF, rowOf(rt, WHAT_IF, 'Margin before selling costs'), 2)).toBe(17_500);
  });

  it('untouched inputs follow the data: a new customer shows in Customers after the rebuild', async () => {
    const more = await whatIfRuntime(ORDERS);
    type(more, WHAT_IF, check, 2, '70000');
    expect(cell(more, WHAT_IF, customers, 2)).toBe(3);
    const orders = sheetOf(more, 'Orders');
    orders.getRange(ORDERS.length + 1, 1, 1, 4).setValues([['2026-11-01', 'Dana', 90, 'Olga']]);
    more.call('sidebarBuild', { kind: 'whatIf' });
    expect(cell(more, WHAT_IF, customers, 2)).toBe(4);
    expect(cell(more, WHAT_IF, check, 2)).toBe(70_000);
  });

  it('a formula that refers to cells is kept as the value it showed', async () => {
    const own = await whatIfRuntime();
    type(own, WHAT_IF, sales, 2, `=B${customers}*2`);
    expect(cell(own, WHAT_IF, sales, 2)).toBe(6);
    own.call('sidebarBuild', { kind: 'whatIf' });
    expect(own.readFormulas(WHAT_IF)[sales - 1][1]).toBe('');
    expect(cell(own, WHAT_IF, sales, 2)).toBe(6);
  });

  it('text typed into an input stays text, even when it looks like a formula once kept', async () => {
    const own = await whatIfRuntime();
    type(own, WHAT_IF, sales, 2, "'=not a formula");
    own.call('sidebarBuild', { kind: 'whatIf' });
    expect(cell(own, WHAT_IF, sales, 2)).toBe('=not a formula');
    expect(own.readFormulas(WHAT_IF)[sales - 1][1]).toBe('');
  });

  it('the layout is stored with the sheet as developer metadata, one entry', () => {
    const model = rt.book.sheets.find((s) => s.name === WHAT_IF)!;
    const entries = model.metadata.filter((m) => m.key === INPUTS_KEY);
    expect(entries).toHaveLength(1);
    const layout = parseLayout(entries[0].value);
    expect(layout?.blocks.map((b) => [b.id, b.row, b.col, b.rowKeys.length])).toEqual([['whatIf', customers, 2, 17]]);
  });

  it('a rebuild that fails keeps the old sheet with what the user typed, and the next one carries it', async () => {
    const own = await whatIfRuntime();
    type(own, WHAT_IF, check, 2, '65000');
    own.faults.failWhen((_, key) => key === 'Sheet.setFrozenRows' || key === 'Range.setValues', 'Service Spreadsheets timed out', 1);
    expect(() => own.call('sidebarBuild', { kind: 'whatIf' })).toThrow(/previous contents are kept/);
    expect(own.sheetNames()).toEqual(['Orders', WHAT_IF]);
    expect(cell(own, WHAT_IF, check, 2)).toBe(65_000);
    own.faults.clear();
    own.call('sidebarBuild', { kind: 'whatIf' });
    expect(cell(own, WHAT_IF, check, 2)).toBe(65_000);
  });

  it('a failed read of the old inputs rebuilds nothing: the old sheet and its values stay', async () => {
    const own = await whatIfRuntime();
    type(own, WHAT_IF, check, 2, '65000');
    own.faults.failWhen((_, key) => key === 'Range.getFormulas', 'Service Spreadsheets failed while accessing document', 1);
    expect(() => own.call('sidebarBuild', { kind: 'whatIf' })).toThrow(/previous contents are kept/);
    expect(own.sheetNames()).toEqual(['Orders', WHAT_IF]);
    expect(cell(own, WHAT_IF, check, 2)).toBe(65_000);
  });

  it('rows the user deleted under the inputs do not stop the rebuild; the inputs still there are kept', async () => {
    const own = await whatIfRuntime();
    type(own, WHAT_IF, check, 2, '65000');
    const sheet = sheetOf(own, WHAT_IF);
    sheet.deleteRows(sales - 1, sheet.getMaxRows() - sales + 2);
    own.call('sidebarBuild', { kind: 'whatIf' });
    expect(cell(own, WHAT_IF, check, 2)).toBe(65_000);
    expect(cell(own, WHAT_IF, sales, 2)).toBe(5);
  });

  it('costs the same service calls whatever the size of the orders', async () => {
    const callsOf = async (n: number): Promise<number> => {
      const rows: unknown[][] = [ORDERS[0]];
      for (let i = 0; i < n; i++)
        rows.push([`2026-0${1 + (i % 9)}-1${i % 10}`, `Customer ${i % 500}`, 10 + (i % 7), i % 2 ? 'Olga' : 'Ivan']);
      const own = await whatIfRuntime(rows);
      type(own, WHAT_IF, check, 2, '65000');
      own.calls.reset();
      own.call('sidebarBuild', { kind: 'whatIf' });
      return own.calls.total;
    };
    expect(await callsOf(2_000)).toBe(await callsOf(20));
  });
});

// ---------- the rules on their own ----------

/** A one-block spec: plan per manager (rows) and month (columns), starting values 100, 200 ... */
function planSpec(managers: string[], months: string[], start = 100): SheetSpec {
  const cells = [['Plan', ...months], ...managers.map((m, r) => [m, ...months.map((_, c) => start * (r + 1) + c)])];
  return {
    kind: 'managers',
    key: 'test',
    name: 'Test',
    cells,
    styles: [],
    charts: [],
    summary: '',
    inputs: {
      blocks: [{ id: 'plan', row: 2, col: 2, rowKeys: managers, colKeys: months, label: 'Plan', rowLabels: managers, colLabels: months }],
      kept: { title: 'Kept inputs', note: 'note', input: 'Input', value: 'Value' },
    },
  };
}

/** The sheet a spec makes, as getValues and getFormulas return it over the layout's box, with edits by A1-ish (row, col). */
function reread(
  spec: SheetSpec,
  edits: [number, number, unknown][] = [],
): { carried: Map<string, Carried>; layout: ReturnType<typeof applyInputs>['layout'] } {
  const { spec: built, layout } = applyInputs(spec, new Map());
  const box = inputBox(layout!)!;
  const values = Array.from({ length: box.rows }, (_, r) =>
    Array.from({ length: box.cols }, (_, c) => {
      const v = built.cells[box.row + r - 1]?.[box.col + c - 1];
      return v === null || v === undefined ? '' : v;
    }),
  );
  const formulas = values.map((row) => row.map(() => ''));
  for (const [row, col, v] of edits) {
    const isFormula = typeof v === 'string' && v.startsWith('=');
    values[row - box.row][col - box.col] = (isFormula ? 0 : v) as (typeof values)[number][number];
    formulas[row - box.row][col - box.col] = isFormula ? v : '';
  }
  return { carried: typedInputs(layout!, box, values, formulas), layout };
}

describe('what counts as typed: anything but the starting value', () => {
  it('untouched cells carry nothing; a changed, a cleared and a text cell are typed', () => {
    const { carried } = reread(planSpec(['Olga', 'Ivan'], ['2026-01', '2026-02']), [
      [2, 2, 150],
      [3, 3, ''],
      [2, 3, 'ask Olga'],
    ]);
    expect([...carried].map(([k, v]) => [k.split('\u0000'), v.value as unknown])).toEqual([
      [['plan', 'Olga', '2026-01'], 150],
      [['plan', 'Olga', '2026-02'], 'ask Olga'],
      [['plan', 'Ivan', '2026-02'], ''],
    ]);
  });

  it('a typed value goes to the cell of the same key, wherever the new build puts it', () => {
    const { carried } = reread(planSpec(['Olga', 'Ivan'], ['2026-01', '2026-02']), [[3, 2, 999]]);
    // Next month: a new first manager and a month more; Ivan's January is now row 4, column 2.
    const next = applyInputs(planSpec(['Anna', 'Olga', 'Ivan'], ['2026-01', '2026-02', '2026-03'], 10), carried);
    expect(next.spec.cells[3][1]).toBe(999);
    expect(next.spec.cells[1][1]).toBe(10); // Anna's January: the new starting value
    expect(next.layout!.kept).toBeNull();
  });

  it('a typed value whose key is gone goes to the kept block, labelled, and comes back with its key', () => {
    const { carried } = reread(planSpec(['Olga', 'Ivan'], ['2026-01', '2026-02']), [[3, 3, 777]]);
    const without = applyInputs(planSpec(['Olga'], ['2026-01', '2026-02']), carried);
    const { kept } = without.layout!;
    expect(kept?.entries).toEqual([{ key: ['plan', 'Ivan', '2026-02'], label: 'Plan: Ivan, 2026-02' }]);
    const keptRow = without.spec.cells[kept!.row + 2];
    expect(keptRow.slice(kept!.col - 1, kept!.col + 1)).toEqual(['Plan: Ivan, 2026-02', 777]);
    expect(without.spec.cells[kept!.row - 1][kept!.col - 1]).toBe('Kept inputs');
    // Rebuilt again with Ivan back: the kept value returns to his cell and the block is gone.
    const box = inputBox(without.layout!)!;
    const values = Array.from({ length: box.rows }, (_, r) =>
      Array.from({ length: box.cols }, (_, c) => without.spec.cells[box.row + r - 1]?.[box.col + c - 1] ?? ''),
    );
    const again = typedInputs(
      without.layout!,
      box,
      values,
      values.map((r) => r.map(() => '')),
    );
    const back = applyInputs(planSpec(['Olga', 'Ivan'], ['2026-01', '2026-02']), again);
    expect(back.spec.cells[2][2]).toBe(777);
    expect(back.layout!.kept).toBeNull();
  });

  it('a kept value the user clears is dropped at the next rebuild', () => {
    const { carried } = reread(planSpec(['Olga', 'Ivan'], ['2026-01']), [[3, 2, 5]]);
    const without = applyInputs(planSpec(['Olga'], ['2026-01']), carried);
    const kept = without.layout!.kept!;
    const box = inputBox(without.layout!)!;
    const values = Array.from({ length: box.rows }, (_, r) =>
      Array.from({ length: box.cols }, (_, c) => without.spec.cells[box.row + r - 1]?.[box.col + c - 1] ?? ''),
    );
    values[kept.row + 3 - box.row][kept.col + 1 - box.col] = '';
    const again = typedInputs(
      without.layout!,
      box,
      values,
      values.map((r) => r.map(() => '')),
    );
    expect(kept.entries).toHaveLength(1);
    expect(again.size).toBe(0);
  });

  it('a key twice in one build is a builder error', () => {
    expect(() => applyInputs(planSpec(['Olga', 'Olga'], ['2026-01']), new Map())).toThrow(/the key Olga \/ 2026-01 is there twice/);
  });

  it('a stored layout that is not one this version reads counts as none', () => {
    expect(parseLayout('{"v":99,"blocks":[]}')).toBeNull();
    expect(parseLayout('not json')).toBeNull();
    expect(parseLayout('{"v":1,"blocks":[{"id":"x"}],"kept":null}')).toBeNull();
    const { layout } = applyInputs(planSpec(['Olga'], ['2026-01']), new Map());
    expect(parseLayout(JSON.stringify(layout))).toEqual(layout);
  });

  it('a key is (block, row, column): the separator cannot be faked by a name', () => {
    expect(keyText(['plan', 'a|b', 'c'])).not.toBe(keyText(['plan', 'a', 'b|c']));
  });
});

describe('formulas typed into an input: kept as formulas only when they refer to no cell', () => {
  it('tells references from constant arithmetic and function calls', () => {
    expect(refersToCells('=1200*1.1')).toBe(false);
    expect(refersToCells('=ROUND(1234.5*1.1, 0)')).toBe(false);
    expect(refersToCells('=SUM(1,2)+TRUE')).toBe(false);
    expect(refersToCells('="B5"&"x"')).toBe(false);
    expect(refersToCells('=B5*1.1')).toBe(true);
    expect(refersToCells('=$B$5')).toBe(true);
    expect(refersToCells('=SUM(C3:C9)')).toBe(true);
    expect(refersToCells("='Other sheet'!A1")).toBe(true);
    expect(refersToCells('=Growth*2')).toBe(true);
  });

  it('a constant formula is carried as a formula, a referring one as its value', () => {
    const { carried } = reread(planSpec(['Olga'], ['2026-01', '2026-02']), [
      [2, 2, '=100*1.5'],
      [2, 3, '=B2*2'],
    ]);
    expect([...carried.values()].map((c) => c.value)).toEqual([{ formula: '=100*1.5' }, 0]);
  });
});
